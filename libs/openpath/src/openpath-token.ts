import { createHash, randomBytes } from 'node:crypto';

/** The prefix e-mission gives its login tokens (`nrelop_<study>_<subgroup>_<random>`). */
export const TOKEN_PREFIX = 'nrelop';
/** The only subgroup muvo hands out; the app's opcode section accepts `default` in every study. */
export const DEFAULT_SUBGROUP = 'default';
/** Random part of the tokens muvo generates: 32 hex digits, 128 bits. */
const GENERATED_RANDOM_BYTES = 16;
/** Self-registered tokens come from the phone: their random part must not be guessable either. */
const RANDOM_PART = /^[A-Za-z0-9]{16,128}$/;
const SUBGROUP = /^[A-Za-z0-9-]{1,40}$/;
const CITY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export interface ParsedLoginToken {
  cityId: string;
  subgroup: string;
  random: string;
}

/** A new login token for a participant of `cityId`. */
export function generateLoginToken(cityId: string): string {
  return `${TOKEN_PREFIX}_${cityId}_${DEFAULT_SUBGROUP}_${randomBytes(GENERATED_RANDOM_BYTES).toString('hex')}`;
}

/**
 * Reads `nrelop_<city>_<subgroup>_<random>`. City ids may themselves hold `_`, so the random part
 * and the subgroup are read from the end. Null for anything else.
 */
export function parseLoginToken(token: string): ParsedLoginToken | null {
  if (token.length > 300 || !token.startsWith(`${TOKEN_PREFIX}_`)) return null;
  const parts = token.slice(TOKEN_PREFIX.length + 1).split('_');
  if (parts.length < 3) return null;
  const random = parts.pop()!;
  const subgroup = parts.pop()!;
  const cityId = parts.join('_');
  if (!RANDOM_PART.test(random) || !SUBGROUP.test(subgroup) || !CITY_ID.test(cityId)) return null;
  return { cityId, subgroup, random };
}

/** What is stored instead of the token: tokens are 128-bit random strings, so SHA-256 suffices. */
export function hashLoginToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The link the app opens to log in with a token (shown as a QR code). */
export function loginUrlOf(token: string): string {
  return `emission://login_token?token=${encodeURIComponent(token)}`;
}
