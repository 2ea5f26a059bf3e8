import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { isLoggedIn, onSessionChange, setSession } from './api/client';
import { ConsentBanner } from './components/consent-banner';
import { chooseLanguage, type Language, LANGUAGES } from './i18n';
import { AuthPage } from './pages/auth-page';
import { TripPage } from './pages/trip-page';
import { TripsPage } from './pages/trips-page';
import { UploadPage } from './pages/upload-page';
import { href, navigate, type Route, useRoute } from './routing';

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
        {loggedIn && !publicPage && <ConsentBanner />}
        {(loggedIn || publicPage) && <Page route={route} />}
      </main>
    </>
  );
}
