import { DomainException } from '@muvo/kernel';

/** Every failure of the voucher context, with its stable code. */
export const VoucherErrors = {
  offerNotFound: (id: string) => new DomainException('OFFER_NOT_FOUND', 'not-found', `no offer ${id}`),
  offerClosed: () => new DomainException('OFFER_CLOSED', 'conflict', 'this offer is not open for claims'),
  soldOut: () => new DomainException('SOLD_OUT', 'conflict', 'every voucher of this offer has been claimed'),
  limitReached: (limit: number) =>
    new DomainException(
      'LIMIT_REACHED',
      'conflict',
      `you have already claimed this offer ${limit} time(s), its limit`,
      {
        limit,
      },
    ),
  wrongCity: () =>
    new DomainException('OFFER_IN_OTHER_CITY', 'forbidden', "this offer belongs to another city's programme"),
  idempotencyKeyReused: () =>
    new DomainException(
      'IDEMPOTENCY_KEY_REUSED',
      'unprocessable',
      'this Idempotency-Key was already used for a claim on another offer',
    ),
  voucherNotFound: (typo = false) =>
    new DomainException(
      'VOUCHER_NOT_FOUND',
      'not-found',
      typo ? 'this is not a valid voucher code; check it for typos' : 'no voucher has this code',
      { typo },
    ),
  voucherIdNotFound: (id: string) => new DomainException('VOUCHER_NOT_FOUND', 'not-found', `no voucher ${id}`),
  invalidQr: () =>
    new DomainException('INVALID_QR', 'invalid', 'this QR code was not issued by muvo; type the code instead'),
  wrongMerchant: () =>
    new DomainException('WRONG_MERCHANT', 'forbidden', 'this voucher is for another shop and cannot be redeemed here'),
  alreadyRedeemed: (redeemedAt: Date, offerTitle?: string) =>
    new DomainException(
      'ALREADY_REDEEMED',
      'conflict',
      `this voucher was already redeemed at ${redeemedAt.toISOString()}`,
      {
        redeemedAt: redeemedAt.toISOString(),
        ...(offerTitle ? { offerTitle } : {}),
      },
    ),
  expired: (expiredAt: Date, refunded: boolean, offerTitle?: string) =>
    new DomainException('VOUCHER_EXPIRED', 'gone', `this voucher expired at ${expiredAt.toISOString()}`, {
      expiredAt: expiredAt.toISOString(),
      refunded,
      ...(offerTitle ? { offerTitle } : {}),
    }),
  notUsableNow: (offerTitle: string, usableHours: unknown) =>
    new DomainException('NOT_USABLE_NOW', 'conflict', 'this voucher cannot be used at this day or hour', {
      offerTitle,
      usableHours,
    }),
  notRedeemed: () => new DomainException('NOT_REDEEMED', 'conflict', 'this voucher is not redeemed: nothing to undo'),
  undoWindowClosed: (windowS: number) =>
    new DomainException(
      'UNDO_WINDOW_CLOSED',
      'conflict',
      `a redemption can only be undone within ${Math.round(windowS / 60)} minutes`,
      { undoWindowS: windowS },
    ),
  guessingLimited: (retryAfterS: number) =>
    new DomainException(
      'TOO_MANY_UNKNOWN_CODES',
      'rate-limited',
      `too many unknown codes from this counter; try again in ${Math.ceil(retryAfterS / 60)} minute(s)`,
      { retryAfterS },
    ),
  merchantSuspended: () =>
    new DomainException(
      'MERCHANT_SUSPENDED',
      'forbidden',
      'this shop is suspended by the city: it cannot redeem vouchers, change offers or invite staff until reinstated',
    ),
  merchantNotApproved: (status: string) =>
    new DomainException('MERCHANT_NOT_APPROVED', 'forbidden', `this shop is ${status}: it cannot redeem vouchers`, {
      status,
    }),
  notStaff: () =>
    new DomainException('NOT_MERCHANT_STAFF', 'forbidden', 'only the staff of a shop can redeem vouchers'),
  invalidNear: () =>
    new DomainException(
      'INVALID_NEAR',
      'invalid',
      'near must be "lat,lon" with lat in [-90, 90] and lon in [-180, 180]',
    ),
  routeNotFound: (id: string) => new DomainException('ROUTE_NOT_FOUND', 'not-found', `no route ${id}`),
  cityNotFound: (id: string) => new DomainException('CITY_NOT_FOUND', 'not-found', `no city ${id}`),
  merchantNotFound: (id: string) => new DomainException('MERCHANT_NOT_FOUND', 'not-found', `no merchant ${id}`),
  outOfCorridor: (distanceM: number | null, limitM: number) =>
    new DomainException(
      'MERCHANT_OUT_OF_CORRIDOR',
      'unprocessable',
      distanceM === null
        ? 'this city has no route yet, so no shop can join'
        : `the shop is ${Math.round(distanceM)} m from the nearest route; shops must be within ${Math.round(limitM)} m`,
      { distanceM: distanceM === null ? null : Math.round(distanceM), limitM },
    ),
  outsideCity: () =>
    new DomainException('MERCHANT_OUTSIDE_CITY', 'unprocessable', "the shop's location is outside the city's area"),
  ownerRequired: () =>
    new DomainException('OWNER_REQUIRED', 'forbidden', "only the shop's owner or a city operator can do this"),
  invitationInvalid: () =>
    new DomainException('INVITATION_INVALID', 'not-found', 'this invitation does not exist, was used or has expired'),
  invalidPeriod: (message: string) => new DomainException('INVALID_PERIOD', 'invalid', message),
  periodAlreadySettled: () =>
    new DomainException('PERIOD_ALREADY_SETTLED', 'conflict', 'part of this period is already settled for this shop'),
  periodNotOver: () =>
    new DomainException(
      'PERIOD_NOT_OVER',
      'conflict',
      'a period can be settled once it is over and its redemptions can no longer be undone',
    ),
  nothingToChange: () => new DomainException('NOTHING_TO_CHANGE', 'invalid', 'the request changes nothing'),
  invalidReview: (message: string) => new DomainException('INVALID_REVIEW', 'conflict', message),
};
