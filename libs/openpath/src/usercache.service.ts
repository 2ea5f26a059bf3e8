import { Injectable, Logger } from '@nestjs/common';
import { UploadErrors } from '@muvo/tracking';
import { OpenpathErrors } from './openpath.exceptions';
import { OpenpathPipeline } from './openpath-pipeline.service';
import { OpenpathTokenService } from './openpath-token.service';
import { entriesReceived } from './openpath-uploads';
import { MAX_ENTRIES_PER_PUT } from './phone-batch';
import { PhoneBatchThreads } from './phone-batch-threads';
import type { RefusedEntry } from './phone-entries';

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
    private readonly pipeline: OpenpathPipeline,
    private readonly tokens: OpenpathTokenService,
    private readonly threads: PhoneBatchThreads,
  ) {}

  /**
   * A put's body, as bytes (the api hands JSON over unparsed; anything else counts as no body):
   * its token is checked before its shape, as on every OpenPATH route, and only JSON that cannot
   * be read at all is refused before that.
   */
  async put(body: Uint8Array | undefined): Promise<PutOutcome> {
    // No body carries no token.
    if (body === undefined || body.length === 0) throw OpenpathErrors.tokenMissing();
    const upload = await this.threads.prepare(body);
    try {
      const { summary } = upload;
      if (!summary.ok && summary.problem === 'malformed-json') throw UploadErrors.malformedJson(summary.message);
      const caller = await this.tokens.resolve(summary.user);
      if (!summary.ok) {
        throw summary.problem === 'too-many-entries'
          ? OpenpathErrors.tooManyEntries(MAX_ENTRIES_PER_PUT)
          : OpenpathErrors.malformedBody(summary.message);
      }
      const { received, refused, accepted } = summary;
      if (refused.length) {
        this.logger.warn(
          `participant ${caller.participantId}: refused ${refused.length} of ${received} entries: ${summarise(refused)}`,
        );
        entriesReceived.inc({ outcome: 'refused' }, refused.length);
      }
      // Durable before the answer, as one inbox row; its entries reach openpath_entries (where
      // duplicates are told apart) when the pipeline, or any reader, expands the inbox.
      await upload.store(caller.participantId);
      // Trips are looked for after the answer: the phone does not wait for the segmentation.
      if (accepted > 0) this.pipeline.schedule(caller.participantId);
      return { received, accepted, refused };
    } finally {
      upload.discard();
    }
  }

  /** Documents the server pushes to the phone: muvo pushes none. */
  get(): { server_to_phone: unknown[] } {
    return { server_to_phone: [] };
  }
}
