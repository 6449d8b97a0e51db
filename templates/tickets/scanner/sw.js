{# Rendered by tickets.scanner_views.service_worker; the values are JSON. #}// Pameran gate scanner: keeps the shell and its files so the scanner opens with no network.
// The check-in API is never cached: scans go to the network or to the page's offline queue.
const VERSION = "{{ version }}";
const SCOPE = new URL({{ scope|safe }}, self.location.origin).pathname;
const SHELL = new URL({{ shell|safe }}, self.location.origin).href;
const MANIFEST = new URL({{ manifest|safe }}, self.location.origin).href;
const ASSETS = {{ assets|safe }}.map((path) => new URL(path, self.location.origin).href);
const STATIC_PREFIX = new URL({{ static_prefix|safe }}, self.location.origin).pathname;
const PREFIX = `pameran-scanner:${SCOPE}:`;
const CACHE = PREFIX + VERSION;
const NAVIGATION_TIMEOUT_MS = 4000;

async function cacheShell(cache) {
  try {
    const response = await fetch(SHELL, { credentials: "same-origin", cache: "no-store" });
    if (response.ok && !response.redirected) await cache.put(SHELL, response);
  } catch (error) {
    // Offline while installing: the next visit online caches the shell.
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...ASSETS, MANIFEST]);
      await cacheShell(cache);
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error) => { clearTimeout(timer); reject(error); }
    );
  });
}

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return cache.match(request, { ignoreSearch: true });
}

// The shell: the network first (new gates, a fresh CSRF token), the cached copy when the
// network is down or too slow. The copy says so in a header.
async function shell(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok && !response.redirected && response.type === "basic") {
      await cache.put(SHELL, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(SHELL);
    if (!cached) throw error;
    const headers = new Headers(cached.headers);
    headers.set("X-Scanner-Shell", "cache");
    return new Response(cached.body, { status: 200, headers });
  }
}

// The shell's files: from the cache (a new deployment brings a new VERSION), else the network.
async function asset(request) {
  const hit = await fromCache(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname === SCOPE) {
    event.respondWith(shell(request));
  } else if (url.href === MANIFEST || url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(asset(request));
  }
});
