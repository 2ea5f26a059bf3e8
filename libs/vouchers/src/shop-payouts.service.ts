import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@muvo/database';
import type { Principal } from '@muvo/identity';
import { toCsv } from './domain/csv';
import { localTime } from './domain/weekly-schedule';
import { isOperatorOf } from './merchant-access';
import { MerchantsService } from './merchants.service';
import { VoucherErrors } from './vouchers.exceptions';

/** A period of whole local days, `from` to `to` inclusive, in the city's time zone. */
export interface Period {
  from: string;
  to: string;
}

export interface PayoutEntryView {
  occurredAt: string;
  kind: 'redemption' | 'redemption-undo' | 'payout';
  voucherId: string | null;
  offerTitle: string | null;
  points: number;
  amountCents: number;
}

export interface PayoutStatement {
  merchantId: string;
  merchantName: string;
  from: string;
  to: string;
  timezone: string;
  currency: string;
  /** Redemptions in the period that were not undone. */
  redemptions: number;
  undone: number;
  points: number;
  /** What the programme owes the shop for the period. */
  amountCents: number;
  byOffer: {
    offerId: string | null;
    offerTitle: string | null;
    redemptions: number;
    points: number;
    amountCents: number;
  }[];
  /** Settlements already recorded that overlap the period. */
  settlements: PayoutView[];
  /** All-time balance of the shop's settlement ledger: owed and not yet paid out. */
  outstandingCents: number;
  entries: PayoutEntryView[];
}

export interface PayoutView {
  settlementId: string;
  merchantId: string;
  from: string;
  to: string;
  redemptions: number;
  points: number;
  amountCents: number;
  currency: string;
  createdAt: string;
}

export interface CityReportRow {
  merchantId: string;
  merchantName: string;
  status: string;
  claimed: number;
  redemptions: number;
  undone: number;
  points: number;
  amountCents: number;
  expired: number;
  refunded: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_PERIOD_DAYS = 400;

/**
 * Shop payouts: what each shop redeemed and what the programme owes it, by period. Its entries
 * (redemptions, their undos, payouts) are append-only; closing a period records its total as a
 * payout, once, and no two payouts of a shop overlap. (Tables and URLs keep their older name,
 * "settlement", which in code now means only scoring's deciding of trips.)
 */
@Injectable()
export class ShopPayoutsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly merchants: MerchantsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async statement(merchantId: string, principal: Principal, period: Period): Promise<PayoutStatement> {
    const merchant = await this.merchants.loadForStaffOrOperator(merchantId, principal);
    checkPeriod(period);
    const policy = await this.merchants.policy(merchant.city_id);
    const entries: {
      occurred_at: Date;
      kind: PayoutEntryView['kind'];
      voucher_id: string | null;
      offer_id: string | null;
      offer_title: string | null;
      points: number;
      amount_cents: string;
    }[] = await this.dataSource.query(
      `SELECT occurred_at, kind, voucher_id, offer_id, offer_title, points, amount_cents FROM settlement_entries
        WHERE merchant_id = $1 AND kind <> 'payout'
          AND occurred_at >= ($2::date)::timestamp AT TIME ZONE $4 AND occurred_at < ($3::date + 1)::timestamp AT TIME ZONE $4
        ORDER BY occurred_at, id`,
      [merchantId, period.from, period.to, policy.timezone],
    );
    const byOffer = new Map<string, PayoutStatement['byOffer'][number]>();
    let redemptions = 0;
    let undone = 0;
    let points = 0;
    let amountCents = 0;
    for (const e of entries) {
      const amount = Number(e.amount_cents);
      const sign = e.kind === 'redemption' ? 1 : -1;
      redemptions += sign;
      if (e.kind === 'redemption-undo') undone++;
      points += e.points;
      amountCents += amount;
      const key = e.offer_id ?? '';
      const line = byOffer.get(key) ?? {
        offerId: e.offer_id,
        offerTitle: e.offer_title,
        redemptions: 0,
        points: 0,
        amountCents: 0,
      };
      line.redemptions += sign;
      line.points += e.points;
      line.amountCents += amount;
      byOffer.set(key, line);
    }
    const [{ outstanding }]: { outstanding: string | null }[] = await this.dataSource.query(
      `SELECT sum(amount_cents) AS outstanding FROM settlement_entries WHERE merchant_id = $1`,
      [merchantId],
    );
    return {
      merchantId,
      merchantName: merchant.name,
      from: period.from,
      to: period.to,
      timezone: policy.timezone,
      currency: policy.currency,
      redemptions,
      undone,
      points,
      amountCents,
      byOffer: [...byOffer.values()].sort((a, b) => b.redemptions - a.redemptions),
      settlements: (await this.listPayouts(merchantId, principal)).filter(
        (s) => s.from <= period.to && s.to >= period.from,
      ),
      outstandingCents: Number(outstanding ?? 0),
      entries: entries.map((e) => ({
        occurredAt: e.occurred_at.toISOString(),
        kind: e.kind,
        voucherId: e.voucher_id,
        offerTitle: e.offer_title,
        points: e.points,
        amountCents: Number(e.amount_cents),
      })),
    };
  }

  /** The statement's entries as CSV, local times and amounts in the currency's units. */
  async statementCsv(merchantId: string, principal: Principal, period: Period): Promise<string> {
    const s = await this.statement(merchantId, principal, period);
    return toCsv(
      [
        { header: 'date', value: (e: PayoutEntryView) => localStamp(e.occurredAt, s.timezone) },
        { header: 'kind', value: (e) => e.kind },
        { header: 'voucher_id', value: (e) => e.voucherId },
        { header: 'offer', value: (e) => e.offerTitle },
        { header: 'points', value: (e) => e.points },
        { header: `amount_${s.currency.toLowerCase()}`, value: (e) => (e.amountCents / 100).toFixed(2) },
      ],
      s.entries,
    );
  }

  async listPayouts(merchantId: string, principal: Principal): Promise<PayoutView[]> {
    await this.merchants.loadForStaffOrOperator(merchantId, principal);
    const list: PayoutRow[] = await this.dataSource.query(
      `SELECT ${PAYOUT_COLUMNS} FROM settlements WHERE merchant_id = $1 ORDER BY period_start DESC`,
      [merchantId],
    );
    return list.map(payoutView);
  }

  /**
   * An operator pays a shop's period: the total owed is recorded and a payout entry brings the
   * shop's balance down by it. The period must be over (and past the undo window) and must not
   * overlap an earlier payout.
   */
  async recordPayout(merchantId: string, principal: Principal, period: Period): Promise<PayoutView> {
    const merchant = await this.merchants.load(merchantId);
    if (!isOperatorOf(principal, merchant.city_id)) throw VoucherErrors.merchantNotFound(merchantId);
    checkPeriod(period);
    const policy = await this.merchants.policy(merchant.city_id);
    return this.dataSource
      .transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('settlement:' || $1))`, [merchantId]);
        const [bounds]: { start: Date; end: Date; over: boolean; overlaps: boolean }[] = await manager.query(
          `SELECT b.start, b.end, b.end <= now() - make_interval(secs => $5) AS over,
                  EXISTS (SELECT 1 FROM settlements s WHERE s.merchant_id = $1
                           AND s.period_start < b.end AND s.period_end > b.start) AS overlaps
             FROM (SELECT ($2::date)::timestamp AT TIME ZONE $4 AS start,
                          ($3::date + 1)::timestamp AT TIME ZONE $4 AS end) b`,
          [merchantId, period.from, period.to, policy.timezone, this.config.vouchers.undoWindowS],
        );
        if (!bounds.over) throw VoucherErrors.periodNotOver();
        if (bounds.overlaps) throw VoucherErrors.periodAlreadySettled();
        const [totals]: { redemptions: number; points: string | null; amount: string | null }[] = await manager.query(
          `SELECT (count(*) FILTER (WHERE kind = 'redemption') - count(*) FILTER (WHERE kind = 'redemption-undo'))::int
                    AS redemptions,
                  sum(points) AS points, sum(amount_cents) AS amount
             FROM settlement_entries
            WHERE merchant_id = $1 AND kind <> 'payout' AND occurred_at >= $2 AND occurred_at < $3`,
          [merchantId, bounds.start, bounds.end],
        );
        const id = randomUUID();
        const amount = Number(totals.amount ?? 0);
        await manager.query(
          `INSERT INTO settlements (id, merchant_id, city_id, period_start, period_end, from_date, to_date, redemptions,
                                    points, amount_cents, currency, closed_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            id,
            merchantId,
            merchant.city_id,
            bounds.start,
            bounds.end,
            period.from,
            period.to,
            totals.redemptions,
            Number(totals.points ?? 0),
            amount,
            policy.currency,
            principal.role === 'admin' ? null : principal.accountId,
          ],
        );
        await manager.query(
          `INSERT INTO settlement_entries (id, merchant_id, city_id, kind, points, amount_cents, settlement_id, occurred_at)
           VALUES ($1, $2, $3, 'payout', 0, $4, $5, now())`,
          [randomUUID(), merchantId, merchant.city_id, -amount, id],
        );
        return this.load(manager, id);
      })
      .catch((error: unknown) => {
        if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw VoucherErrors.periodAlreadySettled();
        throw error;
      });
  }

  /** The operator's view of the city: per shop, claims, redemptions, undos, expiries and what is owed. */
  async cityReport(
    principal: Principal,
    period: Period,
  ): Promise<{ cityId: string; from: string; to: string; currency: string; merchants: CityReportRow[] }> {
    const cityId = principal.cityId;
    if (!cityId || !isOperatorOf(principal, cityId)) throw VoucherErrors.cityNotFound(cityId ?? '');
    checkPeriod(period);
    const policy = await this.merchants.policy(cityId);
    const list: {
      id: string;
      name: string;
      status: string;
      claimed: number;
      redemptions: number;
      undone: number;
      points: string | null;
      amount: string | null;
      expired: number;
      refunded: number;
    }[] = await this.dataSource.query(
      `WITH b AS (SELECT ($2::date)::timestamp AT TIME ZONE $4 AS start, ($3::date + 1)::timestamp AT TIME ZONE $4 AS end)
       SELECT m.id, m.name, m.status,
              (SELECT count(*)::int FROM vouchers v WHERE v.merchant_id = m.id AND v.claimed_at >= b.start AND v.claimed_at < b.end) AS claimed,
              (SELECT count(*)::int FROM vouchers v WHERE v.merchant_id = m.id AND v.status = 'expired'
                  AND v.closed_at >= b.start AND v.closed_at < b.end) AS expired,
              (SELECT count(*)::int FROM vouchers v WHERE v.merchant_id = m.id AND v.status = 'refunded'
                  AND v.closed_at >= b.start AND v.closed_at < b.end) AS refunded,
              coalesce(e.redemptions, 0) AS redemptions, coalesce(e.undone, 0) AS undone, e.points, e.amount
         FROM merchants m CROSS JOIN b
         LEFT JOIN LATERAL (
           SELECT (count(*) FILTER (WHERE kind = 'redemption') - count(*) FILTER (WHERE kind = 'redemption-undo'))::int AS redemptions,
                  count(*) FILTER (WHERE kind = 'redemption-undo')::int AS undone,
                  sum(points) AS points, sum(amount_cents) AS amount
             FROM settlement_entries s
            WHERE s.merchant_id = m.id AND s.kind <> 'payout' AND s.occurred_at >= b.start AND s.occurred_at < b.end) e ON true
        WHERE m.city_id = $1
        ORDER BY coalesce(e.redemptions, 0) DESC, m.name`,
      [cityId, period.from, period.to, policy.timezone],
    );
    return {
      cityId,
      from: period.from,
      to: period.to,
      currency: policy.currency,
      merchants: list.map((r) => ({
        merchantId: r.id,
        merchantName: r.name,
        status: r.status,
        claimed: r.claimed,
        redemptions: r.redemptions,
        undone: r.undone,
        points: Number(r.points ?? 0),
        amountCents: Number(r.amount ?? 0),
        expired: r.expired,
        refunded: r.refunded,
      })),
    };
  }

  async cityReportCsv(principal: Principal, period: Period): Promise<string> {
    const report = await this.cityReport(principal, period);
    return toCsv(
      [
        { header: 'merchant_id', value: (r: CityReportRow) => r.merchantId },
        { header: 'merchant', value: (r) => r.merchantName },
        { header: 'status', value: (r) => r.status },
        { header: 'claimed', value: (r) => r.claimed },
        { header: 'redeemed', value: (r) => r.redemptions },
        { header: 'undone', value: (r) => r.undone },
        { header: 'expired', value: (r) => r.expired },
        { header: 'refunded', value: (r) => r.refunded },
        { header: 'points', value: (r) => r.points },
        { header: `owed_${report.currency.toLowerCase()}`, value: (r) => (r.amountCents / 100).toFixed(2) },
      ],
      report.merchants,
    );
  }

  private async load(manager: EntityManager, id: string): Promise<PayoutView> {
    const [row]: PayoutRow[] = await manager.query(`SELECT ${PAYOUT_COLUMNS} FROM settlements WHERE id = $1`, [id]);
    return payoutView(row);
  }
}

interface PayoutRow {
  id: string;
  merchant_id: string;
  from_date: string;
  to_date: string;
  redemptions: number;
  points: string;
  amount_cents: string;
  currency: string;
  created_at: Date;
}

const PAYOUT_COLUMNS = `id, merchant_id, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date,
  redemptions, points, amount_cents, currency, created_at`;

function payoutView(r: PayoutRow): PayoutView {
  return {
    settlementId: r.id,
    merchantId: r.merchant_id,
    from: r.from_date,
    to: r.to_date,
    redemptions: r.redemptions,
    points: Number(r.points),
    amountCents: Number(r.amount_cents),
    currency: r.currency,
    createdAt: r.created_at.toISOString(),
  };
}

function checkPeriod(period: Period): void {
  if (!DAY.test(period.from) || !DAY.test(period.to))
    throw VoucherErrors.invalidPeriod('from and to are dates: YYYY-MM-DD');
  const from = Date.parse(`${period.from}T00:00:00Z`);
  const to = Date.parse(`${period.to}T00:00:00Z`);
  // Nothing was redeemed before 1970, and PostgreSQL has no year 0.
  const real = (t: number, day: string) =>
    !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day && day >= '1970-01-01';
  if (!real(from, period.from) || !real(to, period.to))
    throw VoucherErrors.invalidPeriod('from and to must be real dates');
  if (to < from) throw VoucherErrors.invalidPeriod('to must not be before from');
  if ((to - from) / 86_400_000 > MAX_PERIOD_DAYS)
    throw VoucherErrors.invalidPeriod(`a period is at most ${MAX_PERIOD_DAYS} days`);
}

function localStamp(iso: string, timezone: string): string {
  const t = localTime(new Date(iso), timezone);
  return `${t.date} ${String(Math.floor(t.minute / 60)).padStart(2, '0')}:${String(t.minute % 60).padStart(2, '0')}`;
}
