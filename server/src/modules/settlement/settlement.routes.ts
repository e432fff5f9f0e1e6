import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { idempotencyNote, moneyResponses, sendOutcome } from '../../platform/idempotent-http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdempotencyHeaders, IdParams, Pagination, pageOf } from '../../platform/schemas.ts';
import { requireShopMember } from '../shops/index.ts';
import { commissionOf, listSettlements, shopBalances } from './balances.service.ts';
import { listCommissionEarnings, listCommissionWithdrawals } from './commission-history.service.ts';
import {
  AmountBody,
  BalancesSchema,
  CommissionEarningPage,
  CommissionSchema,
  SettlementListQuery,
  SettlementPage,
  WithdrawalPage,
  WithdrawalSchema,
} from './settlement.schema.ts';
import {
  listShopWithdrawals,
  type WithdrawalRequest,
  withdrawCommission,
  withdrawFromShop,
} from './withdrawals.service.ts';

const merchant = { kinds: ['merchant'] } as const;
// Live hosts are creators, or merchants hosting (product rules §2); both may earn commission.
const hosts = { kinds: ['creator', 'merchant'] } as const;

/** A money movement's request: the amount asked, under the caller's Idempotency-Key, now. */
export const amountRequest =
  (clock: AppContext['clock']) =>
  (input: { body: { amountFen: number }; headers: { 'idempotency-key': string } }): WithdrawalRequest => ({
    amountFen: input.body.amountFen,
    idempotencyKey: input.headers['idempotency-key'],
    now: clock.now(),
  });

export async function settlementRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['settlement'], settlementRouteTable(ctx));
}

/** The settlement API as a table: one row per route (access, schemas, the use case it calls). */
function settlementRouteTable({ db, clock }: AppContext): AnyRouteSpec[] {
  const request = amountRequest(clock);
  return [
    route({
      method: 'GET',
      url: '/shops/:id/balances',
      access: merchant,
      scope: 'finance:read',
      summary: 'The shop’s money: pending in escrow, available, deposit and what is required, freeze',
      params: IdParams,
      response: { 200: BalancesSchema },
      handler: async ({ principal, params }) => shopBalances(db, principal, params.id, clock.now()),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/settlements',
      access: merchant,
      scope: 'finance:read',
      summary: 'The shop’s settlements, newest first: commissions, withholding and the merchant’s share',
      params: IdParams,
      querystring: SettlementListQuery,
      response: { 200: SettlementPage },
      handler: async ({ principal, params, query }) =>
        listSettlements(db, principal, params.id, { state: query.state, ...pageOf(query) }),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/withdrawals',
      access: merchant,
      summary: 'The owner withdraws from the available balance (sandbox payout)',
      description: `Refused (409 settlement_frozen) while the shop's settlement is frozen, and (409 insufficient_funds naming amountFen) beyond the available balance. ${idempotencyNote}`,
      params: IdParams,
      headers: IdempotencyHeaders,
      body: AmountBody,
      response: { 201: WithdrawalSchema, ...moneyResponses },
      handler: async (input, reply) =>
        sendOutcome(
          reply,
          await withdrawFromShop(db, input.principal, input.params.id, request(input), 'merchant_available'),
        ),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/withdrawals',
      access: merchant,
      scope: 'finance:read',
      summary: 'The shop’s withdrawals (available balance and deposit excess), newest first',
      params: IdParams,
      querystring: Pagination,
      response: { 200: WithdrawalPage },
      handler: async ({ principal, params, query }) => {
        await requireShopMember(db, principal, params.id);
        return listShopWithdrawals(db, params.id, pageOf(query));
      },
    }),
    route({
      method: 'GET',
      url: '/me/commission',
      access: hosts,
      summary: 'The caller’s live commission: earned, withdrawn and the balance',
      response: { 200: CommissionSchema },
      handler: async ({ principal }) => commissionOf(db, principal.userId),
    }),
    route({
      method: 'GET',
      url: '/me/commission/earnings',
      access: hosts,
      summary: 'The orders the caller earned live commission on, newest settlement first',
      querystring: Pagination,
      response: { 200: CommissionEarningPage },
      handler: async ({ principal, query }) => listCommissionEarnings(db, principal.userId, pageOf(query)),
    }),
    route({
      method: 'GET',
      url: '/me/commission/withdrawals',
      access: hosts,
      summary: 'The caller’s commission withdrawals, newest first',
      querystring: Pagination,
      response: { 200: WithdrawalPage },
      handler: async ({ principal, query }) => listCommissionWithdrawals(db, principal.userId, pageOf(query)),
    }),
    route({
      method: 'POST',
      url: '/me/commission/withdrawals',
      access: hosts,
      summary: 'Withdraw live commission (sandbox payout)',
      description: `Refused (409 insufficient_funds naming amountFen) beyond the commission balance. ${idempotencyNote}`,
      headers: IdempotencyHeaders,
      body: AmountBody,
      response: { 201: WithdrawalSchema, 409: errorBodySchema, 422: errorBodySchema },
      handler: async (input, reply) =>
        sendOutcome(reply, await withdrawCommission(db, input.principal, request(input))),
    }),
  ];
}
