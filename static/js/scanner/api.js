// The check-in API (tickets/api.py), with a timeout: at a crowded gate a request that
// does not answer in time is a network that is down, and the scan is judged on the phone.

export const TIMEOUT_MS = 2500;

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.detail = detail || "";
  }
  /** Worth judging offline / retrying later: no answer, or the server failing. */
  get isNetwork() {
    return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

export class Api {
  constructor({ base, language, csrf }) {
    this.base = base.replace(/\/$/, "");
    this.language = language;
    this.csrf = csrf;
    this.token = null;
  }

  async request(method, path, { body, timeout = TIMEOUT_MS, session = false } = {}) {
    const headers = { Accept: "application/json", "Accept-Language": this.language };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (session) headers["X-CSRFToken"] = this.csrf;
    else if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    let response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: session ? "same-origin" : "omit",
        cache: "no-store",
        signal: controller.signal,
      });
    } catch (error) {
      throw new ApiError(0, error.name === "AbortError" ? "timeout" : "network");
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 204) return null;
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (!response.ok) {
      let detail = data && data.detail;
      if (Array.isArray(detail)) detail = detail.map((item) => item.msg || "").join(" ");
      throw new ApiError(response.status, detail || response.statusText);
    }
    return data;
  }

  register(gate, name) {
    return this.request("POST", "/devices", { body: { gate, name }, session: true, timeout: 15000 });
  }
  signOut() {
    return this.request("DELETE", "/devices/me", { timeout: 8000 });
  }
  config() {
    return this.request("GET", "/config", { timeout: 15000 });
  }
  redeem(scan) {
    return this.request("POST", "/redeem", { body: scan });
  }
  batch(scans) {
    return this.request("POST", "/batch", { body: { scans }, timeout: 30000 });
  }
  revocations(since) {
    return this.request("GET", `/revocations?since=${since}`, { timeout: 15000 });
  }
  admitted(since) {
    return this.request("GET", `/admitted?since=${since}`, { timeout: 15000 });
  }
}
