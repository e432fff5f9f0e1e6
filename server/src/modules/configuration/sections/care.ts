import { type Static, Type } from '@sinclair/typebox';

const Int = (minimum: number, maximum: number, description: string) =>
  Type.Integer({ minimum, maximum, description });

/** product rules §8.6 injured buyers and proactive care. Key prefix `care.`. */
export const CareSchema = Type.Object(
  {
    stalledParcelHours: Int(24, 720, 'a parcel with no tracking progress for this many hours is stalled'),
    minContacts: Int(1, 10, 'a stalled parcel is a case once its buyer contacted the shop this many times'),
    contactGapMinutes: Int(
      5,
      1_440,
      'buyer messages this many minutes apart (or in another chat session) count as another contact',
    ),
    badReviewMaxStars: Int(1, 3, 'a review of at most this many stars after a refused refund is a bad one'),
    lookbackDays: Int(1, 90, 'the scan looks back this many days for refusals, reviews and requests'),
    slaHours: Int(1, 168, 'ops should reach the buyer within this many hours of the case being found'),
    perCaseCapFen: Int(100, 100_000, 'compensation of one case, at most (fen, coupons and cash together)'),
    perDayCapFen: Int(100, 100_000_000, 'compensation of all cases on one local day, at most (fen)'),
    couponValidDays: Int(1, 90, 'a care coupon is usable for this many days'),
    surveyValidDays: Int(1, 30, 'the satisfaction question can be answered for this many days'),
    satisfactionWindowDays: Int(7, 366, 'satisfaction after outreach is read over this many days of answers'),
  },
  { additionalProperties: false },
);

export type CareConfig = Static<typeof CareSchema>;

export const defaultCare: CareConfig = {
  stalledParcelHours: 72,
  minContacts: 2,
  contactGapMinutes: 60,
  badReviewMaxStars: 2,
  lookbackDays: 30,
  slaHours: 24,
  perCaseCapFen: 5_000,
  perDayCapFen: 200_000,
  couponValidDays: 30,
  surveyValidDays: 7,
  satisfactionWindowDays: 30,
};
