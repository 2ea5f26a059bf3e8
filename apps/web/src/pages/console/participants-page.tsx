import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi, type ParticipantFile, type ParticipantHit } from '../../api/console-contract';
import { formatDay, formatKm, formatNumber } from '../../format';
import { PageTitle, Problem, Status, useBusy } from './console-kit';

/**
 * Finding a participant (support call): by e-mail, name or trip id, always with a reason, which
 * the api records with every read of their data.
 */
export function ParticipantsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [q, setQ] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [hits, setHits] = useState<ParticipantHit[] | null>(null);
  const [file, setFile] = useState<ParticipantFile | null>(null);
  const [suspendReason, setSuspendReason] = useState('');
  const [problem, setProblem] = useState<unknown>();
  const [status, setStatus] = useState('');
  const { busy, run } = useBusy();

  const reasonOk = () => {
    const ok = reason.trim().length >= 3;
    setReasonError(ok ? '' : t('con_reasonNeeded'));
    return ok;
  };

  async function search(event: FormEvent) {
    event.preventDefault();
    if (!reasonOk() || !q.trim()) return;
    setProblem(undefined);
    setFile(null);
    try {
      setHits((await run(() => consoleApi.participants(q.trim(), reason.trim()))).items);
    } catch (error) {
      setProblem(error);
    }
  }

  async function open(hit: ParticipantHit) {
    if (!reasonOk()) return;
    setProblem(undefined);
    try {
      setFile(await run(() => consoleApi.participant(hit.id, reason.trim())));
    } catch (error) {
      setProblem(error);
    }
  }

  async function suspend() {
    if (!file) return;
    if (suspendReason.trim().length < 3) {
      setProblem(t('con_reasonNeeded'));
      return;
    }
    try {
      await run(() => consoleApi.suspend(file.profile.id, suspendReason.trim()));
      setStatus(t('con_suspended', { name: file.profile.displayName ?? file.profile.email }));
      setFile(await consoleApi.participant(file.profile.id, reason.trim()));
    } catch (error) {
      setProblem(error);
    }
  }

  return (
    <section aria-labelledby="participants-title" className="console-page">
      <PageTitle id="participants-title">{t('con_participantsTitle')}</PageTitle>
      <form className="card" onSubmit={search} role="search" aria-labelledby="participants-title">
        <div className="field">
          <label htmlFor="participant-q">{t('con_participantQuery')}</label>
          <input id="participant-q" value={q} onChange={(e) => setQ(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="participant-reason">{t('con_reason')}</label>
          <input
            id="participant-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={`participant-reason-help${reasonError ? ' participant-reason-error' : ''}`}
          />
          <p id="participant-reason-help" className="hint">
            {t('con_reasonHelp')}
          </p>
          {reasonError && (
            <p id="participant-reason-error" className="error field-error">
              {reasonError}
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('con_search')}
        </button>
      </form>
      <Problem error={problem} />
      <Status text={status} />
      {hits && hits.length === 0 && <p>{t('con_noMatch')}</p>}
      <ul className="rows">
        {hits?.map((hit) => (
          <li key={hit.id}>
            <button type="button" className="link-button" onClick={() => open(hit)}>
              {hit.displayName ? `${hit.displayName} · ${hit.email}` : hit.email}
            </button>
          </li>
        ))}
      </ul>
      {file && (
        <article className="card" aria-labelledby="participant-name">
          <h2 id="participant-name">{file.profile.displayName ?? file.profile.email}</h2>
          <p>
            {file.profile.email}
            {file.profile.balance !== undefined && ` · ${t('points', { count: file.profile.balance })}`}
            {file.profile.suspendedAt && ` · ${t('con_isSuspended')}`}
          </p>
          <h3>{t('con_tripsTitle')}</h3>
          <ul className="rows">
            {file.trips.map((trip) => (
              <li key={trip.id}>
                {formatDay(language, trip.startedAt)} · {t(`status_${trip.status}`)}
                {trip.distanceM !== undefined && ` · ${formatKm(language, trip.distanceM)}`} ·{' '}
                {t('points', { count: trip.pointsAwarded })}
              </li>
            ))}
          </ul>
          <h3>{t('con_ledgerTitle')}</h3>
          <ul className="rows">
            {file.ledger.map((entry, i) => (
              <li key={i}>
                {formatDay(language, entry.at)} ·{' '}
                {t(`con_ledger_${entry.kind}`, { defaultValue: t('con_ledger_other') })} · {entry.amount > 0 ? '+' : ''}
                {formatNumber(language, entry.amount)}
              </li>
            ))}
          </ul>
          <h3>{t('con_flagsTitle')}</h3>
          <ul className="rows">
            {file.flags.length === 0 && <li>{t('con_historyNone')}</li>}
            {file.flags.map((f, i) => (
              <li key={i}>
                {formatDay(language, f.at)} · {t(`con_flag_${f.code}`, { defaultValue: t('con_flag_other') })}
              </li>
            ))}
          </ul>
          {!file.profile.suspendedAt && (
            <div className="field">
              <label htmlFor="suspend-reason">{t('con_suspendReason')}</label>
              <input id="suspend-reason" value={suspendReason} onChange={(e) => setSuspendReason(e.target.value)} />
              <button type="button" className="secondary danger" onClick={suspend} disabled={busy}>
                {t('con_suspend')}
              </button>
            </div>
          )}
        </article>
      )}
    </section>
  );
}
