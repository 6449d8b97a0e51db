{# Rendered by tickets.views.pass_service_worker. #}// Pameran pass pages: once opened, a pass page opens again without a network.
const CACHE = "pameran-passes-v1";
const SHELL = {{ shell|safe }};
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting())
  );
});
self.addEventListener("activate", (event) => { event.waitUntil(self.clients.claim()); });
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const isPass = url.pathname.includes("/tiket/p/");
  const isStatic = url.pathname.startsWith("/static/");
  if (!isPass && !isStatic) return;
  // Network first for the pass (a voided pass must show as void), the cache when offline.
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request).then((hit) => hit || Response.error()))
  );
});
