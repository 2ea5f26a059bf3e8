import { modeOfLabel } from './openpath-labels.service';

/**
 * Trips their participants labelled in the app, as training data for a city's own mode model:
 * one JSON line per trip in the format `train:modes` reads (`{id, user, mode, source, points:
 * [{lat, lon, ts, accuracy}]}`). The label is the person's main mode for the whole trip. Pure.
 */
export interface LabelledTrip {
  tripId: string;
  participantId: string;
  label: string;
  points: readonly { ts: number; lat: number; lon: number; accuracy: number | null }[];
}

export function trainingLineOf(trip: LabelledTrip): string | null {
  const mode = modeOfLabel(trip.label);
  if (!mode || trip.points.length < 2) return null;
  return JSON.stringify({
    id: `openpath-${trip.tripId}`,
    user: trip.participantId,
    source: 'openpath-labels',
    mode,
    points: trip.points.map((p) => ({
      lat: p.lat,
      lon: p.lon,
      ts: new Date(p.ts).toISOString(),
      ...(p.accuracy !== null && Number.isFinite(p.accuracy) ? { accuracy: p.accuracy } : {}),
    })),
  });
}
