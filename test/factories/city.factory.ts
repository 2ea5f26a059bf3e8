import { randomBytes } from 'node:crypto';
import { type AppliedCity, applyCity, type CityFile, validateCityFile } from '@muvo/programme';
import type { AppConfig } from '@muvo/config';

/** Via Maqueda, Quattro Canti to Teatro Massimo ([lon, lat]). */
export const VIA_MAQUEDA: [number, number][] = [
  [13.3666, 38.1098],
  [13.3647, 38.112],
  [13.3631, 38.114],
  [13.3617, 38.1157],
  [13.3601, 38.1176],
  [13.3586, 38.1191],
  [13.3574, 38.1203],
];

/** Via Roma then Via della Libertà, the route of AMAT bus 101. */
export const BUS_101: [number, number][] = [
  [13.3673, 38.1103],
  [13.3643, 38.1162],
  [13.3614, 38.1214],
  [13.3601, 38.1236],
  [13.356, 38.1252],
  [13.3523, 38.1297],
  [13.3462, 38.1368],
  [13.3396, 38.1451],
];

/** Greater Palermo with room around it: cities for load and fault runs, whose trips go anywhere. */
export const GREATER_PALERMO = {
  type: 'Polygon',
  coordinates: [
    [
      [13.2, 38.0],
      [13.55, 38.0],
      [13.55, 38.25],
      [13.2, 38.25],
      [13.2, 38.0],
    ],
  ],
};

/** Overrides for a city that pays every trip: all of greater Palermo, no daily caps, no shops or operators. */
export const UNCAPPED_CITY = {
  area: GREATER_PALERMO,
  rules: { dailyCap: { points: null, trips: null } },
  merchants: [],
  operators: [],
};

/**
 * A city file for one test: a city over Palermo with a unique id, two shops with staff and
 * offers, and an operator. Overrides are merged at the top level.
 */
export function cityFileFor(overrides: Partial<Record<keyof CityFile, unknown>> = {}): Record<string, unknown> {
  const tag = randomBytes(4).toString('hex');
  return {
    id: `test-${tag}`,
    name: `Test city ${tag}`,
    timezone: 'Europe/Rome',
    area: {
      type: 'Polygon',
      coordinates: [
        [
          [13.33, 38.09],
          [13.39, 38.09],
          [13.39, 38.15],
          [13.33, 38.15],
          [13.33, 38.09],
        ],
      ],
    },
    routes: [
      {
        id: 'via-maqueda',
        name: 'Via Maqueda',
        corridorM: 150,
        geometry: { type: 'LineString', coordinates: VIA_MAQUEDA },
      },
    ],
    operators: [{ email: `operator-${tag}@city.example` }],
    merchants: [
      {
        id: 'bar',
        name: 'Bar Maqueda',
        location: [13.363, 38.115],
        staff: [{ email: `counter-${tag}@bar.example` }],
        offers: [
          { id: 'espresso', title: 'Free espresso', costPoints: 5, stock: 100 },
          { id: 'lunch', title: 'Lunch', costPoints: 100000, stock: 5 },
        ],
      },
      {
        id: 'books',
        name: 'Libreria',
        location: [13.3598, 38.1153],
        staff: [{ email: `books-${tag}@libreria.example` }],
        offers: [{ id: 'bookmark', title: 'Bookmark', costPoints: 5, stock: 100 }],
      },
    ],
    ...overrides,
  };
}

export async function applyTestCity(config: AppConfig, overrides: Parameters<typeof cityFileFor>[0] = {}) {
  const raw = cityFileFor(overrides);
  const applied: AppliedCity = await applyCity(validateCityFile(raw).file, config);
  const password = (email: string) => applied.accounts.find((a) => a.email === email)!.password;
  return { raw, applied, password };
}
