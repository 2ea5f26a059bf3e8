import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useErrorText } from '../../use-error-text';
import { usePolled } from '../../use-poll';
import type { NumberRule } from './field-checks';

export { checkNumber, type FieldCheck, type NumberRule, parseNumber } from './field-checks';

/** Loads once per change of `deps` (no polling): the console's pages show what is there now. */
export function useLoaded<T>(load: () => Promise<T>, deps: unknown[] = []) {
  return usePolled(load, () => false, 0, deps);
}

/** The page's heading, focused when the page opens so a screen reader starts there. */
export function PageTitle({ id, children }: { id: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 id={id} tabIndex={-1} ref={heading}>
      {children}
    </h1>
  );
}

/**
 * A failure in the operator's words. An endpoint the server does not have yet (404 without a
 * code of ours, 405) says so plainly rather than "something went wrong".
 */
export function useConsoleErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (error) => {
    if (
      error instanceof ApiError &&
      (error.code === 'HTTP_404' || error.code === 'HTTP_405' || error.code === 'NOT_FOUND')
    )
      return t('con_notAvailable');
    return errorText(error);
  };
}

export function Problem({ error, id }: { error: unknown; id?: string }) {
  const text = useConsoleErrorText();
  if (error === undefined || error === null || error === '') return null;
  return (
    <p className="error" role="alert" id={id}>
      {typeof error === 'string' ? error : text(error)}
    </p>
  );
}

/** A polite live line for "saved", "approved"…: said by screen readers without moving focus. */
export function Status({ text }: { text: string }) {
  return (
    <p className="status" role="status">
      {text}
    </p>
  );
}

/** A labelled number input with its explanation and its error, tied together for screen readers. */
export function NumberField({
  id,
  label,
  help,
  value,
  onChange,
  error,
  rule,
  suffix,
}: {
  id: string;
  label: string;
  help?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  rule: NumberRule;
  suffix?: string;
}) {
  const described = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="with-suffix">
        <input
          id={id}
          name={id}
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
          data-min={rule.min}
          data-max={rule.max}
        />
        {suffix && <span className="suffix">{suffix}</span>}
      </div>
      {help && (
        <p id={`${id}-help`} className="hint">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled day (`YYYY-MM-DD`) of a period: from, to. */
export function DateField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} required />
    </div>
  );
}

/**
 * The issues of a VALIDATION_FAILED answer, by field path (`pointsPerKm.walk`), so each message
 * shows beside its field; issues of fields the form does not show come back under ''.
 */
export function issuesByPath(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return {};
  const issues = (error.details.issues ?? []) as { path: string; message: string }[];
  return Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
}

/** The date `days` ago (negative: ahead) as `YYYY-MM-DD` in the browser's time zone. */
export function dayOffset(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function useBusy() {
  const [busy, setBusy] = useState(false);
  const run = async <T,>(work: () => Promise<T>): Promise<T> => {
    setBusy(true);
    try {
      return await work();
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
