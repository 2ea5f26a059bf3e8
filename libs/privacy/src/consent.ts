/**
 * Consent, as plain data: what a participant accepts when joining (the terms and the privacy
 * notice, by version) and the optional uses of their trips they may allow or refuse at any time.
 */

/** The texts in force, from the configuration. */
export interface LegalVersions {
  terms: string;
  privacy: string;
}

/** What a person agreed to, as sent at registration or later. */
export interface ConsentInput {
  terms: string;
  privacy: string;
  /** Their trips may feed the city's open data (aggregated, privacy zones trimmed). */
  openData?: boolean;
  /** Their confirmed modes may train the city's mode model. */
  modelTraining?: boolean;
}

/** How a consent was given: by the person online, or on their behalf by a mediator (in person, on paper, by phone). */
export const CONSENT_METHODS = ['self-service', 'mediator', 'paper', 'phone'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Whether the versions a participant accepted are the ones in force (their changes wait until they are). */
export function acceptsCurrent(accepted: { terms: string | null; privacy: string | null }, current: LegalVersions) {
  return accepted.terms === current.terms && accepted.privacy === current.privacy;
}

/** The texts whose version a consent gets wrong (empty when it accepts exactly the ones in force). */
export function outdatedTexts(input: Pick<ConsentInput, 'terms' | 'privacy'>, current: LegalVersions): string[] {
  return (['terms', 'privacy'] as const).filter((text) => input[text] !== current[text]);
}
