/** Totals of a participant after a credited trip, as the stats row holds them. */
export interface ParticipantTotals {
  trips: number;
  points: number;
  /** Metres per mode. */
  distanceM: Record<string, number>;
  co2AvoidedG: number;
  currentStreak: number;
  bestStreak: number;
}

export interface BadgeDefinition {
  id: string;
  name: string;
  description: string;
  earned: (t: ParticipantTotals) => boolean;
}

const km = (t: ParticipantTotals, ...modes: string[]) =>
  modes.reduce((sum, m) => sum + (t.distanceM[m] ?? 0), 0) / 1000;

/** The first set of badges: milestones of trips, distance by mode, streaks and CO2 avoided. */
export const BADGES: readonly BadgeDefinition[] = [
  { id: 'first-trip', name: 'First steps', description: 'Your first rewarded trip', earned: (t) => t.trips >= 1 },
  { id: 'ten-trips', name: 'Regular', description: '10 rewarded trips', earned: (t) => t.trips >= 10 },
  { id: 'hundred-trips', name: 'Centurion', description: '100 rewarded trips', earned: (t) => t.trips >= 100 },
  { id: 'walker-10km', name: 'Walker', description: '10 km on foot', earned: (t) => km(t, 'walk') >= 10 },
  { id: 'walker-100km', name: 'Pilgrim', description: '100 km on foot', earned: (t) => km(t, 'walk') >= 100 },
  { id: 'cyclist-50km', name: 'Cyclist', description: '50 km by bike', earned: (t) => km(t, 'bike') >= 50 },
  { id: 'cyclist-500km', name: 'Randonneur', description: '500 km by bike', earned: (t) => km(t, 'bike') >= 500 },
  {
    id: 'transit-50km',
    name: 'Commuter',
    description: '50 km by bus or train',
    earned: (t) => km(t, 'bus', 'train') >= 50,
  },
  {
    id: 'streak-3',
    name: 'Three in a row',
    description: 'Rewarded trips three days running',
    earned: (t) => t.bestStreak >= 3,
  },
  {
    id: 'streak-7',
    name: 'Week-long streak',
    description: 'Rewarded trips seven days running',
    earned: (t) => t.bestStreak >= 7,
  },
  {
    id: 'streak-30',
    name: 'Habit',
    description: 'Rewarded trips thirty days running',
    earned: (t) => t.bestStreak >= 30,
  },
  { id: 'co2-10kg', name: 'Clean air', description: '10 kg of CO2 avoided', earned: (t) => t.co2AvoidedG >= 10_000 },
  {
    id: 'co2-100kg',
    name: 'Climate ally',
    description: '100 kg of CO2 avoided',
    earned: (t) => t.co2AvoidedG >= 100_000,
  },
];

/** Badges the totals qualify for that the participant does not hold yet. */
export function newBadges(totals: ParticipantTotals, held: ReadonlySet<string> = new Set()): BadgeDefinition[] {
  return BADGES.filter((b) => !held.has(b.id) && b.earned(totals));
}

export function badgeById(id: string): BadgeDefinition | undefined {
  return BADGES.find((b) => b.id === id);
}
