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
    /** The audit trail of the city: rule changes, review decisions, retries, disputes */
    get: operations['AdminRulesController_audit'];
    put?: never;
    post?: never;
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
    /** One review with the trip’s receipt, flags and evidence */
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
    delete?: never;
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
        actorRole: string | null;
        at: string;
        cityId: string | null;
        details: unknown;
        id: number;
        subject: string;
      }[];
    };
    /**
     * @example {
     *       "balance": 120
     *     }
     */
    Balance: {
      balance: number;
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
    CityRules: {
      cityId: string;
      effective: {
        [key: string]: unknown;
      };
      rules: {
        [key: string]: unknown;
      };
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
     *       "cityId": "palermo-centro"
     *     }
     */
    RegisterRequest: {
      /** @description The city programme to join; inferred from the first trip when omitted */
      cityId?: string;
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
    ReviewPage: {
      items: components['schemas']['Review'][];
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
      flags: string[];
      /** @description The cleaned and simplified trace for the map: `[lon, lat]`, at most 1,000 vertices */
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
        /** @description Admins only: the city to act on (operators always act on their own city) */
        cityId?: string;
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
          'application/json': components['schemas']['AuditTrail'];
        };
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
          'application/json': components['schemas']['Review'];
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
      /** @description VALIDATION_FAILED, PASSWORD_TOO_COMMON, UNKNOWN_CITY */
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
