import { type Static, Type } from '@sinclair/typebox';

const Score = (description: string) => Type.Number({ minimum: 0, maximum: 5, description });
const Days = (description: string) => Type.Integer({ minimum: 1, maximum: 366, description });

/** The campaign tiers a shop may qualify for by its standing (product rules §7.2). */
export const CAMPAIGN_TIERS = ['daily', 'major_sale', 'trust_day'] as const;
export type CampaignTier = (typeof CAMPAIGN_TIERS)[number];

const CampaignTierSchema = Type.Object(
  {
    tier: Type.Unsafe<CampaignTier>(
      Type.String({
        enum: [...CAMPAIGN_TIERS],
        description: 'daily / major_sale (大促) / trust_day (信任日)',
      }),
    ),
    minScore: Type.Union([Score('experience score needed to enter'), Type.Null()], {
      description: 'null: open to every shop, also one without a score yet',
    }),
    badgeRequired: Type.Boolean({ description: 'only shops holding the trust badge (信任购)' }),
  },
  { additionalProperties: false },
);

/** product rules §7 trust badge, probation exit, deposit discount, campaign eligibility. Key prefix `standing.`. */
export const StandingSchema = Type.Object(
  {
    badge: Type.Object(
      {
        minScore: Score('trust badge (信任购): experience score at least'),
        violationLookbackDays: Days('trust badge and probation exit: no serious violation within'),
      },
      { additionalProperties: false },
    ),
    probationExit: Type.Object(
      {
        days: Days('a shop leaves probation (新手期) this many days after opening'),
        completedOrders: Type.Integer({
          minimum: 1,
          maximum: 100_000,
          description: '… or once it has this many completed orders, whichever comes first',
        }),
      },
      { additionalProperties: false },
    ),
    depositDiscount: Type.Object(
      {
        minScore: Score('deposit discount: experience score at least'),
        discountBp: Type.Integer({
          minimum: 0,
          maximum: 10_000,
          description: 'off the required deposit (basis points, 5000 = 50%)',
        }),
      },
      { additionalProperties: false },
    ),
    campaignTiers: Type.Array(CampaignTierSchema, {
      minItems: 0,
      maxItems: CAMPAIGN_TIERS.length,
      description: 'what each campaign tier asks of a shop',
    }),
  },
  { additionalProperties: false },
);

export type StandingConfig = Static<typeof StandingSchema>;

export const defaultStanding: StandingConfig = {
  badge: { minScore: 4.5, violationLookbackDays: 90 },
  probationExit: { days: 90, completedOrders: 30 },
  depositDiscount: { minScore: 4.7, discountBp: 5_000 },
  campaignTiers: [
    { tier: 'daily', minScore: null, badgeRequired: false },
    { tier: 'major_sale', minScore: 4.5, badgeRequired: false },
    { tier: 'trust_day', minScore: 4.7, badgeRequired: true },
  ],
};
