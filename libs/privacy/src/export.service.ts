import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { auditEntriesAbout } from '@muvo/audit';
import { progressForExport } from '@muvo/gamification';
import { profileForExport } from '@muvo/identity';
import { ledgerForExport } from '@muvo/ledger';
import { expandUploads, openpathEntriesPage } from '@muvo/openpath';
import { reviewsForExport } from '@muvo/scoring';
import { traceToGeoJson, traceToGpx } from '@muvo/trace';
import { loadTripTrace, tripsForExport } from '@muvo/tracking';
import { vouchersForExport } from '@muvo/vouchers';
import { consentHistory } from './consent.service';
import { EXPORT_FILES, exportReadmeText } from './export.readme';
import { ZipStream } from './export.zip-stream';
import { PrivacyZonesService } from './privacy-zones.service';

const OPENPATH_PAGE = 2_000;

/**
 * Everything muvo holds about a participant (GDPR Art. 15 and 20), as one zip archive described
 * by its README: built while it is downloaded, one file at a time (a trip's fixes are read, written
 * and dropped before the next trip), so a participant with years of trips costs little memory.
 * Each part is read by the lib that owns it (its export step); this service only assembles them.
 */
@Injectable()
export class ExportService {
  private readonly logger = new Logger(ExportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly zones: PrivacyZonesService,
  ) {}

  /** The archive as a stream; `null` when there is no such participant. */
  async exportParticipant(participantId: string): Promise<Readable | null> {
    const profile = await profileForExport(this.dataSource, participantId);
    if (!profile) return null;
    const zip = new ZipStream();
    const exportedAt = new Date().toISOString();
    this.write(zip, participantId, exportedAt, { ...profile, exportedAt }).then(
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
    // Sealed in the database; opened here for their owner, as declared.
    await zip.addJson('privacy-zones.json', await this.zones.list(id));

    const trips = await tripsForExport(db, id);
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

    await zip.addJson('ledger.json', await ledgerForExport(db, id));
    await zip.addJson('vouchers.json', await vouchersForExport(db, id));
    const reviews = await reviewsForExport(db, id);
    await zip.addJson('disputes.json', reviews);
    await zip.addJson('progress.json', await progressForExport(db, id));

    // About them: their account (and staff's looks at their data), trips, reviews and vouchers by
    // subject or by the trip named in the details; and what they did themselves.
    const subjects = [
      `account:${id}`,
      `participant:${id}`,
      ...trips.map((t) => `trip:${t.id}`),
      ...reviews.map((r) => `trip-review:${r.id}`),
    ];
    await zip.addJson(
      'audit.json',
      await auditEntriesAbout(db, { actorId: id, subjects, tripIds: trips.map((t) => t.id) }),
    );

    // The phone's raw stream can be large: read and written a page at a time, its latest
    // uploads (still in the inbox) included.
    await expandUploads(db, id);
    let openpath: ReturnType<ZipStream['open']> | null = null;
    for (let offset = 0; ; offset += OPENPATH_PAGE) {
      const page = await openpathEntriesPage(db, id, { limit: OPENPATH_PAGE, offset });
      if (page.length) {
        openpath ??= zip.open('openpath.jsonl');
        await openpath.write(page.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      }
      if (page.length < OPENPATH_PAGE) break;
    }
    openpath?.close();
  }
}
