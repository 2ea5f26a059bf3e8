import type { LineStringGeometry } from '@muvo/geo';

/** Why a route file was refused: the message names what was wrong, for the operator. */
export class RouteFileError extends Error {}

/** Positions a drawn or imported route may have: enough for a city street, bounded for the corridor index. */
export const MAX_ROUTE_POSITIONS = 10_000;

const valid = (lon: number, lat: number) =>
  Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

/** Checks a line as the admin API and the city file accept it: 2 to 10,000 positions, [lon, lat] in range. */
export function checkedLine(coordinates: readonly (readonly number[])[]): LineStringGeometry {
  const line = coordinates.map((p) => [Number(p[0]), Number(p[1])] as [number, number]);
  if (line.length < 2) throw new RouteFileError('a route needs at least 2 positions');
  if (line.length > MAX_ROUTE_POSITIONS)
    throw new RouteFileError(`a route has at most ${MAX_ROUTE_POSITIONS} positions`);
  const bad = line.findIndex(([lon, lat]) => !valid(lon, lat));
  if (bad >= 0) throw new RouteFileError(`position ${bad} is not a [lon, lat] pair in range`);
  return { type: 'LineString', coordinates: line };
}

/** GPX: the first route (`rtept`) or else every track point (`trkpt`) of the first track, in order. */
function gpxLine(text: string): LineStringGeometry {
  if (!/<gpx[\s>]/i.test(text)) throw new RouteFileError('not a GPX document (no <gpx> element)');
  const points = (tag: string, scope: string) =>
    [...scope.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))].map(([, attrs]) => {
      const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(attrs)?.[1];
      return [Number(attr('lon')), Number(attr('lat'))];
    });
  const route = /<rte\b[\s\S]*?<\/rte>/i.exec(text)?.[0];
  const track = /<trk\b[\s\S]*?<\/trk>/i.exec(text)?.[0];
  const line = route ? points('rtept', route) : track ? points('trkpt', track) : [];
  if (line.length === 0) throw new RouteFileError('the GPX document has no route (<rte>) or track (<trk>) points');
  return checkedLine(line);
}

/** GeoJSON: a LineString, the first line of a MultiLineString, or the first such line of a Feature(Collection). */
export function geoJsonLine(value: unknown): LineStringGeometry {
  const geometryOf = (v: unknown): { type?: string; coordinates?: unknown } | undefined => {
    const o = v as { type?: string; geometry?: unknown; features?: unknown[]; coordinates?: unknown } | null;
    if (!o || typeof o !== 'object') return undefined;
    if (o.type === 'Feature') return geometryOf(o.geometry);
    if (o.type === 'FeatureCollection' && Array.isArray(o.features)) {
      return o.features.map(geometryOf).find((g) => g?.type === 'LineString' || g?.type === 'MultiLineString');
    }
    return o;
  };
  const geometry = geometryOf(value);
  const coordinates =
    geometry?.type === 'LineString'
      ? geometry.coordinates
      : geometry?.type === 'MultiLineString'
        ? (geometry.coordinates as unknown[])?.[0]
        : undefined;
  if (!Array.isArray(coordinates) || !coordinates.every((p) => Array.isArray(p))) {
    throw new RouteFileError('the GeoJSON holds no LineString or MultiLineString');
  }
  return checkedLine(coordinates as number[][]);
}

export type RouteFileFormat = 'gpx' | 'geojson';

/** The line of a route file (GPX or GeoJSON). Pure: no I/O. */
export function parseRouteFile(text: string, format: RouteFileFormat): LineStringGeometry {
  if (format === 'gpx') return gpxLine(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RouteFileError('the body is not valid JSON');
  }
  return geoJsonLine(value);
}

/** `Via della Libertà` → `via-della-liberta`: the id of a route named through the console. */
export function routeSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return slug || 'route';
}
