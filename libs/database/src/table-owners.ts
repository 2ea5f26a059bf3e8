/**
 * The one lib that reads and writes each table; every other lib goes through that lib's functions
 * (passing its `EntityManager` when the work must stay in one transaction), so a change to a table
 * touches one lib. `libs/config/src/table-ownership.spec.ts` fails when a migration creates a table
 * missing here, or when a lib's SQL names a table it does not own.
 *
 * A new table is one line: `table_name: 'lib'` (the folder under `libs/`).
 */
export const TABLE_OWNERS = {
  // identity: accounts, tokens
  accounts: 'identity',
  refresh_tokens: 'identity',
  password_reset_tokens: 'identity',
  // cities: the programme's cities, routes and campaigns
  cities: 'cities',
  routes: 'cities',
  campaigns: 'cities',
  // tracking: trips and their stored traces
  trips: 'tracking',
  trace_chunks: 'tracking',
  // scoring: what it decided and why
  scoring_failures: 'scoring',
  trip_fingerprints: 'scoring',
  trip_reviews: 'scoring',
  // gamification: totals, streaks, badges, teams
  participant_days: 'gamification',
  participant_stats: 'gamification',
  participant_badges: 'gamification',
  teams: 'gamification',
  team_members: 'gamification',
  // ledger: double-entry points
  ledger_accounts: 'ledger',
  ledger_transfers: 'ledger',
  // vouchers: shops, offers, vouchers and what the programme owes shops
  merchants: 'vouchers',
  offers: 'vouchers',
  offer_participant_claims: 'vouchers',
  vouchers: 'vouchers',
  settlements: 'vouchers',
  settlement_entries: 'vouchers',
  staff_invitations: 'vouchers',
  // transit: GTFS stops and shapes
  transit_feeds: 'transit',
  transit_stops: 'transit',
  transit_shapes: 'transit',
  // openpath: the phone app's protocol
  openpath_tokens: 'openpath',
  openpath_participants: 'openpath',
  openpath_entries: 'openpath',
  openpath_uploads: 'openpath',
  openpath_trips: 'openpath',
  // programme: what the last city file applied
  city_file_state: 'programme',
  // audit: the append-only log of who changed what
  audit_log: 'audit',
  // privacy: participants' privacy zones (sealed)
  privacy_zones: 'privacy',
  consents: 'privacy',
  erasure_requests: 'privacy',
  // mediation: residents registered by a mediator
  mediated_residents: 'mediation',
  // oversight: the console's KPI roll-ups
  kpi_rollups: 'oversight',
  kpi_shop_days: 'oversight',
  kpi_rollup_state: 'oversight',
} as const satisfies Record<string, string>;

export type OwnedTable = keyof typeof TABLE_OWNERS;
