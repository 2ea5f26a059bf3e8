import {
  type ExpressionSpecification,
  type GeoJSONSource,
  LngLatBounds,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
} from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { CityMap } from '../api/console-contract';
import { corridorPixelsAtZoom0 } from './corridor';
import { PLAIN_STYLE } from './map-view';
import { TRANSIT_COLOURS } from './transit-colours';

type Position = [number, number];

/**
 * Shop colours by status, distinct for the common colour-vision deficiencies; the list under
 * the map names every shop and its status, so colour is never alone.
 */
export const SHOP_COLOURS = { approved: '#1b7837', pending: '#b35806', rejected: '#555555', suspended: '#9b0d22' };
const ROUTE_COLOUR = '#2166ac';
const DRAFT_COLOUR = '#762a83';

export interface CityMapOptions {
  container: HTMLElement;
  styleUrl: string | null;
  city: CityMap;
  locale: Record<string, string>;
  /** Accessible name of a vertex marker, from its 1-based number. */
  vertexLabel: (n: number) => string;
  /** The draft's line after a click on the map or a drag of a vertex. */
  onDraftChange: (line: Position[]) => void;
}

export interface CityMapHandle {
  /** The route being drawn or edited (empty: none) and its corridor; `editing` lets clicks add points. */
  setDraft(line: Position[], corridorM: number, editing: boolean): void;
  /** Where the map is centred: a keyboard user moves the map with the arrow keys and adds this point. */
  centre(): Position;
  remove(): void;
}

/** A line's width that follows a corridor in metres at every zoom (×2 per level). */
function corridorWidth(latitude: number): ExpressionSpecification {
  const perMetre = corridorPixelsAtZoom0(1, latitude);
  return [
    'interpolate',
    ['exponential', 2],
    ['zoom'],
    0,
    ['*', ['get', 'corridorM'], perMetre],
    22,
    ['*', ['get', 'corridorM'], perMetre * 2 ** 22],
  ];
}

const lines = (items: { line: Position[]; corridorM: number }[]): FeatureCollection => ({
  type: 'FeatureCollection',
  features: items
    .filter((i) => i.line.length >= 2)
    .map((i) => ({
      type: 'Feature',
      properties: { corridorM: i.corridorM },
      geometry: { type: 'LineString', coordinates: i.line },
    })),
});

/**
 * The city on a map: its area, its routes with their corridors drawn to scale, shops coloured by
 * status, and the GTFS stops and lines; and a draft route the operator draws by clicking (a point
 * per click) and edits by dragging its points, which are keyboard-focusable markers.
 */
export function drawCityMap(options: CityMapOptions): CityMapHandle {
  const { city } = options;
  delete options.container.dataset.drawn;
  const bounds = new LngLatBounds();
  city.area?.coordinates[0]?.forEach((p) => bounds.extend(p));
  city.routes.forEach((r) => r.geometry.coordinates.forEach((p) => bounds.extend(p)));
  city.shops.forEach((s) => bounds.extend([s.lon, s.lat]));
  if (bounds.isEmpty()) bounds.extend([13.36, 38.11]).extend([13.37, 38.12]);
  const latitude = bounds.getCenter().lat;
  const map = new MapLibreMap({
    container: options.container,
    style: options.styleUrl ?? PLAIN_STYLE,
    bounds,
    fitBoundsOptions: { padding: 24 },
    attributionControl: options.styleUrl ? { compact: true } : false,
    cooperativeGestures: true,
    locale: options.locale,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    doubleClickZoom: false,
  });
  map.addControl(new NavigationControl({ showCompass: false }));

  let draft: Position[] = [];
  let draftCorridor = 150;
  let editing = false;
  let markers: Marker[] = [];
  let loaded = false;

  const renderDraft = () => {
    if (!loaded) return;
    (map.getSource('draft') as GeoJSONSource).setData(lines([{ line: draft, corridorM: draftCorridor }]));
    markers.forEach((m) => m.remove());
    markers = draft.map((position, index) => {
      const element = document.createElement('button');
      element.type = 'button';
      element.className = 'vertex';
      element.setAttribute('aria-label', options.vertexLabel(index + 1));
      const marker = new Marker({ element, draggable: editing }).setLngLat(position).addTo(map);
      marker.on('dragend', () => {
        const { lng, lat } = marker.getLngLat();
        options.onDraftChange(draft.map((p, i) => (i === index ? [round6(lng), round6(lat)] : p)));
      });
      return marker;
    });
  };

  map.on('load', () => {
    map.addSource('area', {
      type: 'geojson',
      data: city.area
        ? { type: 'Feature', properties: {}, geometry: city.area }
        : { type: 'FeatureCollection', features: [] },
    });
    map.addLayer({
      id: 'area',
      type: 'fill',
      source: 'area',
      paint: { 'fill-color': '#0b5d2a', 'fill-opacity': 0.06 },
    });
    map.addLayer({
      id: 'area-edge',
      type: 'line',
      source: 'area',
      paint: { 'line-color': '#0b5d2a', 'line-width': 2, 'line-dasharray': [2, 2] },
    });
    // GTFS lines under the programme's routes, so a route drawn along a bus line stays visible.
    map.addSource('transit', {
      type: 'geojson',
      data: {
        type: 'FeatureCollection',
        features: city.lines.map((line) => ({
          type: 'Feature',
          properties: { colour: TRANSIT_COLOURS[line.kind] },
          geometry: line.geometry,
        })),
      },
    });
    map.addLayer({
      id: 'transit',
      type: 'line',
      source: 'transit',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ['get', 'colour'], 'line-width': 2.5 },
    });
    map.addSource('routes', {
      type: 'geojson',
      data: lines(city.routes.map((r) => ({ line: r.geometry.coordinates, corridorM: r.corridorM }))),
    });
    map.addSource('draft', { type: 'geojson', data: lines([]) });
    for (const [source, colour] of [
      ['routes', ROUTE_COLOUR],
      ['draft', DRAFT_COLOUR],
    ] as const) {
      map.addLayer({
        id: `${source}-corridor`,
        type: 'line',
        source,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': colour, 'line-opacity': 0.18, 'line-width': corridorWidth(latitude) },
      });
      map.addLayer({
        id: `${source}-line`,
        type: 'line',
        source,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': colour, 'line-width': 4, ...(source === 'draft' ? { 'line-dasharray': [2, 1] } : {}) },
      });
    }
    map.addSource('stops', {
      type: 'geojson',
      data: {
        type: 'FeatureCollection',
        features: city.stops.map((s) => ({
          type: 'Feature',
          properties: {},
          geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        })),
      },
    });
    map.addLayer({
      id: 'stops',
      type: 'circle',
      source: 'stops',
      paint: {
        'circle-radius': 3,
        'circle-color': '#ffffff',
        'circle-stroke-color': '#1a1a1a',
        'circle-stroke-width': 1.5,
      },
    });
    map.addSource('shops', {
      type: 'geojson',
      data: {
        type: 'FeatureCollection',
        features: city.shops.map((s) => ({
          type: 'Feature',
          properties: { colour: SHOP_COLOURS[s.status] ?? '#000000' },
          geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        })),
      },
    });
    map.addLayer({
      id: 'shops',
      type: 'circle',
      source: 'shops',
      paint: {
        'circle-radius': 7,
        'circle-color': ['get', 'colour'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    loaded = true;
    renderDraft();
    map.once('idle', () => (options.container.dataset.drawn = 'true'));
  });

  map.on('click', (event) => {
    if (!editing) return;
    options.onDraftChange([...draft, [round6(event.lngLat.lng), round6(event.lngLat.lat)]]);
  });

  return {
    setDraft(line, corridorM, edit) {
      draft = line;
      draftCorridor = corridorM;
      editing = edit;
      options.container.classList.toggle('drawing', edit);
      renderDraft();
    },
    centre() {
      const { lng, lat } = map.getCenter();
      return [round6(lng), round6(lat)];
    },
    remove() {
      delete options.container.dataset.drawn;
      markers.forEach((m) => m.remove());
      map.remove();
    },
  };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
