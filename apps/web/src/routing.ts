import { useEffect, useState } from 'react';
import { sessionRole } from './api/client';

/** The app's pages, addressed by the URL's hash so the api serves one file for every page. */
export type Route =
  | { page: 'login' }
  | { page: 'register' }
  | { page: 'forgot' }
  | { page: 'reset'; token: string }
  | { page: 'card' }
  | { page: 'trips' }
  | { page: 'trip'; id: string }
  | { page: 'upload' }
  | { page: 'record' }
  | { page: 'openpath' }
  | { page: 'settings' }
  | { page: 'residents' }
  | { page: 'resident'; id: string }
  | { page: 'console'; section: string; id?: string }
  | { page: 'invitation'; token: string }
  | { page: 'points' }
  | { page: 'offers' }
  | { page: 'vouchers'; id?: string }
  | { page: 'play' };

/** Pages open without a session (the rest send a visitor to log in). */
export const PUBLIC_PAGES: ReadonlySet<Route['page']> = new Set(['login', 'register', 'forgot', 'reset', 'card']);

export function parseRoute(hash: string): Route {
  const [, page, id, rest] = hash.replace(/^#/, '').split('/');
  const param = id ? decodeURIComponent(id) : '';
  switch (page) {
    // The operators' console routes itself inside its own (lazily loaded) section.
    case 'console':
      return { page: 'console', section: id || '', id: rest ? decodeURIComponent(rest) : undefined };
    case 'register':
    case 'login':
    case 'forgot':
    case 'card':
    case 'upload':
    case 'record':
    case 'openpath':
    case 'settings':
    case 'points':
    case 'offers':
    case 'play':
      return { page };
    case 'invitation':
      if (param) return { page: 'invitation', token: param };
      break;
    case 'vouchers':
      return param ? { page: 'vouchers', id: param } : { page: 'vouchers' };
    case 'reset':
      return param ? { page: 'reset', token: param } : { page: 'forgot' };
    case 'residents':
      return param ? { page: 'resident', id: param } : { page: 'residents' };
    case 'trips':
      if (param) return { page: 'trip', id: param };
  }
  return { page: 'trips' };
}

export const href = {
  login: '#/login',
  register: '#/register',
  forgot: '#/forgot',
  card: '#/card',
  trips: '#/trips',
  upload: '#/upload',
  points: '#/points',
  offers: '#/offers',
  vouchers: '#/vouchers',
  play: '#/play',
  record: '#/record',
  openpath: '#/openpath',
  settings: '#/settings',
  residents: '#/residents',
  resident: (id: string) => `#/residents/${encodeURIComponent(id)}`,
  trip: (id: string) => `#/trips/${encodeURIComponent(id)}`,
  invitation: (token: string) => `#/invitation/${encodeURIComponent(token)}`,
  console: (section = 'map', id?: string) =>
    `#/console/${section}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`,
  voucher: (id: string) => `#/vouchers/${encodeURIComponent(id)}`,
};

/** Operators and admins work in the console; everyone else starts at their trips. */
export const isOperatorRole = (role: string | null) => role === 'operator' || role === 'admin';

/** Where a person lands after logging in: the console, a mediator's desk, or a participant's trips. */
export function homeHref(): string {
  const role = sessionRole();
  if (isOperatorRole(role)) return href.console();
  return role === 'mediator' ? href.residents : href.trips;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function navigate(to: string): void {
  window.location.hash = to;
}
