import { dictionary } from '@zxcvbn-ts/language-common';

let common: ReadonlySet<string> | undefined;

/**
 * Whether a password is one of the ~49,000 most common ones (the list zxcvbn-ts maintains from
 * leaked password corpora), compared case-insensitively like the list itself. These are the first
 * guesses of any attacker, whatever their length.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(password.toLowerCase());
}
