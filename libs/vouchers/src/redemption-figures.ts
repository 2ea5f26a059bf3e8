import type { DataSource, EntityManager } from 'typeorm';

/** The shops' redemptions as the console's figures count them, from the settlement entries. */
type Db = DataSource | EntityManager;

const IN_DAYS = `e.city_id = $1 AND e.kind IN ('redemption', 'redemption-undo')
   AND e.occurred_at >= ($2::date)::timestamp AT TIME ZONE $4 AND e.occurred_at < ($3::date + 1)::timestamp AT TIME ZONE $4`;

/** Redemptions (less undone ones) and their value over some local days of a city (in its `timezone`). */
export async function redemptionTotals(
  db: Db,
  city: { id: string; timezone: string },
  days: { from: string; to: string },
): Promise<{ redemptions: number; valueCents: number }> {
  const [found]: { n: string; cents: string }[] = await db.query(
    `SELECT COALESCE(sum(sign(e.points)), 0) AS n, COALESCE(sum(e.amount_cents), 0) AS cents
       FROM settlement_entries e WHERE ${IN_DAYS}`,
    [city.id, days.from, days.to, city.timezone],
  );
  return { redemptions: Number(found.n), valueCents: Number(found.cents) };
}

/** The same, shop by shop, over one local day. */
export async function redemptionsByShop(
  db: Db,
  city: { id: string; timezone: string },
  day: string,
): Promise<{ merchantId: string; redemptions: number; valueCents: number }[]> {
  const found: { merchant_id: string; n: string; cents: string }[] = await db.query(
    `SELECT e.merchant_id, sum(sign(e.points)) AS n, sum(e.amount_cents) AS cents
       FROM settlement_entries e WHERE ${IN_DAYS} GROUP BY e.merchant_id`,
    [city.id, day, day, city.timezone],
  );
  return found.map((f) => ({ merchantId: f.merchant_id, redemptions: Number(f.n), valueCents: Number(f.cents) }));
}

/** The city-days (local, by `timezones`) with a settlement entry since an instant. */
export async function settlementDaysSince(
  db: Db,
  since: Date,
  timezones: ReadonlyMap<string, string>,
): Promise<{ cityId: string; day: string }[]> {
  const found: { city_id: string; day: string }[] = await db.query(
    `SELECT DISTINCT e.city_id, to_char((e.occurred_at AT TIME ZONE c.timezone)::date, 'YYYY-MM-DD') AS day
       FROM settlement_entries e JOIN unnest($2::text[], $3::text[]) AS c (id, timezone) ON c.id = e.city_id
      WHERE e.occurred_at > $1`,
    [since, [...timezones.keys()], [...timezones.values()]],
  );
  return found.map((f) => ({ cityId: f.city_id, day: f.day }));
}
