import { randomInt } from 'node:crypto';

/**
 * Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or typed from a phone
 * screen cannot be mistaken; lookalikes are folded when reading input.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));
const LOOKALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };

/** Random symbols per code; with the check symbol a code has 10 (~45 bits of entropy). */
const RANDOM_SYMBOLS = 9;

/** Multiplication by x in GF(32) modulo x⁵ + x² + 1. */
function timesX(v: number): number {
  v <<= 1;
  return v & 32 ? v ^ 0x25 : v;
}

/**
 * Damm check over the quasigroup x∘y = x·X + y in GF(32), which is totally anti-symmetric:
 * the check symbol catches every single-symbol typo and every swap of adjacent symbols.
 */
function dammInterim(symbols: string): number {
  let interim = 0;
  for (const c of symbols) interim = timesX(interim) ^ VALUE.get(c)!;
  return interim;
}

function checkSymbol(payload: string): string {
  return ALPHABET[timesX(dammInterim(payload))];
}

/** A new random voucher code in canonical form (10 symbols, no separators). */
export function generateVoucherCode(): string {
  let payload = '';
  for (let i = 0; i < RANDOM_SYMBOLS; i++) payload += ALPHABET[randomInt(32)];
  return payload + checkSymbol(payload);
}

/** Groups a canonical code for display: `7K3M-Q9XD-2P`. */
export function formatVoucherCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * Canonical form of a code as typed or scanned: case, spaces and dashes ignored, lookalikes
 * folded. Returns null when it cannot be a valid code (wrong length, bad symbol, failed check),
 * so a typo is recognised without a database lookup.
 */
export function normalizeVoucherCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  let code = '';
  for (const raw of input.toUpperCase()) {
    if (raw === '-' || raw === ' ') continue;
    const c = LOOKALIKES[raw] ?? raw;
    if (!VALUE.has(c)) return null;
    code += c;
  }
  if (code.length !== RANDOM_SYMBOLS + 1) return null;
  return dammInterim(code) === 0 ? code : null;
}
