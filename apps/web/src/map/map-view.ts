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

export function drawTripMap(options: TripMapOptions): () => void {
  // A redraw (the trip's legs arrived, another language) starts from an undrawn map.
  delete options.container.dataset.drawn;
  const pieces = splitByLegs(options.line, options.legs);
  const bounds = new LngLatBounds();
  options.line.forEach((p) => bounds.extend(p));
  const map = new MapLibreMap({
    container: options.container,
    style: options.styleUrl ?? PLAIN_STYLE,
    bounds,
    fitBoundsOptions: { padding: 32 },
    attributionControl: options.styleUrl ? { compact: true } : false,
    // The page scrolls with one finger; the map pans with two (no scroll trap at 320 px).
    cooperativeGestures: true,
    locale: options.locale,
    // Screenshots of the map (tests, printing) need the drawing buffer kept.
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new NavigationControl({ showCompass: false }));
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
