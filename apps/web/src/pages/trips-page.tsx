import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type TripSummary, voucher } from '../api/client';
import { formatDay, formatKm, formatTime, localDayKey } from '../format';
import { href } from '../routing';
import { LoadError } from '../components/load-error';
import { usePolled } from '../use-poll';
import { TRIPS_PAGE_QUERY } from './trips-page.first-reads';

export const FINAL_STATUSES: readonly string[] = ['scored', 'flagged', 'rejected'];

/** The person's balance, the offers of their city, and their trips grouped by local day, newest first. */
export function TripsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const first = usePolled(
    () => api.get('/v1/trips', TRIPS_PAGE_QUERY),
    (page) => page.items.some((trip) => !FINAL_STATUSES.includes(trip.status)),
    2000,
  );
  const balance = usePolled(
    () => api.get('/v1/me/balance'),
    () => (first.value?.items ?? []).some((trip) => !FINAL_STATUSES.includes(trip.status)),
    3000,
  );
  const offers = usePolled(
    () => voucher.get('/v1/offers'),
    () => false,
  );
  const [older, setOlder] = useState<{ items: TripSummary[]; cursor: string | null } | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  const trips = [...(first.value?.items ?? []), ...(older?.items ?? [])];
  const cursor = older ? older.cursor : (first.value?.nextCursor ?? null);
  const days = new Map<string, TripSummary[]>();
  for (const trip of trips) {
    const key = localDayKey(trip.startedAt);
    days.set(key, [...(days.get(key) ?? []), trip]);
  }

  async function showOlder() {
    if (!cursor) return;
    setLoadingOlder(true);
    try {
      const page = await api.get('/v1/trips', `${TRIPS_PAGE_QUERY}&cursor=${encodeURIComponent(cursor)}`);
      setOlder({ items: [...(older?.items ?? []), ...page.items], cursor: page.nextCursor });
    } finally {
      setLoadingOlder(false);
    }
  }

  const offerItems = Array.isArray(offers.value) ? offers.value : [];
  return (
    <div className="columns">
      <section className="card" aria-labelledby="balance-title">
        <h2 id="balance-title">{t('balanceTitle')}</h2>
        <p className="balance" id="balance" aria-live="polite">
          {balance.value ? t('balanceValue', { count: balance.value.balance }) : t('loading')}
        </p>
        <h2 id="offers-title">{t('offersTitle')}</h2>
        {offers.loading ? (
          <p>{t('loading')}</p>
        ) : offerItems.length === 0 ? (
          <p>{t('offersNone')}</p>
        ) : (
          <ul className="offers" aria-labelledby="offers-title">
            {offerItems.slice(0, 5).map((offer) => (
              <li key={offer.id}>
                <span>{offer.title}</span> <span className="cost">{t('offerCost', { count: offer.costPoints })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="trips-title">
        <h1 id="trips-title">{t('tripsTitle')}</h1>
        {first.error !== undefined && <LoadError error={first.error} retry={first.reload} />}
        {first.loading && !first.value && <p>{t('loading')}</p>}
        {first.value && trips.length === 0 && <p>{t('noTrips')}</p>}
        {[...days.entries()].map(([day, dayTrips]) => (
          <section key={day} className="day" aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>{formatDay(language, dayTrips[0].startedAt)}</h2>
            <ul className="trips">
              {dayTrips.map((trip) => (
                <li key={trip.id}>
                  <a className="trip-link" href={href.trip(trip.id)} data-status={trip.status}>
                    <span className="trip-when">
                      {t('tripLine', {
                        time: formatTime(language, trip.startedAt),
                        distance: formatKm(language, trip.distanceM ?? trip.legs.reduce((s, l) => s + l.distanceM, 0)),
                      })}
                    </span>
                    <span className="trip-modes">
                      {[...new Set(trip.legs.map((l) => t(`mode_${l.mode}`)))].join(', ')}
                    </span>
                    <span className="trip-status">{t(`status_${trip.status}`)}</span>
                    {trip.status === 'scored' && (
                      <span className="trip-points">{t('points', { count: trip.pointsAwarded })}</span>
                    )}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {cursor && (
          <button type="button" onClick={showOlder} disabled={loadingOlder}>
            {loadingOlder ? t('loading') : t('moreTrips')}
          </button>
        )}
      </section>
    </div>
  );
}
