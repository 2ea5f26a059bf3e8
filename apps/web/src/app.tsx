import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { isLoggedIn, onSessionChange, setSession } from './api/client';
import { chooseLanguage, type Language, LANGUAGES } from './i18n';
import { forgetOfflineData } from './offline';
import { AuthPage } from './pages/auth-page';
import { TripPage } from './pages/trip-page';
import { TripsPage } from './pages/trips-page';
import { UploadPage } from './pages/upload-page';
import { href, navigate, type Route, useRoute } from './routing';

// Pages beyond the first are fetched when opened: the first page stays light on a slow phone.
const PointsPage = lazy(() => import('./pages/points-page').then((m) => ({ default: m.PointsPage })));
const OffersPage = lazy(() => import('./pages/offers-page').then((m) => ({ default: m.OffersPage })));
const WalletPage = lazy(() => import('./pages/wallet-page').then((m) => ({ default: m.WalletPage })));
const PlayPage = lazy(() => import('./pages/play-page').then((m) => ({ default: m.PlayPage })));

/** The signed-in menu: each page with the route pages that belong to it. */
const NAV = [
  { href: href.trips, label: 'navTrips', pages: ['trips', 'trip'] },
  { href: href.upload, label: 'navUpload', pages: ['upload'] },
  { href: href.points, label: 'navPoints', pages: ['points'] },
  { href: href.offers, label: 'navOffers', pages: ['offers'] },
  { href: href.vouchers, label: 'navVouchers', pages: ['vouchers'] },
  { href: href.play, label: 'navPlay', pages: ['play'] },
] as const;

function LanguageChooser() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language">
      <label htmlFor="language">{t('language')}</label>
      <select id="language" value={i18n.language} onChange={(event) => chooseLanguage(event.target.value as Language)}>
        {Object.entries(LANGUAGES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'login':
    case 'register':
      return <AuthPage mode={route.page} />;
    case 'trip':
      return <TripPage id={route.id} />;
    case 'upload':
      return <UploadPage />;
    case 'trips':
      return <TripsPage />;
    case 'points':
      return <PointsPage />;
    case 'offers':
      return <OffersPage />;
    case 'vouchers':
      return <WalletPage id={route.id} />;
    case 'play':
      return <PlayPage />;
  }
}

export function App() {
  const { t } = useTranslation();
  const loggedIn = useSyncExternalStore(onSessionChange, isLoggedIn);
  const route = useRoute();
  const publicPage = route.page === 'login' || route.page === 'register';
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!loggedIn && !publicPage) navigate(href.login);
    if (loggedIn && publicPage) navigate(href.trips);
  }, [loggedIn, publicPage]);

  return (
    <>
      <a className="skip" href="#content" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        {t('skipToContent')}
      </a>
      <header className="top">
        <a className="brand" href={loggedIn ? href.trips : href.login}>
          {t('appName')}
        </a>
        {loggedIn && (
          <nav aria-label={t('mainNav')}>
            <ul>
              {NAV.map((item) => (
                <li key={item.href}>
                  <a
                    href={item.href}
                    aria-current={(item.pages as readonly string[]).includes(route.page) ? 'page' : undefined}
                  >
                    {t(item.label)}
                  </a>
                </li>
              ))}
              <li>
                <button type="button" onClick={() => (setSession(null), void forgetOfflineData())}>
                  {t('navLogout')}
                </button>
              </li>
            </ul>
          </nav>
        )}
        <LanguageChooser />
      </header>
      <main id="content" ref={main} tabIndex={-1}>
        {(loggedIn || publicPage) && (
          <Suspense fallback={<p>{t('loading')}</p>}>
            <Page route={route} />
          </Suspense>
        )}
      </main>
    </>
  );
}
