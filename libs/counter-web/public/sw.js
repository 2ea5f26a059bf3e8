/*
 * The counter page opens without a connection. Its own files come from the network when there is
 * one (so an update is never missed and nothing needs a version bump) and from this cache when
 * there is not. Nothing else is cached or queued: calls to the API go straight to the network and
 * fail offline, because a redemption counts only once the server has it (exactly once), and an
 * answer from a cache would be a lie about a voucher.
 */
'use strict';

const CACHE = 'muvo-counter-page-v1';
/** The page and everything it loads, relative to this file (the scope, /counter/). */
const PAGE_FILES = ['./', 'counter.css', 'counter.js', 'i18n.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PAGE_FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/** The cache key of a request for one of the page's files, or null for anything else. */
function pageFileKey(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  const key = new URL(url.pathname, scope).href; // the query string does not change these files
  return PAGE_FILES.some((file) => new URL(file, scope).href === key) ? key : null;
}

self.addEventListener('fetch', (event) => {
  const key = pageFileKey(event.request);
  if (!key) return; // the API and everything else: the network only, as if there were no worker
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(event.request);
        if (response.ok) await cache.put(key, response.clone());
        return response;
      } catch (error) {
        const cached = await cache.match(key);
        if (cached) return cached;
        throw error;
      }
    })(),
  );
});
