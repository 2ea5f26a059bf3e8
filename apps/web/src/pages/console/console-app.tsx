import i18next from 'i18next';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionRole } from '../../api/client';
import { consoleMessages } from '../../locales/console';
import './console.css';
import { href, isOperatorRole } from '../../routing';

// The console's words travel with the console's code: participants download neither.
for (const [language, messages] of Object.entries(consoleMessages))
  i18next.addResourceBundle(language, 'translation', messages, true, false);

// Each page of the console is its own chunk too: the map page does not wait for the charts.
const CityMapPage = lazy(() => import('./city-map-page').then((m) => ({ default: m.CityMapPage })));
const RulesPage = lazy(() => import('./rules-page').then((m) => ({ default: m.RulesPage })));
const KpisPage = lazy(() => import('./kpis-page').then((m) => ({ default: m.KpisPage })));
const ReviewsPage = lazy(() => import('./reviews-page').then((m) => ({ default: m.ReviewsPage })));
const ParticipantsPage = lazy(() => import('./participants-page').then((m) => ({ default: m.ParticipantsPage })));
const ShopsPage = lazy(() => import('./shops-page').then((m) => ({ default: m.ShopsPage })));
const AuditPage = lazy(() => import('./audit-page').then((m) => ({ default: m.AuditPage })));

export const CONSOLE_SECTIONS = ['map', 'rules', 'kpis', 'reviews', 'participants', 'shops', 'audit'] as const;
type Section = (typeof CONSOLE_SECTIONS)[number];

function SectionPage({ section, id }: { section: Section; id?: string }) {
  switch (section) {
    case 'map':
      return <CityMapPage />;
    case 'rules':
      return <RulesPage />;
    case 'kpis':
      return <KpisPage />;
    case 'reviews':
      return <ReviewsPage id={id} />;
    case 'participants':
      return <ParticipantsPage />;
    case 'shops':
      return <ShopsPage />;
    case 'audit':
      return <AuditPage />;
  }
}

/** The operators' console: its own menu of sections, each page loaded when first opened. */
export function ConsoleApp({ section, id }: { section: string; id?: string }) {
  const { t } = useTranslation();
  if (!isOperatorRole(sessionRole())) {
    return (
      <p className="error" role="alert">
        {t('con_operatorsOnly')} <a href={href.trips}>{t('navTrips')}</a>
      </p>
    );
  }
  const current: Section = (CONSOLE_SECTIONS as readonly string[]).includes(section) ? (section as Section) : 'map';
  return (
    <div className="console">
      <nav aria-label={t('con_nav')} className="console-nav">
        <ul>
          {CONSOLE_SECTIONS.map((s) => (
            <li key={s}>
              <a href={href.console(s)} aria-current={s === current ? 'page' : undefined}>
                {t(`con_nav_${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Suspense fallback={<p>{t('loading')}</p>}>
        <SectionPage key={current} section={current} id={id} />
      </Suspense>
    </div>
  );
}
