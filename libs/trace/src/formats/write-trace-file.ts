import type { Trace } from '../trace';

/** Namespace of muvo's GPX extension elements (accuracy and speed per fix). */
export const MUVO_GPX_NAMESPACE = 'urn:muvo:gpx:1';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const present = (channel: Float32Array | null, i: number) => channel !== null && !Number.isNaN(channel[i]);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A GPX 1.1 document of one track: position, elevation and time per fix, with accuracy and speed
 * in muvo's extension (read back by `parseGpx`, ignored by other tools).
 */
export function traceToGpx(trace: Trace, meta: { name: string; creator?: string }): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gpx version="1.1" creator="${escapeXml(meta.creator ?? 'muvo')}" xmlns="http://www.topografix.com/GPX/1/1" xmlns:muvo="${MUVO_GPX_NAMESPACE}">`,
    `<metadata><name>${escapeXml(meta.name)}</name>${trace.length ? `<time>${iso(trace.ts[0])}</time>` : ''}</metadata>`,
    `<trk><name>${escapeXml(meta.name)}</name><trkseg>`,
  ];
  for (let i = 0; i < trace.length; i++) {
    let point = `<trkpt lat="${trace.lat[i]}" lon="${trace.lon[i]}">`;
    if (present(trace.altitude, i)) point += `<ele>${trace.altitude![i]}</ele>`;
    point += `<time>${iso(trace.ts[i])}</time>`;
    const accuracy = present(trace.accuracy, i);
    const speed = present(trace.speed, i);
    if (accuracy || speed) {
      point += '<extensions>';
      if (accuracy) point += `<muvo:accuracy>${trace.accuracy![i]}</muvo:accuracy>`;
      if (speed) point += `<muvo:speed>${trace.speed![i]}</muvo:speed>`;
      point += '</extensions>';
    }
    out.push(`${point}</trkpt>`);
  }
  out.push('</trkseg></trk></gpx>', '');
  return out.join('\n');
}

/**
 * A GeoJSON Feature with one LineString (`[lon, lat, altitude?]` positions) and per-position
 * times, accuracy and speed in `properties.coordinateProperties` (togeojson's convention, read
 * back by `parseGeoJson`).
 */
export function traceToGeoJson(trace: Trace, properties: Record<string, unknown> = {}): Record<string, unknown> {
  const coordinates: number[][] = new Array(trace.length);
  const times: string[] = new Array(trace.length);
  for (let i = 0; i < trace.length; i++) {
    coordinates[i] = present(trace.altitude, i)
      ? [trace.lon[i], trace.lat[i], trace.altitude![i]]
      : [trace.lon[i], trace.lat[i]];
    times[i] = iso(trace.ts[i]);
  }
  const channel = (values: Float32Array | null) =>
    values ? Array.from(values, (v) => (Number.isNaN(v) ? null : v)) : undefined;
  const coordinateProperties: Record<string, unknown> = { times };
  if (trace.accuracy) coordinateProperties.accuracy = channel(trace.accuracy);
  if (trace.speed) coordinateProperties.speed = channel(trace.speed);
  return {
    type: 'Feature',
    properties: { ...properties, coordinateProperties },
    geometry: { type: 'LineString', coordinates },
  };
}
