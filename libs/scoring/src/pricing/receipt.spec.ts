import type { DayContext, LegFacts } from './receipt';
import { localTime } from '@muvo/kernel';
import { bandedScore, localMinute, priceTrip } from './receipt';
import { resolveRules } from './scoring-rules';

const T0 = Date.parse('2026-03-04T12:00:00Z'); // a Wednesday, 13:00 in Rome: off-peak

function leg(mode: LegFacts['mode'], km: number, extra: Partial<LegFacts> = {}): LegFacts {
  const durationS = (km * 1000) / (mode === 'walk' ? 1.3 : mode === 'bike' ? 5 : 8);
  return {
    mode,
    classifiedMode: mode,
    confidence: 0.9,
    reason: 'model',
    startedAt: T0,
    endedAt: T0 + durationS * 1000,
    distanceM: km * 1000,
    durationS,
    sustainedKmh: 10,
    corridor: null,
    ...extra,
  };
}

const day = (over: Partial<DayContext> = {}): DayContext => ({
  localDay: '2026-03-04',
  distanceMByMode: {},
  pointsToday: 0,
  tripsToday: 0,
  streakDays: 0,
  firstTrip: false,
  budgetRemaining: null,
  ...over,
});
const meta = { cityId: 'c', campaignId: null, timezone: 'Europe/Rome' };
/** Default rules without the multipliers and caps, to test one thing at a time. */
const plain = () =>
  resolveRules({
    multipliers: { route: null, peak: null, streak: null, firstTrip: null },
    dailyCap: { points: null, trips: null },
  });
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe(priceTrip.name, () => {
  it('pays km × the Play&Go rate per mode and rounds the total down once', () => {
    const receipt = priceTrip([leg('walk', 1.23), leg('bus', 2)], plain(), day(), meta);
    expect(receipt.legs.map((l) => [l.mode, l.pointsPerKm, l.basePoints, l.points])).toEqual([
      ['walk', 10, 12.3, 12.3],
      ['bus', 3.75, 7.5, 7.5],
    ]);
    expect(receipt.subtotal).toBe(19.8);
    expect(receipt.totalPoints).toBe(19);
    expect(receipt.adjustments).toEqual([{ kind: 'rounding', label: 'rounded down to whole points', amount: -0.8 }]);
  });

  it('halves the rate after each daily band, so splitting a day into trips earns nothing extra', () => {
    expect(bandedScore(12, 10, 5)).toBeCloseTo(5 * 10 + 5 * 5 + 2 * 2.5);
    const whole = priceTrip([leg('walk', 12)], plain(), day(), meta).totalPoints;
    let earned = 0;
    let walked = 0;
    for (const km of [3, 4, 5]) {
      const r = priceTrip([leg('walk', km)], plain(), day({ distanceMByMode: { walk: walked * 1000 } }), meta);
      earned += r.legs[0].points;
      walked += km;
    }
    expect(whole).toBe(80);
    expect(earned).toBeCloseTo(80);
    const second = priceTrip([leg('walk', 4)], plain(), day({ distanceMByMode: { walk: 3000 } }), meta);
    const band = second.legs[0].adjustments.find((a) => a.kind === 'band')!;
    expect(band.amount).toBe(-10); // 2 of the 4 km past 5 km at half rate
    expect(band.label).toContain('3.0→7.0 km');
  });

  it('shows each multiplier with its own amount computed on the banded points', () => {
    const rules = resolveRules({
      dailyCap: { points: null, trips: null },
      multipliers: {
        route: { factor: 1.5, minShare: 0.2 },
        peak: { factor: 1.1, windows: [{ from: '07:30', to: '09:00' }] },
        streak: { perDay: 0.05, maxDays: 10 },
        firstTrip: { factor: 2 },
      },
    });
    const peakStart = Date.parse('2026-03-04T07:00:00Z'); // 08:00 in Rome
    const facts = leg('bike', 5, { startedAt: peakStart, corridor: { routeId: 'via-maqueda', share: 0.6 } });
    const receipt = priceTrip([facts], rules, day({ streakDays: 3, firstTrip: true }), meta);
    const l = receipt.legs[0];
    expect(l.basePoints).toBe(30);
    expect(l.adjustments.map((a) => [a.kind, a.amount])).toEqual([
      ['route', 9], // 30 × 60% × 0.5
      ['peak', 3], // 30 × 0.1
      ['streak', 4.5], // 30 × 0.15
      ['first-trip', 30],
    ]);
    expect(l.points).toBe(76.5);
    expect(receipt.totalPoints).toBe(76);
    expect(l.points).toBeCloseTo(l.basePoints + sum(l.adjustments.map((a) => a.amount)));
  });

  it('gives nothing for legs too short or in modes that earn nothing, and says why', () => {
    const receipt = priceTrip([leg('walk', 0.05), leg('car', 10), leg('bike', 2)], plain(), day(), meta);
    expect(receipt.legs.map((l) => [l.points, l.codes])).toEqual([
      [0, ['TOO_SHORT']],
      [0, ['NOT_REWARDED_MODE']],
      [12, []],
    ]);
    expect(receipt.codes).toEqual(['TOO_SHORT']);
    expect(receipt.totalPoints).toBe(12);
  });

  it('caps the day’s points and trips, then the campaign budget, each as a line with DAILY_CAP or BUDGET_EXHAUSTED', () => {
    const rules = resolveRules({
      multipliers: { route: null, peak: null, streak: null, firstTrip: null },
      dailyCap: { points: 100, trips: 3 },
    });
    const capped = priceTrip([leg('walk', 4)], rules, day({ pointsToday: 80 }), meta);
    expect(capped.totalPoints).toBe(20);
    expect(capped.codes).toContain('DAILY_CAP');
    expect(capped.adjustments[0]).toMatchObject({ kind: 'daily-cap', amount: -20 });
    const fourth = priceTrip([leg('walk', 1)], rules, day({ tripsToday: 3 }), meta);
    expect(fourth.totalPoints).toBe(0);
    expect(fourth.codes).toEqual(['DAILY_CAP']);
    const budget = priceTrip([leg('walk', 2)], rules, day({ budgetRemaining: 7 }), meta);
    expect(budget.totalPoints).toBe(7);
    expect(budget.codes).toEqual(['BUDGET_EXHAUSTED']);
    expect(budget.subtotal + sum(budget.adjustments.map((a) => a.amount))).toBeCloseTo(budget.totalPoints);
  });

  it('computes CO2 avoided per leg against the car baseline', () => {
    const receipt = priceTrip([leg('bike', 10), leg('bus', 10), leg('car', 10)], plain(), day(), meta);
    expect(receipt.legs.map((l) => l.co2AvoidedG)).toEqual([1700, 1000, 0]);
    expect(receipt.co2AvoidedG).toBe(2700);
  });
});

describe('localMinute', () => {
  it('reads the city’s clock as localTime does, to the minute, across offsets, midnights and DST changes', () => {
    let seed = 1;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const timezone of ['Europe/Rome', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'UTC']) {
      for (let i = 0; i < 4000; i++) {
        const at = Date.UTC(2026, 0, 1) + Math.floor(next() * 366 * 86_400_000);
        const exact = localTime(Math.floor(at / 60_000) * 60_000, timezone);
        expect({ timezone, at, local: localMinute(at, timezone) }).toEqual({ timezone, at, local: exact });
      }
    }
  });
});
