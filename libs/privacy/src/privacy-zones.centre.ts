import { createHmac, randomBytes } from 'node:crypto';
import { haversineM, METRES_PER_DEGREE, metresPerDegreeLon } from '@muvo/geo';
import type { HidingZone } from './privacy-zones.redaction';

/**
 * How far a zone's hiding circle's centre may lie from the centre its participant declared. The
 * per-trip margins spread where trips are cut, but around one centre: averaging the first fixes
 * shown of many trips out of home (or fitting a circle through them) finds that centre — the
 * doorstep. Moving the circle's centre once per zone, by a distance drawn up to this, makes that
 * average find the moved centre; the home is then anywhere within this distance of it.
 */
export const ZONE_CENTRE_SHIFT_MAX_M = 250;

/** Where a zone's hiding circle's centre lies from the declared one, in metres north and east. */
export interface CentreShift {
  northM: number;
  eastM: number;
}

/**
 * A shift uniform over the disc of radius {@link ZONE_CENTRE_SHIFT_MAX_M} (distance `max·√u`,
 * bearing `2πv`, `u` and `v` in [0, 1)): every place of the disc is as likely as any other, so
 * the moved centre tells nothing of which way or how far home is, beyond the disc.
 */
export function centreShiftOf(u: number, v: number): CentreShift {
  const distance = ZONE_CENTRE_SHIFT_MAX_M * Math.sqrt(u);
  const bearing = 2 * Math.PI * v;
  return { northM: distance * Math.cos(bearing), eastM: distance * Math.sin(bearing) };
}

const uniformsOf = (bytes: Buffer): [number, number] => [
  bytes.readUInt32BE(0) / 2 ** 32,
  bytes.readUInt32BE(4) / 2 ** 32,
];

/** A fresh random shift, drawn once when a zone is created and sealed with it. */
export function drawCentreShift(): CentreShift {
  return centreShiftOf(...uniformsOf(randomBytes(8)));
}

/**
 * The shift of a zone sealed before shifts existed: drawn from a keyed hash of its id, so it is
 * fixed for the zone (drawing trips again reveals nothing new) and unknown without the key, as a
 * stored one would be. Such zones hide as well as new ones, with no rewrite of the table.
 */
export function derivedCentreShift(key: Buffer, zoneId: string): CentreShift {
  return centreShiftOf(...uniformsOf(createHmac('sha256', key).update(`zone-centre-shift:v1:${zoneId}`).digest()));
}

/**
 * The circle that hides a zone's fixes: its centre moved by the shift, its radius grown by the
 * distance moved, so it still covers the whole declared circle (every point of that circle is at
 * most radius + shift from the moved centre). Pure.
 */
export function hidingCircleOf(zone: HidingZone, shift: CentreShift): HidingZone {
  const lat = zone.lat + shift.northM / METRES_PER_DEGREE;
  const lon = zone.lon + shift.eastM / metresPerDegreeLon(zone.lat);
  // The distance as the redaction measures it (haversine), not the planar one used to move.
  return { lat, lon, radiusM: zone.radiusM + haversineM(zone.lat, zone.lon, lat, lon) };
}
