import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OwnVoucher, voucher } from '../api/client';
import { QrImage } from '../components/qr-image';
import { TraceDrop } from '../components/trace-drop';
import { formatDay, formatKm, formatTime } from '../format';
import { printOnly } from '../print';
import { href } from '../routing';
import { useSubmit } from '../use-submit';
import { useErrorText } from '../use-error-text';
import { usePolled } from '../use-poll';
import { FINAL_STATUSES } from './trips-page';

/**
 * Card codes are shown only when made (the server keeps a hash): held in memory for this visit so
 * the mediator can print the card, never stored in the browser.
 */
const cards = new Map<string, string>();
const cardListeners = new Set<() => void>();
export function rememberCard(residentId: string, code: string): void {
  cards.set(residentId, code);
  cardListeners.forEach((l) => l());
}
const onCards = (l: () => void) => (cardListeners.add(l), () => cardListeners.delete(l));

/** One resident, as their mediator acts for them: card, trips from a GPS logger, balance, vouchers. */
export function ResidentPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const trips = usePolled(
    () => api.getAt('/v1/mediator/residents/{id}/trips', { id }, '?limit=20'),
    (page) => page.items.some((trip) => !FINAL_STATUSES.includes(trip.status)),
    2000,
    [id],
  );
  const resident = usePolled(
    () => api.getAt('/v1/mediator/residents/{id}', { id }),
    () => false,
    3000,
    [id],
  );
  // The balance changes when a trip is scored: read it again each time one more trip is final.
  const scoredTrips = (trips.value?.items ?? []).filter((trip) => FINAL_STATUSES.includes(trip.status)).length;
  const reloadResident = resident.reload;
  useEffect(() => {
    if (scoredTrips > 0) reloadResident();
  }, [scoredTrips, reloadResident]);

  if (resident.error !== undefined)
    return (
      <section className="card">
        <p className="error" role="alert">
          {errorText(resident.error)}
        </p>
        <a href={href.residents}>{t('backToResidents')}</a>
      </section>
    );
  if (!resident.value) return <p>{t('loading')}</p>;
  const person = resident.value;
  return (
    <>
      <p>
        <a href={href.residents}>{t('backToResidents')}</a>
      </p>
      <h1 id="resident-title">{person.displayName}</h1>
      <div className="columns">
        <div>
          <section className="card" aria-labelledby="resident-balance-title">
            <h2 id="resident-balance-title">{t('residentBalanceTitle', { name: person.displayName })}</h2>
            <p className="balance" id="resident-balance" aria-live="polite">
              {t('balanceValue', { count: person.balance })}
            </p>
          </section>
          <LoginCard residentId={id} name={person.displayName} takenOver={person.takenOver} />
        </div>
        <div>
          <section className="card" aria-labelledby="resident-upload-title">
            <h2 id="resident-upload-title">{t('residentUploadTitle')}</h2>
            <TraceDrop
              upload={async (file) => {
                const accepted = await api.uploadResidentTrip(id, file);
                trips.reload();
                return accepted;
              }}
              tripLink={null}
            />
          </section>
          <ResidentTrips items={trips.value?.items ?? []} loading={trips.loading && !trips.value} />
          <ResidentVouchers
            residentId={id}
            name={person.displayName}
            balance={person.balance}
            onClaim={resident.reload}
          />
        </div>
      </div>
    </>
  );
}

function LoginCard({ residentId, name, takenOver }: { residentId: string; name: string; takenOver: boolean }) {
  const { t } = useTranslation();
  const code = useSyncExternalStore(onCards, () => cards.get(residentId));
  const action = useSubmit();
  const appUrl = `${window.location.origin}/app/`;

  async function renew() {
    const issued = await action.run(() => api.postAt('/v1/mediator/residents/{id}/login-code', { id: residentId }));
    if (issued) rememberCard(residentId, issued.loginCode);
  }

  return (
    <section className="card" aria-labelledby="card-section-title">
      <h2 id="card-section-title">{t('cardPrintTitle')}</h2>
      {takenOver ? (
        <p>{t('residentTakenOver')}</p>
      ) : code ? (
        <>
          <div id="login-card" className="login-card">
            <p className="card-name">{name}</p>
            <p>{t('cardInstructions', { url: appUrl })}</p>
            <p className="code" id="login-code">
              {code}
            </p>
          </div>
          <button type="button" id="print-card" className="primary" onClick={() => printOnly('login-card')}>
            {t('cardPrint')}
          </button>
        </>
      ) : (
        <p>{t('cardHidden')}</p>
      )}
      {!takenOver && (
        <button type="button" id="new-card" onClick={renew} disabled={action.busy}>
          {t('cardNew')}
        </button>
      )}
      <p className="error" role="alert">
        {action.error}
      </p>
    </section>
  );
}

function ResidentTrips({
  items,
  loading,
}: {
  items: {
    id: string;
    startedAt: string;
    status: string;
    pointsAwarded: number;
    distanceM?: number | null;
    legs: { distanceM: number }[];
  }[];
  loading: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <section className="card" aria-labelledby="resident-trips-title">
      <h2 id="resident-trips-title">{t('residentTripsTitle')}</h2>
      {loading && <p>{t('loading')}</p>}
      {!loading && items.length === 0 && <p>{t('residentNoTrips')}</p>}
      <ul className="resident-trips">
        {items.map((trip) => (
          <li key={trip.id} data-status={trip.status}>
            <span className="trip-when">
              {formatDay(language, trip.startedAt)},{' '}
              {t('tripLine', {
                time: formatTime(language, trip.startedAt),
                distance: formatKm(language, trip.distanceM ?? trip.legs.reduce((s, l) => s + l.distanceM, 0)),
              })}
            </span>{' '}
            <span>{t(`status_${trip.status}`)}</span>
            {trip.status === 'scored' && (
              <span className="trip-points"> {t('points', { count: trip.pointsAwarded })}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ResidentVouchers({
  residentId,
  name,
  balance,
  onClaim,
}: {
  residentId: string;
  name: string;
  balance: number;
  onClaim: () => void;
}) {
  const { t } = useTranslation();
  const offers = usePolled(
    () => voucher.get('/v1/offers'),
    () => false,
  );
  const owned = usePolled(
    () => voucher.getAt('/v1/mediator/residents/{id}/vouchers', { id: residentId }),
    () => false,
    2000,
    [residentId],
  );
  const [asking, setAsking] = useState<string | null>(null);
  const action = useSubmit();

  async function claim(offerId: string) {
    const claimed = await action.run(() =>
      voucher.postAt('/v1/mediator/residents/{id}/vouchers', { id: residentId }, { offerId }),
    );
    setAsking(null);
    if (claimed) {
      owned.reload();
      onClaim();
    }
  }

  const active = (owned.value ?? []).filter((v) => v.status === 'active');
  const offerList = Array.isArray(offers.value) ? offers.value : [];
  return (
    <>
      {active.length > 0 && (
        <section className="card" aria-labelledby="resident-vouchers-title">
          <h2 id="resident-vouchers-title">{t('residentVouchersTitle')}</h2>
          {active.map((v) => (
            <PrintableVoucher key={v.voucherId} voucher={v} />
          ))}
        </section>
      )}
      <section className="card" aria-labelledby="resident-offers-title">
        <h2 id="resident-offers-title">{t('residentOffersTitle')}</h2>
        {offerList.length === 0 && <p>{offers.loading ? t('loading') : t('offersNone')}</p>}
        <ul className="offers">
          {offerList.map((offer) => {
            const cost = t('offerCost', { count: offer.costPoints });
            return (
              <li key={offer.id}>
                <span>{offer.title}</span> <span className="cost">{cost}</span>
                {asking === offer.id ? (
                  <div className="confirm" role="group" aria-label={t('claimFor', { title: offer.title })}>
                    <p>{t('claimConfirm', { cost, name, balance: t('balanceValue', { count: balance }) })}</p>
                    <button
                      type="button"
                      className="primary claim-yes"
                      onClick={() => claim(offer.id)}
                      disabled={action.busy}
                    >
                      {t('claimYes')}
                    </button>{' '}
                    <button type="button" onClick={() => setAsking(null)}>
                      {t('cancel')}
                    </button>
                  </div>
                ) : (
                  <button
                    type="button"
                    className="claim"
                    disabled={offer.costPoints > balance}
                    onClick={() => setAsking(offer.id)}
                  >
                    {t('claimFor', { title: offer.title })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        <p className="error" role="alert">
          {action.error}
        </p>
      </section>
    </>
  );
}

/** A voucher as it goes on paper: what, where, until when, the QR and the code in large type. */
function PrintableVoucher({ voucher: v }: { voucher: OwnVoucher }) {
  const { t, i18n } = useTranslation();
  const elementId = `voucher-${v.voucherId}`;
  return (
    <div className="voucher">
      <div id={elementId} className="voucher-paper">
        <p className="voucher-what">{t('voucherFor', { title: v.offerTitle, shop: v.merchantName })}</p>
        <QrImage text={v.qr} label={t('voucherQrLabel')} />
        <p>{t('voucherCode')}</p>
        <p className="code voucher-code">{v.code}</p>
        <p>{t('voucherExpires', { date: formatDay(i18n.language, v.expiresAt) })}</p>
      </div>
      <button type="button" className="print-voucher" onClick={() => printOnly(elementId)}>
        {t('voucherPrint')}
      </button>
    </div>
  );
}
