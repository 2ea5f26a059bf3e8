import { useTranslation } from 'react-i18next';
import { type Achievements, api, type Leaderboard } from '../api/client';
import { formatKm, formatMass, formatNumber } from '../format';
import { MODE_COLOURS } from '../map/leg-lines';
import { LoadError } from '../components/load-error';
import { usePolled } from '../use-poll';

/** Every badge there is (libs/gamification's BADGES), each drawn with the emblem of its family. */
const BADGES = [
  ['first-trip', 'star'],
  ['ten-trips', 'star'],
  ['hundred-trips', 'star'],
  ['walker-10km', 'walk'],
  ['walker-100km', 'walk'],
  ['cyclist-50km', 'bike'],
  ['cyclist-500km', 'bike'],
  ['transit-50km', 'bus'],
  ['streak-3', 'flame'],
  ['streak-7', 'flame'],
  ['streak-30', 'flame'],
  ['co2-10kg', 'leaf'],
  ['co2-100kg', 'leaf'],
] as const;
type Emblem = (typeof BADGES)[number][1];

const EMBLEMS: Record<Emblem, string> = {
  star: 'M24 11l3.8 7.8 8.6 1.2-6.2 6 1.5 8.5L24 30.5l-7.7 4 1.5-8.5-6.2-6 8.6-1.2z',
  walk: 'M26 10a3 3 0 1 1-6 0 3 3 0 0 1 6 0zm-5 5l-5 4v7h3v-5l2-1-2 14h3l2-7 3 3v8h3V28l-3-4 1-5 2 3h5v-3h-3l-3-4z',
  bike: 'M16 30a5 5 0 1 1 0-.1zm21 0a5 5 0 1 1 0-.1zM16 30l5-10h9l5 10M21 20l5 10h4M27 14h4',
  bus: 'M14 12h20v20H14zM14 22h20M17 35v-3M31 35v-3M18 28h2M28 28h2',
  flame: 'M24 9c2 6 9 9 9 17a9 9 0 0 1-18 0c0-4 2-6 4-8 0 3 1 5 3 5 0-5 1-9 2-14z',
  leaf: 'M13 35c0-14 8-22 22-22 0 14-8 22-22 22zm0 0l12-12',
};

/** A medal with the badge's emblem: coloured when earned, grey and dashed when not yet. */
function BadgeIcon({ emblem, earned }: { emblem: Emblem; earned: boolean }) {
  const filled = emblem === 'star' || emblem === 'flame' || emblem === 'leaf';
  return (
    <svg viewBox="0 0 48 48" width="64" height="64" aria-hidden="true" focusable="false" className="badge-icon">
      <circle
        cx="24"
        cy="24"
        r="21"
        fill={earned ? '#fff4d6' : '#f1f1f1'}
        stroke={earned ? '#b35806' : '#767676'}
        strokeWidth="3"
        strokeDasharray={earned ? undefined : '4 3'}
      />
      <path
        d={EMBLEMS[emblem]}
        fill={filled ? (earned ? '#b35806' : '#767676') : 'none'}
        stroke={earned ? '#7a3d04' : '#767676'}
        strokeWidth={filled ? 1 : 2.5}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function Tree() {
  return (
    <svg viewBox="0 0 24 32" width="24" height="32" aria-hidden="true" focusable="false">
      <path d="M12 2l9 13h-5l6 9H2l6-9H3z" fill="#1b7837" />
      <rect x="10" y="24" width="4" height="7" fill="#7a4a1e" />
    </svg>
  );
}

/** What a tree takes in over a week, about 22 kg of CO₂ a year: a picture a person can count. */
const TREE_WEEK_G = 420;
const MAX_TREES = 30;

function Streak({ current, best }: { current: number; best: number }) {
  const { t } = useTranslation();
  const days = Math.min(7, Math.max(current, 1));
  return (
    <section className="card" aria-labelledby="streak-title">
      <h2 id="streak-title">{t('playStreakTitle')}</h2>
      <div className="streak" aria-hidden="true">
        {Array.from({ length: Math.max(days, 7) }, (_, i) => (
          <svg key={i} viewBox="0 0 48 48" width="36" height="36" focusable="false">
            <circle
              cx="24"
              cy="24"
              r="21"
              fill={i < current ? '#fff4d6' : '#f1f1f1'}
              stroke="#767676"
              strokeWidth="2"
            />
            {i < current && <path d={EMBLEMS.flame} fill="#b35806" />}
          </svg>
        ))}
      </div>
      <p>
        {current > 0 ? t('playStreak', { count: current }) : t('playNoStreak')} {t('playBestStreak', { count: best })}
      </p>
    </section>
  );
}

function Distances({ distanceM }: { distanceM: Record<string, number> }) {
  const { t, i18n } = useTranslation();
  const modes = (['walk', 'bike', 'bus', 'train'] as const).filter((m) => (distanceM[m] ?? 0) > 0);
  const longest = Math.max(1, ...modes.map((m) => distanceM[m]));
  return (
    <section className="card" aria-labelledby="km-title">
      <h2 id="km-title">{t('playKmTitle')}</h2>
      {modes.length === 0 ? (
        <p>{t('playNoKm')}</p>
      ) : (
        <ul className="bars">
          {modes.map((mode) => (
            <li key={mode}>
              <span className="bar-label">
                {t(`mode_${mode}`)}: <strong>{formatKm(i18n.language, distanceM[mode])}</strong>
              </span>
              <span className="bar-track" aria-hidden="true">
                <span
                  className="bar"
                  style={{ width: `${(100 * distanceM[mode]) / longest}%`, background: MODE_COLOURS[mode] }}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Co2({ grams }: { grams: number }) {
  const { t, i18n } = useTranslation();
  const trees = Math.round(grams / TREE_WEEK_G);
  return (
    <section className="card" aria-labelledby="co2-title">
      <h2 id="co2-title">{t('playCo2Title')}</h2>
      {grams <= 0 ? (
        <p>{t('playNoCo2')}</p>
      ) : (
        <>
          <div className="trees" aria-hidden="true">
            {Array.from({ length: Math.min(MAX_TREES, Math.max(1, trees)) }, (_, i) => (
              <Tree key={i} />
            ))}
            {trees > MAX_TREES && <span className="more">+{formatNumber(i18n.language, trees - MAX_TREES)}</span>}
          </div>
          <p>
            {t('playCo2', { amount: formatMass(i18n.language, grams) })}{' '}
            {trees >= 1 ? t('playTrees', { count: trees }) : t('playTreeSoon')}
          </p>
        </>
      )}
    </section>
  );
}

function Badges({ earned }: { earned: Achievements['badges'] }) {
  const { t } = useTranslation();
  const held = new Set(earned.map((b) => b.id));
  return (
    <section className="card" aria-labelledby="badges-title">
      <h2 id="badges-title">{t('playBadgesTitle')}</h2>
      <p>{t('playBadgesCount', { count: held.size, total: BADGES.length })}</p>
      <ul className="badges">
        {BADGES.map(([id, emblem]) => (
          <li key={id} className={held.has(id) ? 'badge earned' : 'badge'}>
            <BadgeIcon emblem={emblem} earned={held.has(id)} />
            <span className="badge-name">{t(`badge_${id}`)}</span>
            <span className="badge-how">{t(`badgeHow_${id}`)}</span>
            <span className="badge-state">{held.has(id) ? t('playBadgeEarned') : t('playBadgeNotYet')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A pseudonym the API makes from an id ("Participant 5d1c2a") reads as "A participant" here. */
const ID_NAME = /^Participant [0-9a-f]{6}$/;

function Board({
  title,
  id,
  board,
  empty,
  mine = false,
}: {
  title: string;
  id: string;
  board: Leaderboard | undefined;
  empty: string;
  /** The board ranks people, so the person's own row reads "You" (a team or city keeps its name). */
  mine?: boolean;
}) {
  const { t } = useTranslation();
  const items = board?.items.slice(0, 5) ?? [];
  const me = board?.me ?? null;
  const top = Math.max(1, ...items.map((e) => e.score), me?.score ?? 0);
  const name = (e: { id: string; name: string }) =>
    mine && e.id === me?.id ? t('playYou') : ID_NAME.test(e.name) ? t('playSomeone') : e.name;
  const rows = me && !items.some((e) => e.id === me.id) ? [...items, me] : items;
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ol className="board">
          {rows.map((e) => (
            <li key={e.id} className={e.id === me?.id ? 'me' : undefined}>
              <span className="bar-label">
                {t('playRank', { rank: e.rank })} {name(e)}: <strong>{t('points', { count: e.score })}</strong>
              </span>
              <span className="bar-track" aria-hidden="true">
                <span className="bar" style={{ width: `${(100 * e.score) / top}%` }} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Play: the person's streak, km by mode, CO₂ avoided as trees, badges, and this week's boards. */
export function PlayPage() {
  const { t } = useTranslation();
  const achievements = usePolled(
    () => api.get('/v1/me/achievements'),
    () => false,
  );
  const boards = usePolled(
    async () => {
      const { city } = await api.get('/v1/me/city');
      if (!city) return null;
      const query = `?cityId=${encodeURIComponent(city.id)}&limit=5`;
      const [individual, teams, cities] = await Promise.all([
        api.get('/v1/leaderboards/individual', query),
        api.get('/v1/leaderboards/teams', query),
        api.get('/v1/leaderboards/cities', query),
      ]);
      return { individual, teams, cities };
    },
    () => false,
  );

  const value = achievements.value;
  return (
    <div className="play">
      <h1>{t('playTitle')}</h1>
      {achievements.error !== undefined && <LoadError error={achievements.error} retry={achievements.reload} />}
      {!value && achievements.error === undefined && <p>{t('loading')}</p>}
      {value && (
        <div className="play-grid">
          <Streak current={value.streak.current} best={value.streak.best} />
          <Co2 grams={value.totals.co2AvoidedG} />
          <Distances distanceM={value.totals.distanceM} />
          <Badges earned={value.badges} />
        </div>
      )}
      <h2 className="boards-title">{t('playBoardsTitle')}</h2>
      {boards.value === null && <p>{t('playNoCity')}</p>}
      {boards.error !== undefined && <LoadError error={boards.error} retry={boards.reload} />}
      {boards.value && (
        <div className="play-grid">
          <Board
            title={t('playBoardMe')}
            id="board-me"
            board={boards.value.individual}
            empty={t('playBoardEmpty')}
            mine
          />
          <Board title={t('playBoardTeam')} id="board-team" board={boards.value.teams} empty={t('playBoardNoTeam')} />
          <Board title={t('playBoardCity')} id="board-city" board={boards.value.cities} empty={t('playBoardEmpty')} />
        </div>
      )}
    </div>
  );
}
