import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { isLoggedIn, onSessionChange, sessionRole, setSession } from './api/client';
import { chooseLanguage, type Language, LANGUAGES } from './i18n';
import { AuthPage } from './pages/auth-page';
import { TripPage } from './pages/trip-page';
import { TripsPage } from './pages/trips-page';
import { UploadPage } from './pages/upload-page';
import { homeHref, href, isOperatorRole, navigate, type Route, useRoute } from './routing';

// Participants never download the operators' console: it is its own chunk, fetched on #/console.
const InvitationPage = lazy(() => import('./pages/invitation-page').then((m) => ({ default: m.InvitationPage })));
const ConsoleApp = lazy(() => import('./pages/console/console-app').then((m) => ({ default: m.ConsoleApp })));

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
              {!operator && (
                <>
                  <li>
                    <a href={href.trips} aria-current={route.page === 'trips' ? 'page' : undefined}>
                      {t('navTrips')}
                    </a>
                  </li>
                  <li>
                    <a href={href.upload} aria-current={route.page === 'upload' ? 'page' : undefined}>
                      {t('navUpload')}
                    </a>
                  </li>
                </>
              )}
              <li>
                <button type="button" onClick={() => setSession(null)}>
                  {t('navLogout')}
                </button>
              </li>
            </ul>
          </nav>
        )}
        <LanguageChooser />
      </header>
      <main id="content" ref={main} tabIndex={-1}>
        {(loggedIn || publicPage || openPage) && <Page route={route} />}
      </main>
    </>
  );
}
