import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { IdempotencyHeaders, IdParams } from '../../platform/schemas.ts';
import { getOrderDetail } from '../orders/index.ts';
import { assertAwaitingAnswer } from './payment-guards.ts';
import { PayBody, PaymentSchema, RefundSchema, SandboxNotifyBody } from './payments.schema.ts';
import { getPayment, type PaymentService } from './payments.service.ts';
import { refundsOfOrder } from './refunds.service.ts';

const buyer = { kinds: ['buyer'] } as const;

export async function paymentsRoutes(app: App, ctx: AppContext, payments: PaymentService) {
  const { db } = ctx;
  const tags = ['payments'];

  app.post(
    '/order-groups/:id/pay',
    {
      config: { access: buyer },
      schema: {
        tags,
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
      },
    },
    async (request, reply) => {
      const outcome = await payments.pay({
        buyerId: request.principal!.userId,
        groupId: request.params.id,
        idempotencyKey: request.headers['idempotency-key'],
        sandboxOutcome: request.body.sandboxOutcome ?? null,
      });
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      if ('error' in outcome)
        return reply.status(outcome.status as 409).send({ error: outcome.error } as never);
      return reply.status(outcome.status).send(outcome.payment);
    },
  );

  app.get(
    '/payments/:id',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary: 'One of the buyer’s payments',
        params: IdParams,
        response: { 200: PaymentSchema },
      },
    },
    async (request) => getPayment(db, request.params.id, request.principal!.userId),
  );

  app.post(
    '/payments/:id/sandbox-notify',
    {
      config: { access: { kinds: ['buyer', 'ops'] } },
      schema: {
        tags,
        summary: 'Sandbox provider: deliver the late answer of a payment that timed out',
        description: 'For tests and demos. A buyer may drive their own payments; an ops super admin any.',
        params: IdParams,
        body: SandboxNotifyBody,
        response: { 200: PaymentSchema },
      },
    },
    async (request) => {
      const principal = request.principal!;
      if (principal.kind === 'ops' && !principal.opsRoles.includes('super_admin')) {
        throw new AppError('forbidden', 'Only a super admin may answer for the sandbox provider');
      }
      await assertAwaitingAnswer(db, request.params.id, principal.kind === 'ops' ? null : principal.userId);
      const outcome = request.body.outcome;
      return payments.notify(
        request.params.id,
        outcome === 'succeeded'
          ? { status: 'succeeded', providerRef: `sandbox-pay-${request.params.id}` }
          : { status: 'failed', reason: 'sandbox: declined after timeout' },
      );
    },
  );

  app.get(
    '/orders/:id/refunds',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary: 'Refunds of one of the buyer’s orders',
        params: IdParams,
        response: { 200: Type.Array(RefundSchema) },
      },
    },
    async (request) => {
      await getOrderDetail(db, request.params.id, { buyerId: request.principal!.userId });
      return refundsOfOrder(db, request.params.id);
    },
  );
}
