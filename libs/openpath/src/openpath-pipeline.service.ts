import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { rows } from '@muvo/database';
import { findAccounts } from '@muvo/identity';
import { DomainException } from '@muvo/kernel';
import { counter } from '@muvo/observability';
import { type ActivitySample, buildActivitySamples, buildTrace, type Trace } from '@muvo/trace';
import { tripIdByIdempotencyKey, TripIngestionService } from '@muvo/tracking';
import { OpenpathLabels } from './openpath-labels.service';
import { expandUploads, phonesWithStaleUploads } from './openpath-uploads';
import { LOCATION_KEYS, MOTION_ACTIVITY_KEY, TRANSITION_KEY } from './phone-entries';
import { activityOf, type PhoneActivity, type PhoneFix, transitionKind } from './phone-stream';
import { DEFAULT_SEGMENTATION, segmentTrips, type SegmentedTrip, type SegmentationOptions } from './trip-segmentation';

const tripsFound = counter('muvo_openpath_trips_total', 'Trips found in OpenPATH phone streams', ['ended_by']);

/** The source format of trips found in a phone's stream (`trips.source_format`). */
export const OPENPATH_FORMAT = 'openpath';

/** The idempotency key of the trip starting at `startTs`: the same trip is handed over once. */
export function openpathTripKey(startTs: number): string {
  return `openpath:${Math.round(startTs * 1000)}`;
}

/** The motion activity sample in force when a trip starts may be this old (s). */
const ACTIVITY_BEFORE_S = 120;

/**
 * The phone's motion activity over a trip, to travel with its trace to the classifier (the sample
 * in force at the start included); null when it recorded none.
 */
export function tripActivity(activity: readonly PhoneActivity[], startTs: number, endTs: number): Trace['activity'] {
  const samples: ActivitySample[] = activity
    .filter((a) => a.ts >= startTs - ACTIVITY_BEFORE_S && a.ts <= endTs)
    .map((a) => ({ ts: a.ts * 1000, activity: a.activity, confidence: a.confidence }));
  return samples.length ? buildActivitySamples(samples) : null;
}

const FILTERED_LOCATION = LOCATION_KEYS[1];
const RAW_LOCATION = LOCATION_KEYS[0];

/** The longest a phone's segmentation waits while the phone keeps sending. */
export const MAX_SEGMENT_WAIT_MS = 60_000;

interface ScheduledRun {
  running: Promise<void>;
  /** Asked for again since the run started (or not run yet). */
  again: boolean;
  /** When the phone's last upload asked for it (ms). */
  askedAt: number;
  /** Ends the delay early (drain). */
  wake: (() => void) | null;
}

/**
 * Turns each phone's stream of fixes into trips and hands each finished trip to the ordinary
 * trip ingestion, so it is scored, paid and shown like any upload. Runs after every upload
 * (in the background, shortly after: the phone's answer does not wait for it), and from
 * `OpenpathSweeper`, which finishes trips whose phone went quiet. A participant's stream is
 * segmented by one run at a time (an advisory lock, not the row lock uploads would queue behind),
 * from where the previous run left it; a trip is keyed by its start, so a run repeated after a
 * crash or a resend hands over nothing twice.
 */
@Injectable()
export class OpenpathPipeline implements OnApplicationShutdown {
  private readonly logger = new Logger(OpenpathPipeline.name);
  private readonly options: SegmentationOptions;
  /**
   * How long a phone must have sent nothing before its stream is segmented
   * (OPENPATH_SEGMENT_DELAY_MS). The phone sends its stream in bursts of puts (up to 10,000
   * entries each) when it syncs; segmenting during the burst would re-read the whole trip under
   * way after every few puts, competing with the uploads for the same cores.
   */
  private readonly delayMs: number;
  /** A phone that never stops sending is still segmented this often. */
  private readonly maxWaitMs: number;
  /**
   * Background segmentations under way at once (OPENPATH_MAX_CONCURRENT_RUNS). A run holds a
   * pooled connection (its transaction) while it hands trips to the ingestion, which needs others:
   * unbounded, a burst of phones' runs took the pool from the uploads, which then waited seconds
   * for a connection.
   */
  private readonly maxRuns: number;
  /** Runs under way or waiting, per participant (a request while one runs queues one more). */
  private readonly runs = new Map<string, ScheduledRun>();
  private draining = false;
  private activeRuns = 0;
  private readonly waitingForSlot: (() => void)[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ingestion: TripIngestionService,
    private readonly labels: OpenpathLabels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.options = {
      ...DEFAULT_SEGMENTATION,
      dwellDistanceM: config.openpath.dwellDistanceM,
      dwellTimeS: config.openpath.dwellTimeS,
    };
    this.delayMs = config.openpath.segmentDelayMs;
    this.maxWaitMs = Math.max(this.delayMs, MAX_SEGMENT_WAIT_MS);
    this.maxRuns = config.openpath.maxConcurrentRuns;
  }

  onApplicationShutdown(): Promise<void> {
    return this.drain();
  }

  /**
   * Segments the participant's stream soon, in the background: once the phone has sent nothing
   * for OPENPATH_SEGMENT_DELAY_MS, so that the burst of puts of one sync is segmented once (and
   * at least every {@link MAX_SEGMENT_WAIT_MS} while a phone keeps sending).
   */
  schedule(participantId: string): void {
    const current = this.runs.get(participantId);
    if (current) {
      current.again = true;
      current.askedAt = Date.now();
      return;
    }
    const entry: ScheduledRun = { running: Promise.resolve(), again: true, askedAt: Date.now(), wake: null };
    entry.running = (async () => {
      while (entry.again) {
        await this.pause(entry);
        entry.again = false;
        await this.withSlot(() => this.segment(participantId).then(() => this.labels.apply(participantId))).catch(
          (error: unknown) =>
            this.logger.warn(`segmenting participant ${participantId} failed: ${(error as Error).message}`),
        );
      }
      this.runs.delete(participantId);
    })();
    this.runs.set(participantId, entry);
  }

  /** Runs `work` when fewer than OPENPATH_MAX_CONCURRENT_RUNS others are under way. */
  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.activeRuns < this.maxRuns) this.activeRuns++;
    else await new Promise<void>((resolve) => this.waitingForSlot.push(resolve));
    try {
      return await work();
    } finally {
      // The slot goes to the next run waiting, if any.
      const next = this.waitingForSlot.shift();
      if (next) next();
      else this.activeRuns--;
    }
  }

  /**
   * Waits until the phone has been quiet for the delay (each upload starts it again), or for
   * the longest wait, unless the runs are being drained.
   */
  private pause(entry: ScheduledRun): Promise<void> {
    if (this.draining) return Promise.resolve();
    const started = Date.now();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout;
      const check = () => {
        const now = Date.now();
        const quietFor = now - entry.askedAt;
        const waited = now - started;
        if (quietFor >= this.delayMs || waited >= this.maxWaitMs) resolve();
        else timer = setTimeout(check, Math.min(this.delayMs - quietFor, this.maxWaitMs - waited));
      };
      timer = setTimeout(check, this.delayMs);
      entry.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).then(() => {
      entry.wake = null;
    });
  }

  /** Runs the scheduled segmentations now and waits for them (tests, shutdown). */
  async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.runs.size) {
        const runs = [...this.runs.values()];
        for (const run of runs) run.wake?.();
        await Promise.all(runs.map((r) => r.running));
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Segments one participant's stream from where it was left; with `finishOpenTrip`, a trip
   * still under way at the end of the data is finished too. Returns how many trips were handed over.
   */
  async segment(participantId: string, finishOpenTrip = false): Promise<number> {
    // The inbox first, in statements of its own: the phone's uploads wait on none of the
    // segmentation's locks, and what was expanded stays so if the segmentation fails.
    await expandUploads(this.dataSource, participantId);
    return this.dataSource.transaction(async (manager) => {
      // Not the participant's row lock: every upload updates that row (`last_received_at`), and
      // would wait for the whole run, trips' scoring included.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('openpath-segment:' || $1))`, [participantId]);
      const [state] = await rows<{ segmented_from: number }>(
        manager,
        `SELECT segmented_from FROM openpath_participants WHERE participant_id = $1`,
        [participantId],
      );
      if (!state) return 0;
      const from = state.segmented_from;
      const fixes = await this.loadFixes(manager, participantId, from);
      const transitions = (
        await rows<{ ts: number; transition: unknown }>(
          manager,
          `SELECT ts, data->'transition' AS transition FROM openpath_entries
            WHERE participant_id = $1 AND key = $2 AND ts >= $3 ORDER BY ts`,
          [participantId, TRANSITION_KEY, from],
        )
      ).map((t) => ({ ts: t.ts, kind: transitionKind(t.transition) }));
      const segmentation = segmentTrips(fixes, transitions, { ...this.options, finishOpenTrip });
      const activity = segmentation.trips.length ? await this.loadActivity(manager, participantId, from) : [];
      for (const trip of segmentation.trips) {
        await this.handOver(manager, participantId, segmentation.fixes, trip, activity);
      }
      await manager.query(
        `UPDATE openpath_participants
            SET segmented_from = GREATEST(segmented_from, $2), open_since = $3, last_segmented_at = now()
          WHERE participant_id = $1`,
        [participantId, segmentation.resumeFromTs ?? from, segmentation.openSinceTs],
      );
      return segmentation.trips.length;
    });
  }

  /**
   * Finishes the trips of quiet phones, segments streams a lost background run left behind and
   * applies labels that came before their trip; returns how many trips were handed over. One pass:
   * `OpenpathSweeper` runs it periodically, one pass at a time.
   */
  async sweep(): Promise<number> {
    const { quietFinishS } = this.config.openpath;
    const quiet = await rows<{ participant_id: string }>(
      this.dataSource,
      `SELECT participant_id FROM openpath_participants
        WHERE open_since IS NOT NULL AND last_received_at < now() - make_interval(secs => $1)
        ORDER BY last_received_at LIMIT 100`,
      [quietFinishS],
    );
    let finished = 0;
    for (const { participant_id } of quiet) finished += await this.segment(participant_id, true);
    const behind = await rows<{ participant_id: string }>(
      this.dataSource,
      `SELECT participant_id FROM openpath_participants
        WHERE (last_segmented_at IS NULL OR last_segmented_at < last_received_at)
          AND last_received_at < now() - interval '30 seconds'
        ORDER BY last_received_at LIMIT 100`,
    );
    // Inbox rows a process lost with its scheduled run (killed after the 200): their phone's
    // `last_received_at` may predate a segmentation that started before they were committed.
    const stale = await phonesWithStaleUploads(this.dataSource, 30, 100);
    for (const participantId of new Set([...behind.map((b) => b.participant_id), ...stale]))
      finished += await this.segment(participantId);
    // Labels whose trip was not scored yet when they arrived.
    const labelled = await rows<{ participant_id: string }>(
      this.dataSource,
      `SELECT DISTINCT participant_id FROM openpath_entries
        WHERE key = 'manual/mode_confirm' AND applied_at IS NULL LIMIT 100`,
    );
    for (const { participant_id } of labelled) await this.labels.apply(participant_id);
    return finished;
  }

  /** The phone's filtered fixes when it sends them (both apps do), else its raw ones. */
  private async loadFixes(manager: EntityManager, participantId: string, from: number): Promise<PhoneFix[]> {
    for (const key of [FILTERED_LOCATION, RAW_LOCATION]) {
      const fixes = await rows<PhoneFix>(
        manager,
        // json_to_record reads each entry's data once (`data->>` parses it again for every field:
        // 2 to 3 times slower). The fields are numbers or absent: checked when they were stored.
        `SELECT e.ts, d.latitude AS lat, d.longitude AS lon, d.accuracy,
                CASE WHEN d.sensed_speed >= 0 THEN d.sensed_speed END AS speed, d.altitude
           FROM openpath_entries e,
                json_to_record(e.data) AS d(latitude float8, longitude float8, accuracy float8, sensed_speed float8, altitude float8)
          WHERE e.participant_id = $1 AND e.key = $2 AND e.ts >= $3 ORDER BY e.ts`,
        [participantId, key, from],
      );
      if (fixes.length) return fixes;
    }
    return [];
  }

  /** The phone's motion activity since `from` (the classifier's evidence), in time order. */
  private async loadActivity(manager: EntityManager, participantId: string, from: number): Promise<PhoneActivity[]> {
    const found = await rows<{ ts: number; data: Record<string, unknown> }>(
      manager,
      `SELECT ts, data FROM openpath_entries WHERE participant_id = $1 AND key = $2 AND ts >= $3 ORDER BY ts`,
      [participantId, MOTION_ACTIVITY_KEY, from - ACTIVITY_BEFORE_S],
    );
    return found.map((a) => activityOf(a.data, a.ts)).filter((a): a is PhoneActivity => a !== null);
  }

  /** Hands a finished trip to the ingestion, once: a repeat finds the trip its key already made. */
  private async handOver(
    manager: EntityManager,
    participantId: string,
    fixes: PhoneFix[],
    trip: SegmentedTrip,
    activity: readonly PhoneActivity[],
  ) {
    const slice = fixes.slice(trip.startIndex, trip.endIndex + 1);
    const startTs = slice[0].ts;
    const endTs = slice[slice.length - 1].ts;
    const participant = (await findAccounts(manager, [participantId])).get(participantId);
    const idempotencyKey = openpathTripKey(startTs);
    const trace = buildTrace(
      slice.map((f) => ({
        ts: f.ts * 1000,
        lat: f.lat,
        lon: f.lon,
        accuracy: f.accuracy,
        speed: f.speed,
        altitude: f.altitude,
      })),
    );
    const samples = tripActivity(activity, startTs, endTs);
    let tripId: string;
    try {
      const accepted = await this.ingestion.acceptWholeTrip({
        participantId,
        cityId: participant?.cityId ?? null,
        // The phone's motion activity travels with the fixes: the classifier weighs it.
        trace: samples ? { ...trace, activity: samples } : trace,
        format: OPENPATH_FORMAT,
        idempotencyKey,
      });
      tripId = accepted.tripId;
      if (accepted.created) tripsFound.inc({ ended_by: trip.endedBy });
    } catch (error) {
      // The trip was handed over before, with fewer fixes (late ones arrived since): it stands.
      if (!(error instanceof DomainException) || error.code !== 'IDEMPOTENCY_KEY_REUSED') throw error;
      tripId = (await tripIdByIdempotencyKey(manager, participantId, idempotencyKey))!;
    }
    await manager.query(
      `INSERT INTO openpath_trips (participant_id, start_ts, end_ts, trip_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [participantId, startTs, endTs, tripId],
    );
  }
}
