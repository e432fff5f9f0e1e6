import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
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
  const { db, clock } = ctx;
  const tags = ['ops: triage'];

  app.get(
    '/ops/queues',
    {
      config: { access: { ops: ['reviewer', 'arbiter', 'rule_admin'] } },
      schema: {
        tags,
        summary: 'Every ops queue: items waiting, how many are overdue, the oldest, and its SLA',
        response: { 200: Type.Object({ items: Type.Array(QueueSummarySchema) }) },
      },
    },
    async () => ({ items: await queueSummaries(db, clock) }),
  );

  app.get(
    '/ops/queues/:queue/items',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: "A queue's items, overdue first, each with its age, due time and holder",
        params: QueueParams,
        response: { 200: QueuePageSchema },
      },
    },
    async (request) => queueItems(db, clock, request.params.queue),
  );

  app.put(
    '/ops/queues/:queue/sla',
    {
      config: { access: { ops: ['rule_admin'] } },
      schema: {
        tags,
        summary: "Set a queue's SLA: how long its items may wait before they are overdue",
        params: QueueParams,
        body: SlaBody,
        response: {
          200: Type.Object({ queue: QueueParams.properties.queue, slaMinutes: Type.Integer() }),
          ...failures,
        },
      },
    },
    async (request) =>
      setSla(db, clock, {
        queue: request.params.queue,
        slaMinutes: request.body.slaMinutes,
        userId: request.principal!.userId,
      }),
  );

  app.post(
    '/ops/queues/:queue/claims',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary:
          'Claim an item (or assign it to another reviewer); taking over one held by someone else is explicit',
        params: QueueParams,
        body: ClaimBody,
        response: { 200: ClaimSchema, ...failures },
      },
    },
    async (request) =>
      claimItem(db, clock, {
        queue: request.params.queue,
        subject: request.body.subject,
        holderId: request.body.holderId ?? request.principal!.userId,
        actorId: request.principal!.userId,
        takeOver: request.body.takeOver ?? false,
      }),
  );

  app.post(
    '/ops/queues/:queue/claims/release',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Let a claimed item go back to the queue',
        params: QueueParams,
        body: ReleaseBody,
        response: { 200: Type.Object({ ok: Type.Literal(true) }), ...failures },
      },
    },
    async (request) => {
      await releaseItem(db, {
        queue: request.params.queue,
        subject: request.body.subject,
        actorId: request.principal!.userId,
        takeOver: request.body.takeOver ?? false,
      });
      return { ok: true as const };
    },
  );

  app.post(
    '/ops/queues/:queue/decisions',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary:
          'Approve or reject one or many items with one reason; each item is decided on its own and reported',
        params: QueueParams,
        body: DecisionsBody,
        response: { 200: DecisionResultsSchema, ...failures },
      },
    },
    async (request) =>
      decideItems(db, clock, request.principal!, { queue: request.params.queue, ...request.body }, caseHooks),
  );
}
