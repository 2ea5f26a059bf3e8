import type { components as ApiComponents, paths as ApiPaths } from './api-schema';
import type { components as VoucherComponents, paths as VoucherPaths } from './voucher-schema';

/** The wire types the pages use, all from the generated OpenAPI declarations. */
export type Trip = ApiComponents['schemas']['Trip'];
export type TripSummary = ApiComponents['schemas']['TripSummary'];
export type TripPage = ApiComponents['schemas']['TripPage'];
export type TripLeg = Trip['legs'][number];
export type TravelMode = TripLeg['mode'];
export type TripStatus = Trip['status'];
export type Session = ApiComponents['schemas']['SessionResponse'];
export type Registration = ApiComponents['schemas']['RegisterResponse'];
export type RegisterRequest = ApiComponents['schemas']['RegisterRequest'];
export type Legal = ApiComponents['schemas']['Legal'];
export type Offer = VoucherComponents['schemas']['Offer'];
export type OwnVoucher = VoucherComponents['schemas']['OwnVoucher'];
export type LedgerPage = ApiComponents['schemas']['LedgerPage'];
export type LedgerEntry = LedgerPage['items'][number];
export type MyCity = NonNullable<ApiComponents['schemas']['MyCity']['city']>;
export type Achievements = ApiComponents['schemas']['Achievements'];
export type Leaderboard = ApiComponents['schemas']['Leaderboard'];
export type Profile = ApiComponents['schemas']['Profile'];
export type Resident = ApiComponents['schemas']['Resident'];
export type Team = ApiComponents['schemas']['Team'];
/** A participant's correction of a leg's mode, with the operators' decision (a review of kind `dispute`). */
export type Dispute = ApiComponents['schemas']['Review'];

/** The JSON body of an operation's success answer (200, 201 or 202; nothing for a 204). */
type Ok<Op> = Op extends { responses: infer R }
  ? {
      [K in keyof R]: K extends 204
        ? void
        : K extends 200 | 201 | 202
          ? R[K] extends { content: { 'application/json': infer B } }
            ? B
            : never
          : never;
    }[keyof R]
  : never;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type PathsWith<P, M extends Method> = { [K in keyof P]: P[K] extends Record<M, object> ? K : never }[keyof P] & string;

/** An answer that is not a success, with the API's stable machine-readable `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The answer's other fields, e.g. `issues: [{path, message}]` of a VALIDATION_FAILED. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The network itself failed (offline, server down): distinct from an answer with a code. */
export class NetworkError extends Error {}

const TOKEN_KEY = 'muvo.session';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

let session: StoredSession | null = (() => {
  try {
    return JSON.parse(storage()?.getItem(TOKEN_KEY) ?? 'null') as StoredSession | null;
  } catch {
    return null;
  }
})();
const listeners = new Set<() => void>();

export function isLoggedIn(): boolean {
  return session !== null;
}

/**
 * The role the session's access token was issued for (`participant`, `operator`, …), read from its
 * payload to choose where to land; the server checks the signature and the role on every call.
 */
export function sessionRole(): string | null {
  try {
    const payload = session?.accessToken.split('.')[1];
    if (!payload) return null;
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return (JSON.parse(json) as { role?: string }).role ?? null;
  } catch {
    return null;
  }
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setSession(next: StoredSession | null): void {
  early.clear(); // read with the previous session
  session = next ? { accessToken: next.accessToken, refreshToken: next.refreshToken } : null;
  if (session) storage()?.setItem(TOKEN_KEY, JSON.stringify(session));
  else storage()?.removeItem(TOKEN_KEY);
  listeners.forEach((l) => l());
}

/**
 * Where each service answers from the page: the api is the page's own origin; the voucher service
 * is reached through the api's forwarder at `/app/voucher-api` (same origin, so no CORS and a
 * strict `connect-src 'self'`).
 */
const BASES = { api: '', voucher: '/app/voucher-api' } as const;

async function send(
  service: keyof typeof BASES,
  method: string,
  path: string,
  body?: BodyInit,
  contentType?: string,
  extra: Record<string, string> = {},
) {
  const taken = method === 'GET' && body === undefined && Object.keys(extra).length === 0 && takeEarly(service, path);
  if (taken) return taken;
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (contentType) headers['content-type'] = contentType;
  if (session) headers.authorization = `Bearer ${session.accessToken}`;
  try {
    return await fetch(`${BASES[service]}${path}`, { method, headers, body });
  } catch (error) {
    throw new NetworkError((error as Error).message);
  }
}

/**
 * Reads the first page's data while the app's code is still downloading (main.tsx): on a slow
 * network the answers are there when the page first asks. An early answer is handed out once, to
 * the same call (service, path with its query) made soon after with the same session; a page
 * that asks for something else just fetches it. Only reads, never writes.
 */
const early = new Map<string, { at: number; response: Promise<Response> }>();
const EARLY_FOR_MS = 15_000;

export function fetchEarly(service: keyof typeof BASES, path: string): void {
  const response = send(service, 'GET', path);
  response.catch(() => undefined); // whoever takes it sees the failure
  early.set(`${service} ${path}`, { at: Date.now(), response });
}

function takeEarly(service: keyof typeof BASES, path: string): Promise<Response> | undefined {
  const key = `${service} ${path}`;
  const kept = early.get(key);
  early.delete(key);
  return kept && Date.now() - kept.at < EARLY_FOR_MS ? kept.response : undefined;
}

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh token for a new session once, however many requests found the old one expired. */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = session?.refreshToken;
    if (!refreshToken) return false;
    const response = await send(
      'api',
      'POST',
      '/v1/auth/refresh',
      JSON.stringify({ refreshToken }),
      'application/json',
    );
    if (!response.ok) return false;
    setSession((await response.json()) as Session);
    return true;
  })().finally(() => (refreshing = null));
  return refreshing;
}

/** A request with the session (refreshed once if expired): the raw answer, for downloads. */
async function authorised(
  service: keyof typeof BASES,
  method: string,
  path: string,
  body?: BodyInit,
  contentType?: string,
  extra?: Record<string, string>,
): Promise<Response> {
  let response = await send(service, method, path, body, contentType, extra);
  if (response.status === 401 && session && !path.startsWith('/v1/auth/')) {
    if (await refreshSession()) response = await send(service, method, path, body, contentType, extra);
    else setSession(null);
  }
  return response;
}

async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let problem: { code?: string; message?: string } & Record<string, unknown> = {};
  try {
    problem = text ? (JSON.parse(text) as typeof problem) : {};
  } catch {
    // not JSON (a proxy's error page): the status says enough
  }
  const { code, message, ...details } = problem;
  return new ApiError(response.status, code ?? `HTTP_${response.status}`, message ?? response.statusText, details);
}

/** Any call, untyped: for endpoints the generated types do not have yet (see console-contract.ts). */
export async function call<T>(
  service: keyof typeof BASES,
  method: string,
  path: string,
  body?: BodyInit,
  contentType?: string,
  extra?: Record<string, string>,
): Promise<T> {
  const response = await authorised(service, method, path, body, contentType, extra);
  if (!response.ok) throw await problemOf(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** A file the API makes (CSV, GeoJSON), fetched with the session and handed to the browser to save. */
export async function download(service: keyof typeof BASES, path: string, fileName: string): Promise<void> {
  const response = await authorised(service, 'GET', path);
  if (!response.ok) throw await problemOf(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `/v1/x/{id}` with its parameters filled in (encoded). */
function fill(path: string, params: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
}

type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Params = Record<string, string | number>;

/** Typed calls: a path or answer the API no longer has is a type error here, not a broken page. */
export const api = {
  get<P extends PathsWith<ApiPaths, 'get'>>(path: P, query = ''): Promise<Ok<ApiPaths[P]['get']>> {
    return call('api', 'GET', path + query);
  },
  getTrip(id: string): Promise<Ok<ApiPaths['/v1/trips/{id}']['get']>> {
    return call('api', 'GET', `/v1/trips/${encodeURIComponent(id)}`);
  },
  post<P extends PathsWith<ApiPaths, 'post'>>(
    path: P,
    body: JsonBody<ApiPaths[P]['post']>,
  ): Promise<Ok<ApiPaths[P]['post']>> {
    return call('api', 'POST', path, JSON.stringify(body), 'application/json');
  },
  /** A trace file as it is (GPX, KML, GeoJSON…): the API recognises the format from the content. */
  uploadTrip(file: Blob): Promise<Ok<ApiPaths['/v1/trips']['post']>> {
    return call('api', 'POST', '/v1/trips', file, file.type || 'application/octet-stream');
  },
  /** The same, for a resident of the calling mediator. */
  uploadResidentTrip(
    residentId: string,
    file: Blob,
  ): Promise<Ok<ApiPaths['/v1/mediator/residents/{id}/trips']['post']>> {
    return call(
      'api',
      'POST',
      fill('/v1/mediator/residents/{id}/trips', { id: residentId }),
      file,
      file.type || 'application/octet-stream',
    );
  },
  getAt<P extends PathsWith<ApiPaths, 'get'>>(path: P, params: Params, query = ''): Promise<Ok<ApiPaths[P]['get']>> {
    return call('api', 'GET', fill(path, params) + query);
  },
  postAt<P extends PathsWith<ApiPaths, 'post'>>(
    path: P,
    params: Params,
    body?: JsonBody<ApiPaths[P]['post']>,
  ): Promise<Ok<ApiPaths[P]['post']>> {
    return call('api', 'POST', fill(path, params), JSON.stringify(body ?? {}), 'application/json');
  },
  put<P extends PathsWith<ApiPaths, 'put'>>(
    path: P,
    body: JsonBody<ApiPaths[P]['put']>,
  ): Promise<Ok<ApiPaths[P]['put']>> {
    return call('api', 'PUT', path, JSON.stringify(body), 'application/json');
  },
  patch<P extends PathsWith<ApiPaths, 'patch'>>(
    path: P,
    body: JsonBody<ApiPaths[P]['patch']>,
  ): Promise<Ok<ApiPaths[P]['patch']>> {
    return call('api', 'PATCH', path, JSON.stringify(body), 'application/json');
  },
  delete<P extends PathsWith<ApiPaths, 'delete'>>(path: P): Promise<Ok<ApiPaths[P]['delete']>> {
    return call('api', 'DELETE', path);
  },
  /** One chunk of fixes of a live trip, numbered from 0 (a resent chunk is harmless). */
  sendChunk(tripId: string, seq: number, points: { lat: number; lon: number; ts: number; accuracy?: number }[]) {
    return call<Ok<ApiPaths['/v1/trips/{id}/chunks/{seq}']['put']>>(
      'api',
      'PUT',
      fill('/v1/trips/{id}/chunks/{seq}', { id: tripId, seq }),
      JSON.stringify({ points }),
      'application/json',
    );
  },
  /**
   * A call outside the typed documents (an endpoint another part of muvo may or may not serve
   * yet), answered as it came: the caller looks at the status.
   */
  raw(method: string, path: string, body?: unknown): Promise<Response> {
    return authorised(
      'api',
      method,
      path,
      body === undefined ? undefined : JSON.stringify(body),
      body === undefined ? undefined : 'application/json',
    );
  },
};

export const voucher = {
  get<P extends PathsWith<VoucherPaths, 'get'>>(path: P, query = ''): Promise<Ok<VoucherPaths[P]['get']>> {
    return call('voucher', 'GET', path + query);
  },
  /** Spends points on a voucher of the offer; the key makes a retried tap claim once. */
  claim(offerId: string, idempotencyKey: string): Promise<Ok<VoucherPaths['/v1/offers/{id}/claim']['post']>> {
    return call('voucher', 'POST', `/v1/offers/${encodeURIComponent(offerId)}/claim`, undefined, undefined, {
      'idempotency-key': idempotencyKey,
    });
  },
  getAt<P extends PathsWith<VoucherPaths, 'get'>>(path: P, params: Params): Promise<Ok<VoucherPaths[P]['get']>> {
    return call('voucher', 'GET', fill(path, params));
  },
  postAt<P extends PathsWith<VoucherPaths, 'post'>>(
    path: P,
    params: Params,
    body: JsonBody<VoucherPaths[P]['post']>,
  ): Promise<Ok<VoucherPaths[P]['post']>> {
    return call('voucher', 'POST', fill(path, params), JSON.stringify(body), 'application/json');
  },
};
