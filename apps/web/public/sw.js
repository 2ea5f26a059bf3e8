/*
 * The web app opens without a connection, with the voucher wallet as it was last fetched, so a
 * voucher can be shown at the counter in a basement shop. As the counter page's worker: the app's
 * files come from the network when there is one (an update is never missed) and from the cache
 * when there is not. Of the API, only the participant's list of vouchers is kept (a voucher's code
 * and QR do not change; the counter checks them against the server anyway); every other call,
 * and every write, goes to the network only. Logging out deletes the kept wallet (see offline.ts).
 */
'use strict';

const SHELL = 'muvo-web-shell-v1';
const WALLET = 'muvo-wallet-data-v1';
const SCOPE = new URL(self.registration.scope);
const INDEX = new URL('./', SCOPE).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.add(INDEX))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== WALLET).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** Which cache a request belongs in and under what key, or null: the network only. */
function cacheFor(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return null;
  if (url.pathname.startsWith('/app/voucher-api/v1/vouchers')) return { cache: WALLET, key: url.href };
  if (url.pathname.startsWith('/app/voucher-api/') || url.pathname === '/app/config.json') return null;
  // The page itself (any hash, any query) is one entry; assets are named by their content.
  if (request.mode === 'navigate' || url.pathname === SCOPE.pathname) return { cache: SHELL, key: INDEX };
  if (url.pathname.startsWith(`${SCOPE.pathname}assets/`)) return { cache: SHELL, key: url.href };
  return null;
}

self.addEventListener('fetch', (event) => {
  const target = cacheFor(event.request);
  if (!target) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(target.cache);
      try {
        const response = await fetch(event.request);
        if (response.ok) await cache.put(target.key, response.clone());
        return response;
      } catch (error) {
        const cached = await cache.match(target.key);
        if (cached) return cached;
        throw error;
      }
    })(),
  );
});
