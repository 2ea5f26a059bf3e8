import type { WeeklySchedule } from './domain/weekly-schedule';

/** An offer's columns that say what it promises and pays. */
export interface OfferTermsRow {
  title: string;
  description: string | null;
  cost_points: number;
  stock: number | null;
  active: boolean;
  valid_from: Date | null;
  valid_until: Date | null;
  voucher_ttl_s: number | null;
  per_participant_limit: number | null;
  usable_hours: WeeklySchedule | null;
  payout_cents: number;
}

/** What an offer promises and pays, as the city file and the audit log both write it. */
export function offerTerms(o: OfferTermsRow) {
  return {
    title: o.title,
    description: o.description,
    costPoints: o.cost_points,
    stock: o.stock,
    active: o.active,
    validFrom: o.valid_from,
    validUntil: o.valid_until,
    voucherTtlS: o.voucher_ttl_s,
    perParticipantLimit: o.per_participant_limit,
    usableHours: o.usable_hours,
    payoutCents: o.payout_cents,
  };
}
