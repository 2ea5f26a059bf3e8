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
  | { page: 'resident'; id: string };

/** Pages open without a session (the rest send a visitor to log in). */
export const PUBLIC_PAGES: ReadonlySet<Route['page']> = new Set(['login', 'register', 'forgot', 'reset', 'card']);

export function parseRoute(hash: string): Route {
  const [, page, id] = hash.replace(/^#/, '').split('/');
  const param = id ? decodeURIComponent(id) : '';
  switch (page) {
    case 'register':
    case 'login':
    case 'forgot':
    case 'card':
    case 'upload':
    case 'record':
    case 'openpath':
    case 'settings':
      return { page };
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
  record: '#/record',
  openpath: '#/openpath',
  settings: '#/settings',
  residents: '#/residents',
  resident: (id: string) => `#/residents/${encodeURIComponent(id)}`,
  trip: (id: string) => `#/trips/${encodeURIComponent(id)}`,
};

/** Where a person lands after logging in: a mediator's desk, or a participant's trips. */
export const homeHref = () => (sessionRole() === 'mediator' ? href.residents : href.trips);

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
