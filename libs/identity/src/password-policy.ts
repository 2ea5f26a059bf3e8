import { dictionary } from '@zxcvbn-ts/language-common';

let common: ReadonlySet<string> | undefined;

/**
 * The ~49,000 most common passwords (the list zxcvbn-ts maintains from leaked password corpora).
 * Building the set takes ~250 ms and ~4 MB, so apps do it at boot rather than on a first sign-up.
 */
export function loadCommonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common']);
  return common;
}

/**
 * Whether a password is one of the most common ones, compared case-insensitively like the list
 * itself. These are the first guesses of any attacker, whatever their length.
 */
export function isCommonPassword(password: string): boolean {
  return loadCommonPasswords().has(password.toLowerCase());
}
