import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainException } from '@muvo/kernel';

export interface LiveCity {
  /** The live city written as a city file (plain JSON, valid against the city file schema). */
  file: Record<string, unknown>;
  /** Points each campaign has issued from its budget, by campaign id. */
  issuedByCampaign: Record<string, number>;
}

/** Leaves out what is unset, as an operator would write the file. */
const present = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== null && v !== undefined));

/**
 * Writes the live city back as a city file: what the file governs (the city, its rules, routes,
 * teams, campaigns, its operators, and the shops the file created, with their staff and offers)
 * as it is now, whichever path changed it. Shops that applied through the API are theirs, not the
 * file's, and suspended ones are out of the programme: both are left out.
 */
@Injectable()
export class CityFileExporter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async export(cityId: string): Promise<Record<string, unknown>> {
    const live = await this.read(this.dataSource.manager, cityId);
    if (!live) throw new DomainException('CITY_NOT_FOUND', 'not-found', `no city ${cityId}`);
    return live.file;
  }

  async read(manager: EntityManager, cityId: string): Promise<LiveCity | null> {
    const [city]: { id: string; name: string; timezone: string; area: unknown; settings: Record<string, unknown> }[] =
      await manager.query(`SELECT id, name, timezone, area, settings FROM cities WHERE id = $1`, [cityId]);
    if (!city) return null;
    const routes: { id: string; name: string; corridor_m: number; geometry: unknown }[] = await manager.query(
      `SELECT id, name, corridor_m, geometry FROM routes WHERE city_id = $1 ORDER BY id`,
      [cityId],
    );
    const teams: { id: string; name: string; kind: string }[] = await manager.query(
      `SELECT id, name, kind FROM teams WHERE city_id = $1 ORDER BY id`,
      [cityId],
    );
    const campaigns: {
      id: string;
      name: string;
      starts_at: Date;
      ends_at: Date;
      rules: unknown;
      issued: string | null;
    }[] = await manager.query(
      `SELECT c.id, c.name, c.starts_at, c.ends_at, c.rules,
                (SELECT -sum(balance) FROM ledger_accounts
                  WHERE kind = 'campaign-budget' AND city_id = c.city_id
                    AND owner_id LIKE c.city_id || '/' || c.id || '#%') AS issued
           FROM campaigns c WHERE c.city_id = $1 ORDER BY c.starts_at, c.id`,
      [cityId],
    );
    const people: {
      email: string;
      display_name: string | null;
      role: string;
      merchant_id: string | null;
      merchant_owner: boolean;
    }[] = await manager.query(
      `SELECT email, display_name, role, merchant_id, merchant_owner FROM accounts
        WHERE city_id = $1 AND role IN ('operator', 'mediator', 'merchant_staff') ORDER BY created_at, email`,
      [cityId],
    );
    const merchants: {
      id: string;
      key: string;
      name: string;
      lat: number;
      lon: number;
      address: string | null;
      description: string | null;
      opening_hours: unknown;
    }[] = await manager.query(
      `SELECT id, key, name, lat, lon, address, description, opening_hours FROM merchants
        WHERE city_id = $1 AND source = 'city-file' AND status = 'approved' ORDER BY key`,
      [cityId],
    );
    const offers: {
      merchant_id: string;
      key: string;
      title: string;
      description: string | null;
      cost_points: number;
      stock: number | null;
      active: boolean;
      valid_from: Date | null;
      valid_until: Date | null;
      voucher_ttl_s: number | null;
      per_participant_limit: number | null;
      usable_hours: unknown;
      payout_cents: number;
    }[] = await manager.query(
      `SELECT merchant_id, key, title, description, cost_points, stock, active, valid_from, valid_until, voucher_ttl_s,
              per_participant_limit, usable_hours, payout_cents
         FROM offers WHERE city_id = $1 AND source = 'city-file' ORDER BY key`,
      [cityId],
    );
    const settings = city.settings ?? {};
    const rules = settings.rules as Record<string, unknown> | undefined;
    const vouchers = settings.vouchers as Record<string, unknown> | undefined;
    const file = present({
      id: city.id,
      name: city.name,
      timezone: city.timezone,
      area: city.area,
      rules: rules && Object.keys(rules).length ? rules : undefined,
      vouchers: vouchers && Object.keys(vouchers).length ? vouchers : undefined,
      routes: routes.map((r) => ({ id: r.id, name: r.name, corridorM: Number(r.corridor_m), geometry: r.geometry })),
      campaigns: campaigns.map((c) => ({
        id: c.id,
        name: c.name,
        startsAt: c.starts_at.toISOString(),
        endsAt: c.ends_at.toISOString(),
        ...(c.rules && Object.keys(c.rules).length ? { rules: c.rules } : {}),
      })),
      teams: teams.map((t) => ({ id: t.id, name: t.name, kind: t.kind })),
      operators: people
        .filter((p) => p.role === 'operator')
        .map((p) => present({ email: p.email, displayName: p.display_name })),
      ...(people.some((p) => p.role === 'mediator')
        ? {
            mediators: people
              .filter((p) => p.role === 'mediator')
              .map((p) => present({ email: p.email, displayName: p.display_name })),
          }
        : {}),
      merchants: merchants.map((m) => {
        const staff = people.filter((p) => p.role === 'merchant_staff' && p.merchant_id === m.id);
        return present({
          id: m.key,
          name: m.name,
          location: [m.lon, m.lat],
          address: m.address,
          description: m.description,
          openingHours: m.opening_hours,
          // Owners are written out: without `owner`, the file would make the first one the owner.
          staff: staff.map((s) => present({ email: s.email, displayName: s.display_name, owner: s.merchant_owner })),
          offers: offers
            .filter((o) => o.merchant_id === m.id)
            .map((o) =>
              present({
                id: o.key,
                title: o.title,
                description: o.description,
                costPoints: o.cost_points,
                stock: o.stock,
                active: o.active,
                validFrom: o.valid_from?.toISOString(),
                validUntil: o.valid_until?.toISOString(),
                voucherTtlDays: o.voucher_ttl_s ? o.voucher_ttl_s / 86_400 : null,
                perParticipantLimit: o.per_participant_limit,
                usableHours: o.usable_hours,
                payoutCents: o.payout_cents,
              }),
            ),
        });
      }),
    });
    const issuedByCampaign = Object.fromEntries(campaigns.map((c) => [c.id, Number(c.issued ?? 0)]));
    return { file, issuedByCampaign };
  }
}
