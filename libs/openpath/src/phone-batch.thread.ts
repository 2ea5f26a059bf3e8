import { parentPort, workerData } from 'node:worker_threads';
import { Pool, type PoolConfig } from 'pg';
import { type InboxBatch, preparePut, type PutSummary, summaryOf } from './phone-batch';
import { storeUpload } from './upload-inbox';

/**
 * The entry of a put thread ({@link PhoneBatchThreads}). It prepares each body it is sent and
 * keeps the batch; once the event loop has checked the body's token, the thread stores the batch
 * in the inbox through its own connections, so the megabytes never cross back to the event loop
 * nor through its socket. Importing this module elsewhere does nothing: it serves only in a thread
 * started with {@link PHONE_BATCH_THREAD_ROLE}.
 */
export const PHONE_BATCH_THREAD_ROLE = 'muvo-phone-batch';

export interface PhoneBatchThreadData {
  role: string;
  database: PoolConfig;
}

/** `id` pairs a request with its reply; `batch` is the id of the prepare that made the batch. */
export type PhoneBatchRequest =
  | { kind: 'prepare'; id: number; body: Uint8Array; maxEntries: number }
  | { kind: 'store'; id: number; batch: number; participantId: string }
  | { kind: 'discard'; batch: number }
  | { kind: 'close' };

export type PhoneBatchReply =
  | { id: number; summary: PutSummary }
  | { id: number; stored: true }
  | { id: number; failed: { message: string; code?: string } };

const port = parentPort;
const data = workerData as PhoneBatchThreadData | null;
if (port && data?.role === PHONE_BATCH_THREAD_ROLE) {
  const database = new Pool(data.database);
  // An idle connection that drops is replaced by the next query; the error needs no handling.
  database.on('error', () => undefined);
  const held = new Map<number, InboxBatch>();
  const reply = (message: PhoneBatchReply) => port.postMessage(message);
  port.on('message', (request: PhoneBatchRequest) => {
    switch (request.kind) {
      case 'prepare': {
        const prepared = preparePut(request.body, Date.now(), request.maxEntries);
        if (prepared.ok) held.set(request.id, prepared.batch);
        reply({ id: request.id, summary: summaryOf(prepared) });
        break;
      }
      case 'store': {
        const batch = held.get(request.batch);
        held.delete(request.batch);
        if (!batch) {
          reply({ id: request.id, failed: { message: 'no prepared batch' } });
          break;
        }
        storeUpload(database, request.participantId, batch).then(
          () => reply({ id: request.id, stored: true }),
          (error: { message?: string; code?: string }) =>
            reply({ id: request.id, failed: { message: String(error?.message), code: error?.code } }),
        );
        break;
      }
      case 'discard':
        held.delete(request.batch);
        break;
      case 'close':
        void database.end().finally(() => port.close());
        break;
    }
  });
}
