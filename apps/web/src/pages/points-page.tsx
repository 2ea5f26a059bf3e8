import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type LedgerEntry, type LedgerPage } from '../api/client';
import { formatDay, formatKm, formatTime } from '../format';
import { href } from '../routing';
import { LoadError } from '../components/load-error';
import { usePolled } from '../use-poll';

/** What one entry was for, as a sentence: the trip, offer and shop by name, never an id. */
function useEntryText() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (entry: LedgerEntry): string => {
    const trip = entry.trip
      ? t('historyTripOf', {
          date: formatDay(language, entry.trip.startedAt),
          time: formatTime(language, entry.trip.startedAt),
          distance: formatKm(language, entry.trip.distanceM ?? 0),
          modes: entry.trip.modes.map((m) => t(`mode_${m}`).toLowerCase()).join(', ') || t('mode_unknown'),
        })
      : '';
    const offer = entry.offer?.title ?? '';
    const shop = entry.shop?.name ?? '';
    return t(`history_${entry.reason}`, { trip, offer, shop });
  };
}

/** Every credit and debit of the person's points, newest first, with the balance after each. */
export function PointsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const entryText = useEntryText();
  const first = usePolled(
    () => api.get('/v1/me/ledger', '?limit=20'),
    () => false,
  );
  const [older, setOlder] = useState<LedgerPage | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const items = [...(first.value?.items ?? []), ...(older?.items ?? [])];
  const cursor = older ? older.nextCursor : (first.value?.nextCursor ?? null);

  async function showOlder() {
    if (!cursor) return;
    setLoadingOlder(true);
    try {
      const page = await api.get('/v1/me/ledger', `?limit=20&before=${encodeURIComponent(cursor)}`);
      setOlder({ ...page, items: [...(older?.items ?? []), ...page.items] });
    } finally {
      setLoadingOlder(false);
    }
  }

  return (
    <section aria-labelledby="points-title">
      <h1 id="points-title" tabIndex={-1} ref={heading}>
        {t('pointsTitle')}
      </h1>
      <p className="card balance-card">
        <span>{t('balanceTitle')}</span>{' '}
        <strong className="balance" id="points-balance">
          {first.value ? t('balanceValue', { count: first.value.balance }) : t('loading')}
        </strong>
      </p>
      {first.error !== undefined && <LoadError error={first.error} retry={first.reload} />}
      {first.value && items.length === 0 && <p>{t('historyEmpty')}</p>}
      {items.length > 0 && (
        <ol className="history" aria-label={t('historyListLabel')}>
          {items.map((entry) => (
            <li key={entry.id} className="history-entry" data-reason={entry.reason}>
              <span className="history-when">
                {formatDay(language, entry.at)}, {formatTime(language, entry.at)}
              </span>
              <span className="history-what">
                {entry.trip ? <a href={href.trip(entry.trip.id)}>{entryText(entry)}</a> : entryText(entry)}
              </span>
              <span className={entry.amount >= 0 ? 'history-amount plus' : 'history-amount minus'}>
                {t(entry.amount >= 0 ? 'historyPlus' : 'historyMinus', { count: Math.abs(entry.amount) })}
              </span>
              <span className="history-after">{t('historyBalanceAfter', { count: entry.balanceAfter })}</span>
            </li>
          ))}
        </ol>
      )}
      {cursor && (
        <button type="button" onClick={showOlder} disabled={loadingOlder}>
          {loadingOlder ? t('loading') : t('historyMore')}
        </button>
      )}
    </section>
  );
}
