/**
 * The colours of imported GTFS lines on the console's map (and in its legend, which names each
 * kind, so colour is never alone): thinner and darker than the programme's routes, which they
 * must not be mistaken for; each at least 3:1 against the map's light background.
 */
export const TRANSIT_COLOURS = { bus: '#8c510a', rail: '#3a3a3a' } as const;
