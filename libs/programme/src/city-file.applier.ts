import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { generatePassword, IdentityService, type Role } from '@muvo/identity';
import { deterministicUuid, DomainException } from '@muvo/kernel';
import type { CityFile } from './city-file.schema';
import { CityFileExporter } from './city-file.exporter';
import { validateCityFile } from './city-file.loader';
import {
  type CityThings,
  cityThings,
  conflictsOf,
  describeConflicts,
  type PlannedChange,
  planCityChanges,
} from './city-state';
import { cityVoucherPolicy, nearestRoute, shopCorridorM } from '@muvo/vouchers';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { appendAudit } from '@muvo/database';

export interface CreatedAccount {
  email: string;
  password: string;
  role: Role;
  merchantId?: string;
}

export interface AppliedCity {
  cityId: string;
  /** Accounts created by this application, with their generated passwords (shown only now). */
  accounts: CreatedAccount[];
}

export interface ApplyOptions {
  /** Overwrite what was changed through the admin API since the last apply. */
  force?: boolean;
  /** Remove (or end) what is not in the file although it was created or changed through the API. */
  prune?: boolean;
  /** Who applies, for the audit log (the CLI: $MUVO_ACTOR or the system user). */
  actor?: string;
  /** Hears about what was applied but deserves the operator's attention. */
  warn?: (message: string) => void;
  /** Hears the planned changes before they are made (or refused). */
  plan?: (changes: PlannedChange[]) => void;
}

interface PersonSpec {
  email: string;
  displayName?: string;
  role: Role;
  cityId: string;
  merchantId?: string;
  owner?: boolean;
}

export const merchantIdOf = (cityId: string, merchantKey: string) => deterministicUuid('merchant', cityId, merchantKey);
export const offerIdOf = (cityId: string, merchantKey: string, offerKey: string) =>
  deterministicUuid('offer', cityId, merchantKey, offerKey);

/**
 * Applies a city file declaratively and idempotently: the city, its routes, campaigns, merchants
 * and offers become what the file says (updated only where they differ, so re-applying the same
 * file changes nothing), and operators, mediators and shop staff get accounts if they have none.
 *
 * One source of truth: each apply records what it left (`city_file_state`). A thing whose live
 * value differs from that record was changed through the admin API since; the apply refuses to
 * overwrite it without `force`, or to remove it without `prune`, naming each one, so the file can
 * be brought up to date first (`city:export`). Every change is audited with before and after.
 *
 * Things that disappeared from the file are retired, not deleted, when history refers to them:
 * merchants are suspended, offers closed and campaigns that issued points ended, so vouchers
 * already claimed and points already issued stay explained.
 */
@Injectable()
export class CityFileApplier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly exporter: CityFileExporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  apply(file: CityFile, options: ApplyOptions = {}): Promise<AppliedCity> {
    const warn = options.warn ?? (() => undefined);
    return this.dataSource.transaction(async (manager) => {
      // One applier per city at a time: concurrent applications of the same file must not race.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('city-file:' || $1))`, [file.id]);
      // The admin API changes rules under this row's lock: none lands between the comparison and the writes.
      await manager.query(`SELECT 1 FROM cities WHERE id = $1 FOR UPDATE`, [file.id]);
      const live = await this.liveThings(manager, file.id);
      const [state]: { things: CityThings }[] = await manager.query(
        `SELECT things FROM city_file_state WHERE city_id = $1`,
        [file.id],
      );
      const changes = planCityChanges(cityThings(file), live.things, live.exists ? (state?.things ?? null) : {}, {
        issuedByCampaign: live.issuedByCampaign,
        now: new Date(),
      });
      options.plan?.(changes);
      const conflicts = conflictsOf(changes, options);
      if (conflicts.length) {
        throw new DomainException(
          'CITY_FILE_CONFLICT',
          'conflict',
          describeConflicts(file.id, conflicts, live.exists && !state),
          {
            conflicts: conflicts.map((c) => ({ key: c.key, action: c.action })),
          },
        );
      }
      const removed = new Set(changes.filter((c) => c.action === 'remove').map((c) => c.key));
      const ended = new Set(changes.filter((c) => c.action === 'end').map((c) => c.key));
      await this.upsertCity(manager, file);
      await this.syncRoutes(manager, file, removed);
      await this.syncCampaigns(manager, file, removed, ended);
      await this.syncTeams(manager, file, removed);
      await this.syncMerchants(manager, file, warn, removed);
      const who = { actorId: null, actorRole: 'city-file', cityId: file.id };
      const by = options.actor ?? null;
      for (const change of changes) {
        await appendAudit(manager, {
          ...who,
          action: `city-file.${change.key.split(':')[0]}.${ACTION_WORDS[change.action]}`,
          subject: change.key.includes(':') ? change.key.replace(':', `:${file.id}/`) : `city:${file.id}`,
          details: {
            by,
            ...(change.changedOutside ? { overrode: 'a change made through the admin API' } : {}),
            before: change.before ?? null,
            after: change.after ?? null,
          },
        });
      }
      const people: PersonSpec[] = [
        ...file.operators.map((o) => ({ ...o, role: 'operator' as const, cityId: file.id })),
        ...file.mediators.map((o) => ({ ...o, role: 'mediator' as const, cityId: file.id })),
        ...file.merchants.flatMap((m) =>
          m.staff.map((s, index) => ({
            ...s,
            role: 'merchant_staff' as const,
            cityId: file.id,
            merchantId: merchantIdOf(file.id, m.id),
            owner: s.owner ?? (index === 0 && !m.staff.some((other) => other.owner)),
          })),
        ),
      ];
      const accounts: CreatedAccount[] = [];
      for (const person of people) {
        const created = await this.ensureAccount(manager, person);
        if (created) {
          accounts.push(created);
          await appendAudit(manager, {
            ...who,
            action: 'city-file.account.created',
            subject: `account:${created.email}`,
            details: {
              by,
              before: null,
              after: { email: created.email, role: created.role, merchantId: created.merchantId ?? null },
            },
          });
        }
        if (person.role === 'merchant_staff') {
          await manager.query(
            `UPDATE accounts SET merchant_owner = $2 WHERE lower(email) = lower($1) AND merchant_owner <> $2`,
            [person.email, !!person.owner],
          );
        }
      }
      const after = await this.liveThings(manager, file.id);
      await manager.query(
        `INSERT INTO city_file_state (city_id, applied_at, applied_by, file_hash, things) VALUES ($1, now(), $2, $3, $4)
         ON CONFLICT (city_id) DO UPDATE SET applied_at = now(), applied_by = EXCLUDED.applied_by,
                file_hash = EXCLUDED.file_hash, things = EXCLUDED.things`,
        [file.id, by, fileHash(file), JSON.stringify(after.things)],
      );
      return { cityId: file.id, accounts };
    });
  }

  /** The live city as the file sees it (read through the exporter, so both compare alike). */
  private async liveThings(manager: EntityManager, cityId: string) {
    const live = await this.exporter.read(manager, cityId);
    if (!live) return { exists: false, things: {} as CityThings, issuedByCampaign: {} };
    return {
      exists: true,
      things: cityThings(validateCityFile(live.file).file),
      issuedByCampaign: live.issuedByCampaign,
    };
  }

  private async upsertCity(manager: EntityManager, file: CityFile): Promise<void> {
    const settings = { rules: file.rules ?? {}, ...(file.vouchers ? { vouchers: file.vouchers } : {}) };
    const hash = fileHash(file);
    await manager.query(
      `INSERT INTO cities (id, name, timezone, area, settings, source_hash) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, timezone = EXCLUDED.timezone, area = EXCLUDED.area,
              settings = EXCLUDED.settings, source_hash = EXCLUDED.source_hash, updated_at = now()
        WHERE (cities.name, cities.timezone, cities.area, cities.settings)
              IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.timezone, EXCLUDED.area, EXCLUDED.settings)`,
      [file.id, file.name, file.timezone, JSON.stringify(file.area), JSON.stringify(settings), hash],
    );
  }

  private async syncRoutes(manager: EntityManager, file: CityFile, removed: Set<string>): Promise<void> {
    for (const route of file.routes) {
      await manager.query(
        `INSERT INTO routes (city_id, id, name, corridor_m, geometry) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (city_id, id) DO UPDATE SET name = EXCLUDED.name, corridor_m = EXCLUDED.corridor_m,
                geometry = EXCLUDED.geometry
          WHERE (routes.name, routes.corridor_m, routes.geometry)
                IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.corridor_m, EXCLUDED.geometry)`,
        [file.id, route.id, route.name, route.corridorM, JSON.stringify(route.geometry)],
      );
    }
    await manager.query(`DELETE FROM routes WHERE city_id = $1 AND id = ANY($2)`, [file.id, idsOf(removed, 'route')]);
  }

  private async syncTeams(manager: EntityManager, file: CityFile, removed: Set<string>): Promise<void> {
    for (const team of file.teams) {
      await manager.query(
        `INSERT INTO teams (city_id, id, name, kind) VALUES ($1, $2, $3, $4)
         ON CONFLICT (city_id, id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind
          WHERE (teams.name, teams.kind) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind)`,
        [file.id, team.id, team.name, team.kind],
      );
    }
    await manager.query(`DELETE FROM teams WHERE city_id = $1 AND id = ANY($2)`, [file.id, idsOf(removed, 'team')]);
  }

  private async syncCampaigns(
    manager: EntityManager,
    file: CityFile,
    removed: Set<string>,
    ended: Set<string>,
  ): Promise<void> {
    for (const campaign of file.campaigns) {
      await manager.query(
        `INSERT INTO campaigns (city_id, id, name, starts_at, ends_at, rules) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (city_id, id) DO UPDATE SET name = EXCLUDED.name, starts_at = EXCLUDED.starts_at,
                ends_at = EXCLUDED.ends_at, rules = EXCLUDED.rules
          WHERE (campaigns.name, campaigns.starts_at, campaigns.ends_at, campaigns.rules)
                IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.starts_at, EXCLUDED.ends_at, EXCLUDED.rules)`,
        [file.id, campaign.id, campaign.name, campaign.startsAt, campaign.endsAt, JSON.stringify(campaign.rules ?? {})],
      );
    }
    // A campaign that issued points is ended, not deleted: its budget account still explains them.
    await manager.query(
      `UPDATE campaigns SET ends_at = greatest(now(), starts_at + interval '1 second')
                          WHERE city_id = $1 AND id = ANY($2) AND ends_at > now()`,
      [file.id, idsOf(ended, 'campaign')],
    );
    await manager.query(`DELETE FROM campaigns WHERE city_id = $1 AND id = ANY($2)`, [
      file.id,
      idsOf(removed, 'campaign'),
    ]);
  }

  private async syncMerchants(
    manager: EntityManager,
    file: CityFile,
    warn: (message: string) => void,
    removed: Set<string>,
  ): Promise<void> {
    const policy = cityVoucherPolicy(
      { id: file.id, timezone: file.timezone, settings: { vouchers: file.vouchers } },
      this.config.vouchers,
    );
    for (const merchant of file.merchants) {
      const merchantId = merchantIdOf(file.id, merchant.id);
      const [lon, lat] = merchant.location;
      // Shops join only along the city's routes (a city without routes runs city-wide).
      const eligible = file.routes.filter(
        (route) => (nearestRoute(lat, lon, [route])?.distanceM ?? Infinity) <= shopCorridorM(route, policy),
      );
      const nearest = nearestRoute(lat, lon, eligible.length ? eligible : file.routes);
      if (nearest && !eligible.length) {
        // The operator's own file is authoritative (shops applying through the API are held to the
        // corridor); a shop off every route is still worth a word.
        warn(
          `merchant ${merchant.id} is ${Math.round(nearest.distanceM)} m from the nearest route, beyond the ` +
            `${Math.round(shopCorridorM(nearest.route, policy))} m corridor (vouchers.merchantCorridorM); applied as the file says`,
        );
      }
      await manager.query(
        `INSERT INTO merchants (id, city_id, key, name, lat, lon, address, status, description, opening_hours, route_id,
                                route_distance_m)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'approved', $8, $9, $10, $11)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
                address = EXCLUDED.address, status = 'approved', description = EXCLUDED.description,
                opening_hours = EXCLUDED.opening_hours, route_id = EXCLUDED.route_id,
                route_distance_m = EXCLUDED.route_distance_m, updated_at = now()
          WHERE (merchants.name, merchants.lat, merchants.lon, merchants.address, merchants.status, merchants.description,
                 merchants.opening_hours, merchants.route_id, merchants.route_distance_m)
                IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.lat, EXCLUDED.lon, EXCLUDED.address, 'approved',
                 EXCLUDED.description, EXCLUDED.opening_hours, EXCLUDED.route_id, EXCLUDED.route_distance_m)`,
        [
          merchantId,
          file.id,
          merchant.id,
          merchant.name,
          lat,
          lon,
          merchant.address ?? null,
          merchant.description ?? null,
          merchant.openingHours ? JSON.stringify(merchant.openingHours) : null,
          nearest?.route.id ?? null,
          nearest ? Math.round(nearest.distanceM) : null,
        ],
      );
      for (const offer of merchant.offers) {
        const offerId = offerIdOf(file.id, merchant.id, offer.id);
        const ttlS = offer.voucherTtlDays ? Math.round(offer.voucherTtlDays * 86_400) : null;
        await manager
          .query(
            `INSERT INTO offers (id, merchant_id, city_id, key, title, description, cost_points, stock, active,
                               valid_from, valid_until, voucher_ttl_s, per_participant_limit, usable_hours, payout_cents)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
                  cost_points = EXCLUDED.cost_points, stock = EXCLUDED.stock, active = EXCLUDED.active,
                  valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
                  voucher_ttl_s = EXCLUDED.voucher_ttl_s, per_participant_limit = EXCLUDED.per_participant_limit,
                  usable_hours = EXCLUDED.usable_hours, payout_cents = EXCLUDED.payout_cents, updated_at = now()
            WHERE (offers.title, offers.description, offers.cost_points, offers.stock, offers.active,
                   offers.valid_from, offers.valid_until, offers.voucher_ttl_s, offers.per_participant_limit,
                   offers.usable_hours, offers.payout_cents)
                  IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.description, EXCLUDED.cost_points, EXCLUDED.stock,
                   EXCLUDED.active, EXCLUDED.valid_from, EXCLUDED.valid_until, EXCLUDED.voucher_ttl_s,
                   EXCLUDED.per_participant_limit, EXCLUDED.usable_hours, EXCLUDED.payout_cents)`,
            [
              offerId,
              merchantId,
              file.id,
              offer.id,
              offer.title,
              offer.description ?? null,
              offer.costPoints,
              offer.stock ?? null,
              offer.active,
              offer.validFrom ?? null,
              offer.validUntil ?? null,
              ttlS,
              offer.perParticipantLimit ?? null,
              offer.usableHours ? JSON.stringify(offer.usableHours) : null,
              offer.payoutCents,
            ],
          )
          .catch((error: { constraint?: string }) => {
            if (error.constraint === 'offers_stock_not_exceeded') {
              throw new DomainException(
                'INVALID_CITY_FILE',
                'invalid',
                `offer ${merchant.id}/${offer.id}: stock is below the vouchers already claimed`,
              );
            }
            throw error;
          });
      }
    }
    // Offers and shops that applied through the API are not the file's to retire (not things).
    const goneOffers = idsOf(removed, 'offer').map((key) => {
      const [merchantKey, offerKey] = key.split('/');
      return offerIdOf(file.id, merchantKey, offerKey);
    });
    await manager.query(
      `UPDATE offers SET active = false, updated_at = now() WHERE city_id = $1 AND active AND id = ANY($2)`,
      [file.id, goneOffers],
    );
    await manager.query(
      `UPDATE merchants SET status = 'suspended', updated_at = now()
        WHERE city_id = $1 AND status <> 'suspended' AND id = ANY($2)`,
      [file.id, idsOf(removed, 'merchant').map((key) => merchantIdOf(file.id, key))],
    );
  }

  private async ensureAccount(manager: EntityManager, person: PersonSpec): Promise<CreatedAccount | null> {
    const [existing]: { role: Role; city_id: string | null; merchant_id: string | null }[] = await manager.query(
      `SELECT role, city_id, merchant_id FROM accounts WHERE lower(email) = lower($1)`,
      [person.email],
    );
    if (existing) {
      const same =
        existing.role === person.role &&
        existing.city_id === person.cityId &&
        (existing.merchant_id ?? undefined) === person.merchantId;
      if (!same) {
        throw new DomainException(
          'ACCOUNT_CONFLICT',
          'conflict',
          `${person.email} already has an account as ${existing.role}` +
            `${existing.merchant_id ? ` of merchant ${existing.merchant_id}` : existing.city_id ? ` in ${existing.city_id}` : ''}; ` +
            'use another email for this role',
        );
      }
      return null;
    }
    const password = generatePassword();
    await this.identity.createAccount(
      {
        email: person.email,
        password,
        role: person.role,
        displayName: person.displayName,
        cityId: person.cityId,
        merchantId: person.merchantId,
      },
      manager,
    );
    return {
      email: person.email,
      password,
      role: person.role,
      ...(person.merchantId ? { merchantId: person.merchantId } : {}),
    };
  }
}

const ACTION_WORDS = { create: 'created', update: 'updated', remove: 'removed', end: 'ended' } as const;

const fileHash = (file: CityFile) => createHash('sha256').update(JSON.stringify(file)).digest('hex');

/** The ids of the things of one kind among planned removals (`route:a` → `a`). */
const idsOf = (keys: Set<string>, kind: string) =>
  [...keys].filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1));
