import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import type { CaseHooks } from '../risk/index.ts';
import { claimItem, releaseItem } from './claims.service.ts';
import { decideItems } from './decisions.service.ts';
import { queueItems, queueSummaries, setSla } from './queue.service.ts';
import {
  ClaimBody,
  ClaimSchema,
  DecisionResultsSchema,
  DecisionsBody,
  QueuePageSchema,
  QueueParams,
  QueueSummarySchema,
  ReleaseBody,
  SlaBody,
} from './triage.schema.ts';

const reviewers = { ops: ['reviewer'] } as const;
const failures = { 400: errorBodySchema, 409: errorBodySchema };

/** Ops triage: the queues with their service levels, claims, and decisions on one or many items. */
/** `caseHooks`: how deciding a case decides its subject (the engine routes use the same). */
export async function triageRoutes(app: App, ctx: AppContext, caseHooks: CaseHooks = {}) {
  registerRoutes(app, ['ops: triage'], triageRouteTable(ctx, caseHooks));
}

/** The triage API as a table: one row per route (access, schemas, the use case it calls). */
function triageRouteTable({ db, clock }: AppContext, caseHooks: CaseHooks): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/ops/queues',
      access: { ops: ['reviewer', 'arbiter', 'rule_admin'] },
      summary: 'Every ops queue: items waiting, how many are overdue, the oldest, and its SLA',
      response: { 200: Type.Object({ items: Type.Array(QueueSummarySchema) }) },
      handler: async () => ({ items: await queueSummaries(db, clock) }),
    }),
    route({
      method: 'GET',
      url: '/ops/queues/:queue/items',
      access: reviewers,
      summary: "A queue's items, overdue first, each with its age, due time and holder",
      params: QueueParams,
      response: { 200: QueuePageSchema },
      handler: async ({ params }) => queueItems(db, clock, params.queue),
    }),
    route({
      method: 'PUT',
      url: '/ops/queues/:queue/sla',
      access: { ops: ['rule_admin'] },
      summary: "Set a queue's SLA: how long its items may wait before they are overdue",
      params: QueueParams,
      body: SlaBody,
      response: {
        200: Type.Object({ queue: QueueParams.properties.queue, slaMinutes: Type.Integer() }),
        ...failures,
      },
      handler: async ({ principal, params, body }) =>
        setSla(db, clock, { queue: params.queue, slaMinutes: body.slaMinutes, userId: principal.userId }),
    }),
    route({
      method: 'POST',
      url: '/ops/queues/:queue/claims',
      access: reviewers,
      summary:
        'Claim an item (or assign it to another reviewer); taking over one held by someone else is explicit',
      params: QueueParams,
      body: ClaimBody,
      response: { 200: ClaimSchema, ...failures },
      handler: async ({ principal, params, body }) =>
        claimItem(db, clock, {
          queue: params.queue,
          subject: body.subject,
          holderId: body.holderId ?? principal.userId,
          actorId: principal.userId,
          takeOver: body.takeOver ?? false,
        }),
    }),
    route({
      method: 'POST',
      url: '/ops/queues/:queue/claims/release',
      access: reviewers,
      summary: 'Let a claimed item go back to the queue',
      params: QueueParams,
      body: ReleaseBody,
      response: { 200: Type.Object({ ok: Type.Literal(true) }), ...failures },
      handler: async ({ principal, params, body }) => {
        await releaseItem(db, {
          queue: params.queue,
          subject: body.subject,
          actorId: principal.userId,
          takeOver: body.takeOver ?? false,
        });
        return { ok: true as const };
      },
    }),
    route({
      method: 'POST',
      url: '/ops/queues/:queue/decisions',
      access: reviewers,
      summary:
        'Approve or reject one or many items with one reason; each item is decided on its own and reported',
      params: QueueParams,
      body: DecisionsBody,
      response: { 200: DecisionResultsSchema, ...failures },
      handler: async ({ principal, params, body }) =>
        decideItems(db, clock, principal, { queue: params.queue, ...body }, caseHooks),
    }),
  ];
}
