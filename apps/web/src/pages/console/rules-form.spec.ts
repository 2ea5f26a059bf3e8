import { defaultRules, scoringRulesSchema } from '@muvo/scoring';
import { checkForm, draftRules, formValues } from './rules-form';

// The rules in effect as GET /v1/admin/rules answers them (defaults filled in), and as configured.
const effective = defaultRules() as unknown as Record<string, unknown>;
const configured = { earnOutsideCampaigns: false, co2: { carBaselineGPerKm: 150 } };

describe('the rules form of the console', () => {
  it('sends back what is in effect when nothing is changed, in a body the api accepts', () => {
    const draft = draftRules(configured, effective, formValues(effective));
    expect(scoringRulesSchema.safeParse(draft).success).toBe(true);
    expect(draft).toMatchObject({
      pointsPerKm: { walk: 10, bike: 6, bus: 3.75, train: 2.5, car: 0 },
      dailyCap: { points: 500, trips: 12 },
      multipliers: { route: { factor: 1.5, minShare: 0.2 }, streak: { perDay: 0.05, maxDays: 10 } },
      // What the form does not show is kept as configured.
      earnOutsideCampaigns: false,
      co2: { carBaselineGPerKm: 150 },
    });
    expect((draft.multipliers as { peak: { windows: unknown[] } }).peak.windows).toHaveLength(2);
  });

  it('changes only the field edited: a doubled bike rate leaves every other rate alone', () => {
    const before = draftRules(configured, effective, formValues(effective));
    const after = draftRules(configured, effective, { ...formValues(effective), 'pointsPerKm.bike': '12' });
    expect(after).toEqual({ ...before, pointsPerKm: { ...before.pointsPerKm, bike: 12 } });
  });

  it('reads an emptied optional field as "none": no cap, no band, bonus off', () => {
    const values = {
      ...formValues(effective),
      'dailyCap.points': '',
      'dailyBandKm.walk': ' ',
      'multipliers.peak.factor': '',
    };
    expect(checkForm(values)).toEqual({});
    const draft = draftRules(configured, effective, values);
    expect(draft).toMatchObject({
      dailyCap: { points: null },
      dailyBandKm: { walk: null },
      multipliers: { peak: null },
    });
    expect(scoringRulesSchema.safeParse(draft).success).toBe(true);
  });

  it('refuses what the api refuses, field by field, with a comma accepted as the decimal sign', () => {
    const checks = checkForm({
      ...formValues(effective),
      'pointsPerKm.walk': '1001',
      'pointsPerKm.bike': 'six',
      'dailyCap.trips': '2.5',
      'dailyBandKm.bike': '0',
      'multipliers.route.factor': '0,5',
      'multipliers.streak.maxDays': '',
      'pointsPerKm.bus': '3,75',
    });
    expect(checks).toEqual({
      'pointsPerKm.walk': { key: 'con_fieldBetween', values: { min: 0, max: 1000 } },
      'pointsPerKm.bike': { key: 'con_fieldNumber' },
      'dailyCap.trips': { key: 'con_fieldWhole' },
      'dailyBandKm.bike': { key: 'con_fieldAboveUpTo', values: { min: 0, max: 1000 } },
      'multipliers.route.factor': { key: 'con_fieldBetween', values: { min: 1, max: 10 } },
      'multipliers.streak.maxDays': { key: 'con_fieldRequired' },
    });
  });
});
