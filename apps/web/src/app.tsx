import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { isLoggedIn, onSessionChange } from './api/client';
import { ConsentBanner } from './components/consent-banner';
import { MainMenu } from './components/main-menu';
import { type Language, LANGUAGES } from './i18n';
import { chooseAndStoreLanguage } from './language-choice';
import { AuthPage } from './pages/auth-page';
import { TripPage } from './pages/trip-page';
import { TripsPage } from './pages/trips-page';
import { UploadPage } from './pages/upload-page';
import { homeHref, href, navigate, PUBLIC_PAGES, type Route, useRoute } from './routing';

// Participants never download the operators' console: it is its own chunk, fetched on #/console.
const InvitationPage = lazy(() => import('./pages/invitation-page').then((m) => ({ default: m.InvitationPage })));
const ConsoleApp = lazy(() => import('./pages/console/console-app').then((m) => ({ default: m.ConsoleApp })));

// Pages beyond the first are fetched when opened: the first page stays light on a slow phone.
const PointsPage = lazy(() => import('./pages/points-page').then((m) => ({ default: m.PointsPage })));
const OffersPage = lazy(() => import('./pages/offers-page').then((m) => ({ default: m.OffersPage })));
const WalletPage = lazy(() => import('./pages/wallet-page').then((m) => ({ default: m.WalletPage })));
const PlayPage = lazy(() => import('./pages/play-page').then((m) => ({ default: m.PlayPage })));

// Pages few people open on a first visit: loaded when opened, so the first page stays light.
const ForgotPage = lazy(() => import('./pages/password-reset-page').then((m) => ({ default: m.ForgotPage })));
const ResetPage = lazy(() => import('./pages/password-reset-page').then((m) => ({ default: m.ResetPage })));
const CardLoginPage = lazy(() => import('./pages/card-login-page').then((m) => ({ default: m.CardLoginPage })));
const SettingsPage = lazy(() => import('./pages/settings-page').then((m) => ({ default: m.SettingsPage })));
const RecordPage = lazy(() => import('./pages/record-page').then((m) => ({ default: m.RecordPage })));
const OpenpathPage = lazy(() => import('./pages/openpath-page').then((m) => ({ default: m.OpenpathPage })));
const ResidentsPage = lazy(() => import('./pages/residents-page').then((m) => ({ default: m.ResidentsPage })));
const ResidentPage = lazy(() => import('./pages/resident-page').then((m) => ({ default: m.ResidentPage })));

function LanguageChooser() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language">
      <label htmlFor="language">{t('language')}</label>
      <select
        id="language"
        value={i18n.language}
        onChange={(event) => void chooseAndStoreLanguage(event.target.value as Language).catch(() => undefined)}
      >
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
    case 'forgot':
      return <ForgotPage />;
    case 'reset':
      return <ResetPage token={route.token} />;
    case 'card':
      return <CardLoginPage />;
    case 'trip':
      return <TripPage id={route.id} />;
    case 'upload':
      return <UploadPage />;
    case 'record':
      return <RecordPage />;
    case 'openpath':
      return <OpenpathPage />;
    case 'settings':
      return <SettingsPage />;
    case 'residents':
      return <ResidentsPage />;
    case 'resident':
      return <ResidentPage id={route.id} />;
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
  const publicPage = PUBLIC_PAGES.has(route.page);
  // An invitation is opened by someone who may or may not be logged in (on a shared counter tablet).
  const openPage = route.page === 'invitation';
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!loggedIn && !publicPage && !openPage) navigate(href.login);
    // A reset link opened while logged in still works: it may be for the same person.
    if (loggedIn && publicPage && route.page !== 'reset') navigate(homeHref());
  }, [loggedIn, publicPage, openPage, route.page]);

  return (
    <>
      <a className="skip" href="#content" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        {t('skipToContent')}
      </a>
      <header className="top">
        <a className="brand" href={loggedIn ? homeHref() : href.login}>
          {t('appName')}
        </a>
        <LanguageChooser />
        {loggedIn && <MainMenu route={route} />}
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
