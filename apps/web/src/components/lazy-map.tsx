import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
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

type MapModule = typeof import('../map/map-view');

/** What draws a map into its container once MapLibre is loaded; returns how to remove it. */
export type DrawMap = (
  module: MapModule,
  target: { container: HTMLElement; styleUrl: string | null; locale: Record<string, string> },
) => () => void;

/**
 * A map with MapLibre fetched only when one is shown (it is most of the app's weight), labelled
 * and with its controls in the reader's language. Redrawn when `redrawKey` or the language changes.
 */
export function LazyMap({
  id,
  label,
  draw,
  redrawKey,
}: {
  id: string;
  label: string;
  draw: DrawMap;
  redrawKey: string;
}) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const drawRef = useRef(draw);
  drawRef.current = draw;

  useEffect(() => {
    let remove: (() => void) | undefined;
    let cancelled = false;
    Promise.all([import('../map/map-view'), webConfig()])
      .then(([module, config]) => {
        if (cancelled || !container.current) return;
        remove = drawRef.current(module, {
          container: container.current,
          styleUrl: config.mapStyleUrl,
          locale: mapLocale(t, label),
        });
        setState('ready');
      })
      .catch(() => !cancelled && setState('failed'));
    return () => {
      cancelled = true;
      remove?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [redrawKey, label, i18n.language]);

  return (
    <figure className="map-figure">
      {/* MapLibre labels its canvas (Map.Title) and controls itself. */}
      <div ref={container} id={id} className="map" />
      {state !== 'ready' && <figcaption>{state === 'loading' ? t('mapLoading') : t('mapUnavailable')}</figcaption>}
    </figure>
  );
}
