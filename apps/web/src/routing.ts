import { useEffect, useState } from 'react';

/** The app's pages, addressed by the URL's hash so the api serves one file for every page. */
export type Route =
  | { page: 'login' }
  | { page: 'register' }
  | { page: 'trips' }
  | { page: 'trip'; id: string }
  | { page: 'upload' }
  | { page: 'points' }
  | { page: 'offers' }
  | { page: 'vouchers'; id?: string }
  | { page: 'play' };

export function parseRoute(hash: string): Route {
  const [, page, id] = hash.replace(/^#/, '').split('/');
  if (page === 'register') return { page: 'register' };
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
  voucher: (id: string) => `#/vouchers/${encodeURIComponent(id)}`,
};

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
