import type { TravelMode } from '../api/client';

/**
 * Colours of the modes on the map: distinct for the common colour-vision deficiencies and at
 * least 3:1 against the plain background; the legend names each one, so colour is never alone.
 */
export const MODE_COLOURS: Record<TravelMode, string> = {
  walk: '#1b7837',
  bike: '#2166ac',
  bus: '#b35806',
  train: '#762a83',
  car: '#555555',
  unknown: '#000000',
};

type Position = [number, number];

function metres(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  return Math.hypot(dLat, dLon) * 6_371_000;
}

/**
 * Splits the trip's line into one piece per leg. The API gives the line (cleaned, simplified,
 * without times) and each leg's distance, so the line is cut where the legs' cumulative share of
 * the distance falls: exact at the ends, close enough in between for a picture.
 */
export function splitByLegs(
  line: Position[],
  legs: { mode: TravelMode; distanceM: number }[],
): { mode: TravelMode; line: Position[] }[] {
  if (line.length < 2 || legs.length === 0) return [];
  const cumulative = [0];
  for (let i = 1; i < line.length; i++) cumulative.push(cumulative[i - 1] + metres(line[i - 1], line[i]));
  const total = cumulative[cumulative.length - 1];
  const legTotal = legs.reduce((sum, leg) => sum + leg.distanceM, 0) || 1;
  const pieces: { mode: TravelMode; line: Position[] }[] = [];
  // Each piece runs from where the previous one was cut (a vertex or a point between two).
  let from: Position = line[0];
  let next = 1;
  let done = 0;
  for (const [index, leg] of legs.entries()) {
    done += leg.distanceM;
    const cut = index === legs.length - 1 ? total : (done / legTotal) * total;
    const piece: Position[] = [from];
    while (next < line.length && cumulative[next] <= cut) piece.push(line[next++]);
    if (next < line.length) {
      const f = (cut - cumulative[next - 1]) / (cumulative[next] - cumulative[next - 1] || 1);
      const a = line[next - 1];
      const b = line[next];
      from = [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
      piece.push(from);
    }
    if (piece.length >= 2) pieces.push({ mode: leg.mode, line: piece });
  }
  return pieces;
}
