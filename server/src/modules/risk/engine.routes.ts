import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { IdParams } from '../../platform/schemas.ts';
import { backtest } from './backtest.service.ts';
import { assignCase, type CaseHooks, getCase, listCases, resolveCase } from './cases.service.ts';
import { listDecisions, shadowSummary } from './decisions.service.ts';
import {
  AssignBody,
  BacktestBody,
  BacktestSchema,
  BlacklistBody,
  BlacklistResult,
  CasePage,
  CaseQuery,
  CaseSchema,
  ClearLabelBody,
  DecisionPage,
  DecisionQuery,
  DraftBody,
  LabelBody,
  LabelList,
  LabelQuery,
  PolicyQuery,
  PolicySchema,
  ResolveBody,
  ShadowSummarySchema,
} from './engine.schema.ts';
import { blacklist } from './entities.service.ts';
import { clearLabel, listLabels, setLabel } from './labels.service.ts';
import {
  activatePolicy,
  createDraft,
  getPolicy,
  listPolicies,
  startShadow,
  stopShadow,
} from './policies.service.ts';

const ruleAdmins = { ops: ['rule_admin'] } as const;
const readers = { ops: ['rule_admin', 'reviewer'] } as const;
const reviewers = { ops: ['reviewer'] } as const;

/** Rule administration (policies, shadow runs, backtests) and the review queue, for ops (product rules §6). */
/** `caseHooks`: per checkpoint, how deciding a case decides its subject (filled by the composition root). */
export async function trustEngineRoutes(app: App, ctx: AppContext, caseHooks: CaseHooks = {}) {
  const { db, clock } = ctx;
  const tags = ['trust'];

  app.get(
    '/ops/trust/policies',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Policy versions, per checkpoint, newest first (the default version 1 is written on first use)',
        querystring: PolicyQuery,
        response: { 200: Type.Object({ items: Type.Array(PolicySchema) }) },
      },
    },
    async (request) => ({ items: await listPolicies(db, { ...request.query, now: clock.now() }) }),
  );

  app.get(
    '/ops/trust/policies/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One policy version with its rules',
        params: IdParams,
        response: { 200: PolicySchema },
      },
    },
    async (request) => getPolicy(db, request.params.id),
  );

  app.post(
    '/ops/trust/policies',
    {
      config: { access: ruleAdmins },
      schema: {
        tags,
        summary: 'Create a draft version of a checkpoint’s policy',
        description:
          'Validated before it is stored: every problem is answered (400) with its rule path, e.g. `rules[2].when.any[0].feature`, and the reason.',
        body: DraftBody,
        response: { 201: PolicySchema },
      },
    },
    async (request, reply) => {
      const draft = await createDraft(db, {
        ...request.body,
        userId: request.principal!.userId,
        now: clock.now(),
      });
      return reply.code(201).send(draft);
    },
  );

  app.post(
    '/ops/trust/policies/:id/activate',
    {
      config: { access: ruleAdmins },
      schema: {
        tags,
        summary: 'Put a version in force; the active version is retired in the same transaction',
        description:
          'Seen by the next decision of every server process, without restart. Also rolls back to a retired version.',
        params: IdParams,
        response: { 200: PolicySchema },
      },
    },
    async (request) => activatePolicy(db, { policyId: request.params.id, now: clock.now() }),
  );

  app.post(
    '/ops/trust/policies/:id/shadow',
    {
      config: { access: ruleAdmins },
      schema: {
        tags,
        summary: 'Run a version in shadow beside the active one: decisions stored, never enforced',
        params: IdParams,
        response: { 200: PolicySchema },
      },
    },
    async (request) => startShadow(db, { policyId: request.params.id, now: clock.now() }),
  );

  app.post(
    '/ops/trust/policies/:id/stop-shadow',
    {
      config: { access: ruleAdmins },
      schema: {
        tags,
        summary: 'Stop a shadow run (the version is retired; its decisions stay)',
        params: IdParams,
        response: { 200: PolicySchema },
      },
    },
    async (request) => stopShadow(db, { policyId: request.params.id, now: clock.now() }),
  );

  app.get(
    '/ops/trust/policies/:id/shadow-summary',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'How often a shadow version disagreed with the live decisions it ran beside',
        params: IdParams,
        response: { 200: ShadowSummarySchema },
      },
    },
    async (request) => shadowSummary(db, { policyId: request.params.id }),
  );

  app.post(
    '/ops/trust/policies/:id/backtest',
    {
      config: { access: ruleAdmins },
      schema: {
        tags,
        summary:
          'Replay stored decisions through a version: counts before → after, changes, precision and recall',
        description:
          'Labels come from resolved review cases (fraud / legit) and fraud labels on the subject.',
        params: IdParams,
        body: BacktestBody,
        response: { 200: BacktestSchema },
      },
    },
    async (request) =>
      backtest(db, {
        policyId: request.params.id,
        since: request.body.since ? new Date(request.body.since) : undefined,
        until: request.body.until ? new Date(request.body.until) : undefined,
      }),
  );

  app.get(
    '/ops/trust/decisions',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Stored decisions, newest first, with the rules that fired, the features read and the version',
        querystring: DecisionQuery,
        response: { 200: DecisionPage },
      },
    },
    async (request) =>
      listDecisions(db, {
        ...request.query,
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.get(
    '/ops/trust/cases',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'The review queue: cases opened by `review` decisions, oldest first',
        querystring: CaseQuery,
        response: { 200: CasePage },
      },
    },
    async (request) =>
      listCases(db, {
        ...request.query,
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.get(
    '/ops/trust/cases/:id',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'One review case with its decision',
        params: IdParams,
        response: { 200: CaseSchema },
      },
    },
    async (request) => getCase(db, request.params.id),
  );

  app.post(
    '/ops/trust/cases/:id/assign',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Assign a case to an ops account (the caller by default)',
        params: IdParams,
        body: AssignBody,
        response: { 200: CaseSchema },
      },
    },
    async (request) =>
      assignCase(db, {
        caseId: request.params.id,
        assigneeId: request.body.assigneeId ?? request.principal!.userId,
        actorId: request.principal!.userId,
        now: clock.now(),
      }),
  );

  app.post(
    '/ops/trust/cases/:id/resolve',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Resolve a case: fraud (labels the subject, which feeds its next decisions) or legit',
        params: IdParams,
        body: ResolveBody,
        response: { 200: CaseSchema },
      },
    },
    async (request) =>
      resolveCase(
        db,
        {
          caseId: request.params.id,
          ...request.body,
          userId: request.principal!.userId,
          now: clock.now(),
        },
        caseHooks,
      ),
  );

  app.get(
    '/ops/trust/labels',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The labels set on a subject',
        querystring: LabelQuery,
        response: { 200: LabelList },
      },
    },
    async (request) => ({
      items: await listLabels(db, { type: request.query.subjectType, id: request.query.subjectId }),
    }),
  );

  app.post(
    '/ops/trust/labels',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Label a subject (e.g. fraud, reseller): rules read labels as features',
        body: LabelBody,
        response: { 200: LabelList },
      },
    },
    async (request) => {
      const subject = { type: request.body.subjectType, id: request.body.subjectId };
      await setLabel(db, {
        subject,
        label: request.body.label,
        note: request.body.note,
        setBy: request.principal!.userId,
        now: clock.now(),
      });
      return { items: await listLabels(db, subject) };
    },
  );

  app.post(
    '/ops/trust/labels/clear',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Take a label off a subject',
        body: ClearLabelBody,
        response: { 200: LabelList },
      },
    },
    async (request) => {
      const subject = { type: request.body.subjectType, id: request.body.subjectId };
      await clearLabel(db, { subject, label: request.body.label });
      return { items: await listLabels(db, subject) };
    },
  );

  app.post(
    '/ops/trust/blacklist',
    {
      config: { access: ruleAdmins },
      schema: {
        tags,
        summary: 'Blacklist identifiers (phone, ID number, device, payout account, address), hashed',
        description:
          'With userId or shopId, every identifier linked to that account or shop goes on the list too.',
        body: BlacklistBody,
        response: { 200: BlacklistResult },
      },
    },
    async (request) => {
      const { entities, userId, shopId, reason } = request.body;
      if (!entities && userId === undefined && shopId === undefined)
        throw invalidField('entities', 'give identifiers, a userId or a shopId');
      return blacklist(db, {
        entities,
        userId,
        shopId,
        reason,
        addedBy: request.principal!.userId,
        now: clock.now(),
      });
    },
  );
}
