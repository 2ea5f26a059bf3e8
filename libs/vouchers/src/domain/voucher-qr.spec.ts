import { generateVoucherCode } from '../voucher-code';
import { deriveQrKey, isVoucherQr, readVoucherQr, signVoucherQr } from './voucher-qr';

describe('voucher QR payloads', () => {
  const key = deriveQrKey('a secret of at least thirty-two characters');
  const other = deriveQrKey('another secret of at least thirty-two chars');

  it('round-trips a code and refuses a forged, altered or foreign payload', () => {
    const code = generateVoucherCode();
    const payload = signVoucherQr(code, key);
    expect(payload).toMatch(/^MUVO1\.[0-9A-Z]{10}\.[\w-]{22}$/);
    expect(isVoucherQr(payload)).toBe(true);
    expect(readVoucherQr(payload, key)).toBe(code);
    expect(readVoucherQr(` ${payload}\n`, key)).toBe(code);
    expect(readVoucherQr(payload, other)).toBeNull();
    const another = generateVoucherCode();
    expect(readVoucherQr(payload.replace(code, another), key)).toBeNull();
    expect(readVoucherQr(`${payload.slice(0, -2)}AA`, key)).toBeNull();
    expect(readVoucherQr('MUVO1.', key)).toBeNull();
    expect(readVoucherQr(`MUVO1.${code}`, key)).toBeNull();
    expect(isVoucherQr('7K3M-Q9XD-2P')).toBe(false);
  });
});
