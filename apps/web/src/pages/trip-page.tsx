import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type TravelMode } from '../api/client';
import { LegCorrection, useCorrectionPoints } from '../components/leg-correction';
import { TripMap } from '../components/trip-map';
import { formatDay, formatTime } from '../format';
import { MODE_COLOURS } from '../map/leg-lines';
import { explainReceipt } from '../receipt';
import { href } from '../routing';
import { useErrorText } from '../use-error-text';
import { usePolled } from '../use-poll';
import { FINAL_STATUSES } from './trips-page';

/** One trip: its legs on the map coloured by mode, and its receipt in plain words. */
export function TripPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const errorText = useErrorText();
  const trip = usePolled(
    () => api.getTrip(id),
    (value) => !FINAL_STATUSES.includes(value.status),
    1500,
    [id],
  );
  // A scored trip's corrections, read again while one waits for an operator, so the answer appears by itself.
  const scored = trip.value?.status === 'scored';
  const disputes = usePolled(
    () => (scored ? api.getAt('/v1/trips/{id}/disputes', { id }) : Promise.resolve({ items: [] })),
    (value) => value.items.some((d) => d.status === 'open'),
    5000,
    [id, scored],
  );
  const changes = useCorrectionPoints(id, disputes.value?.items);
  // A correction decided re-prices the trip: its receipt is read again.
  const decided = (disputes.value?.items ?? []).filter((d) => d.status !== 'open').length;
  const seenDecided = useRef<number | null>(null);
  const reloadTrip = trip.reload;
  useEffect(() => {
    if (!disputes.value) return;
    if (seenDecided.current !== null && decided > seenDecided.current) reloadTrip();
    seenDecided.current = decided;
  }, [decided, disputes.value, reloadTrip]);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = trip.value !== undefined;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  if (trip.error !== undefined && !trip.value) {
    return (
      <p className="error" role="alert">
        {errorText(trip.error)} <a href={href.trips}>{t('backToTrips')}</a>
      </p>
    );
  }
  if (!trip.value) return <p>{t('loading')}</p>;
  const value = trip.value;
  const modes = [...new Set(value.legs.map((leg) => leg.mode))] as TravelMode[];
  const explained = FINAL_STATUSES.includes(value.status) ? explainReceipt(value, t, language) : null;

  return (
    <article className="trip" aria-labelledby="trip-title">
      <p>
        <a href={href.trips}>← {t('backToTrips')}</a>
      </p>
      <h1 id="trip-title" tabIndex={-1} ref={heading}>
        {t('tripTitle', { date: formatDay(language, value.startedAt) })}
      </h1>
      <p>
        {t('tripTimes', { start: formatTime(language, value.startedAt), end: formatTime(language, value.endedAt) })} ·{' '}
        <span id="trip-status">{t(`status_${value.status}`)}</span>
      </p>
      {value.geometry && value.geometry.coordinates.length >= 2 && (
        <TripMap line={value.geometry.coordinates as [number, number][]} legs={value.legs} />
      )}
      {modes.length > 0 && (
        <section aria-labelledby="legend-title" className="legend">
          <h2 id="legend-title">{t('legendTitle')}</h2>
          <ul>
            {modes.map((mode) => (
              <li key={mode}>
                <span className="swatch" style={{ background: MODE_COLOURS[mode] }} aria-hidden="true" />
                {t(`mode_${mode}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="receipt-title" className="card receipt" id="receipt">
        <h2 id="receipt-title">{t('receiptTitle')}</h2>
        {!explained ? (
          <p aria-live="polite">{t('scoringPending')}</p>
        ) : (
          <>
            {explained.paragraphs.map((paragraph) => (
              <div key={paragraph.legIndex} className="leg-block">
                <p id={`leg-${paragraph.legIndex}`} className="leg" data-mode={paragraph.mode}>
                  {paragraph.lines.join(' ')}
                </p>
                <LegCorrection
                  tripId={id}
                  legIndex={paragraph.legIndex}
                  mode={paragraph.mode}
                  describedBy={`leg-${paragraph.legIndex}`}
                  dispute={disputes.value?.items.find((d) => d.legIndex === paragraph.legIndex)}
                  change={changes?.get(disputes.value?.items.find((d) => d.legIndex === paragraph.legIndex)?.id ?? '')}
                  disputable={scored && disputes.value !== undefined}
                  onSent={disputes.reload}
                />
              </div>
            ))}
            <ul className="summary">
              {explained.summary.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        )}
      </section>
    </article>
  );
}
