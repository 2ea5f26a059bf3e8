import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type TravelMode } from '../api/client';
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
            {explained.paragraphs.map((paragraph, index) => (
              <p key={index} className="leg" data-mode={paragraph.mode}>
                {paragraph.lines.join(' ')}
              </p>
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
