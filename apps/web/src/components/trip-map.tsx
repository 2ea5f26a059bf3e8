import { useTranslation } from 'react-i18next';
import type { TravelMode } from '../api/client';
import { LazyMap } from './lazy-map';

/** The trip's map: its legs coloured by mode. */
export function TripMap({ line, legs }: { line: [number, number][]; legs: { mode: TravelMode; distanceM: number }[] }) {
  const { t } = useTranslation();
  const legKey = legs.map((l) => `${l.mode}:${l.distanceM}`).join('|');
  return (
    <LazyMap
      id="trip-map"
      label={t('mapLabel')}
      redrawKey={`${line.length}|${legKey}`}
      draw={({ drawTripMap }, target) => drawTripMap({ ...target, line, legs })}
    />
  );
}
