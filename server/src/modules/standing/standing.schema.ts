import { Type } from '@sinclair/typebox';
import { BasisPoints, Fen, Id, Page, Pagination, Timestamp } from '../../platform/schemas.ts';

const Union = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], ...(description ? { description } : {}) }));

const BadgeConditionSchema = Union(
  ['score', 'guarantees', 'violations', 'shop_state'] as const,
  'score: experience score; guarantees: every listed product carries 7天无理由 and 退货补运费 where its category allows; violations: no serious violation in the lookback; shop_state: not restricted or suspended',
);
const BadgeStateSchema = Union(['granted', 'revoked'] as const);
const ShopStateSchema = Union(['probation', 'active', 'restricted', 'suspended', 'closed'] as const);
const Score = Type.Union([Type.Number({ minimum: 0, maximum: 5 }), Type.Null()], {
  description: 'experience score 0–5; null: not enough completed orders',
});

export const BadgeEventSchema = Type.Object({
  id: Id,
  shopId: Id,
  kind: BadgeStateSchema,
  at: Timestamp,
  score: Score,
  listedProducts: Type.Integer({ minimum: 0 }),
  coveredProducts: Type.Integer({ minimum: 0 }),
  seriousViolations: Type.Integer({ minimum: 0 }),
  shopState: ShopStateSchema,
  failedConditions: Type.Array(BadgeConditionSchema, { description: 'why it was revoked; empty on a grant' }),
});

const ConditionSchema = Type.Object({
  condition: BadgeConditionSchema,
  met: Type.Boolean(),
  value: Type.Union([Type.Number(), Type.Null()], {
    description: 'score: the score; guarantees: products covered; violations: serious violations',
  }),
  required: Type.Union([Type.Number(), Type.Null()], {
    description: 'score: the minimum; guarantees: products listed; violations: 0',
  }),
});

export const StandingViewSchema = Type.Object({
  shopId: Id,
  shopState: ShopStateSchema,
  score: Score,
  scoredOrders: Type.Integer({ minimum: 0, description: 'completed orders in the score’s window' }),
  scoreComputedAt: Type.Union([Timestamp, Type.Null()]),
  badge: Type.Object({
    held: Type.Boolean({ description: 'the shop carries 信任购 now (as buyers see it)' }),
    since: Type.Union([Timestamp, Type.Null()], { description: 'when it was last granted or revoked' }),
    /** What the next daily check would decide. */
    eligibleNow: Type.Boolean(),
    conditions: Type.Array(ConditionSchema),
    lookbackDays: Type.Integer(),
    lastRevocation: Type.Union([BadgeEventSchema, Type.Null()]),
    uncoveredProducts: Type.Array(
      Type.Object({
        productId: Id,
        title: Type.String(),
        missing: Type.Array(Union(['no_reason_7d', 'freight_insurance'] as const)),
      }),
      { description: 'listed products lacking a trust guarantee (at most 10)' },
    ),
    history: Type.Array(BadgeEventSchema, {
      description: 'grants and revocations, newest first (at most 20)',
    }),
  }),
  probation: Type.Object({
    inProbation: Type.Boolean(),
    openedAt: Timestamp,
    daysOpen: Type.Integer({ minimum: 0 }),
    daysRequired: Type.Integer(),
    completedOrders: Type.Integer({
      minimum: 0,
      description: 'completed orders since opening (in probation)',
    }),
    ordersRequired: Type.Integer(),
    seriousViolations: Type.Integer({ minimum: 0 }),
    verdict: Union(['not_in_probation', 'exit', 'held_by_violation', 'stays'] as const),
  }),
  deposit: Type.Object({
    baseRequiredFen: Fen,
    discountBp: BasisPoints,
    requiredFen: Fen,
    minScore: Type.Number(),
    offeredBp: BasisPoints,
    verdict: Union(['discount', 'score_below', 'not_enough_orders'] as const),
  }),
  campaigns: Type.Array(
    Type.Object({
      tier: Union(['daily', 'major_sale', 'trust_day'] as const),
      minScore: Type.Union([Type.Number(), Type.Null()]),
      badgeRequired: Type.Boolean(),
      eligible: Type.Boolean(),
      shortfalls: Type.Array(Union(['not_enough_orders', 'score_below', 'no_badge'] as const)),
    }),
  ),
});

export const OpsBadgeSchema = Type.Object({
  shopId: Id,
  shopName: Type.String(),
  state: BadgeStateSchema,
  changedAt: Timestamp,
  failedConditions: Type.Array(BadgeConditionSchema),
});

export const OpsBadgePage = Page(OpsBadgeSchema);
export const OpsBadgeQuery = Type.Composite([
  Pagination,
  Type.Object({ state: Type.Optional(BadgeStateSchema) }),
]);

export const BadgeEventPage = Page(
  Type.Composite([BadgeEventSchema, Type.Object({ shopName: Type.String() })]),
);
export const BadgeEventQuery = Type.Composite([Pagination, Type.Object({ shopId: Type.Optional(Id) })]);
