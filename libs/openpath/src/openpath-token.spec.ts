import { generateLoginToken, hashLoginToken, loginUrlOf, parseLoginToken } from './openpath-token';

describe('OpenPATH login tokens', () => {
  it('are nrelop_<city>_default_<128 random bits>, read back even when the city id has underscores', () => {
    const token = generateLoginToken('bay_area-2');
    expect(token).toMatch(/^nrelop_bay_area-2_default_[0-9a-f]{32}$/);
    expect(parseLoginToken(token)).toEqual({ cityId: 'bay_area-2', subgroup: 'default', random: token.slice(-32) });
    expect(generateLoginToken('x')).not.toBe(generateLoginToken('x'));
  });

  it('refuses anything else', () => {
    for (const token of ['', 'nrelop_x_default', 'nrelop__default_0123456789abcdef', 'op_city_default_0123456789abcdef', `nrelop_city_default_short`]) {
      expect(parseLoginToken(token)).toBeNull();
    }
  });

  it('are stored as hashes and opened from a link', () => {
    expect(hashLoginToken('nrelop_a_default_0123456789abcdef')).toMatch(/^[0-9a-f]{64}$/);
    expect(loginUrlOf('nrelop_a_default_0123456789abcdef')).toBe(
      'emission://login_token?token=nrelop_a_default_0123456789abcdef',
    );
  });
});
