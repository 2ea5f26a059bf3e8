import { formatLoginCode, generateLoginCode, normaliseLoginCode } from './login-code';

describe('login codes', () => {
  it('are 12 unambiguous letters in groups of four, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, generateLoginCode));
    expect(codes.size).toBe(200);
    for (const code of codes)
      expect(code).toMatch(/^[A-HJKMNP-TW-Z2-9]{4}-[A-HJKMNP-TW-Z2-9]{4}-[A-HJKMNP-TW-Z2-9]{4}$/);
  });

  it('read back however they are typed', () => {
    expect(normaliseLoginCode(' k7mq 9xda-2prt ')).toBe('K7MQ9XDA2PRT');
    expect(formatLoginCode(normaliseLoginCode('k7mq9xda2prt'))).toBe('K7MQ-9XDA-2PRT');
  });
});
