import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { rows } from '@muvo/database';
import { UUID_PATTERN } from '@muvo/kernel';
import { derivedCentreShift, drawCentreShift, hidingCircleOf } from './privacy-zones.centre';
import { openZone, type PrivacyZone, type SealedZone, sealZone } from './privacy-zones.crypto';
import { MAX_PRIVACY_ZONES, PrivacyZoneErrors } from './privacy-zones.exceptions';
import { redactionMargins, type ZonesForRedaction } from './privacy-zones.redaction';

/** A zone as its participant sees it. */
export interface PrivacyZoneView extends PrivacyZone {
  id: string;
  createdAt: string;
}

interface ZoneRow {
  id: string;
  account_id: string;
  sealed: Buffer;
  created_at: Date;
}

/**
 * Deletes every privacy zone of an account, in the caller's transaction (one step of the
 * deletion flow); returns how many there were. Idempotent.
 */
export async function erasePrivacyZones(manager: EntityManager, accountId: string): Promise<number> {
  return (await rows(manager, `DELETE FROM privacy_zones WHERE account_id = $1 RETURNING id`, [accountId])).length;
}

/**
 * Participants' privacy zones. The table holds only sealed bytes (AES-256-GCM with
 * `PRIVACY_ZONE_KEY`, bound to the row and its owner): a reader of the database or of a backup
 * without the key cannot list where people live. Only this service opens them: for their
 * participant, and to hide fixes from everyone else.
 */
@Injectable()
export class PrivacyZonesService {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = config.privacy.zoneKey;
  }

  async list(accountId: string): Promise<PrivacyZoneView[]> {
    const opened = await this.open(this.dataSource.manager, accountId);
    return opened.flatMap(({ row, zone }) => (zone ? [this.view(row, zone)] : []));
  }

  async create(accountId: string, zone: PrivacyZone): Promise<PrivacyZoneView> {
    return this.dataSource.transaction(async (manager) => {
      // One participant's concurrent creations queue here, so the limit holds.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('privacy-zones:' || $1, 0))`, [accountId]);
      const [{ count }]: { count: number }[] = await manager.query(
        `SELECT count(*)::int AS count FROM privacy_zones WHERE account_id = $1`,
        [accountId],
      );
      if (count >= MAX_PRIVACY_ZONES) throw PrivacyZoneErrors.limitReached();
      const id = randomUUID();
      const clean: PrivacyZone = { lat: zone.lat, lon: zone.lon, radiusM: zone.radiusM, label: zone.label };
      // The hiding circle's centre is moved once, now, and the move sealed with the zone.
      const sealed: SealedZone = { ...clean, centreShift: drawCentreShift() };
      const [row]: ZoneRow[] = await manager.query(
        `INSERT INTO privacy_zones (id, account_id, sealed) VALUES ($1, $2, $3) RETURNING id, account_id, sealed, created_at`,
        [id, accountId, sealZone(this.key, sealed, { id, accountId })],
      );
      return this.view(row, clean);
    });
  }

  /** Another participant's zone is indistinguishable from none. */
  async remove(accountId: string, id: string): Promise<void> {
    const deleted = UUID_PATTERN.test(id)
      ? await rows(this.dataSource, `DELETE FROM privacy_zones WHERE id = $1 AND account_id = $2 RETURNING id`, [
          id,
          accountId,
        ])
      : [];
    if (!deleted.length) throw PrivacyZoneErrors.notFound(id);
  }

  /**
   * What hides a trip's fixes from others: its participant's zones as their hiding circles (moved
   * and grown, see `hidingCircleOf`; zones that cannot be opened hide everything) and the trip's
   * margins, keyed with the zones' key.
   */
  async redactionFor(
    trip: { id: string; participantId: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ZonesForRedaction> {
    const opened = await this.open(manager, trip.participantId);
    return {
      zones: opened.flatMap(({ row, zone }) =>
        zone ? [hidingCircleOf(zone, zone.centreShift ?? derivedCentreShift(this.key, row.id))] : [],
      ),
      unreadable: opened.some(({ zone }) => zone === null),
      margins: redactionMargins(this.key, trip.id),
    };
  }

  private async open(manager: EntityManager, accountId: string) {
    const found: ZoneRow[] = await manager.query(
      `SELECT id, account_id, sealed, created_at FROM privacy_zones WHERE account_id = $1 ORDER BY created_at, id`,
      [accountId],
    );
    return found.map((row) => ({
      row,
      zone: openZone(this.key, row.sealed, { id: row.id, accountId: row.account_id }),
    }));
  }

  /** The zone as declared: the hiding circle's move is not the participant's to manage. */
  private view(row: ZoneRow, zone: PrivacyZone): PrivacyZoneView {
    return {
      id: row.id,
      lat: zone.lat,
      lon: zone.lon,
      radiusM: zone.radiusM,
      label: zone.label,
      createdAt: row.created_at.toISOString(),
    };
  }
}
