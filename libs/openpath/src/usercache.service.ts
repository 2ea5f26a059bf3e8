import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OpenpathErrors } from './openpath.exceptions';
import { OpenpathPipeline } from './openpath-pipeline.service';
import type { OpenpathCaller } from './openpath-token.service';
import { entriesReceived, storeUpload } from './openpath-uploads';
import { checkPhoneEntries, type RefusedEntry, storableBatch } from './phone-entries';

/** Twice the app's largest batch: more is not a phone (and would cost memory to refuse one by one). */
export const MAX_ENTRIES_PER_PUT = 20_000;

export interface PutOutcome {
  received: number;
  /** Stored in the inbox; resends among them are told apart when it is expanded. */
  accepted: number;
  refused: RefusedEntry[];
}

/** How many refusals of each reason, with an example key: one log line per batch. */
function summarise(refused: readonly RefusedEntry[]): string {
  const byReason = new Map<string, { count: number; key: string | null; index: number }>();
  for (const r of refused) {
    const seen = byReason.get(r.reason);
    if (seen) seen.count++;
    else byReason.set(r.reason, { count: 1, key: r.key, index: r.index });
  }
  return [...byReason]
    .map(([reason, s]) => `${reason} ×${s.count} (first: #${s.index} ${s.key ?? 'no key'})`)
    .join('; ');
}

/**
 * The phone's side of the sync (`/usercache/put` and `/usercache/get`). Entries are stored raw,
 * once each: the phone resends whatever it did not see acknowledged, so the (participant, key,
 * write_ts, type) key makes a resend a no-op when the inbox is expanded. A batch is one
 * statement and one commit, before the answer, since the phone deletes its copy on a 200.
 */
@Injectable()
export class UsercacheService {
  private readonly logger = new Logger(UsercacheService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: OpenpathPipeline,
  ) {}

  async put(caller: OpenpathCaller, body: unknown): Promise<PutOutcome> {
    const entries = (body as { phone_to_server?: unknown } | null)?.phone_to_server;
    if (!Array.isArray(entries)) throw OpenpathErrors.malformedBody('phone_to_server must be an array of entries');
    if (entries.length > MAX_ENTRIES_PER_PUT) throw OpenpathErrors.tooManyEntries(MAX_ENTRIES_PER_PUT);
    const check = checkPhoneEntries(entries);
    const batch = storableBatch(check);
    const { refused } = check;
    if (refused.length) {
      this.logger.warn(
        `participant ${caller.participantId}: refused ${refused.length} of ${entries.length} entries: ${summarise(refused)}`,
      );
      entriesReceived.inc({ outcome: 'refused' }, refused.length);
    }
    // Durable before the answer, as one inbox row; its entries reach openpath_entries (where
    // duplicates are told apart) when the pipeline, or any reader, expands the inbox.
    await storeUpload(this.dataSource, caller.participantId, batch);
    const accepted = batch.entries.length;
    // Trips are looked for after the answer: the phone does not wait for the segmentation.
    if (accepted > 0) this.pipeline.schedule(caller.participantId);
    return { received: entries.length, accepted, refused };
  }

  /** Documents the server pushes to the phone: muvo pushes none. */
  get(): { server_to_phone: unknown[] } {
    return { server_to_phone: [] };
  }
}
