import type { components as ApiComponents } from './api-schema';
import type { components as VoucherComponents } from './voucher-schema';
import { api, call, download, type TravelMode } from './client';

/**
 * The console's calls. Those the api serves today are typed from its OpenAPI document (through
 * `api`); those being built on other branches (routes, map, KPIs, backtests, participants, bulk
 * review, open data) are typed by hand here from their agreed contract. When they land, `npm run
 * web:api-types` brings their generated types, and each hand-written type below should give way
 * to its generated twin.
 */

type Position = [number, number];
export interface LineString {
  type: 'LineString';
  coordinates: Position[];
}

export type Review = ApiComponents['schemas']['Review'];
export type Campaign = ApiComponents['schemas']['Campaign'];
export type AuditEntry = ApiComponents['schemas']['AuditTrail']['items'][number];
export type Merchant = VoucherComponents['schemas']['Merchant'];
export type MerchantStatus = NonNullable<Merchant['status']>;
export type ShopOffer = VoucherComponents['schemas']['Offer'];
export type Settlement = VoucherComponents['schemas']['SettlementStatement'];

/** One review with its trip's line for the map. */
export type ReviewDetail = ApiComponents['schemas']['ReviewDetail'];

export interface CityRoute {
  id: string;
  name: string;
  corridorM: number;
  geometry: LineString;
}
export interface CityMap {
  area: { type: 'Polygon'; coordinates: Position[][] } | null;
  routes: CityRoute[];
  shops: { id: string; name: string; status: MerchantStatus; lat: number; lon: number }[];
  stops: { id: string; name: string; lat: number; lon: number }[];
  /** The imported GTFS lines, simplified (empty without a feed). */
  lines: { id: string; kind: 'bus' | 'rail'; routeIds: string[]; geometry: LineString }[];
}
export interface CityTeam {
  id: string;
  name: string;
  kind: 'team' | 'neighbourhood';
}
export type RouteDraft = Omit<CityRoute, 'id'>;

export interface KpiFilters {
  from: string;
  to: string;
  bucket: 'day' | 'week';
  campaignId?: string;
  routeId?: string;
  teamId?: string;
}
export interface KpiBucket {
  date: string;
  activeParticipants: number;
  newParticipants: number;
  returningParticipants: number;
  trips: Partial<Record<TravelMode, number>>;
  km: Partial<Record<TravelMode, number>>;
  co2AvoidedKg: number;
  pointsIssued: number;
  pointsSpent: number;
  redemptions: number;
  redemptionValueCents: number;
  tripsOnRoutesShare: number;
}
export interface Kpis {
  series: KpiBucket[];
  shops: { id: string; name: string; redemptions: number; valueCents: number }[];
  campaigns: { id: string; name: string; budget: number | null; used: number }[];
}

/** The rules body of `PUT /v1/admin/rules`, also the draft a backtest runs. */
export type RulesInput = ApiComponents['schemas']['ScoringRules'];

interface PricedPoints {
  points: number;
  byMode: Partial<Record<TravelMode, { km: number; points: number }>>;
}
interface Spread {
  median: number;
  p99: number;
  max: number;
}
export interface Backtest {
  trips: number;
  participants: number;
  current: PricedPoints;
  proposed: PricedPoints;
  byDay: { date: string; current: number; proposed: number }[];
  budget: {
    campaigns: {
      id: string;
      name: string;
      budget: number | null;
      current: number;
      proposed: number;
      runsOutOn: string | null;
    }[];
  };
  perParticipant: { current: Spread; proposed: Spread };
  biggestChanges: { tripId: string; startedAt: string; current: number; proposed: number }[];
}

export interface ParticipantHit {
  id: string;
  email: string;
  displayName: string | null;
  status?: string;
}
export interface ParticipantFile {
  profile: ParticipantHit & { createdAt?: string; suspendedAt?: string | null; balance?: number };
  trips: { id: string; status: string; startedAt: string; pointsAwarded: number; distanceM?: number }[];
  ledger: { at: string; amount: number; kind: string; note?: string | null }[];
  flags: { tripId: string; code: string; at: string; status?: string }[];
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  subject?: string;
  from?: string;
  to?: string;
}

const json = (body: unknown) => JSON.stringify(body);
const query = (params: object) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};
const JSON_TYPE = 'application/json';
const id = encodeURIComponent;

export const consoleApi = {
  // Existing today (typed from the generated declarations).
  rules: () => api.get('/v1/admin/rules'),
  putRules: (rules: RulesInput) =>
    call<ApiComponents['schemas']['CityRules']>('api', 'PUT', '/v1/admin/rules', json(rules), JSON_TYPE),
  campaigns: () => api.get('/v1/admin/campaigns'),
  putCampaign: (campaignId: string, body: { name: string; startsAt: string; endsAt: string; rules?: RulesInput }) =>
    call<Campaign>('api', 'PUT', `/v1/admin/campaigns/${id(campaignId)}`, json(body), JSON_TYPE),
  reviews: (status: 'open' | 'approved' | 'rejected' = 'open') => api.get('/v1/admin/reviews', `?status=${status}`),
  review: (reviewId: string) => call<ReviewDetail>('api', 'GET', `/v1/admin/reviews/${id(reviewId)}`),
  approve: (reviewId: string, note: string) =>
    call<Review>('api', 'POST', `/v1/admin/reviews/${id(reviewId)}/approve`, json(note ? { note } : {}), JSON_TYPE),
  reject: (reviewId: string, reason: string) =>
    call<Review>('api', 'POST', `/v1/admin/reviews/${id(reviewId)}/reject`, json({ reason }), JSON_TYPE),
  audit: (filters: AuditFilters) => call<{ items: AuditEntry[] }>('api', 'GET', `/v1/admin/audit${query(filters)}`),

  // console-api branch (by contract).
  map: () => call<CityMap>('api', 'GET', '/v1/admin/map'),
  createRoute: (draft: RouteDraft) => call<CityRoute>('api', 'POST', '/v1/admin/routes', json(draft), JSON_TYPE),
  updateRoute: (routeId: string, draft: RouteDraft) =>
    call<CityRoute>('api', 'PUT', `/v1/admin/routes/${id(routeId)}`, json(draft), JSON_TYPE),
  deleteRoute: (routeId: string) => call<null>('api', 'DELETE', `/v1/admin/routes/${id(routeId)}`),
  importRoute: (file: Blob, name: string, corridorM: number) =>
    call<CityRoute>(
      'api',
      'POST',
      `/v1/admin/routes/import${query({ name, corridorM: String(corridorM) })}`,
      file,
      file.type || 'application/octet-stream',
    ),
  routeShops: (routeId: string, corridorM: number) =>
    call<{ shops: { id: string; name: string; distanceM: number }[] }>(
      'api',
      'GET',
      `/v1/admin/routes/${id(routeId)}/shops?corridorM=${corridorM}`,
    ),
  teams: () => call<{ items: CityTeam[] }>('api', 'GET', '/v1/admin/teams'),
  kpis: (filters: KpiFilters) => call<Kpis>('api', 'GET', `/v1/admin/kpis${query(filters)}`),
  kpiCsv: (chart: string, filters: KpiFilters) =>
    download('api', `/v1/admin/kpis.csv${query({ chart, ...filters })}`, `${chart}-${filters.from}-${filters.to}.csv`),
  bulkReview: (ids: string[], action: 'approve' | 'reject', note: string) =>
    call<{ items: Review[] }>('api', 'POST', '/v1/admin/reviews/bulk', json({ ids, action, note }), JSON_TYPE),
  participants: (q: string, reason: string) =>
    call<{ items: ParticipantHit[] }>('api', 'GET', `/v1/admin/participants${query({ q, reason })}`),
  participant: (participantId: string, reason: string) =>
    call<ParticipantFile>('api', 'GET', `/v1/admin/participants/${id(participantId)}${query({ reason })}`),
  suspend: (participantId: string, reason: string) =>
    call<unknown>('api', 'POST', `/v1/admin/participants/${id(participantId)}/suspend`, json({ reason }), JSON_TYPE),
  openData: (kind: 'cells' | 'flows', format: 'csv' | 'geojson', from: string, to: string) =>
    download('api', `/v1/admin/open-data/${kind}.${format}${query({ from, to })}`, `${kind}-${from}-${to}.${format}`),

  // pricing branch (by contract).
  backtest: (rules: RulesInput, from: string, to: string) =>
    call<Backtest>('api', 'POST', '/v1/admin/backtests', json({ rules, from, to }), JSON_TYPE),

  // The voucher service, through the api's forwarder.
  shops: () => call<Merchant[] | { items: Merchant[] }>('voucher', 'GET', '/v1/merchants'),
  reviewShop: (merchantId: string, decision: 'approve' | 'reject' | 'suspend', note: string) =>
    call<Merchant>(
      'voucher',
      'POST',
      `/v1/merchants/${id(merchantId)}/review`,
      json(note ? { decision, note } : { decision }),
      JSON_TYPE,
    ),
  updateShop: (merchantId: string, body: { name?: string; address?: string | null; description?: string | null }) =>
    call<Merchant>('voucher', 'PATCH', `/v1/merchants/${id(merchantId)}`, json(body), JSON_TYPE),
  shopOffers: (merchantId: string) =>
    call<ShopOffer[] | { items: ShopOffer[] }>('voucher', 'GET', `/v1/merchants/${id(merchantId)}/offers`),
  reviewOffer: (offerId: string, decision: 'approve' | 'reject') =>
    call<ShopOffer>('voucher', 'POST', `/v1/offers/${id(offerId)}/review`, json({ decision }), JSON_TYPE),
  inviteStaff: (merchantId: string, email: string) =>
    call<VoucherComponents['schemas']['StaffInvitation']>(
      'voucher',
      'POST',
      `/v1/merchants/${id(merchantId)}/invitations`,
      json({ email }),
      JSON_TYPE,
    ),
  settlement: (merchantId: string, from: string, to: string) =>
    call<Settlement>('voucher', 'GET', `/v1/merchants/${id(merchantId)}/settlement${query({ from, to })}`),
  settlementCsv: (merchantId: string, from: string, to: string) =>
    download(
      'voucher',
      `/v1/merchants/${id(merchantId)}/settlement.csv${query({ from, to })}`,
      `settlement-${merchantId}-${from}-${to}.csv`,
    ),
};

/** Lists come as a bare array or as `{items}` depending on the service: the pages want the array. */
export const itemsOf = <T>(list: T[] | { items: T[] }): T[] => (Array.isArray(list) ? list : list.items);
