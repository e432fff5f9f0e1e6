import { type Static, Type } from '@sinclair/typebox';

const D = 24 * 3_600_000;

/**
 * product rules §7.6 good-buyer tier (优质买家) and its faster guarantee claims. Key prefix `buyers.`.
 * The tier is computed when it is needed (a claim, the buyer's own page) from the figures below.
 */
export const BuyersSchema = Type.Object(
  {
    goodBuyerWindowMs: Type.Integer({
      minimum: 24 * 3_600_000,
      maximum: 366 * D,
      description: 'the refund rate of a good buyer is measured over this window (ms)',
    }),
    goodBuyerMaxRefundRateBp: Type.Integer({
      minimum: 0,
      maximum: 10_000,
      description:
        'a good buyer’s refund requests are at most this share of their orders in the window (basis points; at the limit is still good)',
    }),
    goodBuyerMinAccountAgeMs: Type.Integer({
      minimum: 0,
      maximum: 3_660 * D,
      description: 'a good buyer’s account is at least this old (ms)',
    }),
    goodBuyerMinCompletedOrders: Type.Integer({
      minimum: 0,
      maximum: 10_000,
      description: 'a good buyer has at least this many completed orders',
    }),
    fastClaimMaxFen: Type.Integer({
      minimum: 0,
      maximum: 100_000_000,
      description:
        'a good buyer’s guarantee claim up to this amount (fen) is approved and refunded at once; 0 turns it off',
    }),
    claimSuccessTargetBp: Type.Integer({
      minimum: 0,
      maximum: 10_000,
      description: 'the claim success rate good buyers should see (basis points; the seed: ≥ 84%)',
    }),
  },
  { additionalProperties: false },
);

export type BuyersConfig = Static<typeof BuyersSchema>;

export const defaultBuyers: BuyersConfig = {
  goodBuyerWindowMs: 180 * D,
  goodBuyerMaxRefundRateBp: 1_000,
  goodBuyerMinAccountAgeMs: 90 * D,
  goodBuyerMinCompletedOrders: 5,
  fastClaimMaxFen: 20_000,
  claimSuccessTargetBp: 8_400,
};
