import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdempotencyHeaders, IdParams } from '../../platform/schemas.ts';
import { getOrderDetail } from '../orders/index.ts';
import { PayBody, PaymentSchema, RefundSchema, SandboxNotifyBody } from './payments.schema.ts';
import { getPayment, type PaymentService } from './payments.service.ts';
import { refundsOfOrder } from './refunds.service.ts';
import { answerForSandbox } from './sandbox-answer.ts';

const buyer = { kinds: ['buyer'] } as const;

export async function paymentsRoutes(app: App, ctx: AppContext, payments: PaymentService) {
  registerRoutes(app, ['payments'], paymentsRouteTable(ctx, payments));
}

/** The payments API as a table: one row per route (access, schemas, the use case it calls). */
function paymentsRouteTable({ db }: AppContext, payments: PaymentService): AnyRouteSpec[] {
  return [
    route({
      method: 'POST',
      url: '/order-groups/:id/pay',
      access: buyer,
      summary: 'Pay the waiting orders of an order group',
      description:
        'Charges the sum of the group’s orders still waiting for payment. With the sandbox provider, `sandboxOutcome` picks success, failure or no answer (timeout; the answer then comes through the sandbox notification). Requires an Idempotency-Key header: a replay returns the same payment, never a second one.',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: PayBody,
      response: {
        201: PaymentSchema,
        200: PaymentSchema,
        404: errorBodySchema,
        409: errorBodySchema,
        422: errorBodySchema,
      },
      handler: async ({ principal, params, headers, body }, reply) => {
        const outcome = await payments.pay({
          buyerId: principal.userId,
          groupId: params.id,
          idempotencyKey: headers['idempotency-key'],
          sandboxOutcome: body.sandboxOutcome ?? null,
        });
        if (outcome.replayed) reply.header('idempotent-replayed', 'true');
        return reply
          .status(outcome.status)
          .send('error' in outcome ? { error: outcome.error } : outcome.payment);
      },
    }),
    route({
      method: 'GET',
      url: '/payments/:id',
      access: buyer,
      summary: 'One of the buyer’s payments',
      params: IdParams,
      response: { 200: PaymentSchema },
      handler: async ({ principal, params }) => getPayment(db, params.id, principal.userId),
    }),
    route({
      method: 'POST',
      url: '/payments/:id/sandbox-notify',
      access: { kinds: ['buyer', 'ops'] },
      summary: 'Sandbox provider: deliver the late answer of a payment that timed out',
      description: 'For tests and demos. A buyer may drive their own payments; an ops super admin any.',
      params: IdParams,
      body: SandboxNotifyBody,
      response: { 200: PaymentSchema },
      handler: async ({ principal, params, body }) =>
        answerForSandbox(db, payments, principal, params.id, body.outcome),
    }),
    route({
      method: 'GET',
      url: '/orders/:id/refunds',
      access: buyer,
      summary: 'Refunds of one of the buyer’s orders',
      params: IdParams,
      response: { 200: Type.Array(RefundSchema) },
      handler: async ({ principal, params }) => {
        await getOrderDetail(db, params.id, { buyerId: principal.userId });
        return refundsOfOrder(db, params.id);
      },
    }),
  ];
}
