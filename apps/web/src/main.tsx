import { fetchEarly, isLoggedIn, sessionRole } from './api/client';
import { initialLanguage, languageMessages } from './languages';
import { TRIPS_PAGE_QUERY } from './pages/trips-page.first-reads';
import { parseRoute } from './routing';
import './styles.css';

/**
 * The entry: a few kB that run as soon as they arrive, while the app's code (bootstrap.tsx,
 * preloaded by index.html) is still downloading, so that on a slow network nothing waits for it:
 * the person's language and the first page's data are asked for at once, not one after another.
 */
void languageMessages(initialLanguage()).catch(() => undefined); // bootstrap asks again and reports

// What a participant's first page reads as it opens (the trips page and the consent banner over
// every signed-in page). A page that asks for something else simply fetches it itself.
if (isLoggedIn() && sessionRole() === 'participant') {
  fetchEarly('api', '/v1/me/consents');
  if (parseRoute(window.location.hash).page === 'trips') {
    fetchEarly('api', `/v1/trips${TRIPS_PAGE_QUERY}`);
    fetchEarly('api', '/v1/me/balance');
    fetchEarly('voucher', '/v1/offers');
  }
}

void import('./bootstrap');
