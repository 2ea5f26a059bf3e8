/**
 * Numbers, distances, durations and dates in the person's language, with the browser's Intl
 * (no translation keys: the platform knows how each language writes them).
 */
export function formatKm(language: string, metres: number): string {
  const km = metres / 1000;
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'kilometer',
    maximumFractionDigits: km < 10 ? 1 : 0,
  }).format(km);
}

export function formatNumber(language: string, value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits }).format(value);
}

export function formatDuration(language: string, seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60)
    return new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = new Intl.NumberFormat(language, { style: 'unit', unit: 'hour', unitDisplay: 'long' }).format(hours);
  if (rest === 0) return h;
  const m = new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(rest);
  return new Intl.ListFormat(language, { type: 'unit', style: 'long' }).format([h, m]);
}

/** Grams of CO2 as g below a kilogram, kg above. */
export function formatMass(language: string, grams: number): string {
  return grams < 1000
    ? new Intl.NumberFormat(language, { style: 'unit', unit: 'gram', maximumFractionDigits: 0 }).format(grams)
    : new Intl.NumberFormat(language, { style: 'unit', unit: 'kilogram', maximumFractionDigits: 1 }).format(
        grams / 1000,
      );
}

export function formatDay(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(iso),
  );
}

export function formatTime(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** The local calendar day of an instant, as a sortable key (`YYYY-MM-DD`). */
export function localDayKey(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
