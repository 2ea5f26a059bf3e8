// Generated from the api app's OpenAPI document by `npm run web:api-types`: do not edit.
// test/web-app.e2e-spec.ts fails when this file is out of date.

export interface paths {
  '/v1/admin/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit trail of the city, newest first, filtered by actor, action, subject and period, in pages */
    get: operations['AdminRulesController_audit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/backtests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Try draft rules on the city’s scored trips of a period: points by mode and day, budgets, per participant, the biggest changes, next to what was credited. Writes nothing. */
    post: operations['AdminBacktestsController_run'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/campaigns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The city’s campaigns with their rules and the points each has issued */
    get: operations['AdminRulesController_campaigns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/campaigns/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Create or replace a campaign: window, rules overriding the city’s, budget (audited) */
    put: operations['AdminRulesController_putCampaign'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/kpis': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the programme achieves, per day or ISO week, from the daily roll-ups; filter by one of campaign, route or team */
    get: operations['AdminKpisController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/kpis.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One chart of the KPIs as CSV (a series field, or shops, or campaigns), same filters */
    get: operations['AdminKpisController_csv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/map': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The city on a map: area, routes with corridors, shops by status, GTFS stops and lines (simplified) */
    get: operations['AdminMapController_cityMap'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/mediators': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Make someone a mediator of the city (a new account, or a participant of the city promoted); audited */
    post: operations['AdminMediatorsController_grant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/open-data/cells.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Trips and km by mode per H3 cell and hour band, k-anonymous. Documented field by field in docs/open-data.md */
    get: operations['AdminKpisController_cellsCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/open-data/cells.geojson': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The same cells as GeoJSON hexagons. Documented field by field in docs/open-data.md */
    get: operations['AdminKpisController_cellsGeoJson'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/open-data/flows.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Origin–destination flows between H3 cells by main mode, k-anonymous. Documented field by field in docs/open-data.md */
    get: operations['AdminKpisController_flowsCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/open-data/flows.geojson': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The same flows as GeoJSON lines between cell centres. Documented field by field in docs/open-data.md */
    get: operations['AdminKpisController_flowsGeoJson'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/participants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Find a participant by e-mail, name or trip id; the reason is kept in the audit log */
    get: operations['AdminParticipantsController_search'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/participants/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A participant’s profile, trips, ledger and flags; the reason is kept in the audit log */
    get: operations['AdminParticipantsController_detail'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/participants/{id}/erase': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Erase a participant of your city on their request (by letter, at a desk…), with the reason audited */
    post: operations['AdminErasureController_erase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/participants/{id}/suspend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Suspend: no log-in, tokens stop working (audited with the reason) */
    post: operations['AdminParticipantsController_suspend'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/participants/{id}/unsuspend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Lift a suspension (audited with the reason) */
    post: operations['AdminParticipantsController_unsuspend'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/reviews': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Flagged trips and disputed legs of the operator’s city, newest first */
    get: operations['AdminReviewsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/reviews/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One review with what its map needs: legs (mode, speeds), flags, the trace, the participant’s flag history (access audited) */
    get: operations['AdminReviewsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/reviews/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve: a flagged trip is credited; a disputed leg is re-priced with the requested mode (reversal and re-credit) */
    post: operations['AdminReviewsController_approve'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/reviews/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject with a reason: a flagged trip becomes rejected; a dispute is closed */
    post: operations['AdminReviewsController_reject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/reviews/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve or reject several reviews with one note; each decided alone, outcome per id */
    post: operations['AdminReviewsController_bulk'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/routes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a route drawn on the map; its id is its name’s slug, made unique (audited) */
    post: operations['AdminMapController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/routes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Replace a route: name, corridor, line (audited; city:apply will not silently undo it) */
    put: operations['AdminMapController_update'];
    post?: never;
    /** Remove a route; the shops along it lose it (audited, naming those shops) */
    delete: operations['AdminMapController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/routes/{id}/shops': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The shops a route’s corridor reaches, nearest first; try another width with corridorM */
    get: operations['AdminMapController_shops'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/routes/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a route from a GPX file (its first route, else its first track) or GeoJSON (first line) */
    post: operations['AdminMapController_import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The city’s scoring rules as configured, and in effect (defaults filled in) */
    get: operations['AdminRulesController_getRules'];
    /** Replace the city’s scoring rules (validated; unknown fields refused; audited). Applies to trips scored from now on. */
    put: operations['AdminRulesController_putRules'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/scoring/failures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Trips of the city whose scoring job gave up (every retry failed or it kept stalling) */
    get: operations['AdminScoringController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/scoring/failures/{tripId}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Queue the trip for scoring again, with a fresh set of attempts (audited) */
    post: operations['AdminScoringController_retry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The programme’s effect over local days: km by mode, CO2 avoided, active participants, points */
    get: operations['AdminRulesController_stats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/teams': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The city’s teams and neighbourhoods (from its city file), to filter the KPIs by */
    get: operations['AdminKpisController_teams'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/trips/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A participant’s trip in the operator’s city, its path without the participant’s privacy zones
     * @description Personal data: the access and its reason are written to the audit log.
     */
    get: operations['AdminTripsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in (participants, shop staff, operators, admins) */
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/login-code': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in with the code of a card a mediator printed (residents without an email) */
    post: operations['AuthController_loginWithCode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * E-mail a single-use link to choose a new password
     * @description Always 202, whether or not the email has an account: the answer reveals nothing.
     */
    post: operations['AuthController_requestPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/password-reset/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Choose the new password with the e-mailed token; every session of the account ends */
    post: operations['AuthController_confirmPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Exchange a refresh token for a new session (the old one stops working) */
    post: operations['AuthController_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a participant account */
    post: operations['AuthController_register'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/leaderboards/cities': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Cities ranked by the points their participants earned in a week, with the caller’s city */
    get: operations['LeaderboardsController_cities'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/leaderboards/individual': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Participants of a city ranked by points, per week or campaign, with the caller’s own rank */
    get: operations['LeaderboardsController_individual'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/leaderboards/teams': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Teams and neighbourhoods of a city ranked by their members’ points, with the caller’s team */
    get: operations['LeaderboardsController_team'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/legal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The versions of the terms and privacy notice in force, and where to read them */
    get: operations['LegalController_legal'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s account */
    get: operations['MeController_profile'];
    put?: never;
    post?: never;
    /**
     * Erase your account (GDPR Art. 17): you are logged out at once, everything is erased by `completeBy`
     * @description Your email, name, password, fixes, phone data and notes are erased; unredeemed vouchers are cancelled. Points, trips’ summaries and ledger entries stay under a pseudonymous id so the programme’s accounts and totals stay true. Registering again with the same email starts from zero.
     */
    delete: operations['PrivacyRightsController_erase'];
    options?: never;
    head?: never;
    /** Change the caller’s language (e-mails use it) or display name */
    patch: operations['MeController_change'];
    trace?: never;
  };
  '/v1/me/achievements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s totals (credited trips, km by mode, CO2 avoided), streak and badges */
    get: operations['AchievementsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/balance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s spendable points */
    get: operations['MeController_balance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/city': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s city for maps: its name, area and routes */
    get: operations['PointsController_city'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/consents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What you consent to now, whether the texts in force are accepted, and your consent history */
    get: operations['PrivacyRightsController_getConsents'];
    /** Accept the texts in force, or change an optional choice (withdrawing takes effect from now on) */
    put: operations['PrivacyRightsController_putConsents'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/data-access': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who looked at my personal data, when and why (newest first) */
    get: operations['MeDataAccessController_dataAccess'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Everything muvo holds about you, as one zip archive (GDPR Art. 15 and 20)
     * @description Profile, consents, trips with their fixes (GPX and GeoJSON per trip), receipts, ledger, vouchers, disputes, progress, audit entries about you and your phone’s OpenPATH data; README.txt and README.json describe every file and field.
     */
    get: operations['PrivacyRightsController_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/ledger': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s points history, newest first: each credit and debit with its reason (trip, dispute, claim, refund, correction, write-off), the trip, offer and shop it concerns, and the balance after it */
    get: operations['PointsController_ledger'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** A resident registered by a mediator takes over: sets an email and password (the card stops working) */
    put: operations['MeController_takeOver'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/openpath-token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A login token for the OpenPATH phone app (shown once; the previous one stops working)
     * @description The participant types the token in the app, or opens `loginUrl` (e.g. scanned from a QR code); the app then records their trips, which muvo scores like any upload.
     */
    post: operations['OpenpathTokenController_issue'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/privacy-zones': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s privacy zones: places whose fixes nobody else sees */
    get: operations['PrivacyZonesController_list'];
    put?: never;
    /**
     * Add a privacy zone (a point and a radius of 200–1,000 m, at most 10)
     * @description Fixes inside the caller’s zones are hidden from operators, reviews, exports and open data; points are still earned on the whole trip. Zones are stored encrypted.
     */
    post: operations['PrivacyZonesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/privacy-zones/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove one of the caller’s privacy zones */
    delete: operations['PrivacyZonesController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/team': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s team or neighbourhood, and the ones of their city they can join */
    get: operations['AchievementsController_team'];
    /** Join a team or neighbourhood of the caller’s city (points from now on count for it) */
    put: operations['AchievementsController_join'];
    post?: never;
    /** Leave the caller’s team */
    delete: operations['AchievementsController_leave'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mediator/residents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The residents the caller registered, newest first */
    get: operations['MediatorController_list'];
    put?: never;
    /** Register a resident (name or pseudonym, no email) with their recorded consent; returns the card’s code */
    post: operations['MediatorController_register'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mediator/residents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of the caller’s residents, with their balance */
    get: operations['MediatorController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mediator/residents/{id}/login-code': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Print a new card: a new login code, the old one stops working */
    post: operations['MediatorController_newCard'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mediator/residents/{id}/trips': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The resident’s trips, newest first, in pages */
    get: operations['MediatorController_trips'];
    put?: never;
    /** Upload a trip for the resident (GPX from a GPS logger; every format of POST /v1/trips) */
    post: operations['MediatorController_upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mediator/residents/{id}/trips/{tripId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of the resident’s trips with its receipt and map line */
    get: operations['MediatorController_trip'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trips': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's trips, newest first (by start time), in pages */
    get: operations['TripsController_list'];
    put?: never;
    /**
     * Upload a whole trip; scoring happens asynchronously
     * @description Answers once the trace is durably stored. One trip per upload: the tracks and segments of a file are merged.
     */
    post: operations['TripsController_upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trips/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of the caller’s trips: status, legs, scoring receipt, and the cleaned geometry for the map */
    get: operations['TripsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trips/{id}/chunks/{seq}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Send a chunk of a live trip
     * @description Same formats as a whole upload; a chunk may hold one fix. Sending a chunk again is harmless (`duplicate: true`); another chunk under a used number is 409 CHUNK_CONFLICT. Chunks may arrive in any order: fixes are merged by time.
     */
    put: operations['LiveTripsController_chunk'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trips/{id}/disputes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller’s disputes on one of their trips, with the operators’ decisions */
    get: operations['DisputesController_list'];
    put?: never;
    /** Dispute the mode of one leg of a scored trip: once per leg, within the city’s dispute window; an operator decides */
    post: operations['DisputesController_open'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trips/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download the trip’s trace (all fixes as stored) as GPX 1.1, GeoJSON or JSON points
     * @description Data portability: the file can be uploaded again as is.
     */
    get: operations['TripsController_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trips/{id}/finish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Finish a live trip and queue it for scoring
     * @description Idempotent: finishing again answers the current status. A trip with fewer than two distinct fixes ends `rejected` with the flag NO_DATA.
     */
    post: operations['LiveTripsController_finish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trips/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a live trip (status `receiving`) */
    post: operations['LiveTripsController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * @example {
     *       "totals": {
     *         "trips": 12,
     *         "points": 340,
     *         "distanceM": {
     *           "walk": 14200,
     *           "bike": 31000
     *         },
     *         "co2AvoidedG": 7680
     *       },
     *       "streak": {
     *         "current": 3,
     *         "best": 5,
     *         "lastDay": "2026-03-14"
     *       },
     *       "badges": [
     *         {
     *           "id": "first-trip",
     *           "name": "First steps",
     *           "description": "Your first rewarded trip",
     *           "earnedAt": "2026-03-02T08:31:00.000Z"
     *         }
     *       ]
     *     }
     */
    Achievements: {
      badges: {
        description: string;
        earnedAt: string;
        id: string;
        name: string;
      }[];
      streak: {
        best: number;
        current: number;
        lastDay: string | null;
      };
      totals: {
        co2AvoidedG: number;
        distanceM: {
          [key: string]: number;
        };
        points: number;
        trips: number;
      };
    };
    /**
     * @example {
     *       "note": "Checked the route: a real ride along the river"
     *     }
     */
    ApproveReview: {
      note?: string;
    };
    AuditTrail: {
      items: {
        action: string;
        actorId: string | null;
        /** @description Who acted, as named now ("deleted participant" once erased) */
        actorName: string | null;
        actorRole: string | null;
        at: string;
        cityId: string | null;
        details: unknown;
        id: number;
        subject: string;
        /** @description The account the entry is about, as named now, if it is one */
        subjectName: string | null;
      }[];
      /** @description Pass as `before` for the next page; null on the last */
      nextBefore: number | null;
    };
    Backtest: {
      /** @description The 20 trips whose points change most */
      biggestChanges: {
        current: number;
        proposed: number;
        startedAt: string;
        /** Format: uuid */
        tripId: string;
      }[];
      budget: {
        campaigns: {
          /** @description Total points the campaign may issue (under the draft) */
          budget: number;
          /** @description Points issued in the period */
          current: number;
          id: string;
          name: string;
          proposed: number;
          /** @description Local day the budget runs out under the draft (projected beyond the period; null: it lasts) */
          runsOutOn: string | null;
        }[];
      };
      byDay: {
        current: number;
        date: string;
        proposed: number;
      }[];
      /** @description Under the rules in force: what the ledger credited */
      current: {
        /** @description Per mode: km of the legs, and the points they earned (each trip’s points shared among its legs) */
        byMode: {
          [key: string]: {
            km: number;
            points: number;
          };
        };
        /** @description Points of the period’s trips */
        points: number;
      };
      participants: number;
      /** @description Points per participant over the period */
      perParticipant: {
        current: {
          max: number;
          median: number;
          p99: number;
        };
        proposed: {
          max: number;
          median: number;
          p99: number;
        };
      };
      /** @description Under the draft */
      proposed: {
        /** @description Per mode: km of the legs, and the points they earned (each trip’s points shared among its legs) */
        byMode: {
          [key: string]: {
            km: number;
            points: number;
          };
        };
        /** @description Points of the period’s trips */
        points: number;
      };
      /** @description Scored trips of the period replayed */
      trips: number;
    };
    /**
     * @example {
     *       "rules": {
     *         "pointsPerKm": {
     *           "walk": 10,
     *           "bike": 12
     *         }
     *       },
     *       "from": "2026-10-01",
     *       "to": "2026-10-31"
     *     }
     */
    BacktestRequest: {
      /** @description Admins only: the city (operators always backtest their own) */
      cityId?: string;
      /**
       * Format: date
       * @description First local day of the period (the city’s time zone)
       */
      from: string;
      /** @description The draft: the same shape as the body of PUT /v1/admin/rules */
      rules: components['schemas']['ScoringRules'];
      /**
       * Format: date
       * @description Last local day of the period, inclusive
       */
      to: string;
    };
    /**
     * @example {
     *       "balance": 120
     *     }
     */
    Balance: {
      balance: number;
    };
    /**
     * @example {
     *       "ids": [
     *         "1f6a…"
     *       ],
     *       "action": "reject",
     *       "note": "Car speeds on a bike leg"
     *     }
     */
    BulkReview: {
      /** @enum {string} */
      action: 'approve' | 'reject';
      ids: string[];
      /** @description Required to reject: the reason */
      note?: string;
    };
    BulkReviewOutcome: {
      decided: number;
      failed: number;
      items: {
        code?: string;
        id: string;
        message?: string;
        ok: boolean;
        status?: string;
      }[];
    };
    Campaign: {
      effectiveRules: {
        [key: string]: unknown;
      };
      endsAt: string;
      id: string;
      issuedPoints: number;
      name: string;
      rules: {
        [key: string]: unknown;
      };
      startsAt: string;
    };
    CampaignList: {
      items: components['schemas']['Campaign'][];
    };
    /**
     * @example {
     *       "name": "Bike to work week",
     *       "startsAt": "2026-05-11T00:00:00+02:00",
     *       "endsAt": "2026-05-18T00:00:00+02:00",
     *       "rules": {
     *         "pointsPerKm": {
     *           "bike": 12
     *         },
     *         "budget": {
     *           "totalPoints": 200000
     *         }
     *       }
     *     }
     */
    CampaignUpsert: {
      /** Format: date-time */
      endsAt: string;
      name: string;
      rules?: components['schemas']['ScoringRules'];
      /** Format: date-time */
      startsAt: string;
    };
    CityMap: {
      /** @description GeoJSON Polygon or MultiPolygon */
      area: {
        [key: string]: unknown;
      };
      cityId: string;
      /** @description The imported GTFS lines, one per route, simplified for the map (empty without a feed) */
      lines: {
        geometry: components['schemas']['LineString'];
        /** @description The GTFS shape drawn (or `stops:ROUTE:DIRECTION` when the feed had no shapes.txt) */
        id: string;
        /** @enum {string} */
        kind: 'bus' | 'rail';
        /** @description The GTFS routes it draws */
        routeIds: string[];
      }[];
      name: string;
      routes: components['schemas']['Route'][];
      shops: {
        id: string;
        lat: number;
        lon: number;
        name: string;
        routeId: string | null;
        /** @enum {string} */
        status: 'pending' | 'approved' | 'rejected' | 'suspended';
      }[];
      stops: {
        id: string;
        kind: string;
        lat: number;
        lon: number;
        name: string;
      }[];
    };
    CityRules: {
      cityId: string;
      effective: {
        [key: string]: unknown;
      };
      rules: {
        [key: string]: unknown;
      };
    };
    CityTeams: {
      items: {
        id: string;
        /** @enum {string} */
        kind: 'team' | 'neighbourhood';
        name: string;
      }[];
    };
    ConsentOverview: {
      /** @description What holds now (null: never consented) */
      current: components['schemas']['ConsentRecord'] | null;
      /** @description Every consent given or changed, newest first */
      history: components['schemas']['ConsentRecord'][];
      legal: components['schemas']['Legal'];
      /** @description false: the terms or privacy notice changed; changes answer 403 CONSENT_REQUIRED until accepted */
      upToDate: boolean;
    };
    ConsentRecord: {
      /** @enum {string} */
      method: 'self-service' | 'mediator' | 'paper' | 'phone';
      modelTraining: boolean;
      openData: boolean;
      privacy: string;
      /** Format: date-time */
      recordedAt: string;
      /**
       * Format: uuid
       * @description The account that recorded it on the person’s behalf (a mediator)
       */
      recordedBy: string | null;
      terms: string;
    };
    /**
     * @example {
     *       "terms": "2026-12-01",
     *       "privacy": "2026-12-01",
     *       "openData": true,
     *       "modelTraining": false
     *     }
     */
    Consents: {
      /** @description Confirmed modes may train the city’s mode model (default: no) */
      modelTraining?: boolean;
      /** @description Trips may feed the city’s open data, aggregated (default: no) */
      openData?: boolean;
      /** @description Version of the privacy notice accepted */
      privacy: string;
      /** @description Version of the terms of use accepted (GET /v1/legal gives the one in force) */
      terms: string;
    };
    DataAccessLog: {
      items: {
        at: string;
        /** @description The reason they gave */
        reason: string | null;
        role: string | null;
        what: string | null;
        /** @description Who looked, as a role (staff are not named) */
        who: string;
      }[];
      nextBefore: number | null;
    };
    /**
     * @example {
     *       "legIndex": 1,
     *       "mode": "bike",
     *       "note": "I cycled next to the tram line"
     *     }
     */
    DisputeRequest: {
      legIndex: number;
      /** @enum {string} */
      mode: 'walk' | 'bike' | 'bus' | 'train' | 'car';
      note?: string;
    };
    /**
     * @example {
     *       "password": "correct horse battery"
     *     }
     */
    EraseMyAccount: {
      /** @description Your password, asked again: erasure cannot be undone */
      password: string;
    };
    /**
     * @example {
     *       "reason": "Request received by letter, ref. 2026/118"
     *     }
     */
    EraseParticipant: {
      /** @description Why (e.g. "request by letter of 2026-12-01"), kept in the audit log: no names or contact details */
      reason: string;
    };
    /**
     * @example {
     *       "status": "deleting",
     *       "completeBy": "2026-12-10T12:00:00.000Z"
     *     }
     */
    ErasureStatus: {
      /**
       * Format: date-time
       * @description The erasure is complete by then at the latest
       */
      completeBy: string;
      /** @enum {string} */
      status: 'deleting' | 'erased';
    };
    FailedScoring: {
      attempts: number;
      cityId: string | null;
      error: string;
      failedAt: string;
      jobId: string;
      retries: number;
      /** Format: uuid */
      tripId: string;
      tripStatus: string;
    };
    FailedScoringList: {
      items: components['schemas']['FailedScoring'][];
    };
    GrantedMediator: {
      /** Format: uuid */
      accountId: string;
      email: string;
      /** @description Generated for a new account, shown only this once; null when promoted */
      password: string | null;
    };
    /**
     * @example {
     *       "email": "desk@biblioteca.example",
     *       "displayName": "Biblioteca Kalsa"
     *     }
     */
    GrantMediator: {
      displayName?: string;
      /**
       * Format: email
       * @description Login email (case-insensitive)
       */
      email: string;
    };
    /**
     * @example {
     *       "teamId": "kalsa"
     *     }
     */
    JoinTeam: {
      teamId: string;
    };
    Kpis: {
      /** @enum {string} */
      bucket: 'day' | 'week';
      campaigns: {
        budget: number | null;
        endsAt: string;
        id: string;
        name: string;
        startsAt: string;
        used: number;
      }[];
      cityId: string;
      from: string;
      series: {
        /** @description Distinct participants with a credited trip */
        activeParticipants: number;
        co2AvoidedKg: number;
        /** @description First day of the bucket (a Monday for weeks) */
        date: string;
        /** @description Kilometres by mode, leg by leg */
        km: {
          [key: string]: number;
        };
        /** @description … whose first credited trip in the city is in this bucket */
        newParticipants: number;
        pointsIssued: number;
        /** @description Voucher claims less refunds (whole city) */
        pointsSpent: number;
        /** @description Vouchers redeemed at the counter, less undos (whole city) */
        redemptions: number;
        redemptionValueCents: number;
        returningParticipants: number;
        /** @description Credited trips by main mode (the longest leg) */
        trips: {
          [key: string]: number;
        };
        /** @description Share of trips with a leg at least half along a route */
        tripsOnRoutesShare: number;
      }[];
      shops: {
        id: string;
        name: string;
        redemptions: number;
        valueCents: number;
      }[];
      to: string;
    };
    /**
     * @example {
     *       "board": "individual:palermo-centro:w:2026-W12",
     *       "period": {
     *         "week": "2026-W12"
     *       },
     *       "items": [
     *         {
     *           "rank": 1,
     *           "id": "0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10",
     *           "name": "Ada",
     *           "score": 240
     *         }
     *       ],
     *       "me": {
     *         "rank": 7,
     *         "id": "5d1c…",
     *         "name": "You",
     *         "score": 95
     *       }
     *     }
     */
    Leaderboard: {
      board: string;
      items: {
        id: string;
        name: string;
        rank: number;
        score: number;
      }[];
      me: {
        id: string;
        name: string;
        rank: number;
        score: number;
      } | null;
      period: {
        [key: string]: string;
      };
    };
    /**
     * @example {
     *       "balance": 70,
     *       "items": [
     *         {
     *           "id": "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
     *           "at": "2026-03-14T09:12:00.000Z",
     *           "amount": -50,
     *           "reason": "claim",
     *           "balanceAfter": 70,
     *           "trip": null,
     *           "offer": {
     *             "title": "Free espresso"
     *           },
     *           "shop": {
     *             "name": "Bar Maqueda",
     *             "address": "Via Maqueda 150"
     *           }
     *         },
     *         {
     *           "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
     *           "at": "2026-03-14T08:40:00.000Z",
     *           "amount": 120,
     *           "reason": "trip",
     *           "balanceAfter": 120,
     *           "trip": {
     *             "id": "0b6f6f7e-5d0e-4a55-8b7b-3f1c2d4e5f60",
     *             "startedAt": "2026-03-14T08:02:00.000Z",
     *             "distanceM": 4200,
     *             "modes": [
     *               "bike"
     *             ]
     *           },
     *           "offer": null,
     *           "shop": null
     *         }
     *       ],
     *       "nextCursor": null
     *     }
     */
    LedgerPage: {
      balance: number;
      items: {
        /** @description Positive: received; negative: spent or taken back */
        amount: number;
        at: string;
        /** @description The balance right after this entry */
        balanceAfter: number;
        /** Format: uuid */
        id: string;
        offer: {
          title: string;
        } | null;
        /** @enum {string} */
        reason: 'trip' | 'dispute' | 'claim' | 'refund' | 'correction' | 'write-off' | 'other';
        shop: {
          address: string | null;
          name: string;
        } | null;
        trip: {
          distanceM: number | null;
          /** Format: uuid */
          id: string;
          modes: string[];
          startedAt: string;
        } | null;
      }[];
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "terms": {
     *         "version": "2026-12-01",
     *         "url": "/app/legal/terms.html"
     *       },
     *       "privacy": {
     *         "version": "2026-12-01",
     *         "url": "/app/legal/privacy.html"
     *       }
     *     }
     */
    Legal: {
      privacy: {
        url: string;
        version: string;
      };
      terms: {
        url: string;
        version: string;
      };
    };
    LineString: {
      coordinates: number[][];
      /** @enum {string} */
      type: 'LineString';
    };
    /**
     * @example {
     *       "tripId": "5c1e0f3a-8b7d-4c2e-9f10-2a3b4c5d6e7f",
     *       "seq": 3,
     *       "status": "receiving",
     *       "duplicate": false,
     *       "receivedPoints": 120
     *     }
     */
    LiveChunkAccepted: {
      /** @description True when this chunk had already been received (nothing was stored twice) */
      duplicate: boolean;
      /** @description Fixes received for the trip so far */
      receivedPoints: number;
      seq: number;
      /** @enum {string} */
      status: 'receiving' | 'queued' | 'processing' | 'scored' | 'flagged' | 'rejected';
      /** Format: uuid */
      tripId: string;
    };
    /**
     * @example {
     *       "tripId": "5c1e0f3a-8b7d-4c2e-9f10-2a3b4c5d6e7f",
     *       "status": "queued"
     *     }
     */
    LiveTripFinished: {
      /** @enum {string} */
      status: 'receiving' | 'queued' | 'processing' | 'scored' | 'flagged' | 'rejected';
      /** Format: uuid */
      tripId: string;
    };
    /**
     * @example {
     *       "startedAt": "2026-11-22T08:00:00Z"
     *     }
     */
    LiveTripStart: {
      /** @description The app saw a mock location provider */
      mockLocation?: boolean;
      /**
       * Format: date-time
       * @description When the recording started on the device (default: now)
       */
      startedAt?: string;
    };
    /**
     * @example {
     *       "tripId": "5c1e0f3a-8b7d-4c2e-9f10-2a3b4c5d6e7f",
     *       "status": "receiving",
     *       "idleFinishAfterS": 900
     *     }
     */
    LiveTripStarted: {
      /** @description The trip is finished automatically after this long without a chunk */
      idleFinishAfterS: number;
      /** @enum {string} */
      status: 'receiving' | 'queued' | 'processing' | 'scored' | 'flagged' | 'rejected';
      /** Format: uuid */
      tripId: string;
    };
    /**
     * @example {
     *       "code": "K7MQ-9XDA-2PRT"
     *     }
     */
    LoginCodeRequest: {
      /** @description The code printed on a resident’s card */
      code: string;
    };
    /**
     * @example {
     *       "email": "ada@example.org",
     *       "password": "correct horse battery"
     *     }
     */
    LoginRequest: {
      /**
       * Format: email
       * @description Login email (case-insensitive)
       */
      email: string;
      password: string;
    };
    MyCity: {
      /** @description Null until the participant joins a city (named at sign-up, or by their first trip) */
      city: {
        area: {
          coordinates: unknown[];
          type: string;
        };
        id: string;
        name: string;
        routes: {
          geometry: {
            coordinates: number[][];
            /** @enum {string} */
            type: 'LineString';
          };
          id: string;
          name: string;
        }[];
      } | null;
    };
    /**
     * @example {
     *       "token": "nrelop_palermo_default_3f9a0c1d2b4e5f60718293a4b5c6d7e8",
     *       "loginUrl": "emission://login_token?token=nrelop_palermo_default_3f9a0c1d2b4e5f60718293a4b5c6d7e8"
     *     }
     */
    OpenpathLoginToken: {
      loginUrl: string;
      token: string;
    };
    OperatorTrip: {
      cityId: string | null;
      /** @description The whole trip, as scored */
      distanceM: number | null;
      endedAt: string;
      /** @description When retention deleted the raw fixes */
      fixesExpiredAt: string | null;
      flags: string[];
      /** @description `[lon, lat]` without the fixes in the participant’s privacy zones and the city’s trim at both ends */
      geometry: {
        coordinates: number[][];
        /** @enum {string} */
        type: 'LineString';
      } | null;
      /** Format: uuid */
      id: string;
      legs: {
        [key: string]: unknown;
      }[];
      /** Format: uuid */
      participantId: string;
      pointsAwarded: number;
      /** @description With the anti-cheat evidence */
      receipt: {
        [key: string]: unknown;
      } | null;
      startedAt: string;
      status: string;
    };
    ParticipantDetail: {
      flags: {
        [key: string]: unknown;
      }[];
      ledger: {
        [key: string]: unknown;
      }[];
      profile: {
        balance: number;
        cityId: string | null;
        createdAt: string;
        displayName: string | null;
        email: string;
        id: string;
        suspendedAt: string | null;
        suspensionReason: string | null;
      };
      trips: {
        [key: string]: unknown;
      }[];
    };
    ParticipantList: {
      items: {
        cityId: string | null;
        createdAt: string;
        displayName: string | null;
        email: string;
        id: string;
        suspendedAt: string | null;
        suspensionReason: string | null;
      }[];
    };
    /**
     * @example {
     *       "token": "kq3…",
     *       "password": "a new long password"
     *     }
     */
    PasswordResetConfirm: {
      password: string;
      /** @description From the link in the e-mail */
      token: string;
    };
    /**
     * @example {
     *       "email": "ada@example.org"
     *     }
     */
    PasswordResetRequest: {
      /**
       * Format: email
       * @description Login email (case-insensitive)
       */
      email: string;
    };
    /**
     * @example {
     *       "id": "5b0f3a52-7f0e-4c55-9b7e-2f5f7c1d9a10",
     *       "label": "Home",
     *       "lat": 38.1131,
     *       "lon": 13.3622,
     *       "radiusM": 300,
     *       "createdAt": "2026-12-07T12:00:00.000Z"
     *     }
     */
    PrivacyZone: {
      createdAt: string;
      /** Format: uuid */
      id: string;
      label: string;
      lat: number;
      lon: number;
      radiusM: number;
    };
    /**
     * @example {
     *       "items": [
     *         {
     *           "id": "5b0f3a52-7f0e-4c55-9b7e-2f5f7c1d9a10",
     *           "label": "Home",
     *           "lat": 38.1131,
     *           "lon": 13.3622,
     *           "radiusM": 300,
     *           "createdAt": "2026-12-07T12:00:00.000Z"
     *         }
     *       ]
     *     }
     */
    PrivacyZoneList: {
      items: components['schemas']['PrivacyZone'][];
    };
    /**
     * @example {
     *       "label": "Home",
     *       "lat": 38.1131,
     *       "lon": 13.3622,
     *       "radiusM": 300
     *     }
     */
    PrivacyZoneRequest: {
      /** @description A name the participant chooses ("Home", "Work") */
      label: string;
      lat: number;
      lon: number;
      /** @description 200–1,000 m. Tip: centre it a little away from the door, so a cut line does not point at it */
      radiusM: number;
    };
    Profile: {
      cityId: string | null;
      displayName: string | null;
      /** @description Null for a resident who logs in with a mediator’s card */
      email: string | null;
      /** Format: uuid */
      id: string;
      /**
       * @description The language muvo speaks to the person (e-mails)
       * @enum {string|null}
       */
      language: 'en' | 'fr' | 'it' | 'es' | 'nl' | null;
      merchantId: string | null;
      role: string;
    };
    /**
     * @example {
     *       "language": "fr"
     *     }
     */
    ProfileChange: {
      displayName?: string;
      /**
       * @description The language muvo speaks to the person (e-mails)
       * @enum {string}
       */
      language?: 'en' | 'fr' | 'it' | 'es' | 'nl';
    };
    ProgrammeStats: {
      activeParticipants: number;
      cityId: string;
      co2AvoidedG: number;
      creditedTrips: number;
      distanceMByMode: {
        [key: string]: number;
      };
      from: string;
      pointsIssued: number;
      to: string;
    };
    RefreshRequest: {
      refreshToken: string;
    };
    /**
     * @example {
     *       "email": "ada@example.org",
     *       "password": "correct horse battery",
     *       "displayName": "Ada",
     *       "cityId": "palermo-centro",
     *       "consents": {
     *         "terms": "2026-12-01",
     *         "privacy": "2026-12-01",
     *         "openData": true,
     *         "modelTraining": false
     *       }
     *     }
     */
    RegisterRequest: {
      /** @description The city programme to join; inferred from the first trip when omitted */
      cityId?: string;
      consents: components['schemas']['Consents'];
      displayName?: string;
      /**
       * Format: email
       * @description Login email (case-insensitive)
       */
      email: string;
      /**
       * @description The language muvo speaks to the person (e-mails)
       * @enum {string}
       */
      language?: 'en' | 'fr' | 'it' | 'es' | 'nl';
      password: string;
    };
    /**
     * @example {
     *       "displayName": "Signora Rosa",
     *       "consent": {
     *         "givenBy": "resident",
     *         "method": "signed-form"
     *       }
     *     }
     */
    RegisterResident: {
      consent: {
        /**
         * @description Who agreed
         * @enum {string}
         */
        givenBy: 'resident' | 'legal-representative';
        /**
         * @description How: a signed paper form, or said in person to the mediator
         * @enum {string}
         */
        method: 'signed-form' | 'in-person';
      };
      /** @description Name or pseudonym, as the resident wishes */
      displayName: string;
    };
    RegisterResponse: {
      /** @description Bearer token for the api and voucher services */
      accessToken: string;
      /** @description Lifetime of the access token in seconds */
      expiresIn: number;
      /** Format: uuid */
      participantId: string;
      /** @description Single-use token exchanged at /v1/auth/refresh for a new session */
      refreshToken: string;
      /** @enum {string} */
      tokenType: 'Bearer';
    };
    /**
     * @example {
     *       "reason": "The same trace was uploaded by another account"
     *     }
     */
    RejectReview: {
      reason: string;
    };
    Resident: {
      cityId: string;
      consent: {
        at: string;
        /**
         * @description Who agreed
         * @enum {string}
         */
        givenBy: 'resident' | 'legal-representative';
        /**
         * @description How: a signed paper form, or said in person to the mediator
         * @enum {string}
         */
        method: 'signed-form' | 'in-person';
      };
      displayName: string;
      /** Format: uuid */
      id: string;
      registeredAt: string;
      /** @description The resident now logs in alone; the card no longer works */
      takenOver: boolean;
    };
    ResidentCard: {
      /** @description Printed on the card; shown only this once */
      loginCode: string;
      resident: components['schemas']['Resident'];
    };
    ResidentLoginCode: {
      loginCode: string;
    };
    ResidentWithBalance: {
      balance: number;
      cityId: string;
      consent: {
        at: string;
        /**
         * @description Who agreed
         * @enum {string}
         */
        givenBy: 'resident' | 'legal-representative';
        /**
         * @description How: a signed paper form, or said in person to the mediator
         * @enum {string}
         */
        method: 'signed-form' | 'in-person';
      };
      displayName: string;
      /** Format: uuid */
      id: string;
      registeredAt: string;
      /** @description The resident now logs in alone; the card no longer works */
      takenOver: boolean;
    };
    Review: {
      cityId: string;
      codes: string[];
      createdAt: string;
      decidedAt: string | null;
      decidedBy: string | null;
      decisionNote: string | null;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'flag' | 'dispute';
      legIndex: number | null;
      /** Format: uuid */
      participantId: string;
      participantNote: string | null;
      requestedMode: string | null;
      /** @enum {string} */
      status: 'open' | 'approved' | 'rejected';
      trip: {
        endedAt: string;
        flags: {
          code: string;
          detail: string;
          /**
           * Format: uuid
           * @description The trip overlapped or replayed (operators only)
           */
          relatedTripId?: string;
        }[];
        legs: {
          [key: string]: unknown;
        }[];
        pointsAwarded: number;
        provisionalPoints: number | null;
        startedAt: string;
        status: string;
      };
      /** Format: uuid */
      tripId: string;
    };
    ReviewDetail: {
      cityId: string;
      codes: string[];
      createdAt: string;
      decidedAt: string | null;
      decidedBy: string | null;
      decisionNote: string | null;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'flag' | 'dispute';
      legIndex: number | null;
      participantHistory: {
        codes: string[];
        createdAt: string;
        decidedAt: string | null;
        id: string;
        /** @enum {string} */
        kind: 'flag' | 'dispute';
        /** @enum {string} */
        status: 'open' | 'approved' | 'rejected';
        tripId: string;
      }[];
      /** Format: uuid */
      participantId: string;
      participantNote: string | null;
      requestedMode: string | null;
      /** @enum {string} */
      status: 'open' | 'approved' | 'rejected';
      trace: {
        coordinates: number[][];
        /** @description Epoch ms of each position */
        times: number[];
        /** @enum {string} */
        type: 'LineString';
      };
      trip: {
        endedAt: string;
        flags: {
          code: string;
          detail: string;
          /**
           * Format: uuid
           * @description The trip overlapped or replayed (operators only)
           */
          relatedTripId?: string;
        }[];
        /** @description The trip’s line for the map, without privacy zones and trim */
        geometry: {
          coordinates: number[][];
          /** @enum {string} */
          type: 'LineString';
        } | null;
        legs: {
          [key: string]: unknown;
        }[];
        pointsAwarded: number;
        provisionalPoints: number | null;
        startedAt: string;
        status: string;
      };
      /** Format: uuid */
      tripId: string;
    };
    ReviewPage: {
      items: components['schemas']['Review'][];
    };
    Route: {
      corridorM: number;
      geometry: components['schemas']['LineString'];
      id: string;
      name: string;
    };
    /**
     * @example {
     *       "name": "Via Maqueda",
     *       "corridorM": 150,
     *       "geometry": {
     *         "type": "LineString",
     *         "coordinates": [
     *           [
     *             13.3666,
     *             38.1098
     *           ],
     *           [
     *             13.3574,
     *             38.1203
     *           ]
     *         ]
     *       }
     *     }
     */
    RouteInput: {
      /** @description Width of the corridor on each side of the line, metres */
      corridorM: number;
      geometry: components['schemas']['LineString'];
      name: string;
    };
    /**
     * @example {
     *       "pointsPerKm": {
     *         "walk": 10,
     *         "bike": 6,
     *         "bus": 3.75,
     *         "train": 2.5,
     *         "car": 0
     *       },
     *       "dailyBandKm": {
     *         "walk": 5,
     *         "bike": 8
     *       },
     *       "dailyCap": {
     *         "points": 300,
     *         "trips": 8
     *       },
     *       "multipliers": {
     *         "route": {
     *           "factor": 1.5
     *         },
     *         "peak": {
     *           "factor": 1.1,
     *           "windows": [
     *             {
     *               "from": "07:30",
     *               "to": "09:00",
     *               "days": [
     *                 1,
     *                 2,
     *                 3,
     *                 4,
     *                 5
     *               ]
     *             }
     *           ]
     *         },
     *         "streak": {
     *           "perDay": 0.05,
     *           "maxDays": 10
     *         },
     *         "firstTrip": {
     *           "factor": 2
     *         }
     *       },
     *       "budget": {
     *         "totalPoints": 500000
     *       }
     *     }
     */
    ScoringRules: {
      antiCheat?: {
        actions?: {
          /** @enum {string} */
          DUPLICATE_TRACE?: 'flag' | 'reject' | 'off';
          /** @enum {string} */
          MOCK_LOCATION?: 'flag' | 'reject' | 'off';
          /** @enum {string} */
          OVERLAPPING_TRIP?: 'flag' | 'reject' | 'off';
          /** @enum {string} */
          SYNTHETIC?: 'flag' | 'reject' | 'off';
          /** @enum {string} */
          TELEPORT?: 'flag' | 'reject' | 'off';
          /** @enum {string} */
          TOO_FAST?: 'flag' | 'reject' | 'off';
        };
        maxOverlapS?: number;
        maxSpeedKmh?: {
          bike?: {
            average: number;
            sustained: number;
          };
          bus?: {
            average: number;
            sustained: number;
          };
          car?: {
            average: number;
            sustained: number;
          };
          train?: {
            average: number;
            sustained: number;
          };
          unknown?: {
            average: number;
            sustained: number;
          };
          walk?: {
            average: number;
            sustained: number;
          };
        };
      };
      budget?: {
        /** @enum {string} */
        pacing?: 'daily' | 'none';
        totalPoints: number;
      } | null;
      co2?: {
        carBaselineGPerKm?: number;
        modeGPerKm?: {
          bike?: number;
          bus?: number;
          car?: number;
          train?: number;
          unknown?: number;
          walk?: number;
        };
      };
      dailyBandKm?: {
        bike?: number | null;
        bus?: number | null;
        car?: number | null;
        train?: number | null;
        unknown?: number | null;
        walk?: number | null;
      };
      dailyCap?: {
        points?: number | null;
        trips?: number | null;
      };
      disputeWindowHours?: number;
      earnOutsideCampaigns?: boolean;
      minLegDistanceM?: number;
      minLegDurationS?: number;
      multipliers?: {
        firstTrip?: {
          factor: number;
        } | null;
        peak?: {
          factor: number;
          windows: {
            days?: number[];
            from: string;
            to: string;
          }[];
        } | null;
        route?: {
          factor: number;
          minShare?: number;
        } | null;
        streak?: {
          maxDays: number;
          perDay: number;
        } | null;
      };
      pointsPerKm?: {
        bike?: number;
        bus?: number;
        car?: number;
        train?: number;
        unknown?: number;
        walk?: number;
      };
    };
    SessionResponse: {
      /** @description Bearer token for the api and voucher services */
      accessToken: string;
      /** Format: uuid */
      accountId: string;
      /** @description Lifetime of the access token in seconds */
      expiresIn: number;
      /** @description Single-use token exchanged at /v1/auth/refresh for a new session */
      refreshToken: string;
      role: string;
      /** @enum {string} */
      tokenType: 'Bearer';
    };
    /**
     * @example {
     *       "email": "ada@example.org",
     *       "password": "a long password of mine"
     *     }
     */
    SetLogin: {
      /**
       * Format: email
       * @description Login email (case-insensitive)
       */
      email: string;
      password: string;
    };
    ShopsReached: {
      corridorM: number;
      routeId: string;
      shops: {
        distanceM: number;
        id: string;
        name: string;
        status: string;
      }[];
    };
    Suspension: {
      participantId: string;
      suspendedAt: string | null;
      suspensionReason: string | null;
    };
    SuspensionRequest: {
      reason: string;
    };
    Team: {
      id: string;
      /** @enum {string} */
      kind: 'team' | 'neighbourhood';
      name: string;
    };
    /**
     * @example {
     *       "id": "0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10",
     *       "status": "scored",
     *       "sourceFormat": "gpx",
     *       "startedAt": "2026-11-22T08:00:00.000Z",
     *       "endedAt": "2026-11-22T08:19:40.000Z",
     *       "receivedAt": "2026-11-22T08:20:03.412Z",
     *       "finishedAt": "2026-11-22T08:20:03.412Z",
     *       "scoredAt": "2026-11-22T08:20:04.020Z",
     *       "pointCount": 1181,
     *       "distanceM": 1460,
     *       "legs": [
     *         {
     *           "mode": "walk",
     *           "confidence": 0.93,
     *           "startedAt": "2026-11-22T08:00:00.000Z",
     *           "endedAt": "2026-11-22T08:19:40.000Z",
     *           "distanceM": 1460,
     *           "durationS": 1180
     *         }
     *       ],
     *       "pointsAwarded": 15,
     *       "receipt": {
     *         "totalPoints": 15
     *       },
     *       "flags": [],
     *       "fixesExpiredAt": null,
     *       "geometry": {
     *         "type": "LineString",
     *         "coordinates": [
     *           [
     *             13.3666,
     *             38.1098
     *           ],
     *           [
     *             13.3617,
     *             38.1157
     *           ],
     *           [
     *             13.3574,
     *             38.1203
     *           ]
     *         ]
     *       }
     *     }
     */
    Trip: {
      distanceM: number | null;
      endedAt: string;
      finishedAt: string | null;
      /** @description When the raw fixes were deleted under the city’s retention period (the geometry is then the kept ~100 m line, or null) */
      fixesExpiredAt: string | null;
      flags: string[];
      /** @description The cleaned and simplified trace for the map: `[lon, lat]`, at most 1,000 vertices; after retention, the ~100 m line kept outside privacy zones (null if the city keeps none) */
      geometry: {
        coordinates: number[][];
        /** @enum {string} */
        type: 'LineString';
      } | null;
      /** Format: uuid */
      id: string;
      legs: {
        confidence: number;
        distanceM: number;
        durationS: number;
        endedAt: string;
        /** @enum {string} */
        mode: 'walk' | 'bike' | 'bus' | 'train' | 'car' | 'unknown';
        startedAt: string;
      }[];
      pointCount: number;
      pointsAwarded: number;
      /** @description Why the trip earned what it earned */
      receipt: {
        [key: string]: unknown;
      } | null;
      receivedAt: string;
      scoredAt: string | null;
      /** @description json, geojson, gpx, kml or live */
      sourceFormat: string;
      startedAt: string;
      /**
       * @description `receiving` while a live trip is open
       * @enum {string}
       */
      status: 'receiving' | 'queued' | 'processing' | 'scored' | 'flagged' | 'rejected';
    };
    /**
     * @example {
     *       "tripId": "0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10",
     *       "status": "queued"
     *     }
     */
    TripAccepted: {
      /** @enum {string} */
      status: 'receiving' | 'queued' | 'processing' | 'scored' | 'flagged' | 'rejected';
      /** Format: uuid */
      tripId: string;
    };
    /**
     * @example {
     *       "items": [
     *         {
     *           "id": "0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10",
     *           "status": "scored",
     *           "sourceFormat": "gpx",
     *           "startedAt": "2026-11-22T08:00:00.000Z",
     *           "endedAt": "2026-11-22T08:19:40.000Z",
     *           "receivedAt": "2026-11-22T08:20:03.412Z",
     *           "finishedAt": "2026-11-22T08:20:03.412Z",
     *           "scoredAt": "2026-11-22T08:20:04.020Z",
     *           "pointCount": 1181,
     *           "distanceM": 1460,
     *           "legs": [
     *             {
     *               "mode": "walk",
     *               "confidence": 0.93,
     *               "startedAt": "2026-11-22T08:00:00.000Z",
     *               "endedAt": "2026-11-22T08:19:40.000Z",
     *               "distanceM": 1460,
     *               "durationS": 1180
     *             }
     *           ],
     *           "pointsAwarded": 15,
     *           "receipt": {
     *             "totalPoints": 15
     *           },
     *           "flags": []
     *         }
     *       ],
     *       "nextCursor": "MjAyNi0xMS0yMlQwODowMDowMC4wMDBafDBiNmY1YTRl"
     *     }
     */
    TripPage: {
      items: components['schemas']['TripSummary'][];
      nextCursor: string | null;
    };
    /**
     * @example {
     *       "id": "0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10",
     *       "status": "scored",
     *       "sourceFormat": "gpx",
     *       "startedAt": "2026-11-22T08:00:00.000Z",
     *       "endedAt": "2026-11-22T08:19:40.000Z",
     *       "receivedAt": "2026-11-22T08:20:03.412Z",
     *       "finishedAt": "2026-11-22T08:20:03.412Z",
     *       "scoredAt": "2026-11-22T08:20:04.020Z",
     *       "pointCount": 1181,
     *       "distanceM": 1460,
     *       "legs": [
     *         {
     *           "mode": "walk",
     *           "confidence": 0.93,
     *           "startedAt": "2026-11-22T08:00:00.000Z",
     *           "endedAt": "2026-11-22T08:19:40.000Z",
     *           "distanceM": 1460,
     *           "durationS": 1180
     *         }
     *       ],
     *       "pointsAwarded": 15,
     *       "receipt": {
     *         "totalPoints": 15
     *       },
     *       "flags": []
     *     }
     */
    TripSummary: {
      distanceM: number | null;
      endedAt: string;
      finishedAt: string | null;
      flags: string[];
      /** Format: uuid */
      id: string;
      legs: {
        confidence: number;
        distanceM: number;
        durationS: number;
        endedAt: string;
        /** @enum {string} */
        mode: 'walk' | 'bike' | 'bus' | 'train' | 'car' | 'unknown';
        startedAt: string;
      }[];
      pointCount: number;
      pointsAwarded: number;
      /** @description Why the trip earned what it earned */
      receipt: {
        [key: string]: unknown;
      } | null;
      receivedAt: string;
      scoredAt: string | null;
      /** @description json, geojson, gpx, kml or live */
      sourceFormat: string;
      startedAt: string;
      /**
       * @description `receiving` while a live trip is open
       * @enum {string}
       */
      status: 'receiving' | 'queued' | 'processing' | 'scored' | 'flagged' | 'rejected';
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  AdminRulesController_audit: {
    parameters: {
      query?: {
        /** @description An action (`route.created`), or a prefix ending in "." (`route.`) */
        action?: string;
        /** @description Only what this account did */
        actor?: string;
        /** @description Page: entries older than this id (`nextBefore`) */
        before?: number;
        /** @description Admins only: the city to act on (operators always act on their own city) */
        cityId?: string;
        from?: string;
        limit?: number;
        /** @description `kind:id`, e.g. `participant:<id>` or `route:<city>/<id>` */
        subject?: string;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditTrail'];
        };
      };
    };
  };
  AdminBacktestsController_run: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BacktestRequest'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Backtest'];
        };
      };
      /** @description VALIDATION_FAILED (rules as PUT /v1/admin/rules), INVALID_PERIOD */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description CITY_FORBIDDEN: an operator named another city */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminRulesController_campaigns: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators always act on their own city) */
        cityId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignList'];
        };
      };
    };
  };
  AdminRulesController_putCampaign: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators always act on their own city) */
        cityId?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CampaignUpsert'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminKpisController_get: {
    parameters: {
      query: {
        bucket?: 'day' | 'week';
        campaignId?: string;
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
        from: string;
        routeId?: string;
        teamId?: string;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Kpis'];
        };
      };
      /** @description VALIDATION_FAILED, KPI_ONE_FILTER, INVALID_PERIOD, PERIOD_TOO_LONG */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description CAMPAIGN_NOT_FOUND, ROUTE_NOT_FOUND, TEAM_NOT_FOUND: the filter names none of the city’s own */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminKpisController_csv: {
    parameters: {
      query: {
        bucket?: 'day' | 'week';
        campaignId?: string;
        chart:
          | 'activeParticipants'
          | 'newParticipants'
          | 'returningParticipants'
          | 'trips'
          | 'km'
          | 'co2AvoidedKg'
          | 'pointsIssued'
          | 'pointsSpent'
          | 'redemptions'
          | 'redemptionValueCents'
          | 'tripsOnRoutesShare'
          | 'shops'
          | 'campaigns';
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
        from: string;
        routeId?: string;
        teamId?: string;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description date,<value> (or date,<mode>… for trips and km) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminMapController_cityMap: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CityMap'];
        };
      };
    };
  };
  AdminMediatorsController_grant: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators always act on their own city) */
        cityId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['GrantMediator'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GrantedMediator'];
        };
      };
      /** @description ACCOUNT_CONFLICT: the email has another role or city */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminKpisController_cellsCsv: {
    parameters: {
      query: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
        from: string;
        /** @description Minimum distinct participants per published row; at least the city’s (default 10) */
        k?: number;
        /** @description H3 resolution (8: cells of ~0.7 km²) */
        resolution?: number;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description cell,hourBand,mode,trips,km,participants */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description K_TOO_SMALL, INVALID_PERIOD, VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminKpisController_cellsGeoJson: {
    parameters: {
      query: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
        from: string;
        /** @description Minimum distinct participants per published row; at least the city’s (default 10) */
        k?: number;
        /** @description H3 resolution (8: cells of ~0.7 km²) */
        resolution?: number;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminKpisController_flowsCsv: {
    parameters: {
      query: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
        from: string;
        /** @description Minimum distinct participants per published row; at least the city’s (default 10) */
        k?: number;
        /** @description H3 resolution (8: cells of ~0.7 km²) */
        resolution?: number;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description origin,destination,mode,trips,km,participants */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminKpisController_flowsGeoJson: {
    parameters: {
      query: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
        from: string;
        /** @description Minimum distinct participants per published row; at least the city’s (default 10) */
        k?: number;
        /** @description H3 resolution (8: cells of ~0.7 km²) */
        resolution?: number;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminParticipantsController_search: {
    parameters: {
      query: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
        /** @description E-mail, name or trip id */
        q: string;
        /** @description Why you look (kept in the audit log; the participant can read it) */
        reason: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ParticipantList'];
        };
      };
      /** @description VALIDATION_FAILED (a reason is required) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminParticipantsController_detail: {
    parameters: {
      query: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
        reason: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ParticipantDetail'];
        };
      };
      /** @description PARTICIPANT_NOT_FOUND (also another city’s) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminErasureController_erase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EraseParticipant'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErasureStatus'];
        };
      };
      /** @description PARTICIPANT_NOT_FOUND (also for another city’s participant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminParticipantsController_suspend: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SuspensionRequest'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Suspension'];
        };
      };
      /** @description PARTICIPANT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminParticipantsController_unsuspend: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SuspensionRequest'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Suspension'];
        };
      };
      /** @description PARTICIPANT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminReviewsController_list: {
    parameters: {
      query?: {
        /** @description Page: reviews created before this instant */
        before?: string;
        kind?: 'flag' | 'dispute';
        limit?: number;
        status?: 'open' | 'approved' | 'rejected';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReviewPage'];
        };
      };
    };
  };
  AdminReviewsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReviewDetail'];
        };
      };
      /** @description REVIEW_NOT_FOUND (also for another city’s review) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminReviewsController_approve: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApproveReview'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description REVIEW_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description REVIEW_ALREADY_DECIDED, TRIP_STATE_CHANGED, INSUFFICIENT_POINTS */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminReviewsController_reject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RejectReview'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description VALIDATION_FAILED (a reason is required) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description REVIEW_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description REVIEW_ALREADY_DECIDED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminReviewsController_bulk: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkReview'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkReviewOutcome'];
        };
      };
      /** @description VALIDATION_FAILED (1–100 distinct ids; a note to reject) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminMapController_create: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RouteInput'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Route'];
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminMapController_update: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RouteInput'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Route'];
        };
      };
      /** @description ROUTE_NOT_FOUND (also another city’s) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminMapController_remove: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description ROUTE_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminMapController_shops: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
        /** @description Try another width (default: the route’s own) */
        corridorM?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShopsReached'];
        };
      };
      /** @description ROUTE_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminMapController_import: {
    parameters: {
      query: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
        corridorM?: number;
        name: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description The route file as the body; name and corridor width in the query. */
    requestBody: {
      content: {
        /**
         * @example {
         *       "type": "LineString",
         *       "coordinates": [
         *         [
         *           13.3666,
         *           38.1098
         *         ],
         *         [
         *           13.3574,
         *           38.1203
         *         ]
         *       ]
         *     }
         */
        'application/geo+json': Record<string, never>;
        /** @example <gpx version="1.1"><rte><rtept lat="38.1098" lon="13.3666"/><rtept lat="38.1203" lon="13.3574"/></rte></gpx> */
        'application/gpx+xml': string;
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Route'];
        };
      };
      /** @description INVALID_ROUTE_FILE, VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another content type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminRulesController_getRules: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators always act on their own city) */
        cityId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CityRules'];
        };
      };
    };
  };
  AdminRulesController_putRules: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators always act on their own city) */
        cityId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ScoringRules'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CityRules'];
        };
      };
      /** @description VALIDATION_FAILED with every problem listed in `issues` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminScoringController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FailedScoringList'];
        };
      };
    };
  };
  AdminScoringController_retry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        tripId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FailedScoring'];
        };
      };
      /** @description FAILED_JOB_NOT_FOUND (also for another city’s trip) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AdminRulesController_stats: {
    parameters: {
      query: {
        /** @description Admins only: the city to act on (operators always act on their own city) */
        cityId?: string;
        from: string;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProgrammeStats'];
        };
      };
    };
  };
  AdminKpisController_teams: {
    parameters: {
      query?: {
        /** @description Admins only: the city to act on (operators act on their own) */
        cityId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CityTeams'];
        };
      };
    };
  };
  AdminTripsController_get: {
    parameters: {
      query: {
        /** @description Why the operator looks at this personal data: written to the audit log, shown to the participant */
        reason: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperatorTrip'];
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "code": "VALIDATION_FAILED",
           *       "message": "reason: say why you look at this person’s data"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description TRIP_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "TRIP_NOT_FOUND",
           *       "message": "no trip … (also for another city’s trip)"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  AuthController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginRequest'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionResponse'];
        };
      };
      /** @description INVALID_CREDENTIALS */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description TOO_MANY_LOGIN_ATTEMPTS with retryAfterS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_loginWithCode: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginCodeRequest'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionResponse'];
        };
      };
      /** @description LOGIN_CODE_INVALID */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description TOO_MANY_LOGIN_ATTEMPTS with retryAfterS (counted per client address) */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_requestPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetRequest'];
      };
    };
    responses: {
      /** @description If the email has an account, a link is on its way */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description TOO_MANY_RESET_REQUESTS with retryAfterS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_confirmPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetConfirm'];
      };
    };
    responses: {
      /** @description Password changed; log in with it */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description RESET_TOKEN_INVALID, PASSWORD_TOO_COMMON, VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshRequest'];
      };
    };
    responses: {
      /** @description REFRESH_TOKEN_INVALID */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuthController_register: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterRequest'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RegisterResponse'];
        };
      };
      /** @description VALIDATION_FAILED, PASSWORD_TOO_COMMON, UNKNOWN_CITY, CONSENT_VERSION_OUTDATED (with `current` versions) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description EMAIL_TAKEN */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description TOO_MANY_REGISTRATIONS with retryAfterS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  LeaderboardsController_cities: {
    parameters: {
      query?: {
        campaignId?: string;
        /** @description Default: the caller’s city */
        cityId?: string;
        limit?: number;
        /** @description ISO week (default: the current week); ignored when campaignId is given */
        week?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Leaderboard'];
        };
      };
    };
  };
  LeaderboardsController_individual: {
    parameters: {
      query?: {
        campaignId?: string;
        /** @description Default: the caller’s city */
        cityId?: string;
        limit?: number;
        /** @description ISO week (default: the current week); ignored when campaignId is given */
        week?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Leaderboard'];
        };
      };
    };
  };
  LeaderboardsController_team: {
    parameters: {
      query?: {
        campaignId?: string;
        /** @description Default: the caller’s city */
        cityId?: string;
        limit?: number;
        /** @description ISO week (default: the current week); ignored when campaignId is given */
        week?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Leaderboard'];
        };
      };
    };
  };
  LegalController_legal: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Legal'];
        };
      };
    };
  };
  MeController_profile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Profile'];
        };
      };
    };
  };
  PrivacyRightsController_erase: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EraseMyAccount'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErasureStatus'];
        };
      };
      /** @description INVALID_CREDENTIALS (wrong password) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MeController_change: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ProfileChange'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Profile'];
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AchievementsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Achievements'];
        };
      };
    };
  };
  MeController_balance: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Balance'];
        };
      };
    };
  };
  PointsController_city: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MyCity'];
        };
      };
    };
  };
  PrivacyRightsController_getConsents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsentOverview'];
        };
      };
    };
  };
  PrivacyRightsController_putConsents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Consents'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsentOverview'];
        };
      };
      /** @description CONSENT_VERSION_OUTDATED (with `current` versions) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MeDataAccessController_dataAccess: {
    parameters: {
      query?: {
        /** @description Page: entries older than this one (`nextBefore`) */
        before?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DataAccessLog'];
        };
      };
    };
  };
  PrivacyRightsController_export: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The archive, as an attachment */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PointsController_ledger: {
    parameters: {
      query?: {
        /** @description `nextCursor` of the previous page: entries older than it */
        before?: string;
        /** @description Page size, 1–100 */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LedgerPage'];
        };
      };
      /** @description INVALID_CURSOR, VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "code": "INVALID_CURSOR",
           *       "message": "the cursor is not one this API returned"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  MeController_takeOver: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetLogin'];
      };
    };
    responses: {
      /** @description PASSWORD_TOO_COMMON, VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description ALREADY_HAS_LOGIN, EMAIL_TAKEN */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OpenpathTokenController_issue: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OpenpathLoginToken'];
        };
      };
      /** @description OPENPATH_CITY_REQUIRED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "code": "OPENPATH_CITY_REQUIRED",
           *       "message": "join a city before asking for one"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  PrivacyZonesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PrivacyZoneList'];
        };
      };
    };
  };
  PrivacyZonesController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PrivacyZoneRequest'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PrivacyZone'];
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "code": "VALIDATION_FAILED",
           *       "message": "radiusM: Too small: expected number to be >=200"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description PRIVACY_ZONE_LIMIT */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "code": "PRIVACY_ZONE_LIMIT",
           *       "message": "at most 10 privacy zones; delete one before adding another"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  PrivacyZonesController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description PRIVACY_ZONE_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "PRIVACY_ZONE_NOT_FOUND",
           *       "message": "no privacy zone 5b0f3a52-…"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  AchievementsController_team: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            available: components['schemas']['Team'][];
            team: components['schemas']['Team'] | null;
          };
        };
      };
    };
  };
  AchievementsController_join: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['JoinTeam'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Team'];
        };
      };
      /** @description TEAM_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NO_CITY */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AchievementsController_leave: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MediatorController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Resident'][];
        };
      };
    };
  };
  MediatorController_register: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterResident'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResidentCard'];
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "code": "VALIDATION_FAILED",
           *       "message": "consent.method: Invalid option"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  MediatorController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResidentWithBalance'];
        };
      };
      /** @description RESIDENT_NOT_FOUND (also another mediator’s resident, or another city’s) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "TRIP_NOT_FOUND",
           *       "message": "no trip 0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  MediatorController_newCard: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResidentLoginCode'];
        };
      };
      /** @description RESIDENT_NOT_FOUND (also another mediator’s resident, or another city’s) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "TRIP_NOT_FOUND",
           *       "message": "no trip 0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description ALREADY_HAS_LOGIN */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "code": "ALREADY_HAS_LOGIN",
           *       "message": "the resident now logs in with an email and password"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  MediatorController_trips: {
    parameters: {
      query?: {
        /** @description `nextCursor` of the previous page */
        cursor?: string;
        /** @description Page size, 1–100 */
        limit?: number;
        /** @description Only trips in this status */
        status?: 'receiving' | 'queued' | 'processing' | 'scored' | 'flagged' | 'rejected';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TripPage'];
        };
      };
      /** @description RESIDENT_NOT_FOUND (also another mediator’s resident, or another city’s) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "TRIP_NOT_FOUND",
           *       "message": "no trip 0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  MediatorController_upload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description A trace as JSON points, GeoJSON (LineString/MultiLineString with `coordinateProperties.times` or `coordTimes`, or timestamped Point features), GPX 1.0/1.1 (tracks, segments, timed routes; one trip), KML (`gx:Track`) or Garmin TCX (laps joined). The format is recognised from the content, so generic types (`application/xml`, `text/xml`, `application/octet-stream`, `application/json` holding GeoJSON) work too, and so does a form with one file (`multipart/form-data`, as from a browser file input). `Content-Encoding: gzip|deflate|br` is accepted. Fixes without a time are dropped; repeated timestamps are folded. */
    requestBody: {
      content: {
        /**
         * @example {
         *       "type": "Feature",
         *       "properties": {
         *         "coordinateProperties": {
         *           "times": [
         *             "2026-11-22T08:00:00Z",
         *             "2026-11-22T08:03:10Z"
         *           ]
         *         }
         *       },
         *       "geometry": {
         *         "type": "LineString",
         *         "coordinates": [
         *           [
         *             13.3617,
         *             38.1157
         *           ],
         *           [
         *             13.3601,
         *             38.1176
         *           ]
         *         ]
         *       }
         *     }
         */
        'application/geo+json': Record<string, never>;
        /**
         * @example <?xml version="1.0" encoding="UTF-8"?>
         *     <gpx version="1.1" creator="phone" xmlns="http://www.topografix.com/GPX/1/1">
         *       <trk><trkseg>
         *         <trkpt lat="38.1157" lon="13.3617"><ele>20</ele><time>2026-11-22T08:00:00Z</time></trkpt>
         *         <trkpt lat="38.1176" lon="13.3601"><ele>22</ele><time>2026-11-22T08:03:10Z</time></trkpt>
         *       </trkseg></trk>
         *     </gpx>
         */
        'application/gpx+xml': string;
        /**
         * @example {
         *       "points": [
         *         {
         *           "lat": 38.1157,
         *           "lon": 13.3617,
         *           "ts": "2026-11-22T08:00:00Z",
         *           "accuracy": 5
         *         },
         *         {
         *           "lat": 38.1176,
         *           "lon": 13.3601,
         *           "ts": "2026-11-22T08:03:10Z",
         *           "accuracy": 6
         *         }
         *       ]
         *     }
         */
        'application/json': {
          /** @description The app saw a mock location provider (Android) */
          mockLocation?: boolean;
          /** @description Fixes in any order; repeated timestamps are folded */
          points: {
            /** @description Horizontal accuracy radius, metres */
            accuracy?: number;
            /** @description Metres */
            altitude?: number;
            /** @description Latitude, WGS84 degrees */
            lat: number;
            /** @description Longitude, WGS84 degrees (`lng` is accepted too) */
            lon: number;
            /** @description Device speed, m/s */
            speed?: number;
            /** @description ISO 8601 date-time (UTC when it has no offset) or epoch milliseconds (values below 1e11: seconds) */
            ts: string | number;
          }[];
        };
        /**
         * @example <?xml version="1.0" encoding="UTF-8"?>
         *     <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
         *       <Activities><Activity Sport="Biking"><Id>2026-11-22T08:00:00Z</Id>
         *         <Lap StartTime="2026-11-22T08:00:00Z"><Track>
         *           <Trackpoint><Time>2026-11-22T08:00:00Z</Time><Position><LatitudeDegrees>38.1157</LatitudeDegrees><LongitudeDegrees>13.3617</LongitudeDegrees></Position></Trackpoint>
         *           <Trackpoint><Time>2026-11-22T08:03:10Z</Time><Position><LatitudeDegrees>38.1176</LatitudeDegrees><LongitudeDegrees>13.3601</LongitudeDegrees></Position></Trackpoint>
         *         </Track></Lap>
         *       </Activity></Activities>
         *     </TrainingCenterDatabase>
         */
        'application/vnd.garmin.tcx+xml': string;
        /**
         * @example <?xml version="1.0" encoding="UTF-8"?>
         *     <kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
         *       <Placemark><gx:Track>
         *         <when>2026-11-22T08:00:00Z</when><when>2026-11-22T08:03:10Z</when>
         *         <gx:coord>13.3617 38.1157 20</gx:coord><gx:coord>13.3601 38.1176 22</gx:coord>
         *       </gx:Track></Placemark>
         *     </kml>
         */
        'application/vnd.google-earth.kml+xml': string;
        'multipart/form-data': {
          /**
           * Format: binary
           * @description one trace file, any of the formats above
           */
          file: string;
        };
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TripAccepted'];
        };
      };
      /** @description INVALID_COORDINATES, MALFORMED_JSON, MALFORMED_TRACE, INVALID_TRACE_FILE, UNSAFE_XML, NO_TRACK, INVALID_TIMESTAMP, TIMESTAMP_IN_FUTURE, TIMESTAMP_TOO_OLD, TOO_FEW_POINTS, INVALID_POINT_VALUE, EMPTY_BODY, MALFORMED_BODY, INVALID_IDEMPOTENCY_KEY */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "code": "INVALID_COORDINATES",
           *       "message": "point 3: lat must be a number within [-90, 90] and lon within [-180, 180]"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description RESIDENT_NOT_FOUND (also another mediator’s resident, or another city’s) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "TRIP_NOT_FOUND",
           *       "message": "no trip 0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description TOO_MANY_POINTS, PAYLOAD_TOO_LARGE, TRACE_TOO_COMPLEX */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "code": "TOO_MANY_POINTS",
           *       "message": "a trip may have at most 100000 points, got 250000"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_TRACE_FORMAT, UNSUPPORTED_CONTENT_ENCODING */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "code": "UNSUPPORTED_MEDIA_TYPE",
           *       "message": "the XML document is not GPX, KML or TCX; send JSON points, GeoJSON, GPX 1.0/1.1, KML or TCX"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description RATE_LIMITED */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "code": "RATE_LIMITED",
           *       "message": "too many requests; retry in 12 s"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  MediatorController_trip: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        tripId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Trip'];
        };
      };
      /** @description RESIDENT_NOT_FOUND, TRIP_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "TRIP_NOT_FOUND",
           *       "message": "no trip 0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  TripsController_list: {
    parameters: {
      query?: {
        /** @description `nextCursor` of the previous page */
        cursor?: string;
        /** @description Page size, 1–100 */
        limit?: number;
        /** @description Only trips in this status */
        status?: 'receiving' | 'queued' | 'processing' | 'scored' | 'flagged' | 'rejected';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TripPage'];
        };
      };
      /** @description INVALID_CURSOR, VALIDATION_FAILED */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "code": "INVALID_CURSOR",
           *       "message": "the cursor is not one this API returned"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  TripsController_upload: {
    parameters: {
      query?: never;
      header: {
        'idempotency-key': string;
        /** @description Up to 200 printable ASCII characters. The same key with the same trace answers the original trip (`Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED. Keys are kept as long as the trip. */
        'Idempotency-Key'?: string;
        'x-mock-location': string;
        /** @description `true` when the app saw a mock location provider (also `mockLocation: true` in a JSON body) */
        'X-Mock-Location'?: string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description A trace as JSON points, GeoJSON (LineString/MultiLineString with `coordinateProperties.times` or `coordTimes`, or timestamped Point features), GPX 1.0/1.1 (tracks, segments, timed routes; one trip), KML (`gx:Track`) or Garmin TCX (laps joined). The format is recognised from the content, so generic types (`application/xml`, `text/xml`, `application/octet-stream`, `application/json` holding GeoJSON) work too, and so does a form with one file (`multipart/form-data`, as from a browser file input). `Content-Encoding: gzip|deflate|br` is accepted. Fixes without a time are dropped; repeated timestamps are folded. */
    requestBody: {
      content: {
        /**
         * @example {
         *       "type": "Feature",
         *       "properties": {
         *         "coordinateProperties": {
         *           "times": [
         *             "2026-11-22T08:00:00Z",
         *             "2026-11-22T08:03:10Z"
         *           ]
         *         }
         *       },
         *       "geometry": {
         *         "type": "LineString",
         *         "coordinates": [
         *           [
         *             13.3617,
         *             38.1157
         *           ],
         *           [
         *             13.3601,
         *             38.1176
         *           ]
         *         ]
         *       }
         *     }
         */
        'application/geo+json': Record<string, never>;
        /**
         * @example <?xml version="1.0" encoding="UTF-8"?>
         *     <gpx version="1.1" creator="phone" xmlns="http://www.topografix.com/GPX/1/1">
         *       <trk><trkseg>
         *         <trkpt lat="38.1157" lon="13.3617"><ele>20</ele><time>2026-11-22T08:00:00Z</time></trkpt>
         *         <trkpt lat="38.1176" lon="13.3601"><ele>22</ele><time>2026-11-22T08:03:10Z</time></trkpt>
         *       </trkseg></trk>
         *     </gpx>
         */
        'application/gpx+xml': string;
        /**
         * @example {
         *       "points": [
         *         {
         *           "lat": 38.1157,
         *           "lon": 13.3617,
         *           "ts": "2026-11-22T08:00:00Z",
         *           "accuracy": 5
         *         },
         *         {
         *           "lat": 38.1176,
         *           "lon": 13.3601,
         *           "ts": "2026-11-22T08:03:10Z",
         *           "accuracy": 6
         *         }
         *       ]
         *     }
         */
        'application/json': {
          /** @description The app saw a mock location provider (Android) */
          mockLocation?: boolean;
          /** @description Fixes in any order; repeated timestamps are folded */
          points: {
            /** @description Horizontal accuracy radius, metres */
            accuracy?: number;
            /** @description Metres */
            altitude?: number;
            /** @description Latitude, WGS84 degrees */
            lat: number;
            /** @description Longitude, WGS84 degrees (`lng` is accepted too) */
            lon: number;
            /** @description Device speed, m/s */
            speed?: number;
            /** @description ISO 8601 date-time (UTC when it has no offset) or epoch milliseconds (values below 1e11: seconds) */
            ts: string | number;
          }[];
        };
        /**
         * @example <?xml version="1.0" encoding="UTF-8"?>
         *     <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
         *       <Activities><Activity Sport="Biking"><Id>2026-11-22T08:00:00Z</Id>
         *         <Lap StartTime="2026-11-22T08:00:00Z"><Track>
         *           <Trackpoint><Time>2026-11-22T08:00:00Z</Time><Position><LatitudeDegrees>38.1157</LatitudeDegrees><LongitudeDegrees>13.3617</LongitudeDegrees></Position></Trackpoint>
         *           <Trackpoint><Time>2026-11-22T08:03:10Z</Time><Position><LatitudeDegrees>38.1176</LatitudeDegrees><LongitudeDegrees>13.3601</LongitudeDegrees></Position></Trackpoint>
         *         </Track></Lap>
         *       </Activity></Activities>
         *     </TrainingCenterDatabase>
         */
        'application/vnd.garmin.tcx+xml': string;
        /**
         * @example <?xml version="1.0" encoding="UTF-8"?>
         *     <kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
         *       <Placemark><gx:Track>
         *         <when>2026-11-22T08:00:00Z</when><when>2026-11-22T08:03:10Z</when>
         *         <gx:coord>13.3617 38.1157 20</gx:coord><gx:coord>13.3601 38.1176 22</gx:coord>
         *       </gx:Track></Placemark>
         *     </kml>
         */
        'application/vnd.google-earth.kml+xml': string;
        'multipart/form-data': {
          /**
           * Format: binary
           * @description one trace file, any of the formats above
           */
          file: string;
        };
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TripAccepted'];
        };
      };
      /** @description INVALID_COORDINATES, MALFORMED_JSON, MALFORMED_TRACE, INVALID_TRACE_FILE, UNSAFE_XML, NO_TRACK, INVALID_TIMESTAMP, TIMESTAMP_IN_FUTURE, TIMESTAMP_TOO_OLD, TOO_FEW_POINTS, INVALID_POINT_VALUE, EMPTY_BODY, MALFORMED_BODY, INVALID_IDEMPOTENCY_KEY */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "code": "INVALID_COORDINATES",
           *       "message": "point 3: lat must be a number within [-90, 90] and lon within [-180, 180]"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description TOO_MANY_POINTS, PAYLOAD_TOO_LARGE, TRACE_TOO_COMPLEX */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "code": "TOO_MANY_POINTS",
           *       "message": "a trip may have at most 100000 points, got 250000"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_TRACE_FORMAT, UNSUPPORTED_CONTENT_ENCODING */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "code": "UNSUPPORTED_MEDIA_TYPE",
           *       "message": "the XML document is not GPX, KML or TCX; send JSON points, GeoJSON, GPX 1.0/1.1, KML or TCX"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "code": "IDEMPOTENCY_KEY_REUSED",
           *       "message": "this Idempotency-Key was already used with a different request body"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description RATE_LIMITED */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "code": "RATE_LIMITED",
           *       "message": "too many requests; retry in 12 s"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  TripsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Trip'];
        };
      };
      /** @description TRIP_NOT_FOUND (also for other people’s trips) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "TRIP_NOT_FOUND",
           *       "message": "no trip 0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  LiveTripsController_chunk: {
    parameters: {
      query?: never;
      header: {
        'x-mock-location': string;
        /** @description `true` when a mock location provider was seen */
        'X-Mock-Location'?: string;
      };
      path: {
        id: string;
        /** @description Chunk sequence number */
        seq: number;
      };
      cookie?: never;
    };
    /** @description A trace as JSON points, GeoJSON (LineString/MultiLineString with `coordinateProperties.times` or `coordTimes`, or timestamped Point features), GPX 1.0/1.1 (tracks, segments, timed routes; one trip), KML (`gx:Track`) or Garmin TCX (laps joined). The format is recognised from the content, so generic types (`application/xml`, `text/xml`, `application/octet-stream`, `application/json` holding GeoJSON) work too, and so does a form with one file (`multipart/form-data`, as from a browser file input). `Content-Encoding: gzip|deflate|br` is accepted. Fixes without a time are dropped; repeated timestamps are folded. */
    requestBody: {
      content: {
        /**
         * @example {
         *       "type": "Feature",
         *       "properties": {
         *         "coordinateProperties": {
         *           "times": [
         *             "2026-11-22T08:00:00Z",
         *             "2026-11-22T08:03:10Z"
         *           ]
         *         }
         *       },
         *       "geometry": {
         *         "type": "LineString",
         *         "coordinates": [
         *           [
         *             13.3617,
         *             38.1157
         *           ],
         *           [
         *             13.3601,
         *             38.1176
         *           ]
         *         ]
         *       }
         *     }
         */
        'application/geo+json': Record<string, never>;
        /**
         * @example <?xml version="1.0" encoding="UTF-8"?>
         *     <gpx version="1.1" creator="phone" xmlns="http://www.topografix.com/GPX/1/1">
         *       <trk><trkseg>
         *         <trkpt lat="38.1157" lon="13.3617"><ele>20</ele><time>2026-11-22T08:00:00Z</time></trkpt>
         *         <trkpt lat="38.1176" lon="13.3601"><ele>22</ele><time>2026-11-22T08:03:10Z</time></trkpt>
         *       </trkseg></trk>
         *     </gpx>
         */
        'application/gpx+xml': string;
        /**
         * @example {
         *       "points": [
         *         {
         *           "lat": 38.1157,
         *           "lon": 13.3617,
         *           "ts": "2026-11-22T08:00:00Z",
         *           "accuracy": 5
         *         },
         *         {
         *           "lat": 38.1176,
         *           "lon": 13.3601,
         *           "ts": "2026-11-22T08:03:10Z",
         *           "accuracy": 6
         *         }
         *       ]
         *     }
         */
        'application/json': {
          /** @description The app saw a mock location provider (Android) */
          mockLocation?: boolean;
          /** @description Fixes in any order; repeated timestamps are folded */
          points: {
            /** @description Horizontal accuracy radius, metres */
            accuracy?: number;
            /** @description Metres */
            altitude?: number;
            /** @description Latitude, WGS84 degrees */
            lat: number;
            /** @description Longitude, WGS84 degrees (`lng` is accepted too) */
            lon: number;
            /** @description Device speed, m/s */
            speed?: number;
            /** @description ISO 8601 date-time (UTC when it has no offset) or epoch milliseconds (values below 1e11: seconds) */
            ts: string | number;
          }[];
        };
        /**
         * @example <?xml version="1.0" encoding="UTF-8"?>
         *     <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
         *       <Activities><Activity Sport="Biking"><Id>2026-11-22T08:00:00Z</Id>
         *         <Lap StartTime="2026-11-22T08:00:00Z"><Track>
         *           <Trackpoint><Time>2026-11-22T08:00:00Z</Time><Position><LatitudeDegrees>38.1157</LatitudeDegrees><LongitudeDegrees>13.3617</LongitudeDegrees></Position></Trackpoint>
         *           <Trackpoint><Time>2026-11-22T08:03:10Z</Time><Position><LatitudeDegrees>38.1176</LatitudeDegrees><LongitudeDegrees>13.3601</LongitudeDegrees></Position></Trackpoint>
         *         </Track></Lap>
         *       </Activity></Activities>
         *     </TrainingCenterDatabase>
         */
        'application/vnd.garmin.tcx+xml': string;
        /**
         * @example <?xml version="1.0" encoding="UTF-8"?>
         *     <kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
         *       <Placemark><gx:Track>
         *         <when>2026-11-22T08:00:00Z</when><when>2026-11-22T08:03:10Z</when>
         *         <gx:coord>13.3617 38.1157 20</gx:coord><gx:coord>13.3601 38.1176 22</gx:coord>
         *       </gx:Track></Placemark>
         *     </kml>
         */
        'application/vnd.google-earth.kml+xml': string;
        'multipart/form-data': {
          /**
           * Format: binary
           * @description one trace file, any of the formats above
           */
          file: string;
        };
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LiveChunkAccepted'];
        };
      };
      /** @description INVALID_COORDINATES, MALFORMED_JSON, MALFORMED_TRACE, INVALID_TRACE_FILE, UNSAFE_XML, NO_TRACK, INVALID_TIMESTAMP, TIMESTAMP_IN_FUTURE, TIMESTAMP_TOO_OLD, TOO_FEW_POINTS, INVALID_POINT_VALUE, EMPTY_BODY, MALFORMED_BODY, INVALID_IDEMPOTENCY_KEY */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "code": "INVALID_COORDINATES",
           *       "message": "point 3: lat must be a number within [-90, 90] and lon within [-180, 180]"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description TRIP_NOT_FOUND (also for other people’s trips) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "TRIP_NOT_FOUND",
           *       "message": "no trip 0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description CHUNK_CONFLICT, TRIP_NOT_RECEIVING */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "code": "CHUNK_CONFLICT",
           *       "message": "chunk 3 was already received with other points; number each chunk once"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description TOO_MANY_POINTS, PAYLOAD_TOO_LARGE, TRACE_TOO_COMPLEX */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "code": "TOO_MANY_POINTS",
           *       "message": "a trip may have at most 100000 points, got 250000"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_TRACE_FORMAT, UNSUPPORTED_CONTENT_ENCODING */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "code": "UNSUPPORTED_MEDIA_TYPE",
           *       "message": "the XML document is not GPX, KML or TCX; send JSON points, GeoJSON, GPX 1.0/1.1, KML or TCX"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description RATE_LIMITED */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "code": "RATE_LIMITED",
           *       "message": "too many requests; retry in 12 s"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  DisputesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Review'][];
          };
        };
      };
      /** @description TRIP_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  DisputesController_open: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DisputeRequest'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      /** @description VALIDATION_FAILED, INVALID_LEG, SAME_MODE */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description TRIP_NOT_FOUND (also for other people’s trips) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description DISPUTE_EXISTS, DISPUTE_WINDOW_CLOSED, TRIP_NOT_DISPUTABLE */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TripsController_export: {
    parameters: {
      query?: {
        /** @description gpx (GPX 1.1), geojson (a Feature) or json (the upload format) */
        format?: 'gpx' | 'geojson' | 'json';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The trace file, as an attachment */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "type": "Feature",
           *       "properties": {
           *         "tripId": "0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10",
           *         "coordinateProperties": {
           *           "times": [
           *             "2026-11-22T08:00:00.000Z"
           *           ]
           *         }
           *       },
           *       "geometry": {
           *         "type": "LineString",
           *         "coordinates": [
           *           [
           *             13.3617,
           *             38.1157
           *           ]
           *         ]
           *       }
           *     }
           */
          'application/geo+json': Record<string, never>;
          /**
           * @example <?xml version="1.0" encoding="UTF-8"?>
           *     <gpx version="1.1" creator="muvo" xmlns="http://www.topografix.com/GPX/1/1">…</gpx>
           */
          'application/gpx+xml': string;
        };
      };
      /** @description TRIP_NOT_FOUND (also for other people’s trips) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "TRIP_NOT_FOUND",
           *       "message": "no trip 0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description FIXES_EXPIRED */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 410,
           *       "code": "FIXES_EXPIRED",
           *       "message": "the raw fixes were deleted after the city’s retention period; the trip’s summary and line remain in GET /v1/trips/{id}"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  LiveTripsController_finish: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LiveTripFinished'];
        };
      };
      /** @description TRIP_NOT_FOUND (also for other people’s trips) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "code": "TRIP_NOT_FOUND",
           *       "message": "no trip 0b6f5a4e-2f1d-4d8e-9a43-3f2b1c9d7e10"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
  LiveTripsController_start: {
    parameters: {
      query?: never;
      header: {
        'idempotency-key': string;
        /** @description A retried start with the same key and body answers the same trip */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LiveTripStart'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LiveTripStarted'];
        };
      };
      /** @description VALIDATION_FAILED, INVALID_IDEMPOTENCY_KEY */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "code": "VALIDATION_FAILED",
           *       "message": "startedAt: Invalid ISO datetime"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 422,
           *       "code": "IDEMPOTENCY_KEY_REUSED",
           *       "message": "this Idempotency-Key was already used with a different request body"
           *     }
           */
          'application/json': {
            code: string;
            message: string;
            statusCode: number;
          };
        };
      };
    };
  };
}
