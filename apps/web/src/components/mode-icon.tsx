import type { ReactNode } from 'react';
import type { TravelMode } from '../api/client';

/**
 * A small drawing of each way of travelling, beside its word (never instead of it): line drawings
 * in the text colour, so they follow the theme and print, and need no emoji font on the device.
 */
const DRAWINGS: Record<Exclude<TravelMode, 'unknown'>, ReactNode> = {
  walk: (
    <>
      <circle cx="13" cy="4" r="2" />
      <path d="M12 7l-3 5 3 3v6M12 7l2 5 4 2M9 12l-3 2M12 15l-3 6" />
    </>
  ),
  bike: (
    <>
      <circle cx="5.5" cy="16.5" r="3.5" />
      <circle cx="18.5" cy="16.5" r="3.5" />
      <path d="M5.5 16.5l4-7h6l3 7M9.5 9.5l3 7h-7M15 6h2.5l-2 3.5M8 6h3" />
    </>
  ),
  bus: (
    <>
      <rect x="4" y="3" width="16" height="15" rx="2" />
      <path d="M4 11h16M8 21v-3M16 21v-3M7 15h1M16 15h1" />
    </>
  ),
  train: (
    <>
      <rect x="6" y="2" width="12" height="15" rx="3" />
      <path d="M6 10h12M9 14h.01M15 14h.01M8 21l2-4M16 21l-2-4" />
    </>
  ),
  car: (
    <>
      <path d="M3 16v-4l2.5-5h13L21 12v4H3z" />
      <circle cx="7" cy="17" r="2" />
      <circle cx="17" cy="17" r="2" />
      <path d="M5 12h14" />
    </>
  ),
};

export function ModeIcon({ mode }: { mode: TravelMode }) {
  if (mode === 'unknown') return null;
  return (
    <svg
      className="mode-icon"
      viewBox="0 0 24 24"
      width="28"
      height="28"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {DRAWINGS[mode]}
    </svg>
  );
}
