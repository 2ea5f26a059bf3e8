import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ThreadPool } from './thread-pool';

/** A thread that answers `{ id, doubled }` after `delayMs`, dies on `die`, and exits on farewell. */
const ECHO_THREAD = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m === 'bye') return parentPort.close();
  if (m.die) process.exit(3);
  setTimeout(() => parentPort.postMessage({ id: m.id, doubled: m.value * 2, threadId: require('node:worker_threads').threadId }), m.delayMs ?? 0);
});
`;

type Request = { id: number; value: number; delayMs?: number; die?: boolean };
type Reply = { id: number; doubled: number; threadId: number };

describe(ThreadPool.name, () => {
  let dir: string;
  let file: string;
  let lost: [string, number][];
  let pool: ThreadPool<Request, Reply>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'muvo-thread-pool-'));
    file = join(dir, 'echo.thread.js');
    writeFileSync(file, ECHO_THREAD);
    lost = [];
    pool = new ThreadPool<Request, Reply>({
      file,
      size: 2,
      workerData: () => null,
      lostError: () => new Error('lost'),
      onLost: (why, failed) => lost.push([why, failed]),
    });
  });
  afterEach(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each request from the thread it was sent to, the least busy one', async () => {
    const first = pool.pick();
    const slow = first.request({ id: pool.nextId(), value: 1, delayMs: 200 });
    // The first thread is busy: the second is started for the next request.
    const second = pool.pick();
    expect(second).not.toBe(first);
    const quick = await second.request({ id: pool.nextId(), value: 21 });
    expect(quick.doubled).toBe(42);
    expect((await slow).doubled).toBe(2);
    expect(quick.threadId).not.toBe((await slow).threadId);
    // Both idle again: the first slot is picked.
    expect(pool.pick()).toBe(first);
  });

  it('fails the requests of a thread that dies, says so, and starts another on the next pick', async () => {
    const thread = pool.pick();
    const waiting = thread.request({ id: pool.nextId(), value: 1, delayMs: 5_000 });
    const dying = thread.request({ id: pool.nextId(), value: 2, die: true });
    await expect(waiting).rejects.toThrow('lost');
    await expect(dying).rejects.toThrow('lost');
    expect(lost).toEqual([['exit code 3', 2]]);
    await expect(thread.request({ id: pool.nextId(), value: 3 })).rejects.toThrow('lost');
    const next = pool.pick();
    expect(next).not.toBe(thread);
    expect((await next.request({ id: pool.nextId(), value: 4 })).doubled).toBe(8);
  });

  it('closes with a farewell each thread exits on, and is then closed to work', async () => {
    const thread = pool.pick();
    await thread.request({ id: pool.nextId(), value: 1 });
    expect(pool.open).toBe(true);
    await pool.close('bye');
    expect(thread.alive).toBe(false);
    expect(pool.open).toBe(false);
    expect(lost).toEqual([]);
  });

  it('is not open without threads', () => {
    expect(
      new ThreadPool({ file, size: 0, workerData: () => null, lostError: () => new Error(), onLost: () => undefined })
        .open,
    ).toBe(false);
  });
});
