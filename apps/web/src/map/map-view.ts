import {
  LngLatBounds,
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
  type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre looks for its worker beside its own module, which a bundle moves: point it at the copy
// Vite emits (same origin, so the page's `worker-src 'self'` allows it).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { TravelMode } from '../api/client';
import { MODE_COLOURS, splitByLegs } from './leg-lines';

/**
 * The map itself, loaded only when a trip is opened (MapLibre is most of the app's weight).
 * Without a configured style URL — no network, tests, a kiosk — it draws on a plain background
 * from an inline style that needs no tiles, fonts or sprites.
 */
export const PLAIN_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } }],
};

export interface TripMapOptions {
  container: HTMLElement;
  styleUrl: string | null;
  line: [number, number][];
  legs: { mode: TravelMode; distanceM: number }[];
  /** MapLibre's own labels (controls, help), in the reader's language. */
  locale: Record<string, string>;
}

setWorkerUrl(workerUrl);

/** A map on the configured style or the plain background, with what every map of the app shares. */
function createMap(options: {
  container: HTMLElement;
  styleUrl: string | null;
  bounds: LngLatBounds;
  locale: Record<string, string>;
  maxZoom?: number;
}) {
  const map = new MapLibreMap({
    container: options.container,
    style: options.styleUrl ?? PLAIN_STYLE,
    bounds: options.bounds,
    // (MapLibre reads an explicit `maxZoom: undefined` as a zoom limit: only set when given.)
    fitBoundsOptions: options.maxZoom === undefined ? { padding: 32 } : { padding: 32, maxZoom: options.maxZoom },
    attributionControl: options.styleUrl ? { compact: true } : false,
    // The page scrolls with one finger; the map pans with two (no scroll trap at 320 px).
    cooperativeGestures: true,
    locale: options.locale,
    // Screenshots of the map (tests, printing) need the drawing buffer kept.
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new NavigationControl({ showCompass: false }));
  return map;
}

export function drawTripMap(options: TripMapOptions): () => void {
  // A redraw (the trip's legs arrived, another language) starts from an undrawn map.
  delete options.container.dataset.drawn;
  const pieces = splitByLegs(options.line, options.legs);
  const bounds = new LngLatBounds();
  options.line.forEach((p) => bounds.extend(p));
  const map = createMap({ ...options, bounds });
  map.on('load', () => {
    map.addSource('legs', {
      type: 'geojson',
      data: {
        type: 'FeatureCollection',
        features: pieces.map((piece) => ({
          type: 'Feature',
          properties: { colour: MODE_COLOURS[piece.mode] },
          geometry: { type: 'LineString', coordinates: piece.line },
        })),
      },
    });
    map.addLayer({
      id: 'legs-casing',
      type: 'line',
      source: 'legs',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 9 },
    });
    map.addLayer({
      id: 'legs',
      type: 'line',
      source: 'legs',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ['get', 'colour'], 'line-width': 5 },
    });
    map.once('idle', () => (options.container.dataset.drawn = 'true'));
  });
  return () => {
    delete options.container.dataset.drawn;
    map.remove();
  };
}

/** Colours of the places map: the city's area, its routes, the shops, and the person. */
export const PLACE_COLOURS = { area: '#0b5d2a', route: '#2166ac', shop: '#9b0d22', me: '#1d4ed8' } as const;

export interface PlacesMapOptions {
  container: HTMLElement;
  styleUrl: string | null;
  /** The city's area rings ([lon, lat]), its routes, the shops with offers, and where the person is. */
  area: [number, number][][];
  routes: [number, number][][];
  shops: [number, number][];
  me: [number, number] | null;
  locale: Record<string, string>;
}

/** The city's area and routes and the shops with offers: drawn without tiles or fonts, so it works offline. */
export function drawPlacesMap(options: PlacesMapOptions): () => void {
  delete options.container.dataset.drawn;
  const bounds = new LngLatBounds();
  const framed = options.shops.length ? options.shops : options.area.flat();
  framed.forEach((p) => bounds.extend(p));
  if (options.me) bounds.extend(options.me);
  if (bounds.isEmpty()) bounds.extend([0, 0]);
  // One shop alone would fill the screen: stop at street level.
  const map = createMap({ ...options, bounds, maxZoom: 16 });
  const points = (coordinates: [number, number][], kind: string) =>
    coordinates.map((c) => ({
      type: 'Feature' as const,
      properties: { kind },
      geometry: { type: 'Point' as const, coordinates: c },
    }));
  map.on('load', () => {
    map.addSource('area', {
      type: 'geojson',
      data: { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: options.area } },
    });
    map.addLayer({
      id: 'area',
      type: 'line',
      source: 'area',
      paint: { 'line-color': PLACE_COLOURS.area, 'line-width': 2, 'line-dasharray': [2, 2] },
    });
    map.addSource('routes', {
      type: 'geojson',
      data: {
        type: 'FeatureCollection',
        features: options.routes.map((line) => ({
          type: 'Feature',
          properties: {},
          geometry: { type: 'LineString', coordinates: line },
        })),
      },
    });
    map.addLayer({
      id: 'routes',
      type: 'line',
      source: 'routes',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': PLACE_COLOURS.route, 'line-width': 5, 'line-opacity': 0.8 },
    });
    map.addSource('places', {
      type: 'geojson',
      data: {
        type: 'FeatureCollection',
        features: [...points(options.shops, 'shop'), ...points(options.me ? [options.me] : [], 'me')],
      },
    });
    map.addLayer({
      id: 'places',
      type: 'circle',
      source: 'places',
      paint: {
        'circle-radius': ['match', ['get', 'kind'], 'me', 9, 8],
        'circle-color': ['match', ['get', 'kind'], 'me', PLACE_COLOURS.me, PLACE_COLOURS.shop],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 3,
      },
    });
    map.once('idle', () => (options.container.dataset.drawn = 'true'));
  });
  return () => {
    delete options.container.dataset.drawn;
    map.remove();
  };
}
