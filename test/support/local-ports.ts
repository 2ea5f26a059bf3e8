import type { ChildProcess } from 'node:child_process';
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

/**
 * Asks each process to stop (SIGTERM) and waits until it has exited, killing it after `graceMs`:
 * a database dropped under a process still shutting down makes it log "terminating connection
 * due to administrator command" errors that are not the benchmark's.
 */
export async function stopProcesses(children: readonly ChildProcess[], graceMs = 30_000): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }),
  );
}
