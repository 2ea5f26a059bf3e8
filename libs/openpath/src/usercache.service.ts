import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rows } from '@muvo/database';
import { counter } from '@muvo/observability';
import { OpenpathErrors } from './openpath.exceptions';
import { OpenpathPipeline } from './openpath-pipeline.service';
import type { OpenpathCaller } from './openpath-token.service';
import { checkPhoneEntries, type RefusedEntry, storableBatch } from './phone-entries';

const entriesReceived = counter('muvo_openpath_entries_total', 'Entries uploaded by OpenPATH phones', ['outcome']);

/** Twice the app's largest batch: more is not a phone (and would cost memory to refuse one by one). */
export const MAX_ENTRIES_PER_PUT = 20_000;

export interface PutOutcome {
  received: number;
  stored: number;
  duplicates: number;
  refused: RefusedEntry[];
}

/** A `float8[]` literal of finite numbers, written at once (pg would quote and escape each). */
const floatArray = (values: readonly number[]) => `{${values.join(',')}}`;

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
 * write_ts, type) key makes a resend a no-op. A batch is one statement and one commit, before
 * the answer, since the phone deletes its copy on a 200.
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
    const accepted = batch.entries;
    const { refused } = check;
    if (refused.length) {
      this.logger.warn(
        `participant ${caller.participantId}: refused ${refused.length} of ${entries.length} entries: ${summarise(refused)}`,
      );
      entriesReceived.inc({ outcome: 'refused' }, refused.length);
    }
    // One statement, so one round trip and its own transaction: the entries and the phone's
    // `last_received_at` (which the sweep reads) are committed together, before the answer.
    const [{ count }] = await rows<{ count: string }>(
      this.dataSource,
      `WITH inserted AS (
         INSERT INTO openpath_entries (participant_id, key, write_ts, type, ts, platform, time_zone, data)
         SELECT $1, k, w, t, s, p, z, d::json
           FROM ROWS FROM (unnest($2::text[]), unnest($3::float8[]), unnest($4::text[]), unnest($5::float8[]),
                           unnest($6::text[]), unnest($7::text[]), string_to_table($8::text, $9::text))
             AS e(k, w, t, s, p, z, d)
         ON CONFLICT DO NOTHING
         RETURNING 1),
       received AS (
         INSERT INTO openpath_participants (participant_id) VALUES ($1)
         ON CONFLICT (participant_id) DO UPDATE SET last_received_at = now())
       SELECT count(*) FROM inserted`,
      [
        caller.participantId,
        batch.keys,
        floatArray(batch.writeTs),
        batch.types,
        floatArray(batch.ts),
        batch.platforms,
        batch.timeZones,
        batch.data,
        batch.separator,
      ],
    );
    const stored = Number(count);
    // Trips are looked for after the answer: the phone does not wait for the segmentation.
    if (stored > 0) this.pipeline.schedule(caller.participantId);
    entriesReceived.inc({ outcome: 'stored' }, stored);
    entriesReceived.inc({ outcome: 'duplicate' }, accepted.length - stored);
    return { received: entries.length, stored, duplicates: accepted.length - stored, refused };
  }

  /** Documents the server pushes to the phone: muvo pushes none. */
  get(): { server_to_phone: unknown[] } {
    return { server_to_phone: [] };
  }
}
