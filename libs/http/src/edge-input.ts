import { type ArgumentMetadata, StandardSchemaValidationPipe } from '@nestjs/common';
import { z } from 'zod';
import { DomainException } from '@muvo/kernel';

/** A NUL character, or half of a UTF-16 surrogate pair without its other half. */
const UNSAFE_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Where the first unsafe string of a request value is, or null when there is none. */
export function findUnsafeText(value: unknown): { path: string; message: string } | null {
  // Iterative: a small JSON body can still nest thousands of levels deep.
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (pending.length) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      if (UNSAFE_CHARACTER.test(current)) {
        return { path, message: 'text must not contain NUL characters or unpaired UTF-16 surrogates' };
      }
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, path: path ? `${path}.${index}` : String(index) }));
    } else if (isPlainObject(current)) {
      for (const [key, item] of Object.entries(current)) {
        if (UNSAFE_CHARACTER.test(key)) {
          return { path, message: 'names must not contain NUL characters or unpaired UTF-16 surrogates' };
        }
        pending.push({ value: item, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return null;
}

/** Objects made of data: JSON, forms, query strings (whose prototype has no constructor); not class instances. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const constructor = (value as { constructor?: unknown }).constructor;
  return constructor === undefined || constructor === Object;
}

/** The validation failure every schema-checked request body, query or parameter reports. */
export function validationFailed(issues: readonly { message: string; path?: readonly unknown[] }[]): DomainException {
  const flat = issues.map((issue) => ({
    path: (issue.path ?? [])
      .map((p) => (typeof p === 'object' && p !== null && 'key' in p ? (p as { key: unknown }).key : p))
      .join('.'),
    message: issue.message,
  }));
  const message = flat.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new DomainException('VALIDATION_FAILED', 'invalid', message || 'invalid request', { issues: flat });
}

/**
 * The one validation every request goes through: text that PostgreSQL cannot store or that is
 * not Unicode (NUL, unpaired surrogates) is refused in any body, query or path parameter, whether
 * or not a schema names the field, then the route's schema runs. A new field cannot forget it.
 */
export class EdgeValidationPipe extends StandardSchemaValidationPipe {
  constructor() {
    super({ exceptionFactory: (issues) => validationFailed(issues) });
  }

  override async transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const unsafe = findUnsafeText(value);
      if (unsafe) {
        const path = [metadata.type === 'param' ? metadata.data : undefined, unsafe.path].filter(Boolean).join('.');
        throw validationFailed([{ message: unsafe.message, path: path ? path.split('.') : [] }]);
      }
    }
    return super.transform(value, metadata);
  }
}

/** Years a muvo date may have: nothing happened in the programme before 1970, and PostgreSQL has no year 0. */
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
const yearInRange = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};

/** A calendar date `YYYY-MM-DD` that exists (no February 30th), between 1970 and 9999. */
export const calendarDay = () =>
  z.iso.date('a date that exists: YYYY-MM-DD').refine(yearInRange, `a date between ${MIN_YEAR} and ${MAX_YEAR}`);

/** An ISO 8601 date-time with an offset or `Z` that exists, between 1970 and 9999. */
export const instant = () =>
  z.iso
    .datetime({ offset: true, message: 'an ISO 8601 date-time with an offset, e.g. 2026-05-11T08:00:00+02:00' })
    .refine((v) => yearInRange(v) && Number.isFinite(Date.parse(v)), `a date-time between ${MIN_YEAR} and ${MAX_YEAR}`);
