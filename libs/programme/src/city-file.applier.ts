import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  deleteCampaigns,
  deleteRoutes,
  endCampaigns,
  lockCity,
  upsertCampaign,
  upsertCity,
  upsertRoute,
} from '@muvo/cities';
import { deleteTeams, upsertTeam } from '@muvo/gamification';
import { findAccountByEmail, generatePassword, IdentityService, type Role, setMerchantOwner } from '@muvo/identity';
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
import {
  cityVoucherPolicy,
  closeOffers,
  detachShopsFromRoutes,
  nearestRoute,
  shopCorridorM,
  suspendMerchants,
  upsertListedMerchant,
  upsertListedOffer,
} from '@muvo/vouchers';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { appendAudit } from '@muvo/audit';

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
      await lockCity(manager, file.id);
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
          accounts.push(created.account);
          // The account's id, not its email: the log is append-only and outlives the person's
          // account; the reader joins the name in as it is now (see `readAudit`).
          await appendAudit(manager, {
            ...who,
            action: 'city-file.account.created',
            subject: `account:${created.id}`,
            details: {
              by,
              before: null,
              after: { role: created.account.role, merchantId: created.account.merchantId ?? null },
            },
          });
        }
        if (person.role === 'merchant_staff') {
          await setMerchantOwner(manager, { email: person.email }, !!person.owner);
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
    const settings = {
      rules: file.rules ?? {},
      ...(file.vouchers ? { vouchers: file.vouchers } : {}),
      ...(file.privacy ? { privacy: file.privacy } : {}),
      ...(file.openData?.k !== undefined ? { openData: { k: file.openData.k } } : {}),
    };
    await upsertCity(manager, {
      id: file.id,
      name: file.name,
      timezone: file.timezone,
      area: file.area,
      settings,
      sourceHash: fileHash(file),
    });
  }

  private async syncRoutes(manager: EntityManager, file: CityFile, removed: Set<string>): Promise<void> {
    for (const route of file.routes) await upsertRoute(manager, file.id, route);
    const gone = idsOf(removed, 'route');
    await deleteRoutes(manager, file.id, gone);
    // Shops that applied through the API keep no route that is gone (the file's own shops are
    // placed again on the file's routes below).
    await detachShopsFromRoutes(manager, file.id, gone);
  }

  private async syncTeams(manager: EntityManager, file: CityFile, removed: Set<string>): Promise<void> {
    for (const team of file.teams) await upsertTeam(manager, file.id, team);
    await deleteTeams(manager, file.id, idsOf(removed, 'team'));
  }

  private async syncCampaigns(
    manager: EntityManager,
    file: CityFile,
    removed: Set<string>,
    ended: Set<string>,
  ): Promise<void> {
    for (const campaign of file.campaigns)
      await upsertCampaign(manager, file.id, { ...campaign, rules: campaign.rules ?? {} });
    await endCampaigns(manager, file.id, idsOf(ended, 'campaign'));
    await deleteCampaigns(manager, file.id, idsOf(removed, 'campaign'));
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
      await upsertListedMerchant(manager, file.id, {
        id: merchantId,
        key: merchant.id,
        name: merchant.name,
        lat,
        lon,
        address: merchant.address ?? null,
        description: merchant.description ?? null,
        openingHours: merchant.openingHours ?? null,
        routeId: nearest?.route.id ?? null,
        routeDistanceM: nearest ? Math.round(nearest.distanceM) : null,
      });
      for (const offer of merchant.offers) {
        await upsertListedOffer(manager, file.id, {
          id: offerIdOf(file.id, merchant.id, offer.id),
          merchantId,
          key: offer.id,
          title: offer.title,
          description: offer.description ?? null,
          costPoints: offer.costPoints,
          stock: offer.stock ?? null,
          active: offer.active,
          validFrom: offer.validFrom ?? null,
          validUntil: offer.validUntil ?? null,
          voucherTtlS: offer.voucherTtlDays ? Math.round(offer.voucherTtlDays * 86_400) : null,
          perParticipantLimit: offer.perParticipantLimit ?? null,
          usableHours: offer.usableHours ?? null,
          payoutCents: offer.payoutCents,
        }).catch((error: unknown) => {
          if (error instanceof DomainException && error.code === 'STOCK_BELOW_CLAIMED') {
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
    await closeOffers(manager, file.id, goneOffers);
    await suspendMerchants(
      manager,
      file.id,
      idsOf(removed, 'merchant').map((key) => merchantIdOf(file.id, key)),
    );
  }

  /** The account created for a person of the file (with its id, for the audit log), or null when it exists. */
  private async ensureAccount(
    manager: EntityManager,
    person: PersonSpec,
  ): Promise<{ id: string; account: CreatedAccount } | null> {
    const existing = await findAccountByEmail(manager, person.email);
    if (existing) {
      const same =
        existing.role === person.role &&
        existing.cityId === person.cityId &&
        (existing.merchantId ?? undefined) === person.merchantId;
      if (!same) {
        throw new DomainException(
          'ACCOUNT_CONFLICT',
          'conflict',
          `${person.email} already has an account as ${existing.role}` +
            `${existing.merchantId ? ` of merchant ${existing.merchantId}` : existing.cityId ? ` in ${existing.cityId}` : ''}; ` +
            'use another email for this role',
        );
      }
      return null;
    }
    const password = generatePassword();
    const { id } = await this.identity.createAccount(
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
      id,
      account: {
        email: person.email,
        password,
        role: person.role,
        ...(person.merchantId ? { merchantId: person.merchantId } : {}),
      },
    };
  }
}

const ACTION_WORDS = { create: 'created', update: 'updated', remove: 'removed', end: 'ended' } as const;

const fileHash = (file: CityFile) => createHash('sha256').update(JSON.stringify(file)).digest('hex');

/** The ids of the things of one kind among planned removals (`route:a` → `a`). */
const idsOf = (keys: Set<string>, kind: string) =>
  [...keys].filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1));
