import { createServer } from 'node:net';
import { waitFor } from './http-client';

/** A TCP port free on the loopback right now, for a process the bench or harness starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Waits until `url` answers below 500 (a process it started is up), or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 90_000): Promise<void> {
  const up = () =>
    fetch(url).then(
      (response) => (response.status < 500 ? true : undefined),
      () => undefined, // not listening yet
    );
  await waitFor(up, timeoutMs, `${url} to come up`, 200);
}
