import { cityPrivacyPolicy, DEFAULT_PRIVACY_POLICY } from './privacy-zones.policy';

describe(cityPrivacyPolicy.name, () => {
  it('fills the defaults: 300 m trim, 90 days, a simplified line', () => {
    expect(cityPrivacyPolicy({})).toEqual({ trimMetres: 300, retentionDays: 90, retainedLine: 'simplified' });
    expect(cityPrivacyPolicy(null)).toEqual(DEFAULT_PRIVACY_POLICY);
  });

  it('takes the city’s choices', () => {
    expect(cityPrivacyPolicy({ privacy: { trimMetres: 0, retentionDays: 30, retainedLine: 'none' } })).toEqual({
      trimMetres: 0,
      retentionDays: 30,
      retainedLine: 'none',
    });
  });
});
