import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { BasisPoints, Fen, Id, Timestamp } from '../../platform/schemas.ts';
import { claimSuccessReport } from './claim-success.service.ts';
import { myBuyerTier } from './good-buyer.service.ts';
import { GOOD_BUYER_CONDITIONS } from './rules/good-buyer.rule.ts';

const Words = Type.Object({ zh: Type.String(), en: Type.String() });
const Tier = Type.Union([Type.Literal('good'), Type.Literal('standard')], {
  description: "'good' (优质买家) when every condition holds, else 'standard'",
});

const BuyerTierSchema = Type.Object({
  buyerId: Id,
  tier: Tier,
  conditions: Type.Array(
    Type.Object({
      condition: Type.Union(GOOD_BUYER_CONDITIONS.map((c) => Type.Literal(c))),
      holds: Type.Boolean(),
      explanation: Words,
    }),
    { description: 'each condition of the rule, whether it holds and the figures behind it' },
  ),
  explanation: Words,
  fastClaimMaxFen: {
    ...Fen,
    description: 'a good buyer’s guarantee claim up to this amount is refunded at once',
  },
  configVersion: Type.Integer({
    description: 'the configuration version whose `buyers` thresholds were used',
  }),
  evaluatedAt: Timestamp,
});

const Null = <T extends ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);

const ClaimSuccessSchema = Type.Object({
  from: Timestamp,
  to: Timestamp,
  days: Type.Integer(),
  targetBp: {
    ...BasisPoints,
    description: 'the target success rate of good buyers (`buyers.claimSuccessTargetBp`)',
  },
  configVersion: Type.Integer(),
  tiers: Type.Array(
    Type.Object({
      tier: Tier,
      claims: Type.Integer({ minimum: 0, description: 'guarantee claims opened in the period' }),
      decided: Type.Integer({ minimum: 0, description: 'of those, refunded, resolved, rejected or closed' }),
      succeeded: Type.Integer({ minimum: 0, description: 'of those, refunded or resolved' }),
      successRateBp: Null(Type.Integer({ minimum: 0, maximum: 10_000, description: 'succeeded / decided' })),
      decidedAtOnce: Type.Integer({
        minimum: 0,
        description: 'decided the moment they were opened (fast claims)',
      }),
      medianDecisionMs: Null(Type.Integer({ minimum: 0, description: 'opened → first decision, median' })),
    }),
    { description: "good buyers first, then the others ('standard')" },
  ),
});

const ClaimSuccessQuery = Type.Object(
  {
    days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'the last N days' }),
    ),
  },
  { additionalProperties: false },
);

/** Good buyers (product rules §7.6): the buyer's own tier, and the ops report of claim success by tier. */
export async function buyerTierRoutes(app: App, { db, clock }: AppContext) {
  const table: AnyRouteSpec[] = [
    route({
      method: 'GET',
      url: '/me/buyer-tier',
      access: { kinds: ['buyer'] },
      summary: 'Your buyer tier (优质买家: faster guarantee claims) and the conditions behind it',
      description:
        'product rules §7.6: no risk label, a low refund rate over `buyers.goodBuyerWindowMs`, an account at least `buyers.goodBuyerMinAccountAgeMs` old, at least `buyers.goodBuyerMinCompletedOrders` completed orders. Computed now.',
      response: { 200: BuyerTierSchema },
      handler: async ({ principal }) => myBuyerTier(db, principal.userId, clock.now()),
    }),
    route({
      method: 'GET',
      url: '/ops/buyers/claim-success',
      access: { ops: ['reviewer', 'arbiter'] },
      summary: 'Claim success rate and time to decision of good buyers against the others',
      description:
        'Guarantee claims opened in the last `days`, by the tier each claim kept when it was opened (product rules §7.6; seed target ≥ 84%).',
      querystring: ClaimSuccessQuery,
      response: { 200: ClaimSuccessSchema },
      handler: async ({ query }) => claimSuccessReport(db, { days: query.days ?? 30, now: clock.now() }),
    }),
  ];
  registerRoutes(app, ['buyers'], table);
}
