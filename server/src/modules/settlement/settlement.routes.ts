import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { idempotencyNote, moneyResponses, sendOutcome } from '../../platform/idempotent-http.ts';
import { IdempotencyHeaders, IdParams, Pagination } from '../../platform/schemas.ts';
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
import { listShopWithdrawals, withdrawCommission, withdrawFromShop } from './withdrawals.service.ts';

const merchant = { kinds: ['merchant'] } as const;
// Live hosts are creators, or merchants hosting (product rules §2); both may earn commission.
const hosts = { kinds: ['creator', 'merchant'] } as const;

export async function settlementRoutes(app: App, ctx: AppContext) {
  const { db, clock } = ctx;
  const tags = ['settlement'];

  app.get(
    '/shops/:id/balances',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'The shop’s money: pending in escrow, available, deposit and what is required, freeze',
        params: IdParams,
        response: { 200: BalancesSchema },
      },
    },
    async (request) => shopBalances(db, request.principal!, request.params.id, clock.now()),
  );

  app.get(
    '/shops/:id/settlements',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'The shop’s settlements, newest first: commissions, withholding and the merchant’s share',
        params: IdParams,
        querystring: SettlementListQuery,
        response: { 200: SettlementPage },
      },
    },
    async (request) =>
      listSettlements(db, request.principal!, request.params.id, {
        state: request.query.state,
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.post(
    '/shops/:id/withdrawals',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'The owner withdraws from the available balance (sandbox payout)',
        description: `Refused (409 settlement_frozen) while the shop's settlement is frozen, and (409 insufficient_funds naming amountFen) beyond the available balance. ${idempotencyNote}`,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: AmountBody,
        response: { 201: WithdrawalSchema, ...moneyResponses },
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await withdrawFromShop(
          db,
          request.principal!,
          request.params.id,
          {
            amountFen: request.body.amountFen,
            idempotencyKey: request.headers['idempotency-key'],
            now: clock.now(),
          },
          'merchant_available',
        ),
      ),
  );

  app.get(
    '/shops/:id/withdrawals',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'The shop’s withdrawals (available balance and deposit excess), newest first',
        params: IdParams,
        querystring: Pagination,
        response: { 200: WithdrawalPage },
      },
    },
    async (request) => {
      await requireShopMember(db, request.principal!, request.params.id);
      return listShopWithdrawals(db, request.params.id, {
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      });
    },
  );

  app.get(
    '/me/commission',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: 'The caller’s live commission: earned, withdrawn and the balance',
        response: { 200: CommissionSchema },
      },
    },
    async (request) => commissionOf(db, request.principal!.userId),
  );

  app.get(
    '/me/commission/earnings',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: 'The orders the caller earned live commission on, newest settlement first',
        querystring: Pagination,
        response: { 200: CommissionEarningPage },
      },
    },
    async (request) =>
      listCommissionEarnings(db, request.principal!.userId, {
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.get(
    '/me/commission/withdrawals',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: 'The caller’s commission withdrawals, newest first',
        querystring: Pagination,
        response: { 200: WithdrawalPage },
      },
    },
    async (request) =>
      listCommissionWithdrawals(db, request.principal!.userId, {
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.post(
    '/me/commission/withdrawals',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: 'Withdraw live commission (sandbox payout)',
        description: `Refused (409 insufficient_funds naming amountFen) beyond the commission balance. ${idempotencyNote}`,
        headers: IdempotencyHeaders,
        body: AmountBody,
        response: { 201: WithdrawalSchema, 409: errorBodySchema, 422: errorBodySchema },
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await withdrawCommission(db, request.principal!, {
          amountFen: request.body.amountFen,
          idempotencyKey: request.headers['idempotency-key'],
          now: clock.now(),
        }),
      ),
  );
}
