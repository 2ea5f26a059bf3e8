import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L or U/V: a code read off a printed card and typed by someone unsure of keyboards. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';
const LENGTH = 12;

/** A card's login code, 12 letters (~58 bits), grouped in fours for reading: `K7MQ-9XDA-2PRT`. */
export function generateLoginCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return formatLoginCode(code);
}

export function formatLoginCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** The code as stored (hashed): typed in any case, with or without the dashes and spaces. */
export function normaliseLoginCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}
