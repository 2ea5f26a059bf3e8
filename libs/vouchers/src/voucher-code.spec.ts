import { formatVoucherCode, generateVoucherCode, normalizeVoucherCode } from './voucher-code';

describe('voucher codes', () => {
  it('generates codes that validate and survive formatting, case and lookalikes', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateVoucherCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(normalizeVoucherCode(code)).toBe(code);
      expect(normalizeVoucherCode(formatVoucherCode(code).toLowerCase())).toBe(code);
      expect(normalizeVoucherCode(code.replace(/0/g, 'O').replace(/1/g, 'I'))).toBe(code);
    }
  });

  it('rejects every single-symbol typo and every adjacent swap', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let n = 0; n < 50; n++) {
      const code = generateVoucherCode();
      for (let i = 0; i < code.length; i++) {
        for (const c of alphabet) {
          if (c === code[i]) continue;
          expect(normalizeVoucherCode(code.slice(0, i) + c + code.slice(i + 1))).toBeNull();
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          expect(normalizeVoucherCode(swapped)).toBeNull();
        }
      }
    }
  });

  it('rejects wrong lengths and foreign symbols', () => {
    expect(normalizeVoucherCode('')).toBeNull();
    expect(normalizeVoucherCode('ABC')).toBeNull();
    expect(normalizeVoucherCode('U'.repeat(10))).toBeNull();
    expect(normalizeVoucherCode('x'.repeat(100))).toBeNull();
  });
});
