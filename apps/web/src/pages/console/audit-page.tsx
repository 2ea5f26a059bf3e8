import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilters, consoleApi } from '../../api/console-contract';
import { PageTitle, Problem, useLoaded } from './console-kit';

const FILTERS = ['actor', 'action', 'subject', 'from', 'to'] as const;

/** Before and after of a change as short lines, without the JSON punctuation. */
function describe(details: unknown): string[] {
  if (!details || typeof details !== 'object')
    return details === undefined || details === null ? [] : [String(details)];
  return Object.entries(details as Record<string, unknown>).map(
    ([key, value]) => `${key}: ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`,
  );
}

/** The API's name for an erased account (identity's DELETED_PARTICIPANT), shown in the reader's language. */
const DELETED_PARTICIPANT = 'deleted participant';

/** Who changed what and when, from the city file or the console: every change, filterable. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<AuditFilters>({});
  const [filters, setFilters] = useState<AuditFilters>({});
  const trail = useLoaded(() => consoleApi.audit(filters), [filters]);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  // The log keeps account ids; the API joins the names in as they are now.
  const named = (name: string | null | undefined) =>
    name === DELETED_PARTICIPANT ? t('con_deletedParticipant') : (name ?? null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters({ ...form });
  }

  return (
    <section aria-labelledby="audit-title" className="console-page">
      <PageTitle id="audit-title">{t('con_auditTitle')}</PageTitle>
      <form className="card filters" onSubmit={submit} aria-label={t('con_filters')}>
        <div className="field-grid">
          {FILTERS.map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`audit-${key}`}>{t(`con_audit_${key}`)}</label>
              <input
                id={`audit-${key}`}
                type={key === 'from' || key === 'to' ? 'date' : 'text'}
                value={form[key] ?? ''}
                onChange={(e) => setForm({ ...form, [key]: e.target.value || undefined })}
              />
            </div>
          ))}
        </div>
        <button type="submit" className="primary">
          {t('con_show')}
        </button>
      </form>
      <Problem error={trail.error} />
      {trail.value && trail.value.items.length === 0 && <p>{t('con_auditNone')}</p>}
      <ol className="rows audit" id="audit-list">
        {trail.value?.items.map((entry) => (
          <li key={entry.id}>
            <p>
              <strong>{t(`con_action_${entry.action}`, { defaultValue: entry.action })}</strong> ·{' '}
              {named(entry.subjectName) ?? entry.subject}
            </p>
            <p className="hint">
              {when.format(new Date(entry.at))} ·{' '}
              {entry.actorRole
                ? t(`con_role_${entry.actorRole}`, { defaultValue: entry.actorRole })
                : t('con_role_file')}
              {named(entry.actorName) && <> · {named(entry.actorName)}</>}
            </p>
            {describe(entry.details).length > 0 && (
              <details>
                <summary>{t('con_auditDetails')}</summary>
                <ul>
                  {describe(entry.details).map((line, i) => (
                    <li key={i} className="mono">
                      {line}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
