import { useEffect, useState } from 'react';
import { sessionRole } from './api/client';

/** The app's pages, addressed by the URL's hash so the api serves one file for every page. */
export type Route =
  | { page: 'login' }
  | { page: 'register' }
  | { page: 'trips' }
  | { page: 'trip'; id: string }
  | { page: 'upload' }
  | { page: 'console'; section: string; id?: string }
  | { page: 'invitation'; token: string }
  | { page: 'points' }
  | { page: 'offers' }
  | { page: 'vouchers'; id?: string }
  | { page: 'play' };

export function parseRoute(hash: string): Route {
  const [, page, id, rest] = hash.replace(/^#/, '').split('/');
  // The operators' console routes itself inside its own (lazily loaded) section.
  if (page === 'console')
    return { page: 'console', section: id || '', id: rest ? decodeURIComponent(rest) : undefined };
  if (page === 'register') return { page: 'register' };
  if (page === 'invitation' && id) return { page: 'invitation', token: decodeURIComponent(id) };
  if (page === 'login') return { page: 'login' };
  if (page === 'upload') return { page: 'upload' };
  if (page === 'points') return { page: 'points' };
  if (page === 'offers') return { page: 'offers' };
  if (page === 'play') return { page: 'play' };
  if (page === 'vouchers') return id ? { page: 'vouchers', id: decodeURIComponent(id) } : { page: 'vouchers' };
  if (page === 'trips' && id) return { page: 'trip', id: decodeURIComponent(id) };
  return { page: 'trips' };
}

export const href = {
  login: '#/login',
  register: '#/register',
  trips: '#/trips',
  upload: '#/upload',
  points: '#/points',
  offers: '#/offers',
  vouchers: '#/vouchers',
  play: '#/play',
  trip: (id: string) => `#/trips/${encodeURIComponent(id)}`,
  invitation: (token: string) => `#/invitation/${encodeURIComponent(token)}`,
  console: (section = 'map', id?: string) =>
    `#/console/${section}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`,
  voucher: (id: string) => `#/vouchers/${encodeURIComponent(id)}`,
};

/** Operators and admins work in the console; everyone else starts at their trips. */
export const isOperatorRole = (role: string | null) => role === 'operator' || role === 'admin';

export function homeHref(): string {
  return isOperatorRole(sessionRole()) ? href.console() : href.trips;
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
