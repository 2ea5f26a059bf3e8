/**
 * Metres per degree of latitude (and of longitude at the equator): the one figure every local
 * planar approximation in muvo uses (corridor boxes and distances, trace regularity, map line
 * simplification, shop discovery). geolib's sphere (radius 6,378,137 m), whose distances decide
 * corridors, gives 111,319.49; the haversine sphere (6,371,008.8 m) 111,194.93: a 0.1% difference,
 * far below what these approximations are used for, but one constant means one answer.
 */
export const METRES_PER_DEGREE = 111_320;

const RAD = Math.PI / 180;

/** Metres per degree of longitude at a latitude. */
export function metresPerDegreeLon(lat: number): number {
  return METRES_PER_DEGREE * Math.cos(lat * RAD);
}

/**
 * An equirectangular projection around a latitude: `x = lon × kx`, `y = lat × ky`, in metres.
 * Exact enough over a trip's extent or between neighbouring fixes.
 */
export interface LocalProjection {
  kx: number;
  ky: number;
}

export function localProjection(lat: number): LocalProjection {
  return { kx: metresPerDegreeLon(lat), ky: METRES_PER_DEGREE };
}
