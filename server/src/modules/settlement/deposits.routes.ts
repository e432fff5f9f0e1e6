import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { idempotencyNote, moneyResponses, sendOutcome } from '../../platform/idempotent-http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdempotencyHeaders, IdParams } from '../../platform/schemas.ts';
import { payDeposit } from './deposits.service.ts';
import { amountRequest } from './settlement.routes.ts';
import { AmountBody, DepositPaymentSchema, WithdrawalSchema } from './settlement.schema.ts';
import { withdrawFromShop } from './withdrawals.service.ts';

const merchant = { kinds: ['merchant'] } as const;

/** Deposits (保证金, product rules §3): pay in, withdraw the excess. */
export async function depositRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['settlement'], depositRouteTable(ctx));
}

function depositRouteTable({ db, clock, settings }: AppContext): AnyRouteSpec[] {
  const request = amountRequest(clock);
  return [
    route({
      method: 'POST',
      url: '/shops/:id/deposit/payments',
      access: merchant,
      summary: 'The owner pays into the shop’s deposit (sandbox charge)',
      description: `Bringing the deposit up to what is owed ends a pending top-up, lifts a deposit freeze and settles the frozen settlements at once. ${idempotencyNote}`,
      params: IdParams,
      headers: IdempotencyHeaders,
      body: AmountBody,
      response: { 201: DepositPaymentSchema, ...moneyResponses },
      handler: async (input, reply) =>
        sendOutcome(reply, await payDeposit(db, input.principal, input.params.id, request(input), settings)),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/deposit/withdrawals',
      access: merchant,
      summary: 'The owner withdraws the part of the deposit above the requirement (sandbox payout)',
      description: `Only the excess over the required deposit: beyond it, 409 insufficient_funds naming amountFen. Refused while settlement is frozen. ${idempotencyNote}`,
      params: IdParams,
      headers: IdempotencyHeaders,
      body: AmountBody,
      response: { 201: WithdrawalSchema, ...moneyResponses },
      handler: async (input, reply) =>
        sendOutcome(
          reply,
          await withdrawFromShop(db, input.principal, input.params.id, request(input), 'merchant_deposit'),
        ),
    }),
  ];
}
