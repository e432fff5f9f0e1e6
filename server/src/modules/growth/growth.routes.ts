import type { AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import { getShop, requireShopMember } from '../shops/index.ts';
import { buyBoost, listBoosts } from './boosts.service.ts';
import { creditBalance } from './credits.service.ts';
import {
  BoostBody,
  BoostList,
  BoostSchema,
  ClaimBody,
  ClaimResult,
  GrowthViewSchema,
  LadderVersionBody,
  PayBody,
  PayoutPage,
  PayoutQuery,
  ProgrammeVersionList,
  ProgrammeVersionSchema,
  QuarterResultSchema,
  TierVersionBody,
} from './growth.schema.ts';
import { growthView } from './growth-view.service.ts';
import { claimStepReward } from './ladder.service.ts';
import { createLadderVersion, createTierVersion, listProgrammeVersions } from './programmes.service.ts';
import { payQuarter, quarterResults } from './quarters.service.ts';

const merchant = { kinds: ['merchant'] } as const;
// Programme rules and payouts are the platform's marketing and money decisions.
const programmeAdmins = { ops: ['rule_admin'] } as const;
const payers = { ops: ['arbiter', 'super_admin'] } as const;

export async function growthRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['growth'], growthRouteTable(ctx));
}

/** Growth programmes (product rules §7.5): the merchant's 成长计划, boosts, ops programmes and payouts. */
function growthRouteTable({ db, clock }: AppContext): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/shops/:id/growth',
      access: merchant,
      summary:
        "The shop's 成长计划: 新商启航 steps with progress and rewards, the 斗金 quarter, exposure credits and boosts",
      description:
        'Progress is evaluated from facts as the page opens (steps met are completed; the quarter is measured).',
      params: IdParams,
      response: { 200: GrowthViewSchema },
      handler: async ({ principal, params }) => {
        await requireShopMember(db, principal, params.id);
        return growthView(db, params.id, clock.now());
      },
    }),
    route({
      method: 'POST',
      url: '/shops/:id/growth/rewards',
      access: merchant,
      summary:
        '领取奖励: claim the exposure credits of a completed ladder step (once; claiming again answers the same)',
      description:
        '409 growth_step_not_done when the step is not done; 409 growth_not_on_ladder for a shop not on 新商启航.',
      params: IdParams,
      body: ClaimBody,
      response: { 200: ClaimResult },
      handler: async ({ principal, params, body }) => {
        await requireShopMember(db, principal, params.id);
        const shop = await getShop(db, params.id);
        const now = clock.now();
        return inTransaction(db, async (tx) => {
          const claimed = await claimStepReward(tx, shop, body.step, now);
          return { ...claimed, creditBalance: await creditBalance(tx, shop.id) };
        });
      },
    }),
    route({
      method: 'GET',
      url: '/shops/:id/boosts',
      access: merchant,
      summary: "The shop's boosts, newest first, and its exposure-credit balance",
      params: IdParams,
      response: { 200: BoostList },
      handler: async ({ principal, params }) => {
        await requireShopMember(db, principal, params.id);
        const now = clock.now();
        const [items, balance] = await Promise.all([
          listBoosts(db, params.id, now),
          creditBalance(db, params.id),
        ]);
        return { items, creditBalance: balance };
      },
    }),
    route({
      method: 'POST',
      url: '/shops/:id/boosts',
      access: merchant,
      summary:
        '一键助推: spend exposure credits to boost a listed product or a scheduled/live room of the shop for some hours',
      description:
        'Costs hours × the version’s creditsPerHour. 409 insufficient_credits naming balance and cost; 409 boost_active when the target is already boosted; 404 for a target of another shop.',
      params: IdParams,
      body: BoostBody,
      response: { 201: BoostSchema },
      status: 201,
      handler: async ({ principal, params, body }) => {
        await requireShopMember(db, principal, params.id);
        const now = clock.now();
        return inTransaction(db, (tx) =>
          buyBoost(tx, { shopId: params.id, ...body, by: principal.userId }, now),
        );
      },
    }),
    route({
      method: 'GET',
      url: '/ops/growth/programmes',
      access: { ops: ['rule_admin', 'arbiter', 'reviewer'] },
      summary: 'Every version of 新商启航 and 斗金 with its rules and when it is in force',
      response: { 200: ProgrammeVersionList },
      handler: async () => ({ items: await listProgrammeVersions(db) }),
    }),
    route({
      method: 'POST',
      url: '/ops/growth/programmes/new-merchant',
      access: programmeAdmins,
      summary:
        'Add the next version of the 新商启航 ladder (steps, rewards, boost price), in force from effectiveFrom',
      description:
        '400 naming the field: effectiveFrom must be in the future; each step needs its own code. Shops already on the ladder keep the version they joined.',
      body: LadderVersionBody,
      response: { 201: ProgrammeVersionSchema },
      status: 201,
      handler: async ({ principal, body }) =>
        createLadderVersion(
          db,
          { ...body, effectiveFrom: new Date(body.effectiveFrom) },
          principal.userId,
          clock.now(),
        ),
    }),
    route({
      method: 'POST',
      url: '/ops/growth/programmes/active-seller',
      access: programmeAdmins,
      summary:
        'Add the next version of 斗金 (tiers of indicators, credits and GMV rebates), in force from effectiveFrom',
      description:
        '400 naming the field: effectiveFrom must be in the future; a tier must not ask less than the tier before. Quarters starting from effectiveFrom use it.',
      body: TierVersionBody,
      response: { 201: ProgrammeVersionSchema },
      status: 201,
      handler: async ({ principal, body }) =>
        createTierVersion(
          db,
          { ...body, effectiveFrom: new Date(body.effectiveFrom) },
          principal.userId,
          clock.now(),
        ),
    }),
    route({
      method: 'GET',
      url: '/ops/growth/payouts',
      access: payers,
      summary: '斗金 payouts: quarters measured final, due first (default: due and paid)',
      querystring: PayoutQuery,
      response: { 200: PayoutPage },
      handler: async ({ query: { limit = 20, offset = 0, ...filter } }) => {
        const page = await quarterResults(db, { ...filter, limit, offset });
        return { ...page, limit, offset };
      },
    }),
    route({
      method: 'POST',
      url: '/ops/growth/payouts',
      access: payers,
      summary:
        "Pay a shop's due 斗金 quarter: the GMV rebate to its available balance (ledger) and the tier's credits, once",
      description:
        '409 growth_payout_not_due when it is not due (already paid, or not earned); 409 growth_payout_changed when the rebate is no longer expectedRebateFen.',
      body: PayBody,
      response: { 200: QuarterResultSchema },
      handler: async ({ principal, body }) =>
        inTransaction(db, (tx) => payQuarter(tx, body, principal.userId, clock.now())),
    }),
  ];
}
