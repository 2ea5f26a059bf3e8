import { Client } from 'pg';

/**
 * Watches every pg connection of the apps running in this test file for a query sent before the
 * connection's previous one answered: pg queues it with "client.query() when the client is already
 * executing a query" (deprecated, refused from pg 9), which only happens on one connection shared
 * by parallel code, a transaction's. Each such query is recorded with where it was sent from.
 */
export function watchOverlappingQueries(): { overlaps: string[]; stop: () => void } {
  const original = Client.prototype.query;
  const inFlight = new WeakMap<object, number>();
  const overlaps: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Client.prototype.query = function (this: Client, ...args: any[]) {
    const running = inFlight.get(this) ?? 0;
    if (running > 0) {
      const text = String(typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '')).replace(/\s+/g, ' ');
      const from = (new Error().stack ?? '')
        .split('\n')
        .filter((line) => line.includes('/libs/') || line.includes('/apps/'))
        .slice(0, 3)
        .map((line) => line.trim());
      overlaps.push([text.slice(0, 100), ...from].join(' | '));
    }
    inFlight.set(this, running + 1);
    const done = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (original as (...a: any[]) => any).apply(this, args);
    if (result && typeof result.then === 'function') result.then(done, done);
    else done();
    return result;
  } as typeof Client.prototype.query;
  return { overlaps, stop: () => (Client.prototype.query = original) };
}
