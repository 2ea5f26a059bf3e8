import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type MyCity, type Offer, voucher } from '../api/client';
import { LazyMap } from '../components/lazy-map';
import { formatKm } from '../format';
import { href } from '../routing';
import { LoadError } from '../components/load-error';
import { useErrorText } from '../use-error-text';
import { usePolled } from '../use-poll';

type Where = 'city' | 'near' | 'route' | 'trips';
type Position = [lon: number, lat: number];

const NEAR_RADIUS_M = 2000;

/** The person's position, or why there is none (refused, unavailable, too slow). */
function locate(): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new Error('unavailable'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve([p.coords.longitude, p.coords.latitude]),
      (error) => reject(error),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}

function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Offers on a map and as a list: in the city, near the person, along a route, along their own trips. */
export function OffersPage() {
  const { t } = useTranslation();
  const [where, setWhere] = useState<Where>('city');
  const [routeId, setRouteId] = useState<string>('');
  const [me, setMe] = useState<Position | null>(null);
  const [locating, setLocating] = useState<'idle' | 'asking' | 'failed'>('idle');
  const city = usePolled(
    () => api.get('/v1/me/city'),
    () => false,
  );
  const balance = usePolled(
    () => api.get('/v1/me/balance'),
    () => false,
  );
  const routes = city.value?.city?.routes ?? [];
  const chosenRoute = routeId || routes[0]?.id || '';

  const offers = usePolled(
    async (): Promise<Offer[]> => {
      if (where === 'near' && me) {
        return voucher.get('/v1/offers', `?near=${me[1].toFixed(6)},${me[0].toFixed(6)}&radiusM=${NEAR_RADIUS_M}`);
      }
      if (where === 'route' && chosenRoute)
        return voucher.get('/v1/offers', `?routeId=${encodeURIComponent(chosenRoute)}`);
      if (where === 'trips') return voucher.get('/v1/offers/along-my-trips');
      return voucher.get('/v1/offers');
    },
    () => false,
    2000,
    [where, me?.join(','), chosenRoute],
  );

  async function choose(next: Where) {
    setWhere(next);
    if (next !== 'near' || me) return;
    setLocating('asking');
    try {
      setMe(await locate());
      setLocating('idle');
    } catch {
      // Refused or unavailable: the city's offers instead, and a sentence saying so.
      setLocating('failed');
    }
  }

  const list = offers.value ?? [];
  const choices: { value: Where; label: string }[] = [
    { value: 'city', label: t('offersInCity') },
    { value: 'near', label: t('offersNearMe') },
    { value: 'route', label: t('offersAlongRoute') },
    { value: 'trips', label: t('offersAlongTrips') },
  ];

  return (
    <section aria-labelledby="offers-page-title">
      <h1 id="offers-page-title">{t('offersPageTitle')}</h1>
      <p className="card balance-card">
        <span>{t('balanceTitle')}</span>{' '}
        <strong className="balance" id="offers-balance">
          {balance.value ? t('balanceValue', { count: balance.value.balance }) : t('loading')}
        </strong>
      </p>
      <fieldset className="choices">
        <legend>{t('offersWhere')}</legend>
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name="where"
              value={choice.value}
              checked={where === choice.value}
              onChange={() => void choose(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
      {where === 'route' && routes.length > 0 && (
        <div className="field">
          <label htmlFor="route">{t('offersRoute')}</label>
          <select id="route" value={chosenRoute} onChange={(e) => setRouteId(e.target.value)}>
            {routes.map((route) => (
              <option key={route.id} value={route.id}>
                {route.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div aria-live="polite">
        {where === 'near' && locating === 'asking' && <p>{t('offersLocating')}</p>}
        {where === 'near' && locating === 'failed' && <p className="notice">{t('offersNoLocation')}</p>}
        {where === 'route' && city.value && routes.length === 0 && <p>{t('offersNoRoutes')}</p>}
      </div>
      {city.value?.city && (
        <OffersMap
          city={city.value.city}
          offers={list}
          me={where === 'near' ? me : null}
          routeId={where === 'route' ? chosenRoute : null}
        />
      )}
      {offers.error !== undefined && <LoadError error={offers.error} retry={offers.reload} />}
      {offers.loading && !offers.value && <p>{t('loading')}</p>}
      {offers.value && list.length === 0 && <p>{t(where === 'trips' ? 'offersNoneAlongTrips' : 'offersNoneHere')}</p>}
      <ul className="offer-cards" aria-label={t('offersListLabel')}>
        {list.map((offer) => (
          <OfferCard
            key={offer.id}
            offer={offer}
            balance={balance.value?.balance ?? null}
            onClaimed={() => (balance.reload(), offers.reload())}
          />
        ))}
      </ul>
    </section>
  );
}

function OffersMap({
  city,
  offers,
  me,
  routeId,
}: {
  city: MyCity;
  offers: Offer[];
  me: Position | null;
  routeId: string | null;
}) {
  const { t } = useTranslation();
  const area = (city.area.type === 'Polygon' ? city.area.coordinates : city.area.coordinates.flat()) as Position[][];
  const routes = city.routes
    .filter((r) => !routeId || r.id === routeId)
    .map((r) => r.geometry.coordinates as Position[]);
  const shops = offers.map((o) => [o.location.lon, o.location.lat] as Position);
  return (
    <LazyMap
      id="offers-map"
      label={t('offersMapLabel')}
      redrawKey={`${shops.join(';')}|${me?.join(',')}|${routeId}`}
      draw={({ drawPlacesMap }, target) => drawPlacesMap({ ...target, area, routes, shops, me })}
    />
  );
}

/** One offer with its cost; claiming asks first, saying what it costs out of the person's points. */
function OfferCard({ offer, balance, onClaimed }: { offer: Offer; balance: number | null; onClaimed: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [step, setStep] = useState<
    | { kind: 'idle' }
    | { kind: 'confirm'; key: string }
    | { kind: 'claiming'; key: string }
    | { kind: 'done'; voucherId: string }
    | { kind: 'failed'; text: string }
  >({ kind: 'idle' });
  const question = useRef<HTMLParagraphElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (step.kind === 'confirm') question.current?.focus();
    if (step.kind === 'done' || step.kind === 'failed') result.current?.focus();
  }, [step.kind]);

  const titleId = `offer-${offer.id}`;
  const affordable = balance === null || balance >= offer.costPoints;

  async function claim(key: string) {
    setStep({ kind: 'claiming', key });
    try {
      const claimed = await voucher.claim(offer.id, key);
      setStep({ kind: 'done', voucherId: claimed.voucherId });
      onClaimed();
    } catch (error) {
      setStep({ kind: 'failed', text: errorText(error) });
    }
  }

  return (
    <li className="card offer-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{offer.title}</h2>
      <p className="offer-shop">{offer.merchantName}</p>
      {offer.description && <p>{offer.description}</p>}
      <p className="offer-facts">
        <strong className="cost">{t('offerCost', { count: offer.costPoints })}</strong>
        {offer.distanceM !== undefined && (
          <span>{t('offerDistance', { distance: formatKm(i18n.language, offer.distanceM) })}</span>
        )}
        {offer.remaining !== null && <span>{t('offerRemaining', { count: offer.remaining })}</span>}
        {!offer.usableNow && <span>{t('offerNotNow')}</span>}
      </p>
      {step.kind === 'idle' && (
        <button type="button" className="primary" onClick={() => setStep({ kind: 'confirm', key: newKey() })}>
          {t('offerClaim')}
        </button>
      )}
      {(step.kind === 'confirm' || step.kind === 'claiming') && (
        <div className="confirm" role="group" aria-label={t('offerConfirmLabel', { title: offer.title })}>
          <p tabIndex={-1} ref={question} className="confirm-question">
            {affordable && balance !== null
              ? t('offerConfirm', {
                  cost: offer.costPoints,
                  balance,
                  left: balance - offer.costPoints,
                  title: offer.title,
                  shop: offer.merchantName,
                })
              : affordable
                ? t('offerConfirmNoBalance', { cost: offer.costPoints, title: offer.title })
                : t('offerTooExpensive', { cost: offer.costPoints, balance })}
          </p>
          <div className="buttons">
            {affordable && (
              <button
                type="button"
                className="primary"
                disabled={step.kind === 'claiming'}
                onClick={() => void claim(step.key)}
              >
                {step.kind === 'claiming' ? t('working') : t('offerConfirmYes')}
              </button>
            )}
            <button type="button" disabled={step.kind === 'claiming'} onClick={() => setStep({ kind: 'idle' })}>
              {t('offerConfirmNo')}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'done' && (
        <p tabIndex={-1} ref={result} className="success" role="status">
          {t('offerClaimed')} <a href={href.voucher(step.voucherId)}>{t('offerShowVoucher')}</a>
        </p>
      )}
      {step.kind === 'failed' && (
        <p tabIndex={-1} ref={result} className="error" role="alert">
          {step.text}{' '}
          <button type="button" onClick={() => setStep({ kind: 'idle' })}>
            {t('retry')}
          </button>
        </p>
      )}
    </li>
  );
}
