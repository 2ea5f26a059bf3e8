import { cellToBoundary, cellToLatLng, latLngToCell } from 'h3-js';
import { haversineM } from '@muvo/geo';

/** Hour bands of the open data, local time: peaks apart from the rest of the day. */
export const HOUR_BANDS = [
  { id: '00-06', from: 0, to: 6 },
  { id: '06-10', from: 6, to: 10 },
  { id: '10-16', from: 10, to: 16 },
  { id: '16-20', from: 16, to: 20 },
  { id: '20-24', from: 20, to: 24 },
] as const;

export const hourBandOf = (hour: number) => HOUR_BANDS.find((b) => hour >= b.from && hour < b.to)!.id;

/** What the export needs of one trip: who (to count distinct people), when, its legs' modes and its fixes. */
export interface OpenDataTrip {
  participantId: string;
  /** Local hour the trip started, 0–23. */
  startHour: number;
  legs: { mode: string; startedAt: number; endedAt: number; distanceM: number }[];
  /** Fixes in time order: epoch ms, degrees. */
  ts: ArrayLike<number>;
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
}

export interface CellRow {
  cell: string;
  hourBand: string;
  mode: string;
  trips: number;
  km: number;
  participants: number;
}

export interface FlowRow {
  origin: string;
  destination: string;
  mode: string;
  trips: number;
  km: number;
  participants: number;
}

interface Group {
  trips: Set<number>;
  participants: Set<string>;
  m: number;
}

const km = (m: number) => Math.round(m) / 1000;

function add(groups: Map<string, Group>, key: string, trip: number, participant: string, m: number) {
  let g = groups.get(key);
  if (!g) groups.set(key, (g = { trips: new Set(), participants: new Set(), m: 0 }));
  g.trips.add(trip);
  g.participants.add(participant);
  g.m += m;
}

/** The mode of the leg a stretch starting at `ts` belongs to (a stretch from a leg's last fix is not the leg's), or null. */
function modeAt(legs: OpenDataTrip['legs'], ts: number): string | null {
  for (const leg of legs) if (ts >= leg.startedAt && ts < leg.endedAt) return leg.mode;
  return null;
}

/**
 * Aggregates trips into H3 cells (trips and km by mode and hour band: each stretch between two
 * fixes counts in the cell of its first fix) and origin–destination flows (cell of the first fix
 * to cell of the last, by the trip's main mode, its longest leg), then suppresses every row with
 * fewer than `k` distinct participants: removed, not rounded, so no published figure rests on
 * fewer than k people. Pure.
 */
export function openDataAggregate(
  trips: readonly OpenDataTrip[],
  resolution: number,
  k: number,
): { cells: CellRow[]; flows: FlowRow[]; suppressed: { cells: number; flows: number } } {
  const cells = new Map<string, Group>();
  const flows = new Map<string, Group>();
  trips.forEach((trip, index) => {
    if (trip.ts.length < 2 || trip.legs.length === 0) return;
    const band = hourBandOf(trip.startHour);
    for (let i = 1; i < trip.ts.length; i++) {
      const mode = modeAt(trip.legs, trip.ts[i - 1]);
      if (!mode) continue;
      const cell = latLngToCell(trip.lat[i - 1], trip.lon[i - 1], resolution);
      const m = haversineM(trip.lat[i - 1], trip.lon[i - 1], trip.lat[i], trip.lon[i]);
      add(cells, `${cell}|${band}|${mode}`, index, trip.participantId, m);
    }
    const last = trip.ts.length - 1;
    const main = trip.legs.reduce((a, b) => (b.distanceM > a.distanceM ? b : a));
    const origin = latLngToCell(trip.lat[0], trip.lon[0], resolution);
    const destination = latLngToCell(trip.lat[last], trip.lon[last], resolution);
    const distance = trip.legs.reduce((sum, l) => sum + l.distanceM, 0);
    add(flows, `${origin}|${destination}|${main.mode}`, index, trip.participantId, distance);
  });
  const kept = <T>(groups: Map<string, Group>, row: (parts: string[], g: Group) => T) =>
    [...groups.entries()]
      .filter(([, g]) => g.participants.size >= k)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, g]) => row(key.split('|'), g));
  const cellRows = kept(cells, ([cell, hourBand, mode], g) => ({
    cell,
    hourBand,
    mode,
    trips: g.trips.size,
    km: km(g.m),
    participants: g.participants.size,
  }));
  const flowRows = kept(flows, ([origin, destination, mode], g) => ({
    origin,
    destination,
    mode,
    trips: g.trips.size,
    km: km(g.m),
    participants: g.participants.size,
  }));
  return {
    cells: cellRows,
    flows: flowRows,
    suppressed: { cells: cells.size - cellRows.length, flows: flows.size - flowRows.length },
  };
}

const lonLat = (cell: string) => {
  const [lat, lon] = cellToLatLng(cell);
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
};

/** Cells as GeoJSON polygons (the hexagon), properties as the CSV's columns. */
export function cellsGeoJson(rows: readonly CellRow[]) {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [cellToBoundary(r.cell, true)] },
      properties: { ...r },
    })),
  };
}

/** Flows as GeoJSON lines from the origin cell's centre to the destination's. */
export function flowsGeoJson(rows: readonly FlowRow[]) {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [lonLat(r.origin), lonLat(r.destination)] },
      properties: { ...r },
    })),
  };
}
