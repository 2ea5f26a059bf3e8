import { resolveRules, scoringRulesSchema } from './scoring-rules';

describe('scoring rules', () => {
  it('defaults to Play&Go rates and bands with MUV-style multipliers', () => {
    const rules = resolveRules();
    expect(rules.pointsPerKm).toEqual({ walk: 10, bike: 6, bus: 3.75, train: 2.5, car: 0, unknown: 0 });
    expect(rules.dailyBandKm).toMatchObject({ walk: 5, bike: 8, bus: 13, train: 20 });
    expect(rules.earnOutsideCampaigns).toBe(true);
    expect(rules.multipliers.peak?.factor).toBe(1.1);
  });

  it('layers a campaign over its city field by field; null switches a multiplier off', () => {
    const rules = resolveRules(
      { pointsPerKm: { bike: 8 }, multipliers: { route: { factor: 2 } } },
      { pointsPerKm: { walk: 12 }, multipliers: { route: null }, budget: { totalPoints: 1000 } },
    );
    expect(rules.pointsPerKm).toMatchObject({ walk: 12, bike: 8, bus: 3.75 });
    expect(rules.multipliers.route).toBeNull();
    expect(rules.budget).toEqual({ totalPoints: 1000, pacing: 'daily' });
  });

  it('refuses bad rules with a path and a reason for each problem', () => {
    const result = scoringRulesSchema.safeParse({
      pointsPerKm: { walk: -1, hovercraft: 3 },
      multipliers: { peak: { factor: 1.1, windows: [{ from: '9:00', to: '08:00' }] } },
      antiCheat: { actions: { TELEPORT: 'ignore' } },
      dailyCaps: 3,
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'pointsPerKm.walk',
        'pointsPerKm',
        'multipliers.peak.windows.0.from',
        'antiCheat.actions.TELEPORT',
        '',
      ]),
    );
  });
});
