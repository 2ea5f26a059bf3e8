import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { isLoggedIn, onSessionChange, sessionRole, setSession } from './api/client';
import { type Language, LANGUAGES } from './i18n';
import { chooseAndStoreLanguage } from './language-choice';
import { AuthPage } from './pages/auth-page';
import { TripPage } from './pages/trip-page';
import { TripsPage } from './pages/trips-page';
import { UploadPage } from './pages/upload-page';
import { homeHref, href, navigate, PUBLIC_PAGES, type Route, useRoute } from './routing';

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
  }
}

function MainMenu({ route }: { route: Route }) {
  const { t } = useTranslation();
  const items: [Route['page'], string, string][] =
    sessionRole() === 'mediator'
      ? [
          ['residents', href.residents, t('navResidents')],
          ['settings', href.settings, t('navSettings')],
        ]
      : [
          ['trips', href.trips, t('navTrips')],
          ['upload', href.upload, t('navUpload')],
          ['record', href.record, t('navRecord')],
          ['openpath', href.openpath, t('navOpenpath')],
          ['settings', href.settings, t('navSettings')],
        ];
  return (
    <nav aria-label={t('mainNav')}>
      <ul>
        {items.map(([page, to, label]) => (
          <li key={page}>
            <a href={to} aria-current={route.page === page ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <button type="button" onClick={() => setSession(null)}>
            {t('navLogout')}
          </button>
        </li>
      </ul>
    </nav>
  );
}

export function App() {
  const { t } = useTranslation();
  const loggedIn = useSyncExternalStore(onSessionChange, isLoggedIn);
  const route = useRoute();
  const publicPage = PUBLIC_PAGES.has(route.page);
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!loggedIn && !publicPage) navigate(href.login);
    // A reset link opened while logged in still works: it may be for the same person.
    if (loggedIn && publicPage && route.page !== 'reset') navigate(homeHref());
  }, [loggedIn, publicPage, route.page]);

  return (
    <>
      <a className="skip" href="#content" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        {t('skipToContent')}
      </a>
      <header className="top">
        <a className="brand" href={loggedIn ? homeHref() : href.login}>
          {t('appName')}
        </a>
        {loggedIn && <MainMenu route={route} />}
        <LanguageChooser />
      </header>
      <main id="content" ref={main} tabIndex={-1}>
        <Suspense fallback={<p>{t('loading')}</p>}>{(loggedIn || publicPage) && <Page route={route} />}</Suspense>
      </main>
    </>
  );
}
