// Generated from the voucher app's OpenAPI document by `npm run web:api-types`: do not edit.
// test/web-app.e2e-spec.ts fails when this file is out of date.

export interface paths {
  '/v1/counter/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who is at the counter, for which shop */
    get: operations['CounterController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/counter/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check a code before redeeming: what it is for, without anything about who holds it; same refusals as redeem */
    post: operations['CounterController_preview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/counter/redemptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The shop’s redemptions of a day (today by default), with those that can still be undone */
    get: operations['CounterController_day'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/counter/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in at the counter (shop staff only) */
    post: operations['CounterController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/counter/session/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A new counter session for a refresh token (single use) */
    post: operations['CounterController_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/mediator/residents/{id}/vouchers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The resident’s vouchers, newest first (to print one again) */
    get: operations['MediatorVouchersController_list'];
    put?: never;
    /** Claim a voucher of an offer with the resident’s points */
    post: operations['MediatorVouchersController_claim'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/merchants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The shops of the operator’s city, those waiting for review first */
    get: operations['MerchantsController_list'];
    put?: never;
    /** A shopkeeper applies with their shop along one of the city’s routes; an operator reviews it */
    post: operations['MerchantsController_apply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/merchants/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A shop: public once approved; its review state to its staff and the city’s operators */
    get: operations['MerchantsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a shop’s details or hours (its owner or an operator); a move is checked again */
    patch: operations['MerchantsController_update'];
    trace?: never;
  };
  '/v1/merchants/{id}/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The owner (or an operator) invites a clerk: a single-use link, valid 7 days, with its QR code to scan */
    post: operations['MerchantsController_invite'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/merchants/{id}/offers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every offer of the shop, with its review state (staff and operators) */
    get: operations['MerchantsController_listOffers'];
    put?: never;
    /** A new offer: the owner’s waits for review, an operator’s is approved at once */
    post: operations['MerchantsController_createOffer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/merchants/{id}/review': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve, reject or suspend a shop (operators of its city) */
    post: operations['MerchantsController_review'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/merchants/{id}/settlement': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the shop redeemed in a period and what the programme owes it */
    get: operations['MerchantsController_statement'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/merchants/{id}/settlement.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The period’s settlement entries as CSV (local time, amounts in currency units) */
    get: operations['MerchantsController_statementCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/merchants/{id}/settlements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The shop’s settled periods, newest first */
    get: operations['MerchantsController_settlements'];
    put?: never;
    /** Settle a finished period: its total is recorded and paid out in the shop’s ledger */
    post: operations['MerchantsController_settle'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/merchants/{id}/staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The shop’s staff (its owner or an operator) */
    get: operations['MerchantsController_listStaff'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Offers open for claims: in the caller’s city by default, near a point (nearest first), or along a route */
    get: operations['OffersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One offer: public while open, otherwise only to its shop’s staff and the city’s operators */
    get: operations['OffersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change an offer (owner or operator); an owner’s change to what is promised goes back to review */
    patch: operations['OffersController_update'];
    trace?: never;
  };
  '/v1/offers/{id}/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Spend points on a voucher of this offer */
    post: operations['OffersController_claim'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers/{id}/review': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve or reject an offer (operators of the offer’s city) */
    post: operations['OffersController_review'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers/along-my-trips': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Offers at the shops the participant passed on foot, by bike or by transit in their recent scored trips */
    get: operations['OffersController_alongMyTrips'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/redemptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Redeem a voucher at the counter, exactly once (typed code or scanned QR payload) */
    post: operations['RedemptionsController_redeem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/redemptions/{voucherId}/undo': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Undo a redemption by the same shop within the undo window; the voucher is valid again (or expired, without refund, if its expiry passed meanwhile) */
    post: operations['RedemptionsController_undo'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/reports/merchants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Per shop of the operator’s city: claims, redemptions, undos, expiries and what is owed */
    get: operations['ReportsController_merchants'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/reports/merchants.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The same report as CSV */
    get: operations['ReportsController_merchantsCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff-invitations/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A clerk accepts an invitation with a password; then logs in at the counter */
    post: operations['StaffInvitationsController_accept'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/vouchers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The participant’s own vouchers, newest first */
    get: operations['VouchersController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/vouchers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of the participant’s own vouchers, with its code and QR payload */
    get: operations['VouchersController_get'];
    put?: never;
    post?: never;
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
    AcceptedInvitation: {
      /** Format: uuid */
      accountId: string;
      email: string;
      /** Format: uuid */
      merchantId: string;
    };
    /**
     * @example {
     *       "token": "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6",
     *       "password": "a long secret",
     *       "displayName": "Marco"
     *     }
     */
    AcceptInvitation: {
      displayName?: string;
      password: string;
      token: string;
    };
    CityRedemptionReport: {
      cityId: string;
      currency: string;
      from: string;
      merchants: {
        amountCents: number;
        claimed: number;
        expired: number;
        /** Format: uuid */
        merchantId: string;
        merchantName: string;
        points: number;
        redemptions: number;
        refunded: number;
        status: string;
        undone: number;
      }[];
      to: string;
    };
    /**
     * @example {
     *       "voucherId": "9d2c4c1e-7a52-4d8b-9a57-2b0c1c8f0e11",
     *       "code": "7K3M-Q9XD-2P",
     *       "qr": "MUVO1.7K3MQ9XD2P.mJ2x0vJ4n1c8bB9o3rHk6g",
     *       "offerId": "0b6f6f7e-5d0e-5a55-8b7b-3f1c2d4e5f60",
     *       "costPoints": 20,
     *       "expiresAt": "2026-11-02T10:15:00.000Z"
     *     }
     */
    ClaimedVoucher: {
      /** @description Show it at the counter, e.g. 7K3M-Q9XD-2P */
      code: string;
      costPoints: number;
      expiresAt: string;
      /** Format: uuid */
      offerId: string;
      /** @description Signed payload to render as a QR code */
      qr: string;
      /** Format: uuid */
      voucherId: string;
    };
    /**
     * @example {
     *       "offerId": "3f0c2d1e-8b7a-4c5d-9e6f-102938475610"
     *     }
     */
    ClaimForResident: {
      offerId: string;
    };
    CounterDay: {
      day: string;
      items: {
        costPoints: number;
        offerTitle: string;
        redeemedAt: string;
        staffName: string | null;
        undone: boolean;
        undoUntil: string | null;
        /** Format: uuid */
        voucherId: string;
      }[];
      timezone: string;
    };
    /**
     * @example {
     *       "email": "banco@bar-quattro-canti.example",
     *       "password": "the password"
     *     }
     */
    CounterLogin: {
      /** Format: email */
      email: string;
      password: string;
    };
    CounterRefresh: {
      refreshToken: string;
    };
    CounterSession: {
      accessToken: string;
      expiresIn: number;
      merchant: {
        /** Format: uuid */
        id: string;
        name: string;
        status: string;
      };
      refreshToken: string;
      staff: {
        /** Format: uuid */
        accountId: string;
        displayName: string | null;
        owner: boolean;
      };
    };
    /**
     * @example {
     *       "title": "Free espresso before 11",
     *       "costPoints": 30,
     *       "stock": 200,
     *       "perParticipantLimit": 1,
     *       "voucherLifetimeDays": 14,
     *       "usableHours": {
     *         "mon": [
     *           [
     *             "07:00",
     *             "11:00"
     *           ]
     *         ],
     *         "sat": [
     *           [
     *             "08:00",
     *             "12:00"
     *           ]
     *         ]
     *       }
     *     }
     */
    CreateOffer: {
      active?: boolean;
      costPoints: number;
      description?: string | null;
      /** @description Operators only */
      payoutCents?: number;
      perParticipantLimit?: number | null;
      /** @description Vouchers that may ever be claimed; null for unlimited */
      stock?: number | null;
      title: string;
      usableHours?: components['schemas']['WeeklySchedule'] | null;
      /** Format: date-time */
      validFrom?: string | null;
      /** Format: date-time */
      validUntil?: string | null;
      voucherLifetimeDays?: number | null;
    };
    /**
     * @example {
     *       "id": "5c1a9d3e-2b4f-5c6d-8e7f-0a1b2c3d4e5f",
     *       "cityId": "palermo-centro",
     *       "name": "Bar dei Quattro Canti",
     *       "description": null,
     *       "address": "Via Maqueda 175",
     *       "location": {
     *         "lat": 38.1152,
     *         "lon": 13.3622
     *       },
     *       "openingHours": {
     *         "mon": [
     *           [
     *             "07:00",
     *             "20:00"
     *           ]
     *         ]
     *       },
     *       "openNow": true,
     *       "routeId": "via-maqueda",
     *       "routeDistanceM": 7
     *     }
     */
    Merchant: {
      address: string | null;
      cityId: string;
      description: string | null;
      /** Format: uuid */
      id: string;
      location: {
        lat: number;
        lon: number;
      };
      name: string;
      openingHours: components['schemas']['WeeklySchedule'] | null;
      openNow: boolean | null;
      reviewedAt?: string | null;
      reviewNote?: string | null;
      routeDistanceM: number | null;
      /** @description The route the shop is along */
      routeId: string | null;
      /**
       * @description Staff and operators only
       * @enum {string}
       */
      status?: 'pending' | 'approved' | 'rejected' | 'suspended';
    };
    /**
     * @example {
     *       "cityId": "palermo-centro",
     *       "name": "Forno Ballarò",
     *       "address": "Via Maqueda 120",
     *       "location": {
     *         "lat": 38.1133,
     *         "lon": 13.3636
     *       },
     *       "openingHours": {
     *         "mon": [
     *           [
     *             "07:00",
     *             "13:30"
     *           ],
     *           [
     *             "16:00",
     *             "20:00"
     *           ]
     *         ]
     *       },
     *       "owner": {
     *         "email": "giulia@forno.example",
     *         "password": "a long secret",
     *         "displayName": "Giulia"
     *       }
     *     }
     */
    MerchantApplication: {
      address?: string | null;
      cityId: string;
      description?: string | null;
      location: {
        lat: number;
        lon: number;
      };
      name: string;
      openingHours?: components['schemas']['WeeklySchedule'] | null;
      owner: {
        displayName?: string;
        /** Format: email */
        email: string;
        password: string;
      };
    };
    MerchantApplicationResult: {
      accessToken: string;
      merchant: components['schemas']['Merchant'];
      /** Format: uuid */
      ownerAccountId: string;
      refreshToken: string;
    };
    /**
     * @example {
     *       "decision": "approve",
     *       "note": "Checked on site"
     *     }
     */
    MerchantReview: {
      /** @enum {string} */
      decision: 'approve' | 'reject' | 'suspend';
      note?: string;
    };
    /**
     * @example {
     *       "id": "0b6f6f7e-5d0e-5a55-8b7b-3f1c2d4e5f60",
     *       "merchantId": "5c1a9d3e-2b4f-5c6d-8e7f-0a1b2c3d4e5f",
     *       "merchantName": "Bar dei Quattro Canti",
     *       "cityId": "palermo-centro",
     *       "title": "Un caffè espresso",
     *       "description": "An espresso at the counter",
     *       "costPoints": 20,
     *       "remaining": 480,
     *       "perParticipantLimit": 2,
     *       "validFrom": null,
     *       "validUntil": "2026-12-31T23:00:00.000Z",
     *       "voucherLifetimeDays": 30,
     *       "usableHours": {
     *         "mon": [
     *           [
     *             "07:00",
     *             "11:00"
     *           ]
     *         ],
     *         "tue": [
     *           [
     *             "07:00",
     *             "11:00"
     *           ]
     *         ]
     *       },
     *       "usableNow": true,
     *       "openingHours": null,
     *       "location": {
     *         "lat": 38.1152,
     *         "lon": 13.3622
     *       },
     *       "distanceM": 85
     *     }
     */
    Offer: {
      active?: boolean;
      cityId: string;
      claimed?: number;
      costPoints: number;
      description: string | null;
      /** @description From the point, the route or the trip */
      distanceM?: number;
      /** Format: uuid */
      id: string;
      location: {
        lat: number;
        lon: number;
      };
      /** Format: uuid */
      merchantId: string;
      merchantName: string;
      openingHours: components['schemas']['WeeklySchedule'] | null;
      /** @description What the programme pays the shop per redeemed voucher */
      payoutCents?: number;
      perParticipantLimit: number | null;
      /** @description Vouchers left; null when unlimited */
      remaining: number | null;
      reviewNote?: string | null;
      /**
       * @description Staff and operators only
       * @enum {string}
       */
      status?: 'pending' | 'approved' | 'rejected';
      stock?: number | null;
      title: string;
      /** @description The participant’s trips that passed by (along-my-trips) */
      tripIds?: string[];
      /** @description When vouchers can be used; null for any time */
      usableHours: components['schemas']['WeeklySchedule'] | null;
      usableNow: boolean;
      validFrom: string | null;
      validUntil: string | null;
      /** @description Days a voucher stays valid after its claim */
      voucherLifetimeDays: number;
    };
    /**
     * @example {
     *       "decision": "approve"
     *     }
     */
    OfferReview: {
      /** @enum {string} */
      decision: 'approve' | 'reject';
      note?: string;
    };
    OwnVoucher: {
      claimedAt: string;
      /** @description Show it at the counter, e.g. 7K3M-Q9XD-2P */
      code: string;
      costPoints: number;
      expiresAt: string;
      location: {
        lat: number;
        lon: number;
      };
      /** @description The shop’s street address, when it gave one */
      merchantAddress: string | null;
      /** Format: uuid */
      merchantId: string;
      merchantName: string;
      /** Format: uuid */
      offerId: string;
      offerTitle: string;
      /** @description Signed payload to render as a QR code */
      qr: string;
      redeemedAt: string | null;
      /** @enum {string} */
      status: 'active' | 'redeemed' | 'expired' | 'refunded';
      /** Format: uuid */
      voucherId: string;
    };
    /**
     * @example {
     *       "code": "7K3M-Q9XD-2P"
     *     }
     */
    RedeemRequest: {
      /** @description The code as typed (case, spaces and dashes ignored) or the scanned QR payload */
      code: string;
    };
    /**
     * @example {
     *       "voucherId": "9d2c4c1e-7a52-4d8b-9a57-2b0c1c8f0e11",
     *       "redeemedAt": "2026-10-02T09:41:07.512Z",
     *       "offerId": "0b6f6f7e-5d0e-5a55-8b7b-3f1c2d4e5f60",
     *       "offerTitle": "Un caffè espresso",
     *       "costPoints": 20,
     *       "undoUntil": "2026-10-02T09:46:07.512Z"
     *     }
     */
    Redemption: {
      costPoints: number;
      /** Format: uuid */
      offerId: string;
      offerTitle: string;
      redeemedAt: string;
      /** @description The shop can undo this redemption until then */
      undoUntil: string;
      /** Format: uuid */
      voucherId: string;
    };
    Settlement: {
      amountCents: number;
      createdAt: string;
      currency: string;
      from: string;
      /** Format: uuid */
      merchantId: string;
      points: number;
      redemptions: number;
      /** Format: uuid */
      settlementId: string;
      to: string;
    };
    SettlementStatement: {
      /** @description What the programme owes the shop for the period */
      amountCents: number;
      byOffer: {
        amountCents: number;
        offerId: string | null;
        offerTitle: string | null;
        points: number;
        redemptions: number;
      }[];
      currency: string;
      entries: {
        amountCents: number;
        /** @enum {string} */
        kind: 'redemption' | 'redemption-undo' | 'payout';
        occurredAt: string;
        offerTitle: string | null;
        points: number;
        voucherId: string | null;
      }[];
      from: string;
      /** Format: uuid */
      merchantId: string;
      merchantName: string;
      /** @description Owed and not yet paid out, all time */
      outstandingCents: number;
      points: number;
      redemptions: number;
      settlements: {
        amountCents: number;
        createdAt: string;
        currency: string;
        from: string;
        /** Format: uuid */
        merchantId: string;
        points: number;
        redemptions: number;
        /** Format: uuid */
        settlementId: string;
        to: string;
      }[];
      timezone: string;
      to: string;
      undone: number;
    };
    StaffInvitation: {
      email: string;
      expiresAt: string;
      /** Format: uuid */
      invitationId: string;
      /** @description A QR code of `url`, as SVG, for the clerk to scan */
      qrSvg: string;
      /** @description Give it to the clerk (shown only once); they accept it with a password */
      token: string;
      /** @description The same invitation as a link to the counter page (the token after "#") */
      url: string;
    };
    /**
     * @example {
     *       "email": "marco@bar.example"
     *     }
     */
    StaffInvitationRequest: {
      /** Format: email */
      email: string;
    };
    StaffMember: {
      /** Format: uuid */
      accountId: string;
      displayName: string | null;
      email: string;
      owner: boolean;
      since: string;
    };
    UndoneRedemption: {
      /**
       * @description `active`: valid again; `expired`: its expiry passed since it was redeemed (no refund)
       * @enum {string}
       */
      status: 'active' | 'expired';
      undoneAt: string;
      /** Format: uuid */
      voucherId: string;
    };
    /**
     * @example {
     *       "openingHours": {
     *         "sat": [
     *           [
     *             "09:00",
     *             "13:00"
     *           ]
     *         ]
     *       }
     *     }
     */
    UpdateMerchant: {
      address?: string | null;
      description?: string | null;
      location?: {
        lat: number;
        lon: number;
      };
      name?: string;
      openingHours?: components['schemas']['WeeklySchedule'] | null;
    };
    /**
     * @example {
     *       "stock": 300,
     *       "active": true
     *     }
     */
    UpdateOffer: {
      active?: boolean;
      costPoints?: number;
      description?: string | null;
      /** @description Operators only */
      payoutCents?: number;
      perParticipantLimit?: number | null;
      /** @description Vouchers that may ever be claimed; null for unlimited */
      stock?: number | null;
      title?: string;
      usableHours?: components['schemas']['WeeklySchedule'] | null;
      /** Format: date-time */
      validFrom?: string | null;
      /** Format: date-time */
      validUntil?: string | null;
      voucherLifetimeDays?: number | null;
    };
    VoucherPreview: {
      claimedAt: string;
      costPoints: number;
      expiresAt: string;
      offerDescription: string | null;
      offerTitle: string;
      /** @enum {string} */
      status: 'valid';
      usableHours: components['schemas']['WeeklySchedule'] | null;
      /** Format: uuid */
      voucherId: string;
    };
    /**
     * @description Local time windows per weekday ("HH:MM", end exclusive); an absent day has none
     * @example {
     *       "mon": [
     *         [
     *           "08:00",
     *           "13:00"
     *         ],
     *         [
     *           "15:30",
     *           "20:00"
     *         ]
     *       ],
     *       "sat": [
     *         [
     *           "09:00",
     *           "13:00"
     *         ]
     *       ]
     *     }
     */
    WeeklySchedule: {
      fri?: string[][];
      mon?: string[][];
      sat?: string[][];
      sun?: string[][];
      thu?: string[][];
      tue?: string[][];
      wed?: string[][];
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
  CounterController_me: {
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
        content?: never;
      };
    };
  };
  CounterController_preview: {
    parameters: {
      query?: never;
      header: {
        'x-device-id': string;
        /** @description The counter device’s stable random id */
        'X-Device-Id'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RedeemRequest'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VoucherPreview'];
        };
      };
      /** @description WRONG_MERCHANT */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VOUCHER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description ALREADY_REDEEMED, NOT_USABLE_NOW */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VOUCHER_EXPIRED */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description TOO_MANY_UNKNOWN_CODES */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CounterController_day: {
    parameters: {
      query?: {
        /** @description Local date in the city; today by default */
        day?: string;
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
          'application/json': components['schemas']['CounterDay'];
        };
      };
    };
  };
  CounterController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CounterLogin'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CounterSession'];
        };
      };
      /** @description INVALID_CREDENTIALS */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_MERCHANT_STAFF */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  CounterController_refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CounterRefresh'];
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
  MediatorVouchersController_list: {
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
          'application/json': components['schemas']['OwnVoucher'][];
        };
      };
      /** @description RESIDENT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MediatorVouchersController_claim: {
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
        'application/json': components['schemas']['ClaimForResident'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OwnVoucher'];
        };
      };
      /** @description RESIDENT_NOT_FOUND (also another mediator’s resident), OFFER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description INSUFFICIENT_POINTS, SOLD_OUT, LIMIT_REACHED, OFFER_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MerchantsController_list: {
    parameters: {
      query?: {
        status?: 'pending' | 'approved' | 'rejected' | 'suspended';
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
          'application/json': components['schemas']['Merchant'][];
        };
      };
    };
  };
  MerchantsController_apply: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MerchantApplication'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MerchantApplicationResult'];
        };
      };
      /** @description EMAIL_TAKEN */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description MERCHANT_OUT_OF_CORRIDOR, MERCHANT_OUTSIDE_CITY */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description TOO_MANY_REGISTRATIONS */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MerchantsController_get: {
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
          'application/json': components['schemas']['Merchant'];
        };
      };
      /** @description MERCHANT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MerchantsController_update: {
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
        'application/json': components['schemas']['UpdateMerchant'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Merchant'];
        };
      };
      /** @description OWNER_REQUIRED */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description MERCHANT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description MERCHANT_OUT_OF_CORRIDOR */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MerchantsController_invite: {
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
        'application/json': components['schemas']['StaffInvitationRequest'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffInvitation'];
        };
      };
      /** @description OWNER_REQUIRED */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MerchantsController_listOffers: {
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
          'application/json': components['schemas']['Offer'][];
        };
      };
    };
  };
  MerchantsController_createOffer: {
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
        'application/json': components['schemas']['CreateOffer'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Offer'];
        };
      };
      /** @description OWNER_REQUIRED */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MerchantsController_review: {
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
        'application/json': components['schemas']['MerchantReview'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Merchant'];
        };
      };
      /** @description MERCHANT_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MerchantsController_statement: {
    parameters: {
      query: {
        from: string;
        to: string;
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
          'application/json': components['schemas']['SettlementStatement'];
        };
      };
      /** @description INVALID_PERIOD */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MerchantsController_statementCsv: {
    parameters: {
      query: {
        from: string;
        to: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description date,kind,voucher_id,offer,points,amount_eur */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MerchantsController_settlements: {
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
          'application/json': components['schemas']['Settlement'][];
        };
      };
    };
  };
  MerchantsController_settle: {
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
        'application/json': {
          from: string;
          to: string;
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Settlement'];
        };
      };
      /** @description PERIOD_ALREADY_SETTLED, PERIOD_NOT_OVER */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MerchantsController_listStaff: {
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
          'application/json': components['schemas']['StaffMember'][];
        };
      };
    };
  };
  OffersController_list: {
    parameters: {
      query?: {
        /** @description Defaults to the caller’s city, or the city containing `near` */
        cityId?: string;
        /** @description "lat,lon": offers within radiusM of this point, nearest first */
        near?: string;
        radiusM?: number;
        /** @description Offers at shops along this route of the city */
        routeId?: string;
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
          'application/json': components['schemas']['Offer'][];
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
  OffersController_get: {
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
          'application/json': components['schemas']['Offer'];
        };
      };
      /** @description OFFER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OffersController_update: {
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
        'application/json': components['schemas']['UpdateOffer'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Offer'];
        };
      };
      /** @description OWNER_REQUIRED */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description OFFER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description STOCK_BELOW_CLAIMED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OffersController_claim: {
    parameters: {
      query?: never;
      header: {
        'idempotency-key': string;
        /** @description A retried claim with the same key returns the same voucher; the same key on another offer is refused */
        'Idempotency-Key'?: string;
      };
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
          'application/json': components['schemas']['ClaimedVoucher'];
        };
      };
      /** @description OFFER_IN_OTHER_CITY */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description OFFER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description INSUFFICIENT_POINTS, SOLD_OUT, LIMIT_REACHED, OFFER_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description IDEMPOTENCY_KEY_REUSED */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OffersController_review: {
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
        'application/json': components['schemas']['OfferReview'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Offer'];
        };
      };
      /** @description OFFER_NOT_FOUND */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  OffersController_alongMyTrips: {
    parameters: {
      query?: {
        /** @description Distance of a shop from the trip’s path */
        corridorM?: number;
        /** @description How far back to look at scored trips */
        days?: number;
        maxTrips?: number;
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
          'application/json': components['schemas']['Offer'][];
        };
      };
    };
  };
  RedemptionsController_redeem: {
    parameters: {
      query?: never;
      header: {
        'x-device-id': string;
        /** @description A stable random id of the counter device (8–64 letters, digits, _ or -): unknown codes are limited per device too */
        'X-Device-Id'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RedeemRequest'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Redemption'];
        };
      };
      /** @description INVALID_QR: a QR payload muvo did not sign */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description WRONG_MERCHANT: the voucher is for another shop; MERCHANT_SUSPENDED: the city suspended this shop */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VOUCHER_NOT_FOUND (typo: true when the check character caught a typo) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description ALREADY_REDEEMED with redeemedAt; NOT_USABLE_NOW with usableHours */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VOUCHER_EXPIRED with expiredAt and refunded */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description TOO_MANY_UNKNOWN_CODES with retryAfterS: wrong codes only, a valid code is never held up */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RedemptionsController_undo: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        voucherId: string;
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
          'application/json': components['schemas']['UndoneRedemption'];
        };
      };
      /** @description VOUCHER_NOT_FOUND (also for another shop’s voucher) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description NOT_REDEEMED, UNDO_WINDOW_CLOSED */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ReportsController_merchants: {
    parameters: {
      query: {
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
          'application/json': components['schemas']['CityRedemptionReport'];
        };
      };
    };
  };
  ReportsController_merchantsCsv: {
    parameters: {
      query: {
        from: string;
        to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description merchant_id,merchant,status,claimed,redeemed,undone,expired,refunded,points,owed_eur */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StaffInvitationsController_accept: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcceptInvitation'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AcceptedInvitation'];
        };
      };
      /** @description INVITATION_INVALID */
      404: {
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
    };
  };
  VouchersController_list: {
    parameters: {
      query?: {
        status?: 'active' | 'redeemed' | 'expired' | 'refunded';
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
          'application/json': components['schemas']['OwnVoucher'][];
        };
      };
    };
  };
  VouchersController_get: {
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
          'application/json': components['schemas']['OwnVoucher'];
        };
      };
      /** @description VOUCHER_NOT_FOUND (also for another participant’s voucher) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
