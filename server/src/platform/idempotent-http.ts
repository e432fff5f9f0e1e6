import type { FastifyReply } from 'fastify';
import { errorBodySchema } from './http.ts';
import type { IdempotentOutcome } from './run-idempotent.ts';

/** Sends an idempotent use case's answer, marking replays with `idempotent-replayed: true`. */
export function sendOutcome(reply: FastifyReply, outcome: IdempotentOutcome<unknown>) {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(outcome.status).send(outcome.body);
}

export const moneyResponses = { 404: errorBodySchema, 409: errorBodySchema, 422: errorBodySchema };

export const idempotencyNote =
  'Requires an Idempotency-Key header: a replay returns the first answer (refusals included), with header `idempotent-replayed: true`.';
