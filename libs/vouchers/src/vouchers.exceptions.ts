import { DomainException } from '@muvo/kernel';

export const VoucherErrors = {
  offerNotFound: (id: string) => new DomainException('OFFER_NOT_FOUND', 'not-found', `no offer ${id}`),
  offerClosed: () => new DomainException('OFFER_CLOSED', 'conflict', 'this offer is not open for claims'),
  soldOut: () => new DomainException('SOLD_OUT', 'conflict', 'every voucher of this offer has been claimed'),
  wrongCity: () =>
    new DomainException('OFFER_IN_OTHER_CITY', 'forbidden', "this offer belongs to another city's programme"),
  voucherNotFound: (typo = false) =>
    new DomainException(
      'VOUCHER_NOT_FOUND',
      'not-found',
      typo ? 'this is not a valid voucher code; check it for typos' : 'no voucher has this code',
      { typo },
    ),
  wrongMerchant: () =>
    new DomainException('WRONG_MERCHANT', 'forbidden', 'this voucher is for another shop and cannot be redeemed here'),
  alreadyRedeemed: (redeemedAt: Date) =>
    new DomainException(
      'ALREADY_REDEEMED',
      'conflict',
      `this voucher was already redeemed at ${redeemedAt.toISOString()}`,
      {
        redeemedAt: redeemedAt.toISOString(),
      },
    ),
  expired: (expiredAt: Date) =>
    new DomainException('VOUCHER_EXPIRED', 'gone', `this voucher expired at ${expiredAt.toISOString()}`, {
      expiredAt: expiredAt.toISOString(),
    }),
  refunded: () => new DomainException('VOUCHER_REFUNDED', 'gone', 'this voucher was cancelled and its points refunded'),
  notStaff: () =>
    new DomainException('NOT_MERCHANT_STAFF', 'forbidden', 'only the staff of a shop can redeem vouchers'),
  invalidNear: () =>
    new DomainException(
      'INVALID_NEAR',
      'invalid',
      'near must be "lat,lon" with lat in [-90, 90] and lon in [-180, 180]',
    ),
  routeNotFound: (id: string) => new DomainException('ROUTE_NOT_FOUND', 'not-found', `no route ${id}`),
};
