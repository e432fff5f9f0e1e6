import { type Static, Type } from '@sinclair/typebox';
import { AftersalesPolicySchema, defaultPolicy } from './policy.ts';
import { BuyersSchema, defaultBuyers } from './sections/buyers.ts';
import { CareSchema, defaultCare } from './sections/care.ts';
import { defaultFeedback, FeedbackSchema } from './sections/feedback.ts';
import { defaultRanking, RankingSchema } from './sections/ranking.ts';
import { defaultReputation, ReputationSchema } from './sections/reputation.ts';
import { defaultRisk, RiskSchema } from './sections/risk.ts';
import { defaultStanding, StandingSchema } from './sections/standing.ts';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

const Duration = (description: string) =>
  Type.Integer({ minimum: 60_000, maximum: 366 * D, description: `${description} (ms)` });
const Count = (description: string, maximum: number, minimum = 1) =>
  Type.Integer({ minimum, maximum, description });

/** product rules §2: orders, payment, shipping, receipt and settlement. Key prefix `marketplace.`. */
export const MarketplaceSchema = Type.Object(
  {
    paymentTimeoutMs: Duration('unpaid orders auto-cancel and release their stock after'),
    paymentAnswerTimeoutMs: Duration(
      'a charge the provider has not answered after this long times out; the buyer may pay again',
    ),
    shipByMs: Duration('ship-by promise after payment'),
    autoConfirmMs: Duration('receipt auto-confirms this long after delivery'),
    settlementDelayMs: Duration('settlement to the merchant waits this long after completion'),
    maxLineQuantity: Count('largest quantity of one SKU in one order', 100_000),
  },
  { additionalProperties: false },
);

/** product rules §3: deposits and onboarding. Key prefix `deposits.`. */
export const DepositsSchema = Type.Object(
  {
    zeroDepositWithholdBp: Type.Integer({
      minimum: 0,
      maximum: 10_000,
      description:
        '0元开店: share of each settlement withheld while the deposit is short (basis points, 100 = 1%)',
    }),
    depositTopUpMs: Duration(
      'after a deduction the shop tops up its deposit within; else settlement freezes',
    ),
    probationListingLimits: Type.Object(
      {
        low: Count('products a low-risk probation shop may have listed or in review', 100_000),
        medium: Count('products a medium-risk probation shop may have listed or in review', 100_000),
        high: Count('products a high-risk probation shop may have listed or in review', 100_000),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Milestone = Type.Object(
  {
    points: Count('points reached within the window', 1_000),
    restrictDays: Count('the shop is restricted for this many days', 365),
  },
  { additionalProperties: false },
);

/** product rules §6: graduated enforcement, appeals, IP counter-notice. Key prefix `governance.`. */
export const GovernanceSchema = Type.Object(
  {
    warningFixWindowMs: Duration('a first general violation may be fixed within; else it is enforced'),
    firstOffenceLookbackMs: Duration('"first" violation: no earlier one of the same code within'),
    pointsWindowMs: Duration('points count over this rolling window'),
    restrictionMilestones: Type.Array(Milestone, {
      minItems: 0,
      maxItems: 10,
      description: 'points milestones that restrict the shop, in ascending points',
    }),
    closureAtPoints: Count('reaching this many points closes the shop', 1_000),
    appealWindowMs: Duration('a merchant may appeal a violation within this long of it'),
    maxAppealsPerViolation: Count('appeals per violation, at most', 10),
    counterNoticeWindowMs: Duration('after an IP takedown the merchant may counter-notify within'),
  },
  { additionalProperties: false },
);

/** product rules §9 Coupons. Key prefix `promotions.`. */
export const PromotionsSchema = Type.Object(
  {
    returnCouponOnInstantRefund: Type.Boolean({
      description: 'an instant refund (极速退款, whole order before shipping) gives the order’s coupons back',
    }),
  },
  { additionalProperties: false },
);

/** Every number of product rules §2–§7 and §9 as one versioned document, one section per part of the rules. */
export const PlatformConfigSchema = Type.Object(
  {
    marketplace: MarketplaceSchema,
    deposits: DepositsSchema,
    aftersales: AftersalesPolicySchema,
    governance: GovernanceSchema,
    promotions: PromotionsSchema,
    reputation: ReputationSchema,
    standing: StandingSchema,
    ranking: RankingSchema,
    feedback: FeedbackSchema,
    buyers: BuyersSchema,
    care: CareSchema,
    risk: RiskSchema,
  },
  { additionalProperties: false },
);

export type MarketplaceConfig = Static<typeof MarketplaceSchema>;
export type DepositsConfig = Static<typeof DepositsSchema>;
export type GovernanceConfig = Static<typeof GovernanceSchema>;
export type PromotionsConfig = Static<typeof PromotionsSchema>;
export type PlatformConfig = Static<typeof PlatformConfigSchema>;
export type ConfigSection = keyof PlatformConfig;

/** The defaults of product rules §2–§6: version 1 of the configuration. */
export const defaultConfig: PlatformConfig = {
  marketplace: {
    paymentTimeoutMs: 15 * M,
    paymentAnswerTimeoutMs: 5 * M,
    shipByMs: 48 * H,
    autoConfirmMs: 10 * D,
    settlementDelayMs: 7 * D,
    maxLineQuantity: 999,
  },
  deposits: {
    zeroDepositWithholdBp: 1_000,
    depositTopUpMs: 7 * D,
    probationListingLimits: { low: 200, medium: 50, high: 10 },
  },
  aftersales: defaultPolicy,
  governance: {
    warningFixWindowMs: 72 * H,
    firstOffenceLookbackMs: 365 * D,
    pointsWindowMs: 365 * D,
    restrictionMilestones: [
      { points: 12, restrictDays: 7 },
      { points: 24, restrictDays: 14 },
      { points: 36, restrictDays: 28 },
    ],
    closureAtPoints: 48,
    appealWindowMs: 7 * D,
    maxAppealsPerViolation: 2,
    counterNoticeWindowMs: 7 * D,
  },
  promotions: { returnCouponOnInstantRefund: true },
  reputation: defaultReputation,
  standing: defaultStanding,
  ranking: defaultRanking,
  feedback: defaultFeedback,
  buyers: defaultBuyers,
  care: defaultCare,
  risk: defaultRisk,
};

/** A configuration in force: its version and values. */
export interface ConfigVersion {
  version: number;
  config: PlatformConfig;
}

/** Cross-field rules the schema cannot say, as fields of the whole document (`aftersales.…`, `governance.…`). */
export function configProblems(config: PlatformConfig): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  const milestones = config.governance.restrictionMilestones;
  milestones.forEach((m, i) => {
    if (i > 0 && m.points <= milestones[i - 1]!.points)
      problems.push({
        field: `governance.restrictionMilestones.${i}.points`,
        reason: 'milestones must rise: more points than the one before',
      });
    if (m.points >= config.governance.closureAtPoints)
      problems.push({
        field: `governance.restrictionMilestones.${i}.points`,
        reason: 'a restriction milestone must be below closureAtPoints',
      });
  });
  return problems;
}
