{# Rendered by tickets.views.pass_service_worker. #}// Pameran pass pages: once opened, a pass page opens again without a network.
const CACHE = "pameran-passes-v1";
const SHELL = {{ shell|safe }};
const NETWORK_TIMEOUT_MS = 4000;  // a congested network at the gate is as good as none

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting())
  );
});
self.addEventListener("activate", (event) => { event.waitUntil(self.clients.claim()); });

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
  // The pages vary on the language cookie; the copy kept is the one this phone saw.
  const hit = await cache.match(request, { ignoreVary: true, ignoreSearch: true });
  return hit || Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const isPass = url.pathname.includes("/tiket/p/") && !url.pathname.endsWith("/pdf/");
  const isStatic = url.pathname.startsWith("{{ static_prefix }}");
  if (!isPass && !isStatic) return;
  // Network first for the pass (a voided pass must show as void), the copy when offline.
  event.respondWith(
    withTimeout(fetch(request), NETWORK_TIMEOUT_MS).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() => fromCache(request))
  );
});
