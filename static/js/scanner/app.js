// The gate scanner: sign the phone in at a gate, scan passes, judge them online through
// the check-in API or, when the network is down, on the phone (judge.js), and upload the
// offline scans when it is back. Every text comes from the page (tickets/scanner.html).

import { Api, ApiError } from "./api.js";
import { Camera } from "./camera.js";
import { signal, unlockAudio } from "./feedback.js";
import { ADMITTED, IN, judgeOffline, movePresence, OUT, REFUSED, scanDay, UNVERIFIED } from "./judge.js";
import * as store from "./store.js";
import { base64Decode, looksLikeToken, readClaims } from "./token.js";

const boot = JSON.parse(document.getElementById("scanner-boot").textContent);
const S = boot.strings;
const REASONS = boot.reasons;
const PASS_TYPES = boot.pass_types; // id → name in the page's language

const DEBOUNCE_MS = 3000; // the same code seen again within this is the same scan
const SHOW_ADMITTED_MS = 1500;
const SHOW_REFUSED_MS = 3000;
const RETRY_MS = 10_000; // upload the queue, and how long a failed request marks the network down
const PULL_MS = 30_000; // revocations and admitted lists
const CONFIG_MS = 5 * 60_000;
const BATCH = 500;
const HISTORY = 8;

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
const plural = (key, count) => fmt(S[count === 1 ? `${key}_one` : `${key}_other`], { count });

const ui = {
  app: $("[data-app]"),
  gateName: $("[data-gate-name]"),
  eventName: $("[data-event-name]"),
  status: $("[data-status]"),
  queue: $("[data-queue]"),
  toast: $("[data-toast]"),
  setupForm: $("[data-setup-form]"),
  setupError: $("[data-setup-error]"),
  deviceName: $("[data-device-name]"),
  camera: $("[data-camera]"),
  video: $("[data-video]"),
  cameraMessage: $("[data-camera-message]"),
  manualForm: $("[data-manual-form]"),
  manualCode: $("[data-manual-code]"),
  history: $("[data-history]"),
  syncInfo: $("[data-sync-info]"),
  result: $("[data-result]"),
};

const api = new Api({ base: boot.api, language: boot.language, csrf: boot.csrf });

const state = {
  device: store.loadDevice(),
  settings: store.loadSettings(),
  config: null,
  keys: new Map(),
  gateId: null,
  revocations: new Map(), // pass id → lowest valid serial (0: void)
  revocationCursor: 0,
  presence: new Map(), // pass id → {inside, day, t}
  presenceDate: null,
  admittedCursor: 0,
  clockOffset: 0, // server time − phone time, ms
  netDownUntil: 0,
  lastPull: 0,
  lastConfig: 0,
  syncedAt: null,
  queueCount: 0,
  busy: false,
  uploading: false,
  pulling: false,
  lastText: "",
  lastTextAt: 0,
  resultTimer: null,
  toastTimer: null,
};

// --- small helpers ----------------------------------------------------------------------

function now() {
  return new Date(Date.now() + state.clockOffset);
}

function newNonce() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function reasonText(reason, fallback = "") {
  return REASONS[reason] || (state.config && state.config.reasons[reason]) || fallback || reason;
}

/** The pass type's name in the page's language, from the token when ``text`` is one. */
function passTypeName(text, fallback) {
  if (!looksLikeToken(text)) return fallback;
  try {
    return PASS_TYPES[readClaims(text).claims.passTypeId] || fallback;
  } catch (error) {
    return fallback;
  }
}

function clock(date) {
  return new Intl.DateTimeFormat(boot.language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

/** selectors.display_code: ``K7M3Q9XD2A`` as ``K7M3Q-9XD2A``. */
function displayCode(code) {
  const plain = code.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
  if (plain.length <= 6) return plain;
  const half = Math.ceil(plain.length / 2);
  return `${plain.slice(0, half)}-${plain.slice(half)}`;
}

function showScreen(name) {
  ui.app.dataset.screen = name;
  for (const screen of $$("[data-screen-name]")) screen.hidden = screen.dataset.screenName !== name;
}

function toast(text, ms = 5000) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  clearTimeout(state.toastTimer);
  state.toastTimer = setTimeout(() => (ui.toast.hidden = true), ms);
}

// --- network state ----------------------------------------------------------------------

function reachable() {
  return navigator.onLine !== false && Date.now() >= state.netDownUntil;
}

function markOnline() {
  state.netDownUntil = 0;
  renderStatus();
}

function markDown() {
  state.netDownUntil = Date.now() + RETRY_MS;
  renderStatus();
}

function renderStatus() {
  const online = navigator.onLine !== false && Date.now() >= state.netDownUntil;
  const busy = state.uploading;
  ui.status.dataset.online = busy ? "syncing" : online ? "online" : "offline";
  ui.status.textContent = busy ? S.syncing : online ? S.online : S.offline;
  ui.queue.dataset.count = String(state.queueCount);
  ui.queue.hidden = state.queueCount === 0;
  ui.queue.textContent = plural("queued", state.queueCount);
  ui.syncInfo.textContent = state.syncedAt
    ? fmt(S.last_sync, { time: clock(state.syncedAt) })
    : S.never_synced;
}

async function refreshQueueCount() {
  state.queueCount = state.device ? await store.queueCount(state.device.event) : 0;
  renderStatus();
}

// --- the edition's data, kept for offline use ---------------------------------------------

function useConfig(config) {
  state.config = config;
  state.keys = new Map(config.keys.map((key) => [key.kid, base64Decode(key.public_key)]));
  ui.eventName.textContent = config.event.name;
}

async function loadLocal() {
  const event = state.device.event;
  const [config, revocations, presence, meta] = await Promise.all([
    store.kvGet(`config:${event}`),
    store.kvGet(`revocations:${event}`),
    store.kvGet(`presence:${event}`),
    store.kvGet(`meta:${event}`),
  ]);
  if (config) useConfig(config);
  if (revocations) {
    state.revocations = new Map(revocations.items);
    state.revocationCursor = revocations.cursor;
  }
  if (presence) {
    state.presence = new Map(presence.items);
    state.admittedCursor = presence.cursor;
    state.presenceDate = presence.date;
  }
  if (meta) {
    state.clockOffset = meta.clockOffset || 0;
    state.syncedAt = meta.syncedAt ? new Date(meta.syncedAt) : null;
  }
}

function resetLocal() {
  state.config = null;
  state.keys = new Map();
  state.revocations = new Map();
  state.revocationCursor = 0;
  state.presence = new Map();
  state.presenceDate = null;
  state.admittedCursor = 0;
  state.syncedAt = null;
  state.lastPull = 0;
  state.lastConfig = 0;
}

async function saveRevocations() {
  await store.kvSet(`revocations:${state.device.event}`, {
    cursor: state.revocationCursor,
    items: Array.from(state.revocations),
  });
}

async function savePresence() {
  await store.kvSet(`presence:${state.device.event}`, {
    cursor: state.admittedCursor,
    date: state.presenceDate,
    items: Array.from(state.presence),
  });
}

async function saveMeta() {
  await store.kvSet(`meta:${state.device.event}`, {
    clockOffset: state.clockOffset,
    syncedAt: state.syncedAt ? state.syncedAt.getTime() : null,
  });
}

async function fetchConfig() {
  const sent = Date.now();
  const config = await api.config();
  const received = Date.now();
  state.clockOffset = Date.parse(config.server_time) - (sent + received) / 2;
  state.lastConfig = received;
  useConfig(config);
  await store.kvSet(`config:${state.device.event}`, config);
  await saveMeta();
}

/** The presence list is of one day: a new day starts empty. */
function presenceDay() {
  const day = state.config ? scanDay(state.config, now()) : null;
  const date = day ? day.date : null;
  if (state.presenceDate !== date) {
    state.presence = new Map();
    state.presenceDate = date;
  }
  return day;
}

async function pullLists() {
  if (state.pulling) return;
  state.pulling = true;
  try {
    for (;;) {
      const page = await api.revocations(state.revocationCursor);
      for (const item of page.items) state.revocations.set(item.p, item.s);
      state.revocationCursor = page.cursor;
      if (!page.more) break;
    }
    await saveRevocations();
    const day = presenceDay();
    for (;;) {
      const page = await api.admitted(state.admittedCursor);
      for (const item of page.items) {
        if (day) movePresence(state.presence, item.p, item.d, day.id, item.t);
      }
      state.admittedCursor = page.cursor;
      if (!page.more) break;
    }
    await savePresence();
    state.lastPull = Date.now();
    state.syncedAt = new Date();
    ui.app.dataset.synced = "true";
    await saveMeta();
    markOnline();
  } finally {
    state.pulling = false;
  }
}

// --- uploading the offline queue ----------------------------------------------------------

function forUpload(scan) {
  const { event, ...rest } = scan;
  return rest;
}

async function uploadQueue() {
  if (state.uploading || !state.device) return;
  state.uploading = true;
  renderStatus();
  let uploaded = 0;
  let conflicts = 0;
  try {
    for (;;) {
      const scans = await store.queued(state.device.event, BATCH);
      if (!scans.length) break;
      let results;
      try {
        results = (await api.batch(scans.map(forUpload))).results;
      } catch (error) {
        if (!(error instanceof ApiError) || error.isNetwork || error.status === 401) throw error;
        results = await uploadOneByOne(scans); // one bad scan must not hold back the rest
      }
      const byNonce = new Map(scans.map((scan) => [scan.nonce, scan]));
      const day = presenceDay();
      for (const result of results) {
        const scan = byNonce.get(result.nonce);
        if (result.result === ADMITTED && result.pass_id && day && scan) {
          const at = new Date(scan.scanned_at);
          const scanDayNow = scanDay(state.config, at);
          if (scanDayNow && scanDayNow.id === day.id) {
            movePresence(state.presence, result.pass_id, result.direction, day.id, at.getTime() / 1000);
          }
        }
        if (result.conflict && !result.replayed) conflicts += 1;
        updateHistory(result);
      }
      await store.dequeue(scans.map((scan) => scan.nonce));
      await savePresence();
      uploaded += scans.length;
      markOnline();
      if (scans.length < BATCH) break;
    }
  } finally {
    state.uploading = false;
    await refreshQueueCount();
  }
  if (uploaded) {
    const parts = [plural("uploaded", uploaded)];
    if (conflicts) parts.push(plural("conflicts", conflicts));
    ui.toast.dataset.conflicts = String(conflicts);
    toast(parts.join(" "), conflicts ? 10_000 : 4000);
  }
  return { uploaded, conflicts };
}

async function uploadOneByOne(scans) {
  const results = [];
  for (const scan of scans) {
    try {
      results.push(...(await api.batch([forUpload(scan)])).results);
    } catch (error) {
      if (!(error instanceof ApiError) || error.isNetwork || error.status === 401) throw error;
      console.warn("Scan refused by the server, dropped from the queue", scan, error.detail);
      await store.kvSet(`rejected:${scan.nonce}`, { ...scan, detail: error.detail });
      results.push({ nonce: scan.nonce, result: REFUSED, conflict: false, replayed: false });
    }
  }
  return results;
}

// --- the background loop -----------------------------------------------------------------

async function sync({ force = false } = {}) {
  if (!state.device || navigator.onLine === false) return renderStatus();
  if (!force && !reachable()) return renderStatus();
  try {
    if (!state.config || Date.now() - state.lastConfig > CONFIG_MS) await fetchConfig();
    if (state.queueCount) await uploadQueue();
    if (force || Date.now() - state.lastPull > PULL_MS) await pullLists();
    markOnline();
  } catch (error) {
    handleFailure(error);
  }
  renderStatus();
}

function handleFailure(error) {
  if (error instanceof ApiError && error.status === 401) {
    deviceLost();
  } else if (error instanceof ApiError && error.isNetwork) {
    markDown();
  } else {
    console.error(error);
    markDown();
  }
}

function deviceLost() {
  state.device = null;
  store.saveDevice(null);
  api.token = null;
  stopCamera();
  showSetup(S.signed_out_by_server);
}

// --- showing a verdict -------------------------------------------------------------------

const ICONS = { admitted: "✓", refused: "✕", unverified: "?" };

function show(verdict) {
  const { kind, reason, name, passType, code, direction, offline } = verdict;
  let title;
  let detail = "";
  let hint = "";
  if (kind === ADMITTED) {
    title = direction === OUT ? S.exit_ok : S.admitted;
    if (reason) detail = reasonText(reason);
  } else if (kind === REFUSED) {
    title = S.refused;
    detail = reasonText(reason, verdict.reasonText);
  } else {
    title = S.queued;
    detail = verdict.unverifiedReason ?? S.queued_reason;
    hint = S.queued_hint;
  }
  const r = ui.result;
  r.dataset.result = kind;
  r.dataset.reason = reason || "";
  r.dataset.direction = direction;
  r.dataset.offline = offline ? "true" : "false";
  $("[data-result-icon]", r).textContent = ICONS[kind];
  $("[data-result-title]", r).textContent = title;
  $("[data-result-reason]", r).textContent = detail;
  const nameLine = $("[data-result-name]", r);
  nameLine.textContent = name || "";
  nameLine.classList.toggle("is-placeholder", name === S.name_when_online);
  $("[data-result-meta]", r).textContent = [passType, code && displayCode(code)].filter(Boolean).join(" · ");
  $("[data-result-hint]", r).textContent = hint;
  $("[data-result-offline]", r).hidden = !offline;
  r.hidden = false;
  r.focus({ preventScroll: true });
  signal(kind);
  clearTimeout(state.resultTimer);
  state.resultTimer = setTimeout(hideResult, kind === ADMITTED ? SHOW_ADMITTED_MS : SHOW_REFUSED_MS);
  addHistory({ ...verdict, title, detail: detail || hint });
}

function hideResult() {
  clearTimeout(state.resultTimer);
  ui.result.hidden = true;
}

function addHistory(entry) {
  const item = document.createElement("li");
  item.className = "history-item";
  item.dataset.result = entry.kind;
  item.dataset.nonce = entry.nonce || "";
  item.dataset.offline = entry.offline ? "true" : "false";
  item.dataset.passType = entry.passType || "";
  const time = document.createElement("span");
  time.className = "history-time";
  time.textContent = clock(new Date());
  const text = document.createElement("span");
  text.className = "history-text";
  const title = document.createElement("strong");
  title.textContent = entry.title;
  const who = document.createElement("span");
  who.className = "history-who";
  who.textContent = [entry.name, entry.passType].filter(Boolean).join(" · ");
  const detail = document.createElement("span");
  detail.className = "history-detail";
  detail.textContent = entry.detail || "";
  text.append(title, who, detail);
  item.append(time, text);
  ui.history.prepend(item);
  while (ui.history.children.length > HISTORY) ui.history.lastElementChild.remove();
}

/** An uploaded offline scan: the name the server knows, and a conflict if there was one. */
function updateHistory(result) {
  const item = ui.history.querySelector(`[data-nonce="${CSS.escape(result.nonce)}"]`);
  if (!item) return;
  item.dataset.uploaded = "true";
  if (result.conflict) item.dataset.conflict = "true";
  if (item.dataset.result === UNVERIFIED && result.result) {
    // The server has judged what the phone could not: show its verdict.
    item.dataset.result = result.result;
    item.querySelector("strong").textContent = result.result === ADMITTED ? S.admitted : S.refused;
    item.querySelector(".history-detail").textContent = result.reason ? reasonText(result.reason, result.reason_text) : "";
  }
  const who = item.querySelector(".history-who");
  if (result.holder_name) {
    who.textContent = [result.holder_name, item.dataset.passType || result.pass_type].filter(Boolean).join(" · ");
  }
  if (result.conflict) item.querySelector(".history-detail").textContent = reasonText(result.reason, result.reason_text);
}

// --- one scan -----------------------------------------------------------------------------

async function handleText(raw, source) {
  const text = String(raw || "").trim();
  if (!text || !state.device) return;
  if (source === "camera") {
    const at = Date.now();
    const same = text === state.lastText && at - state.lastTextAt < DEBOUNCE_MS;
    if (text === state.lastText) state.lastTextAt = at; // held in front of the camera: still the same scan
    if (same || state.busy || !ui.result.hidden) return;
    state.lastText = text;
    state.lastTextAt = at;
  } else if (state.busy) {
    return;
  }
  state.busy = true;
  try {
    await judge(text);
  } catch (error) {
    console.error(error);
    show({ kind: REFUSED, reason: "", reasonText: fmt(S.error, { detail: error.message }), direction: state.settings.direction });
  } finally {
    state.busy = false;
  }
}

async function judge(text) {
  const nonce = newNonce();
  const direction = state.settings.direction;
  const at = now();
  if (reachable()) {
    try {
      const outcome = await api.redeem({ nonce, code: text, direction });
      markOnline();
      if (outcome.result === ADMITTED && outcome.pass_id) {
        const day = presenceDay();
        if (day) movePresence(state.presence, outcome.pass_id, direction, day.id, at.getTime() / 1000);
        savePresence();
      }
      show({
        kind: outcome.result,
        reason: outcome.reason,
        reasonText: outcome.reason_text,
        name: outcome.holder_name,
        passType: outcome.pass_id ? passTypeName(text, outcome.pass_type) : "",
        code: outcome.code,
        direction,
        offline: false,
        nonce,
      });
      return;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 401) return deviceLost();
      if (!error.isNetwork) {
        show({ kind: REFUSED, reason: "unknown", reasonText: error.detail, direction, offline: false, nonce });
        return;
      }
      markDown(); // no answer in time: judge this scan here, with the same nonce
    }
  }
  await judgeHere(text, nonce, direction, at);
}

async function judgeHere(text, nonce, direction, at) {
  let verdict;
  if (state.config) {
    verdict = await judgeOffline(text, direction, at, {
      config: state.config,
      keys: state.keys,
      revocations: state.revocations,
      presence: state.presence,
      gateId: state.gateId,
    });
  } else {
    verdict = { result: UNVERIFIED, reason: "", claims: null, passType: null };
  }
  await store.enqueue({
    nonce,
    code: text,
    direction,
    scanned_at: at.toISOString(),
    device_result: verdict.result === UNVERIFIED ? "" : verdict.result,
    device_reason: verdict.result === REFUSED ? verdict.reason : "",
    event: state.device.event,
  });
  if (verdict.result === ADMITTED && verdict.claims) {
    const day = presenceDay();
    if (day) movePresence(state.presence, verdict.claims.passId, direction, day.id, at.getTime() / 1000);
    await savePresence();
  }
  await refreshQueueCount();
  const passType = verdict.passType
    ? PASS_TYPES[verdict.passType.id] || verdict.passType.name
    : verdict.claims
      ? S.unknown_pass_type
      : "";
  show({
    kind: verdict.result,
    reason: verdict.reason,
    name: verdict.claims ? S.name_when_online : "",
    passType,
    code: verdict.claims ? "" : text.length <= 12 ? text.toUpperCase() : "",
    direction,
    offline: true,
    nonce,
    // Why the phone could not judge: no data yet, a pass type it does not know, a typed code.
    unverifiedReason: !state.config ? S.config_missing : verdict.claims ? "" : S.queued_reason,
  });
}

// --- camera -------------------------------------------------------------------------------

let camera = null;

async function startCamera() {
  unlockAudio();
  ui.cameraMessage.hidden = true;
  ui.camera.dataset.state = "starting";
  try {
    if (!camera) camera = new Camera(ui.video, (text) => handleText(text, "camera"));
    state.lastText = ""; // restarting the camera is asking to scan the code in front of it again
    await camera.start();
    ui.camera.dataset.state = "on";
    state.settings.camera = true;
    store.saveSettings(state.settings);
  } catch (error) {
    ui.camera.dataset.state = "off";
    ui.cameraMessage.textContent = (await Camera.available()) ? S.camera_denied : S.no_camera;
    ui.cameraMessage.hidden = false;
  }
}

function stopCamera({ remember = false } = {}) {
  if (camera) camera.stop();
  ui.camera.dataset.state = "off";
  if (remember) {
    state.settings.camera = false;
    store.saveSettings(state.settings);
  }
}

// --- screens ------------------------------------------------------------------------------

function setDirection(direction) {
  state.settings.direction = direction === OUT ? OUT : IN;
  store.saveSettings(state.settings);
  ui.app.dataset.direction = state.settings.direction;
  for (const button of $$("[data-direction]")) {
    button.setAttribute("aria-checked", String(button.dataset.direction === state.settings.direction));
  }
}

function showSetup(message = "") {
  hideResult();
  ui.gateName.textContent = $("title").textContent.split(" · ")[0];
  ui.eventName.textContent = "";
  if (ui.setupError) {
    ui.setupError.textContent = message;
    ui.setupError.hidden = !message;
  }
  showScreen("setup");
  renderStatus();
}

async function showScan() {
  const device = state.device;
  api.token = device.token;
  state.gateId = device.gate.id;
  ui.gateName.textContent = device.gate.name;
  setDirection(state.settings.direction);
  showScreen("scan");
  await refreshQueueCount();
  if (state.settings.camera) startCamera();
}

async function signIn(event) {
  event.preventDefault();
  unlockAudio();
  const form = ui.setupForm;
  const choice = form.querySelector('input[name="gate"]:checked');
  const submit = form.querySelector("[data-setup-submit]");
  const fail = (message) => {
    ui.setupError.textContent = message;
    ui.setupError.hidden = false;
  };
  if (!choice) return fail(S.choose_gate);
  if (navigator.onLine === false) return fail(S.sign_in_offline);
  submit.disabled = true;
  try {
    const answer = await api.register(Number(choice.value), ui.deviceName.value.trim());
    const previous = state.device;
    state.device = { id: answer.id, token: answer.token, gate: answer.gate, event: answer.event, name: ui.deviceName.value.trim() };
    store.saveDevice(state.device);
    localStorage.setItem("pameran.scanner.name", ui.deviceName.value.trim());
    api.token = answer.token;
    if (!previous || previous.event !== answer.event) resetLocal();
    await loadLocal();
    await fetchConfig();
    await showScan();
    await sync({ force: true });
  } catch (error) {
    if (error instanceof ApiError && error.isNetwork) fail(S.sign_in_offline);
    else fail(fmt(S.sign_in_failed, { detail: error.detail || error.message }));
  } finally {
    submit.disabled = false;
  }
}

async function signOut({ changeGate = false } = {}) {
  if (!state.device) return;
  if (navigator.onLine === false) return toast(S.sign_out_offline);
  try {
    if (state.queueCount) await uploadQueue();
  } catch (error) {
    handleFailure(error);
  }
  if (!state.device) return; // the server had already signed it out
  await refreshQueueCount();
  const question = state.queueCount ? plural("confirm_sign_out_queue", state.queueCount) : S.confirm_sign_out;
  if (!changeGate || state.queueCount) {
    if (!window.confirm(question)) return;
  }
  try {
    await api.signOut();
  } catch (error) {
    // 401: the server had signed this phone out already; anything else: try again later.
    if (!(error instanceof ApiError) || error.status !== 401) {
      return toast(error.isNetwork ? S.sign_out_offline : fmt(S.error, { detail: error.message }));
    }
  }
  stopCamera();
  state.device = null;
  store.saveDevice(null);
  api.token = null;
  showSetup();
}

// --- start --------------------------------------------------------------------------------

function wire() {
  if (ui.setupForm) ui.setupForm.addEventListener("submit", signIn);
  const savedName = localStorage.getItem("pameran.scanner.name");
  if (savedName && ui.deviceName) ui.deviceName.value = savedName;
  for (const button of $$("[data-direction]")) {
    button.addEventListener("click", () => setDirection(button.dataset.direction));
  }
  $("[data-camera-start]").addEventListener("click", startCamera);
  $("[data-camera-stop]").addEventListener("click", () => stopCamera({ remember: true }));
  ui.manualForm.addEventListener("submit", (event) => {
    event.preventDefault();
    unlockAudio();
    const text = ui.manualCode.value;
    if (!text.trim()) return toast(S.need_code, 3000);
    ui.manualCode.value = "";
    handleText(text, "manual");
  });
  ui.result.addEventListener("click", hideResult);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !ui.result.hidden) hideResult();
  });
  ui.queue.addEventListener("click", () => sync({ force: true }));
  $("[data-sign-out]").addEventListener("click", () => signOut());
  $("[data-change-gate]").addEventListener("click", () => signOut({ changeGate: true }));
  window.addEventListener("online", () => {
    state.netDownUntil = 0;
    sync({ force: true });
  });
  window.addEventListener("offline", renderStatus);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") sync();
  });
  setInterval(() => sync(), RETRY_MS);
}

async function start() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(boot.sw, { scope: boot.scope }).catch((error) => console.warn(error));
  }
  wire();
  if (!state.device) {
    showSetup();
    return;
  }
  await loadLocal();
  await showScan();
  await sync({ force: true });
}

start();
