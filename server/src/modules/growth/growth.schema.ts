import { Type } from '@sinclair/typebox';
import { Fen, Id, Page, Pagination, Timestamp } from '../../platform/schemas.ts';

const NullableTimestamp = Type.Unsafe<Date | null>({ type: ['string', 'null'], format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });
const Credits = Type.Integer({ description: 'exposure credits (曝光积分), not money' });

const MetricSchema = Type.Union(
  [
    Type.Literal('listed_products'),
    Type.Literal('live_sessions'),
    Type.Literal('live_sessions_7d'),
    Type.Literal('paid_orders'),
    Type.Literal('followers'),
    Type.Literal('product_videos'),
  ],
  {
    description:
      'listed_products: products listed now; live_sessions: sessions aired; live_sessions_7d: most sessions started within 7 days; paid_orders: orders paid; followers: shop followers now; product_videos: product-linked videos',
  },
);
const QuarterStateSchema = Type.Union([
  Type.Literal('measuring'),
  Type.Literal('due'),
  Type.Literal('not_earned'),
  Type.Literal('paid'),
]);
const QuarterCode = Type.String({
  pattern: '^[0-9]{4}-Q[1-4]$',
  description: 'a platform-calendar quarter, e.g. 2026-Q4',
});
const BoostTargetSchema = Type.Union([Type.Literal('product'), Type.Literal('live')]);

const StepSchema = Type.Object({
  position: Type.Integer(),
  code: Type.String(),
  metric: MetricSchema,
  threshold: Type.Integer(),
  rewardCredits: Credits,
});
const TierFields = {
  minLiveHours: Type.Integer({ minimum: 0, maximum: 2208 }),
  minLiveDays: Type.Integer({ minimum: 0, maximum: 92 }),
  minProductVideos: Type.Integer({ minimum: 0, maximum: 100000 }),
  minFollowerGain: Type.Integer({ minimum: 0, maximum: 10000000 }),
  minListedProducts: Type.Integer({ minimum: 0, maximum: 100000 }),
  rewardCredits: Type.Integer({ minimum: 0, maximum: 10000000 }),
  rebateBp: Type.Integer({
    minimum: 0,
    maximum: 2000,
    description: 'GMV rebate in basis points (100 = 1%), at most 20%',
  }),
  rebateCapFen: Type.Integer({
    minimum: 0,
    maximum: 10000000000,
    description: 'the rebate is at most this (fen)',
  }),
};
const TierSchema = Type.Object({ tier: Type.Integer(), ...TierFields });
const BoostTermsSchema = Type.Object({
  creditsPerHour: Type.Integer(),
  weightBp: Type.Integer({ description: 'ranking weight added while boosted, in basis points' }),
  maxHours: Type.Integer(),
});

export const ProgrammeVersionSchema = Type.Object({
  id: Id,
  programme: Type.Union([Type.Literal('new_merchant'), Type.Literal('active_seller')]),
  version: Type.Integer(),
  note: Type.String(),
  effectiveFrom: Timestamp,
  effectiveUntil: NullableTimestamp,
  createdAt: Timestamp,
  boost: Type.Union([
    Type.Object({
      ...BoostTermsSchema.properties,
      newShopBoostBp: Type.Integer(),
      newShopBoostDays: Type.Integer(),
    }),
    Type.Null(),
  ]),
  steps: Type.Array(StepSchema),
  tiers: Type.Array(TierSchema),
});
export const ProgrammeVersionList = Type.Object({ items: Type.Array(ProgrammeVersionSchema) });

const When = Type.String({ format: 'date-time', description: 'ISO 8601 with zone; in the future' });
const Note = Type.Optional(Type.String({ maxLength: 200 }));

export const LadderVersionBody = Type.Object(
  {
    effectiveFrom: When,
    note: Note,
    boost: Type.Object({
      creditsPerHour: Type.Integer({ minimum: 1, maximum: 100000 }),
      weightBp: Type.Integer({ minimum: 1, maximum: 100000 }),
      maxHours: Type.Integer({ minimum: 1, maximum: 168 }),
    }),
    newShopBoost: Type.Object({
      weightBp: Type.Integer({ minimum: 0, maximum: 100000 }),
      days: Type.Integer({ minimum: 0, maximum: 365 }),
    }),
    steps: Type.Array(
      Type.Object({
        code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
        metric: MetricSchema,
        threshold: Type.Integer({ minimum: 1, maximum: 1000000 }),
        rewardCredits: Type.Integer({ minimum: 1, maximum: 10000000 }),
      }),
      { minItems: 1, maxItems: 30 },
    ),
  },
  { additionalProperties: false },
);

export const TierVersionBody = Type.Object(
  {
    effectiveFrom: When,
    note: Note,
    tiers: Type.Array(Type.Object(TierFields), { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);

const JournalLine = Type.Object({
  entryId: Id,
  kind: Type.Union([Type.Literal('ladder_reward'), Type.Literal('quarter_reward'), Type.Literal('boost')]),
  cause: Type.Object({ type: Type.String(), id: Id }),
  memo: Type.String(),
  amount: Credits,
  balanceAfter: Credits,
  at: Timestamp,
});

export const QuarterResultSchema = Type.Object({
  shopId: Id,
  shopName: Type.String(),
  quarter: Type.String(),
  quarterStart: Timestamp,
  quarterEnd: Timestamp,
  programmeVersion: Type.Integer(),
  liveMinutes: Count,
  liveDays: Count,
  productVideos: Count,
  followerGain: Type.Integer(),
  listedProducts: Count,
  gmvFen: Fen,
  tier: Type.Union([Type.Integer(), Type.Null()]),
  rewardCredits: Count,
  rebateFen: Fen,
  state: QuarterStateSchema,
  measuredAt: Timestamp,
  paidAt: NullableTimestamp,
});

export const BoostSchema = Type.Object({
  id: Id,
  targetType: BoostTargetSchema,
  targetId: Id,
  targetTitle: Type.String(),
  credits: Count,
  weightBp: Type.Integer(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  active: Type.Boolean(),
});
export const BoostList = Type.Object({ items: Type.Array(BoostSchema), creditBalance: Credits });

export const GrowthViewSchema = Type.Object({
  shopId: Id,
  creditBalance: Credits,
  journal: Type.Array(JournalLine),
  ladder: Type.Union([
    Type.Object({
      programmeVersion: Type.Integer(),
      note: Type.String(),
      enrolledAt: Timestamp,
      newShopBoostBp: Type.Integer(),
      newShopBoostUntil: Timestamp,
      finished: Type.Boolean(),
      steps: Type.Array(
        Type.Object({
          ...StepSchema.properties,
          measured: Type.Integer(),
          done: Type.Boolean(),
          next: Type.Boolean(),
          completedAt: NullableTimestamp,
          claimedAt: NullableTimestamp,
        }),
      ),
    }),
    Type.Null(),
  ]),
  ladderForDays: Type.Integer(),
  quarter: Type.Union([QuarterResultSchema, Type.Null()]),
  tiers: Type.Array(TierSchema),
  pastQuarters: Type.Array(QuarterResultSchema),
  boostTerms: BoostTermsSchema,
  boosts: Type.Array(BoostSchema),
});

export const ClaimBody = Type.Object(
  {
    step: Type.String({
      pattern: '^[a-z][a-z0-9_]{0,39}$',
      description: 'the code of a completed ladder step',
    }),
  },
  { additionalProperties: false },
);
export const ClaimResult = Type.Object({
  step: Type.String(),
  credits: Count,
  claimedAt: Timestamp,
  creditBalance: Credits,
});

export const BoostBody = Type.Object(
  {
    targetType: BoostTargetSchema,
    targetId: Id,
    hours: Type.Integer({
      minimum: 1,
      maximum: 168,
      description: 'from now; at most the version’s maxHours',
    }),
  },
  { additionalProperties: false },
);

export const PayoutQuery = Type.Object({
  quarter: Type.Optional(QuarterCode),
  state: Type.Optional(QuarterStateSchema),
  ...Pagination.properties,
});
export const PayoutPage = Page(QuarterResultSchema);
export const PayBody = Type.Object(
  {
    shopId: Id,
    quarter: QuarterCode,
    expectedRebateFen: Type.Integer({
      minimum: 0,
      description: 'the rebate ops confirmed; another amount now is 409',
    }),
  },
  { additionalProperties: false },
);
