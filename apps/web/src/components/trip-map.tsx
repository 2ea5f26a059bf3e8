import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TravelMode } from '../api/client';
import { webConfig } from '../app-config';

/** MapLibre's own labels (controls, gesture help) in the reader's language, the map named `title`. */
export function mapLocale(t: TFunction, title: string): Record<string, string> {
  return {
    'Map.Title': title,
    'NavigationControl.ZoomIn': t('mapZoomIn'),
    'NavigationControl.ZoomOut': t('mapZoomOut'),
    'AttributionControl.ToggleAttribution': t('mapAttribution'),
    'CooperativeGesturesHandler.WindowsHelpText': t('mapCtrlScroll'),
    'CooperativeGesturesHandler.MacHelpText': t('mapCmdScroll'),
    'CooperativeGesturesHandler.MobileHelpText': t('mapTwoFingers'),
  };
}

/** The trip's map, with MapLibre fetched only now: the first page stays light. */
export function TripMap({ line, legs }: { line: [number, number][]; legs: { mode: TravelMode; distanceM: number }[] }) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const legKey = legs.map((l) => `${l.mode}:${l.distanceM}`).join('|');

  useEffect(() => {
    let remove: (() => void) | undefined;
    let cancelled = false;
    Promise.all([import('../map/map-view'), webConfig()])
      .then(([{ drawTripMap }, config]) => {
        if (cancelled || !container.current) return;
        remove = drawTripMap({
          container: container.current,
          styleUrl: config.mapStyleUrl,
          line,
          legs,
          locale: mapLocale(t, t('mapLabel')),
        });
        setState('ready');
      })
      .catch(() => !cancelled && setState('failed'));
    return () => {
      cancelled = true;
      remove?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [line.length, legKey, i18n.language]);

  return (
    <figure className="map-figure">
      {/* MapLibre labels its canvas (Map.Title) and controls itself. */}
      <div ref={container} id="trip-map" className="map" />
      {state !== 'ready' && <figcaption>{state === 'loading' ? t('mapLoading') : t('mapUnavailable')}</figcaption>}
    </figure>
  );
}
