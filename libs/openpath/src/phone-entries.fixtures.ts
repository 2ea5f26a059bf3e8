/** An Android location entry as the phone uploads it, for the lib's specs: `data` and `metadata` override its fields. */
export const locationEntry = (data: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => ({
  metadata: {
    key: 'background/location',
    platform: 'android',
    type: 'sensor-data',
    write_ts: 1_617_919_770.084,
    ...metadata,
  },
  data: { latitude: 39.59, longitude: -104.98, accuracy: 28.9, ts: 1_617_913_865, ...data },
});
