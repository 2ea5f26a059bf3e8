import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionRole, setSession } from '../api/client';
import { forgetOfflineData } from '../offline';
import { href, isOperatorRole, type Route } from '../routing';
import './main-menu.css';

/** A menu entry with the route pages that belong to it; `primary` ones stay in the bar on a phone. */
type MenuEntry = { href: string; label: string; pages: readonly Route['page'][]; primary?: boolean };

// What a participant opens most (their trips and what they earn and spend) stays in sight on a
// phone; the rest waits under "More" so the menu does not fill a quarter of a small screen.
const PARTICIPANT_MENU: MenuEntry[] = [
  { href: href.trips, label: 'navTrips', pages: ['trips', 'trip'], primary: true },
  { href: href.points, label: 'navPoints', pages: ['points'], primary: true },
  { href: href.offers, label: 'navOffers', pages: ['offers'], primary: true },
  { href: href.vouchers, label: 'navVouchers', pages: ['vouchers'], primary: true },
  { href: href.upload, label: 'navUpload', pages: ['upload'] },
  { href: href.record, label: 'navRecord', pages: ['record'] },
  { href: href.play, label: 'navPlay', pages: ['play'] },
  { href: href.openpath, label: 'navOpenpath', pages: ['openpath'] },
  { href: href.settings, label: 'navSettings', pages: ['settings'] },
];
// Few enough to stay in the bar, log out included.
const MEDIATOR_MENU: MenuEntry[] = [
  { href: href.residents, label: 'navResidents', pages: ['residents', 'resident'], primary: true },
  { href: href.settings, label: 'navSettings', pages: ['settings'], primary: true },
];

/**
 * The signed-in menu. On a wide screen every entry is in the bar; on a phone the primary entries
 * are, and the others (log out last) open under a "More" button: a real button with aria-expanded,
 * its first entry focused when it opens, Escape closing it back onto the button, closed again
 * when a page is chosen. The entries are the same elements on both screens, only laid out apart.
 */
export function MainMenu({ route }: { route: Route }) {
  const { t } = useTranslation();
  const role = sessionRole();
  // Operators and admins find their way in the console's own menu: only log out here.
  const items = isOperatorRole(role) ? [] : role === 'mediator' ? MEDIATOR_MENU : PARTICIPANT_MENU;
  const primary = items.filter((item) => item.primary);
  const more = items.filter((item) => !item.primary);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const nav = useRef<HTMLElement>(null);

  useEffect(() => setOpen(false), [route]);
  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLElement>('a, button')?.focus();
    // A tap or a focus outside the menu closes it, as a person expects of a menu that opened over the page.
    const outside = (event: Event) => {
      if (!nav.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && open) {
      setOpen(false);
      button.current?.focus();
    }
  }

  const entry = (item: MenuEntry) => (
    <li key={item.href}>
      <a href={item.href} aria-current={item.pages.includes(route.page) ? 'page' : undefined}>
        {t(item.label)}
      </a>
    </li>
  );
  const logout = (
    <li>
      <button type="button" onClick={() => (setSession(null), void forgetOfflineData())}>
        {t('navLogout')}
      </button>
    </li>
  );
  const moreIsCurrent = more.some((item) => item.pages.includes(route.page));

  return (
    <nav aria-label={t('mainNav')} className="main-menu" ref={nav} onKeyDown={onKeyDown}>
      <ul className="menu-bar">
        {primary.map(entry)}
        {more.length > 0 ? (
          <li className="menu-more">
            <button
              type="button"
              ref={button}
              aria-expanded={open}
              aria-controls="menu-more-list"
              className={moreIsCurrent ? 'current' : undefined}
              onClick={() => setOpen(!open)}
            >
              {t('navMore')}
            </button>
          </li>
        ) : (
          logout
        )}
      </ul>
      {more.length > 0 && (
        <ul id="menu-more-list" className={open ? 'menu-others open' : 'menu-others'} ref={list}>
          {more.map(entry)}
          {logout}
        </ul>
      )}
    </nav>
  );
}
