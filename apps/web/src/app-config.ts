/** What the server tells the page at `/app/config.json` (see libs/web-app). */
export interface WebConfig {
  /** MapLibre style for the base map; null: a plain background drawn without the network. */
  mapStyleUrl: string | null;
}

let loaded: Promise<WebConfig> | null = null;

export function webConfig(): Promise<WebConfig> {
  loaded ??= fetch('/app/config.json')
    .then((r) => (r.ok ? (r.json() as Promise<WebConfig>) : { mapStyleUrl: null }))
    .catch(() => ({ mapStyleUrl: null }));
  return loaded;
}
