// fibrokit's service worker: keeps this version's static files (styles, scripts, icons, the charting bundle) so
// the installed app opens at once. Pages and data are always fetched from the server and never kept here.
"use strict";
const VERSION = __VERSION__;
const FILES = __FILES__;
const CACHE = "fibrokit-static-" + VERSION;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(FILES); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.startsWith("fibrokit-static-") && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  const url = new URL(event.request.url);
  const kept = url.origin === self.location.origin && event.request.method === "GET" &&
    (url.pathname.startsWith("/static/") || url.pathname.startsWith("/vendor/"));
  if (!kept) { return; }
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(event.request).then(function (found) {
      return found || fetch(event.request).then(function (response) {
        if (response.ok) { cache.put(event.request, response.clone()); }
        return response;
      });
    });
  }));
});
