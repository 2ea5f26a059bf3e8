import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { rows } from '@muvo/database';
import { expandUploads } from '@muvo/openpath';
import { traceToGeoJson, traceToGpx } from '@muvo/trace';
import { loadTripTrace } from '@muvo/tracking';
import { consentHistory } from './consent.service';
import { EXPORT_FILES, exportReadmeText } from './export.readme';
import { ZipStream } from './export.zip-stream';

const OPENPATH_PAGE = 2_000;

interface TripRow {
  id: string;
  status: string;
  started_at: Date;
  ended_at: Date;
  point_count: number;
  distance_m: number | null;
  points_awarded: number;
  co2_avoided_g: number;
  legs: unknown;
  receipt: unknown;
  flags: string[];
}

/**
 * Everything muvo holds about a participant (GDPR Art. 15 and 20), as one zip archive described
 * by its README: built while it is downloaded, one file at a time (a trip's fixes are read, written
 * and dropped before the next trip), so a participant with years of trips costs little memory.
 */
@Injectable()
export class ExportService {
  private readonly logger = new Logger(ExportService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The archive as a stream; `null` when there is no such participant. */
  async exportParticipant(participantId: string): Promise<Readable | null> {
    const [profile] = await rows<{
      id: string;
      email: string;
      display_name: string | null;
      city_id: string | null;
      created_at: Date;
    }>(
      this.dataSource,
      `SELECT id, email, display_name, city_id, created_at FROM accounts
        WHERE id = $1 AND role = 'participant' AND erased_at IS NULL`,
      [participantId],
    );
    if (!profile) return null;
    const zip = new ZipStream();
    const exportedAt = new Date().toISOString();
    this.write(zip, participantId, exportedAt, {
      id: profile.id,
      email: profile.email,
      displayName: profile.display_name,
      cityId: profile.city_id,
      createdAt: profile.created_at,
      exportedAt,
    }).then(
      () => zip.end(),
      (error: Error) => {
        this.logger.error(`export of ${participantId} failed: ${error.message}`, error.stack);
        zip.fail(error);
      },
    );
    return zip.output;
  }

  private async write(zip: ZipStream, id: string, exportedAt: string, profile: Record<string, unknown>): Promise<void> {
    const db = this.dataSource;
    await zip.add('README.txt', exportReadmeText(exportedAt));
    await zip.addJson('README.json', { exportedAt, files: EXPORT_FILES });
    await zip.addJson('profile.json', profile);
    await zip.addJson('consents.json', await consentHistory(db, id));

    const trips = await rows<TripRow>(
      db,
      `SELECT id, status, started_at, ended_at, point_count, distance_m, points_awarded, co2_avoided_g, legs, receipt, flags
         FROM trips WHERE participant_id = $1 ORDER BY started_at DESC, id DESC`,
      [id],
    );
    const summaries = [];
    for (const trip of trips) {
      const trace = await loadTripTrace(db, trip.id);
      let files: string[] = [];
      if (trace) {
        const base = `trips/${trip.started_at.toISOString().replace(/[:.]/g, '-')}-${trip.id}`;
        files = [`${base}.gpx`, `${base}.geojson`];
        await zip.add(files[0], traceToGpx(trace, { name: `Trip ${trip.started_at.toISOString()}` }));
        await zip.addJson(
          files[1],
          traceToGeoJson(trace, { tripId: trip.id, startedAt: trip.started_at.toISOString(), status: trip.status }),
        );
      }
      summaries.push({
        id: trip.id,
        status: trip.status,
        startedAt: trip.started_at,
        endedAt: trip.ended_at,
        pointCount: trip.point_count,
        distanceM: trip.distance_m,
        pointsAwarded: trip.points_awarded,
        co2AvoidedG: trip.co2_avoided_g,
        legs: trip.legs,
        flags: trip.flags,
        files,
      });
    }
    await zip.addJson('trips.json', summaries);
    await zip.addJson(
      'receipts.json',
      trips.filter((t) => t.receipt).map((t) => ({ tripId: t.id, receipt: t.receipt })),
    );

    const [account] = await rows<{ id: string; balance: string }>(
      db,
      `SELECT id, balance FROM ledger_accounts WHERE kind = 'participant' AND owner_id = $1`,
      [id],
    );
    const transfers = account
      ? await rows<Record<string, unknown>>(
          db,
          `SELECT created_at AS at, kind, CASE WHEN credit_account_id = $1 THEN amount ELSE -amount END::int AS amount,
                  reference_id AS "referenceId", metadata
             FROM ledger_transfers WHERE credit_account_id = $1 OR debit_account_id = $1 ORDER BY created_at, id`,
          [account.id],
        )
      : [];
    await zip.addJson('ledger.json', { balance: Number(account?.balance ?? 0), transfers });

    await zip.addJson(
      'vouchers.json',
      await rows(
        db,
        `SELECT v.id, v.code, o.title AS offer, m.name AS shop, v.cost_points AS "costPoints", v.status,
                v.claimed_at AS "claimedAt", v.expires_at AS "expiresAt", v.redeemed_at AS "redeemedAt"
           FROM vouchers v JOIN offers o ON o.id = v.offer_id JOIN merchants m ON m.id = v.merchant_id
          WHERE v.participant_id = $1 ORDER BY v.claimed_at DESC`,
        [id],
      ),
    );
    const reviews = await rows<{ id: string }>(
      db,
      `SELECT id, kind, trip_id AS "tripId", status, codes, leg_index AS "legIndex", requested_mode AS "requestedMode",
              participant_note AS note, created_at AS "createdAt", decided_at AS "decidedAt", decision_note AS "decisionNote"
         FROM trip_reviews WHERE participant_id = $1 ORDER BY created_at DESC`,
      [id],
    );
    await zip.addJson('disputes.json', reviews);

    const [stats] = await rows(db, `SELECT * FROM participant_stats WHERE participant_id = $1`, [id]);
    await zip.addJson('progress.json', {
      totals: stats ?? null,
      days: await rows(db, `SELECT * FROM participant_days WHERE participant_id = $1 ORDER BY day`, [id]),
      badges: await rows(db, `SELECT badge, earned_at, trip_id FROM participant_badges WHERE participant_id = $1`, [
        id,
      ]),
      team:
        (await rows(db, `SELECT city_id, team_id, joined_at FROM team_members WHERE participant_id = $1`, [id]))[0] ??
        null,
    });

    // About them: their account, trips, reviews and vouchers by subject or by the trip named in
    // the details; and what they did themselves.
    const subjects = [
      `account:${id}`,
      ...trips.map((t) => `trip:${t.id}`),
      ...reviews.map((r) => `trip-review:${r.id}`),
    ];
    await zip.addJson(
      'audit.json',
      await rows(
        db,
        `SELECT at, actor_role AS "actorRole", action, subject, details FROM audit_log
          WHERE actor_id = $1 OR subject = ANY($2) OR details->>'tripId' = ANY($3) ORDER BY at, id`,
        [id, subjects, trips.map((t) => t.id)],
      ),
    );

    // The phone's raw stream can be large: read and written a page at a time, its latest
    // uploads (still in the inbox) included.
    await expandUploads(db, id);
    let openpath: ReturnType<ZipStream['open']> | null = null;
    for (let offset = 0; ; offset += OPENPATH_PAGE) {
      const page = await rows<Record<string, unknown>>(
        db,
        `SELECT key, write_ts, type, ts, platform, time_zone, data FROM openpath_entries
          WHERE participant_id = $1 ORDER BY ts, key, write_ts, type LIMIT $2 OFFSET $3`,
        [id, OPENPATH_PAGE, offset],
      );
      if (page.length) {
        openpath ??= zip.open('openpath.jsonl');
        await openpath.write(page.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      }
      if (page.length < OPENPATH_PAGE) break;
    }
    openpath?.close();
  }
}
