/**
 * The service worker (public/sw.js) keeps the app's own files and the last voucher wallet it
 * fetched, so a voucher opened once can be shown at the counter without a connection. Service
 * workers need a secure context (HTTPS or localhost); elsewhere the app works online only.
 */
export const WALLET_CACHE = 'muvo-wallet-data-v1';

export function registerOfflineWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  // The first visit loaded the app's files before the worker was there: once it takes over, ask
  // for them again (from the browser's cache, they are immutable) so that it keeps a copy.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    for (const entry of performance.getEntriesByType('resource')) {
      if (new URL(entry.name).pathname.startsWith('/app/assets/')) void fetch(entry.name).catch(() => undefined);
    }
  });
  const register = () =>
    navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => {
      // No offline copy on this device; everything still works online.
    });
  // After the page's load, so that installing never competes with the first page; the app's code
  // may itself run after that event (main.tsx imports it), and then it registers at once.
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

/** On logging out, the wallet kept for offline use goes too: the next person on this device must not see it. */
export async function forgetOfflineData(): Promise<void> {
  if ('caches' in window) await caches.delete(WALLET_CACHE).catch(() => false);
}
