import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TravelMode } from '../../api/client';
import { consoleApi, type Review, type ReviewDetail } from '../../api/console-contract';
import { TripMap } from '../../components/trip-map';
import { formatDay, formatDuration, formatKm, formatNumber, formatTime } from '../../format';
import { MODE_COLOURS } from '../../map/leg-lines';
import { href, navigate } from '../../routing';
import { PageTitle, Problem, Status, useBusy, useLoaded } from './console-kit';

interface LegView {
  mode: TravelMode;
  distanceM: number;
  durationS?: number;
  averageKmh?: number;
  points?: number;
  codes?: string[];
}

const legsOf = (review: Review) => review.trip.legs as unknown as LegView[];

/** The flagged trips and disputed legs waiting for a decision, one at a time or several at once. */
export function ReviewsPage({ id }: { id?: string }) {
  return id ? <ReviewItem id={id} /> : <ReviewQueue />;
}

function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [generation, setGeneration] = useState(0);
  const queue = useLoaded(() => consoleApi.reviews('open'), [generation]);
  const [selected, setSelected] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<unknown>();
  const [status, setStatus] = useState('');
  const { busy, run } = useBusy();

  async function bulk(action: 'approve' | 'reject') {
    setProblem(undefined);
    if (action === 'reject' && note.trim().length < 3) {
      setProblem(t('con_reasonNeeded'));
      return;
    }
    try {
      await run(() => consoleApi.bulkReview(selected, action, note.trim()));
      setStatus(t(action === 'approve' ? 'con_bulkApproved' : 'con_bulkRejected', { count: selected.length }));
      setSelected([]);
      setNote('');
      setGeneration((g) => g + 1);
    } catch (error) {
      setProblem(error);
    }
  }

  const items = queue.value?.items ?? [];
  return (
    <section aria-labelledby="reviews-title" className="console-page">
      <PageTitle id="reviews-title">{t('con_reviewsTitle')}</PageTitle>
      <p>{t('con_reviewsIntro')}</p>
      <Problem error={queue.error} />
      <Status text={status} />
      {queue.value && items.length === 0 && <p>{t('con_reviewsNone')}</p>}
      <ul className="rows review-list">
        {items.map((r) => (
          <li key={r.id}>
            <input
              type="checkbox"
              id={`pick-${r.id}`}
              checked={selected.includes(r.id)}
              onChange={(e) => setSelected(e.target.checked ? [...selected, r.id] : selected.filter((s) => s !== r.id))}
            />
            <label htmlFor={`pick-${r.id}`} className="visually-hidden">
              {t('con_reviewPick', { date: formatDay(language, r.trip.startedAt) })}
            </label>
            <a href={href.console('reviews', r.id)} className="review-link">
              {t(r.kind === 'flag' ? 'con_reviewFlag' : 'con_reviewDispute', {
                date: formatDay(language, r.trip.startedAt),
                time: formatTime(language, r.trip.startedAt),
              })}{' '}
              · {r.codes.map((c) => t(`con_flag_${c}`, { defaultValue: t('con_flag_other') })).join(', ')}
            </a>
          </li>
        ))}
      </ul>
      {items.length > 0 && (
        <fieldset className="card">
          <legend>{t('con_bulkTitle', { count: selected.length })}</legend>
          <div className="field">
            <label htmlFor="bulk-note">{t('con_note')}</label>
            <textarea id="bulk-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
          </div>
          <Problem error={problem} />
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy || !selected.length}
              onClick={() => bulk('approve')}
            >
              {t('con_approveSelected')}
            </button>
            <button
              type="button"
              className="secondary danger"
              disabled={busy || !selected.length}
              onClick={() => bulk('reject')}
            >
              {t('con_rejectSelected')}
            </button>
          </div>
        </fieldset>
      )}
    </section>
  );
}

function ReviewItem({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [generation, setGeneration] = useState(0);
  const review = useLoaded(() => consoleApi.review(id), [id, generation]);
  const participantId = review.value?.participantId;
  // The participant's earlier flags, read under the reason "review" (the api audits every read).
  const history = useLoaded(
    () => (participantId ? consoleApi.participant(participantId, 'review') : Promise.resolve(null)),
    [participantId],
  );
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<unknown>();
  const [status, setStatus] = useState('');
  const { busy, run } = useBusy();

  async function decide(action: 'approve' | 'reject') {
    setProblem(undefined);
    if (action === 'reject' && note.trim().length < 3) {
      setProblem(t('con_reasonNeeded'));
      return;
    }
    try {
      await run(() =>
        action === 'approve' ? consoleApi.approve(id, note.trim()) : consoleApi.reject(id, note.trim()),
      );
      setStatus(t(action === 'approve' ? 'con_approved' : 'con_rejected'));
      setGeneration((g) => g + 1);
    } catch (error) {
      setProblem(error);
    }
  }

  if (review.error !== undefined && !review.value) return <Problem error={review.error} />;
  if (!review.value) return <p>{t('loading')}</p>;
  const r: ReviewDetail = review.value;
  const legs = legsOf(r);
  const line = r.trip.geometry?.coordinates as [number, number][] | undefined;
  const speed = (kmh: number) =>
    new Intl.NumberFormat(language, { style: 'unit', unit: 'kilometer-per-hour', maximumFractionDigits: 0 }).format(
      kmh,
    );
  const earlier = (history.value?.flags ?? []).filter((f) => f.tripId !== r.tripId);

  return (
    <article aria-labelledby="review-title" className="console-page">
      <p>
        <a href={href.console('reviews')}>← {t('con_backToQueue')}</a>
      </p>
      <PageTitle id="review-title">
        {t(r.kind === 'flag' ? 'con_reviewFlag' : 'con_reviewDispute', {
          date: formatDay(language, r.trip.startedAt),
          time: formatTime(language, r.trip.startedAt),
        })}
      </PageTitle>
      <p id="review-status">{t(`con_reviewStatus_${r.status}`)}</p>
      {line && line.length >= 2 ? <TripMap line={line} legs={legs} /> : <p className="note">{t('con_noGeometry')}</p>}
      <section aria-labelledby="legs-title">
        <h2 id="legs-title">{t('con_legsTitle')}</h2>
        <div className="table-scroll">
          <table id="review-legs">
            <thead>
              <tr>
                <th scope="col">{t('con_mode')}</th>
                <th scope="col">{t('con_distance')}</th>
                <th scope="col">{t('con_duration')}</th>
                <th scope="col">{t('con_speed')}</th>
                <th scope="col">{t('con_flags')}</th>
              </tr>
            </thead>
            <tbody>
              {legs.map((leg, i) => (
                <tr key={i} data-mode={leg.mode}>
                  <th scope="row">
                    <span className="swatch" style={{ background: MODE_COLOURS[leg.mode] }} aria-hidden="true" />
                    {t(`mode_${leg.mode}`)}
                    {r.legIndex === i && r.requestedMode && ` → ${t(`mode_${r.requestedMode}`)}`}
                  </th>
                  <td>{formatKm(language, leg.distanceM)}</td>
                  <td>{leg.durationS ? formatDuration(language, leg.durationS) : ''}</td>
                  <td>{leg.averageKmh !== undefined ? speed(leg.averageKmh) : ''}</td>
                  <td>{(leg.codes ?? []).map((c) => t(`con_flag_${c}`, { defaultValue: c })).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="flags-title">
        <h2 id="flags-title">{t('con_flagsTitle')}</h2>
        <ul className="rows" id="review-flags">
          {r.trip.flags.map((f, i) => (
            <li key={i}>
              <strong>{t(`con_flag_${f.code}`, { defaultValue: t('con_flag_other') })}</strong>
              {f.relatedTripId && ` · ${t('con_relatedTrip')}`}
            </li>
          ))}
        </ul>
        {r.participantNote && <p>{t('con_participantNote', { note: r.participantNote })}</p>}
        <p>
          {r.trip.provisionalPoints !== null
            ? t('con_wouldEarn', { points: formatNumber(language, r.trip.provisionalPoints) })
            : t('con_earned', { points: formatNumber(language, r.trip.pointsAwarded) })}
        </p>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('con_historyTitle')}</h2>
        {history.error !== undefined ? (
          <Problem error={history.error} />
        ) : (
          <ul className="rows" id="flag-history">
            {earlier.length === 0 && history.value && <li>{t('con_historyNone')}</li>}
            {earlier.map((f, i) => (
              <li key={i}>
                {formatDay(language, f.at)} · {t(`con_flag_${f.code}`, { defaultValue: t('con_flag_other') })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Status text={status} />
      {r.status === 'open' ? (
        <section className="card" aria-labelledby="decide-title">
          <h2 id="decide-title">{t('con_decideTitle')}</h2>
          <div className="field">
            <label htmlFor="review-note">{t('con_note')}</label>
            <textarea
              id="review-note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={1000}
              aria-describedby="review-note-help"
            />
            <p id="review-note-help" className="hint">
              {t('con_noteHelp')}
            </p>
          </div>
          <Problem error={problem} id="decide-error" />
          <div className="actions">
            <button type="button" className="primary" id="approve" disabled={busy} onClick={() => decide('approve')}>
              {t('con_approve')}
            </button>
            <button
              type="button"
              className="secondary danger"
              id="reject"
              disabled={busy}
              onClick={() => decide('reject')}
            >
              {t('con_reject')}
            </button>
          </div>
        </section>
      ) : (
        <p>
          <button type="button" className="secondary" onClick={() => navigate(href.console('reviews'))}>
            {t('con_nextReview')}
          </button>
        </p>
      )}
    </article>
  );
}
