import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { isLoggedIn, onSessionChange, sessionRole, setSession } from './api/client';
import { ConsentBanner } from './components/consent-banner';
import { chooseLanguage, type Language, LANGUAGES } from './i18n';
import { forgetOfflineData } from './offline';
import { AuthPage } from './pages/auth-page';
import { TripPage } from './pages/trip-page';
import { TripsPage } from './pages/trips-page';
import { UploadPage } from './pages/upload-page';
import { homeHref, href, isOperatorRole, navigate, type Route, useRoute } from './routing';

// Participants never download the operators' console: it is its own chunk, fetched on #/console.
const InvitationPage = lazy(() => import('./pages/invitation-page').then((m) => ({ default: m.InvitationPage })));
const ConsoleApp = lazy(() => import('./pages/console/console-app').then((m) => ({ default: m.ConsoleApp })));

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

function Loading() {
  const { t } = useTranslation();
  return <p>{t('loading')}</p>;
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
    case 'invitation':
      return (
        <Suspense fallback={<Loading />}>
          <InvitationPage token={route.token} />
        </Suspense>
      );
    case 'console':
      return (
        <Suspense fallback={<Loading />}>
          <ConsoleApp section={route.section} id={route.id} />
        </Suspense>
      );
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
  const operator = loggedIn && isOperatorRole(sessionRole());
  const publicPage = route.page === 'login' || route.page === 'register';
  // An invitation is opened by someone who may or may not be logged in (on a shared counter tablet).
  const openPage = route.page === 'invitation';
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!loggedIn && !publicPage && !openPage) navigate(href.login);
    if (loggedIn && publicPage) navigate(homeHref());
  }, [loggedIn, publicPage, openPage]);

  return (
    <>
      <a className="skip" href="#content" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        {t('skipToContent')}
      </a>
      <header className="top">
        <a className="brand" href={loggedIn ? homeHref() : href.login}>
          {t('appName')}
        </a>
        {loggedIn && (
          <nav aria-label={t('mainNav')}>
            <ul>
              {!operator &&
                NAV.map((item) => (
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
        {loggedIn && !publicPage && <ConsentBanner />}
        {(loggedIn || publicPage || openPage) && (
          <Suspense fallback={<p>{t('loading')}</p>}>
            <Page route={route} />
          </Suspense>
        )}
      </main>
    </>
  );
}
