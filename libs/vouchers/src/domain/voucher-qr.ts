import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { normalizeVoucherCode } from '../voucher-code';

/** Version prefix of the QR payload: `MUVO1.<code>.<signature>`. */
const PREFIX = 'MUVO1.';
const SIGNATURE_BYTES = 16;

/** The QR signing key, derived from a secret so that it is never the token-signing key itself. */
export function deriveQrKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'muvo', 'muvo voucher qr v1', 32));
}

function signature(code: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(PREFIX).update(code).digest().subarray(0, SIGNATURE_BYTES);
}

/**
 * The payload a voucher's QR code carries. The signature proves muvo issued it, so a scanned
 * payload is never a guess; the short code alone stays usable when a screen cannot be scanned.
 */
export function signVoucherQr(code: string, key: Buffer): string {
  return `${PREFIX}${code}.${signature(code, key).toString('base64url')}`;
}

export function isVoucherQr(input: string): boolean {
  return input.trim().toUpperCase().startsWith(PREFIX);
}

/** The canonical code of a genuine payload, or null when it is malformed or its signature is wrong. */
export function readVoucherQr(payload: string, key: Buffer): string | null {
  const trimmed = payload.trim();
  if (!isVoucherQr(trimmed) || trimmed.length > 100) return null;
  const [, rawCode, sig] = trimmed.split('.');
  const code = rawCode ? normalizeVoucherCode(rawCode) : null;
  if (!code || !sig) return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = signature(code, key);
  return given.length === expected.length && timingSafeEqual(given, expected) ? code : null;
}
