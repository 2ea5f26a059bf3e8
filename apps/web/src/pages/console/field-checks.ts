/** The checks of the console's form fields: pure, so the forms' rules are unit-tested without a browser. */

/** Limits of a number field, the same as the API's schema, so a mistake is caught before sending. */
export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** Empty is allowed and means "none" (no cap, no bands, multiplier off). */
  optional?: boolean;
  /** The minimum itself is refused (a strictly positive value). */
  exclusiveMin?: boolean;
}

export type FieldCheck = { key: string; values?: Record<string, unknown> } | null;

/** Why a typed value breaks its rule (a translation key with its values), or null when it is fine. */
export function checkNumber(text: string, rule: NumberRule): FieldCheck {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return rule.optional ? null : { key: 'con_fieldRequired' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { key: 'con_fieldNumber' };
  if (rule.integer && !Number.isInteger(value)) return { key: 'con_fieldWhole' };
  if (value < rule.min || value > rule.max || (rule.exclusiveMin && value === rule.min))
    return {
      key: rule.exclusiveMin ? 'con_fieldAboveUpTo' : 'con_fieldBetween',
      values: { min: rule.min, max: rule.max },
    };
  return null;
}

export const parseNumber = (text: string): number | null =>
  text.trim() === '' ? null : Number(text.trim().replace(',', '.'));
