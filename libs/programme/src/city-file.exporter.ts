import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { readCampaigns, readCity, readRoutes } from '@muvo/cities';
import { readTeams } from '@muvo/gamification';
import { cityStaff } from '@muvo/identity';
import { DomainException } from '@muvo/kernel';
import { campaignBudgetsIssued } from '@muvo/ledger';
import { readListedMerchants, readListedOffers } from '@muvo/vouchers';

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
    const city = await readCity(manager, cityId);
    if (!city) return null;
    // One after the other: inside the apply's transaction they share one connection.
    const routes = await readRoutes(manager, cityId);
    const teams = await readTeams(manager, cityId);
    const campaigns = await readCampaigns(manager, cityId);
    const people = await cityStaff(manager, cityId);
    const merchants = await readListedMerchants(manager, cityId);
    const offers = await readListedOffers(manager, cityId);
    const issued = await campaignBudgetsIssued(
      manager,
      cityId,
      campaigns.map((c) => c.id),
    );
    const settings = city.settings ?? {};
    const rules = settings.rules as Record<string, unknown> | undefined;
    const vouchers = settings.vouchers as Record<string, unknown> | undefined;
    const privacy = settings.privacy as Record<string, unknown> | undefined;
    const openData = settings.openData as { k?: number } | undefined;
    const file = present({
      id: city.id,
      name: city.name,
      timezone: city.timezone,
      area: city.area,
      rules: rules && Object.keys(rules).length ? rules : undefined,
      vouchers: vouchers && Object.keys(vouchers).length ? vouchers : undefined,
      privacy: privacy && Object.keys(privacy).length ? privacy : undefined,
      openData: openData?.k !== undefined ? { k: openData.k } : undefined,
      routes: routes.map((r) => ({ id: r.id, name: r.name, corridorM: r.corridorM, geometry: r.geometry })),
      campaigns: campaigns.map((c) => ({
        id: c.id,
        name: c.name,
        startsAt: c.startsAt.toISOString(),
        endsAt: c.endsAt.toISOString(),
        ...(c.rules && Object.keys(c.rules).length ? { rules: c.rules } : {}),
      })),
      teams: teams.map((t) => ({ id: t.id, name: t.name, kind: t.kind })),
      operators: people
        .filter((p) => p.role === 'operator')
        .map((p) => present({ email: p.email, displayName: p.displayName })),
      ...(people.some((p) => p.role === 'mediator')
        ? {
            mediators: people
              .filter((p) => p.role === 'mediator')
              .map((p) => present({ email: p.email, displayName: p.displayName })),
          }
        : {}),
      merchants: merchants.map((m) => {
        const staff = people.filter((p) => p.role === 'merchant_staff' && p.merchantId === m.id);
        return present({
          id: m.key,
          name: m.name,
          location: [m.lon, m.lat],
          address: m.address,
          description: m.description,
          openingHours: m.openingHours,
          // Owners are written out: without `owner`, the file would make the first one the owner.
          staff: staff.map((s) => present({ email: s.email, displayName: s.displayName, owner: s.merchantOwner })),
          offers: offers
            .filter((o) => o.merchantId === m.id)
            .map((o) =>
              present({
                id: o.key,
                title: o.title,
                description: o.description,
                costPoints: o.costPoints,
                stock: o.stock,
                active: o.active,
                validFrom: o.validFrom ? new Date(o.validFrom).toISOString() : undefined,
                validUntil: o.validUntil ? new Date(o.validUntil).toISOString() : undefined,
                voucherTtlDays: o.voucherTtlS ? o.voucherTtlS / 86_400 : null,
                perParticipantLimit: o.perParticipantLimit,
                usableHours: o.usableHours,
                payoutCents: o.payoutCents,
              }),
            ),
        });
      }),
    });
    const issuedByCampaign = Object.fromEntries(campaigns.map((c) => [c.id, issued.get(c.id) ?? 0]));
    return { file, issuedByCampaign };
  }
}
