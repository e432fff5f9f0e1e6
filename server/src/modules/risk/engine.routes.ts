import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, withPage } from '../../platform/schemas.ts';
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
  ReviewShareQuery,
  ReviewShareSchema,
  ShadowSummarySchema,
} from './engine.schema.ts';
import { blacklist } from './entities.service.ts';
import { clearLabel, listLabels, type Subject, setLabel } from './labels.service.ts';
import {
  activatePolicy,
  createDraft,
  getPolicy,
  listPolicies,
  startShadow,
  stopShadow,
} from './policies.service.ts';
import { reviewShares } from './review-share.service.ts';

const ruleAdmins = { ops: ['rule_admin'] } as const;
const readers = { ops: ['rule_admin', 'reviewer'] } as const;
const reviewers = { ops: ['reviewer'] } as const;

/** Rule administration (policies, shadow runs, backtests) and the review queue, for ops (product rules §6). */
/** `caseHooks`: per checkpoint, how deciding a case decides its subject (filled by the composition root). */
export async function trustEngineRoutes(app: App, ctx: AppContext, caseHooks: CaseHooks = {}) {
  registerRoutes(app, ['trust'], trustEngineRouteTable(ctx, caseHooks));
}

/** The trust engine's API as a table: one row per route (access, schemas, the use case it calls). */
function trustEngineRouteTable({ db, clock, settings }: AppContext, caseHooks: CaseHooks): AnyRouteSpec[] {
  /** A move of policy version `:id` (each opens its own transaction), answered with the version. */
  const policyMove =
    (useCase: (db: AppContext['db'], input: { policyId: number; now: Date }) => Promise<unknown>) =>
    async ({ params }: { params: { id: number } }) =>
      useCase(db, { policyId: params.id, now: clock.now() });
  /** A change of a subject's labels, answered with the labels it now has. */
  const labelChange = async (subject: Subject, change: () => Promise<void>) => {
    await change();
    return { items: await listLabels(db, subject) };
  };

  return [
    // ---- policies ------------------------------------------------------------------------------
    route({
      method: 'GET',
      url: '/ops/trust/policies',
      access: readers,
      summary:
        'Policy versions, per checkpoint, newest first (the default version 1 is written on first use)',
      querystring: PolicyQuery,
      response: { 200: Type.Object({ items: Type.Array(PolicySchema) }) },
      handler: async ({ query }) => ({ items: await listPolicies(db, { ...query, now: clock.now() }) }),
    }),
    route({
      method: 'GET',
      url: '/ops/trust/policies/:id',
      access: readers,
      summary: 'One policy version with its rules',
      params: IdParams,
      response: { 200: PolicySchema },
      handler: async ({ params }) => getPolicy(db, params.id),
    }),
    route({
      method: 'POST',
      url: '/ops/trust/policies',
      access: ruleAdmins,
      summary: 'Create a draft version of a checkpoint’s policy',
      description:
        'Validated before it is stored: every problem is answered (400) with its rule path, e.g. `rules[2].when.any[0].feature`, and the reason.',
      body: DraftBody,
      response: { 201: PolicySchema },
      status: 201,
      handler: async ({ principal, body }) =>
        createDraft(db, { ...body, userId: principal.userId, now: clock.now() }),
    }),
    route({
      method: 'POST',
      url: '/ops/trust/policies/:id/activate',
      access: ruleAdmins,
      summary: 'Put a version in force; the active version is retired in the same transaction',
      description:
        'Seen by the next decision of every server process, without restart. Also rolls back to a retired version.',
      params: IdParams,
      response: { 200: PolicySchema },
      handler: policyMove(activatePolicy),
    }),
    route({
      method: 'POST',
      url: '/ops/trust/policies/:id/shadow',
      access: ruleAdmins,
      summary: 'Run a version in shadow beside the active one: decisions stored, never enforced',
      params: IdParams,
      response: { 200: PolicySchema },
      handler: policyMove(startShadow),
    }),
    route({
      method: 'POST',
      url: '/ops/trust/policies/:id/stop-shadow',
      access: ruleAdmins,
      summary: 'Stop a shadow run (the version is retired; its decisions stay)',
      params: IdParams,
      response: { 200: PolicySchema },
      handler: policyMove(stopShadow),
    }),
    route({
      method: 'GET',
      url: '/ops/trust/policies/:id/shadow-summary',
      access: readers,
      summary: 'How often a shadow version disagreed with the live decisions it ran beside',
      params: IdParams,
      response: { 200: ShadowSummarySchema },
      handler: async ({ params }) => shadowSummary(db, { policyId: params.id }),
    }),
    route({
      method: 'GET',
      url: '/ops/trust/review-share',
      access: readers,
      summary:
        'Per rule of a checkpoint, the share of its decisions sent to review, flagged above the setting',
      description:
        'Over the window of `risk.reviewShareAlert`: the checkpoint’s live decisions, and per rule the ones it sent to review, their share, and whether the share is above `shareBp` (with at least `minDecisions` decisions).',
      querystring: ReviewShareQuery,
      response: { 200: ReviewShareSchema },
      handler: async ({ query }) =>
        reviewShares(db, {
          checkpoint: query.checkpoint,
          alert: settings.reviewShareAlert,
          now: clock.now(),
        }),
    }),
    route({
      method: 'POST',
      url: '/ops/trust/policies/:id/backtest',
      access: ruleAdmins,
      summary:
        'Replay stored decisions through a version: counts before → after, changes, precision and recall',
      description: 'Labels come from resolved review cases (fraud / legit) and fraud labels on the subject.',
      params: IdParams,
      body: BacktestBody,
      response: { 200: BacktestSchema },
      handler: async ({ params, body }) =>
        backtest(db, {
          policyId: params.id,
          since: body.since ? new Date(body.since) : undefined,
          until: body.until ? new Date(body.until) : undefined,
        }),
    }),

    // ---- decisions and review cases ------------------------------------------------------------
    route({
      method: 'GET',
      url: '/ops/trust/decisions',
      access: readers,
      summary: 'Stored decisions, newest first, with the rules that fired, the features read and the version',
      querystring: DecisionQuery,
      response: { 200: DecisionPage },
      handler: async ({ query }) => listDecisions(db, withPage(query)),
    }),
    route({
      method: 'GET',
      url: '/ops/trust/cases',
      access: reviewers,
      summary: 'The review queue: cases opened by `review` decisions, oldest first',
      querystring: CaseQuery,
      response: { 200: CasePage },
      handler: async ({ query }) => listCases(db, withPage(query)),
    }),
    route({
      method: 'GET',
      url: '/ops/trust/cases/:id',
      access: reviewers,
      summary: 'One review case with its decision',
      params: IdParams,
      response: { 200: CaseSchema },
      handler: async ({ params }) => getCase(db, params.id),
    }),
    route({
      method: 'POST',
      url: '/ops/trust/cases/:id/assign',
      access: reviewers,
      summary: 'Assign a case to an ops account (the caller by default)',
      params: IdParams,
      body: AssignBody,
      response: { 200: CaseSchema },
      handler: async ({ principal, params, body }) =>
        assignCase(db, {
          caseId: params.id,
          assigneeId: body.assigneeId ?? principal.userId,
          actorId: principal.userId,
          now: clock.now(),
        }),
    }),
    route({
      method: 'POST',
      url: '/ops/trust/cases/:id/resolve',
      access: reviewers,
      summary: 'Resolve a case: fraud (labels the subject, which feeds its next decisions) or legit',
      params: IdParams,
      body: ResolveBody,
      response: { 200: CaseSchema },
      handler: async ({ principal, params, body }) =>
        resolveCase(
          db,
          { caseId: params.id, ...body, userId: principal.userId, now: clock.now() },
          caseHooks,
        ),
    }),

    // ---- labels and blacklist ------------------------------------------------------------------
    route({
      method: 'GET',
      url: '/ops/trust/labels',
      access: readers,
      summary: 'The labels set on a subject',
      querystring: LabelQuery,
      response: { 200: LabelList },
      handler: async ({ query }) => ({
        items: await listLabels(db, { type: query.subjectType, id: query.subjectId }),
      }),
    }),
    route({
      method: 'POST',
      url: '/ops/trust/labels',
      access: reviewers,
      summary: 'Label a subject (e.g. fraud, reseller): rules read labels as features',
      body: LabelBody,
      response: { 200: LabelList },
      handler: async ({ principal, body }) => {
        const subject = { type: body.subjectType, id: body.subjectId };
        return labelChange(subject, () =>
          setLabel(db, {
            subject,
            label: body.label,
            note: body.note,
            setBy: principal.userId,
            now: clock.now(),
          }),
        );
      },
    }),
    route({
      method: 'POST',
      url: '/ops/trust/labels/clear',
      access: reviewers,
      summary: 'Take a label off a subject',
      body: ClearLabelBody,
      response: { 200: LabelList },
      handler: async ({ body }) => {
        const subject = { type: body.subjectType, id: body.subjectId };
        return labelChange(subject, () => clearLabel(db, { subject, label: body.label }));
      },
    }),
    route({
      method: 'POST',
      url: '/ops/trust/blacklist',
      access: ruleAdmins,
      summary: 'Blacklist identifiers (phone, ID number, device, payout account, address), hashed',
      description:
        'With userId or shopId, every identifier linked to that account or shop goes on the list too.',
      body: BlacklistBody,
      response: { 200: BlacklistResult },
      handler: async ({ principal, body }) => {
        const { entities, userId, shopId, reason } = body;
        if (!entities && userId === undefined && shopId === undefined)
          throw invalidField('entities', 'give identifiers, a userId or a shopId');
        return blacklist(db, {
          entities,
          userId,
          shopId,
          reason,
          addedBy: principal.userId,
          now: clock.now(),
        });
      },
    }),
  ];
}
