import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { IdParams, Timestamp } from '../../platform/schemas.ts';
import { requireShopMember } from '../shops/index.ts';
import { decideAppeal, fileAppeal, listAppeals } from './appeals.service.ts';
import { VIOLATION_CATALOGUE, VIOLATION_CODES } from './catalogue.ts';
import { emergencyStop } from './emergency-stop.service.ts';
import {
  AcknowledgedSchema,
  AppealBody,
  AppealDecisionBody,
  AppealDecisionSchema,
  AppealPage,
  AppealQuery,
  AppealSchema,
  CatalogueSchema,
  EmergencyStopBody,
  RecordViolationBody,
  ReminderList,
  ShopGovernanceSchema,
  ShopViolationQuery,
  ViolationIdParams,
  ViolationPage,
  ViolationQuery,
  ViolationSchema,
} from './governance.schema.ts';
import { acknowledgeReminder, myReminders } from './reminders.service.ts';
import { shopGovernance } from './shop-governance.service.ts';
import { getViolationView, listViolations } from './violation-view.ts';
import { fixViolation, recordViolation } from './violations.service.ts';

const merchant = { kinds: ['merchant'] } as const;
const hosts = { kinds: ['merchant', 'creator'] } as const;
const opsStaff = { ops: ['reviewer', 'arbiter'] } as const;
const arbiters = { ops: ['arbiter'] } as const;

const StoppedSession = Type.Object({
  id: Type.Integer(),
  state: Type.Literal('terminated'),
  endedAt: Timestamp,
  endReason: Type.String(),
});

/** Governance (product rules §6 Enforcement): violations, penalties, points, appeals, reminders, emergency stop. */
export async function governanceRoutes(app: App, ctx: AppContext) {
  const { db, clock, settings } = ctx;
  const tags = ['governance'];
  const deps = () => ({ now: clock.now(), settings });

  app.get(
    '/governance/violation-codes',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The violation catalogue: codes, general or serious, points, default penalties',
        response: { 200: CatalogueSchema },
      },
    },
    async () => ({
      items: VIOLATION_CODES.map((code) => ({ code, ...VIOLATION_CATALOGUE[code] })).map((e) => ({
        ...e,
        subjects: [...e.subjects],
        penalties: e.penalties.map((p) => ({ ...p })),
      })),
    }),
  );

  app.post(
    '/ops/violations',
    {
      config: { access: opsStaff },
      schema: {
        tags,
        summary: 'Record a violation of a shop (or of a creator’s live session)',
        description:
          'A first general violation of a code (none of the same code within `governance.firstOffenceLookbackMs`) is warned with `governance.warningFixWindowMs` to fix it and no fine; otherwise the catalogue’s penalties apply at once, serious violations add points, and points within `governance.pointsWindowMs` that reach a milestone of `governance.restrictionMilestones` restrict the shop for its days, or close it at `governance.closureAtPoints` (GET /configuration).',
        body: RecordViolationBody,
        response: { 201: ViolationSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const view = await db.transaction().execute((tx) =>
        recordViolation(
          tx,
          {
            shopId: body.shopId,
            code: body.code,
            points: body.points,
            subject: body.subject,
            evidence: body.evidence,
            source: 'ops',
            recordedBy: request.principal!.userId,
          },
          deps(),
        ),
      );
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/ops/violations',
    {
      config: { access: opsStaff },
      schema: {
        tags,
        summary: 'Violations, newest first, by shop, code, state or source',
        querystring: ViolationQuery,
        response: { 200: ViolationPage },
      },
    },
    async (request) => {
      const { limit = 20, offset = 0, ...filter } = request.query;
      return listViolations(db, { ...filter, limit, offset });
    },
  );

  app.get(
    '/ops/violations/:id',
    {
      config: { access: opsStaff },
      schema: {
        tags,
        summary: 'A violation with its penalties and appeals',
        params: IdParams,
        response: { 200: ViolationSchema },
      },
    },
    async (request) => getViolationView(db, request.params.id),
  );

  app.get(
    '/ops/appeals',
    {
      config: { access: arbiters },
      schema: {
        tags,
        summary: 'The appeal queue: pending appeals oldest first (or decided ones by state)',
        querystring: AppealQuery,
        response: { 200: AppealPage },
      },
    },
    async (request) => {
      const { limit = 20, offset = 0, ...filter } = request.query;
      return listAppeals(db, { ...filter, limit, offset });
    },
  );

  app.post(
    '/ops/appeals/:id/decision',
    {
      config: { access: arbiters },
      schema: {
        tags,
        summary: 'Uphold or reject a pending appeal',
        description:
          'Upholding reverses the violation: its points, restrictions and bans end, a fine goes back to the deposit through the ledger. A delisted product stays delisted (the merchant resubmits it).',
        params: IdParams,
        body: AppealDecisionBody,
        response: { 200: AppealDecisionSchema },
      },
    },
    async (request) =>
      decideAppeal(
        db,
        request.principal!,
        request.params.id,
        { uphold: request.body.decision === 'uphold', reason: request.body.reason },
        deps(),
      ),
  );

  app.post(
    '/ops/live/sessions/:id/emergency-stop',
    {
      config: { access: opsStaff },
      schema: {
        tags,
        summary: 'Stop a live session at once (高危内容紧急关播) and record why',
        description: 'The session is terminated with the reason and a live_high_risk violation is recorded.',
        params: IdParams,
        body: EmergencyStopBody,
        response: { 200: Type.Object({ session: StoppedSession, violation: ViolationSchema }) },
      },
    },
    async (request) => {
      const { session, violation } = await db.transaction().execute((tx) =>
        emergencyStop(
          tx,
          {
            sessionId: request.params.id,
            reason: request.body.reason,
            evidence: request.body.evidence,
            fileIds: request.body.fileIds,
            source: 'ops',
            actorId: request.principal!.userId,
          },
          deps(),
        ),
      );
      return {
        session: {
          id: session.id,
          state: 'terminated' as const,
          endedAt: session.endedAt!,
          endReason: session.endReason!,
        },
        violation,
      };
    },
  );

  app.get(
    '/shops/:id/violations',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'The shop’s violations with points, penalties, fix-by and appeal deadlines',
        params: IdParams,
        querystring: ShopViolationQuery,
        response: { 200: ViolationPage },
      },
    },
    async (request) => {
      await requireShopMember(db, request.principal!, request.params.id);
      const { limit = 20, offset = 0, state } = request.query;
      return listViolations(db, { shopId: request.params.id, state, limit, offset });
    },
  );

  app.get(
    '/shops/:id/governance',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'The shop’s points over `governance.pointsWindowMs`, next milestone and penalties in force',
        params: IdParams,
        response: { 200: ShopGovernanceSchema },
      },
    },
    async (request) => {
      await requireShopMember(db, request.principal!, request.params.id);
      return shopGovernance(db, request.params.id, clock.now());
    },
  );

  app.post(
    '/shops/:id/violations/:violationId/fix',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Mark a warned violation fixed within its window (no penalty follows)',
        params: ViolationIdParams,
        response: { 200: ViolationSchema },
      },
    },
    async (request) =>
      fixViolation(db, request.principal!, request.params.id, request.params.violationId, clock.now()),
  );

  app.post(
    '/shops/:id/violations/:violationId/appeals',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary:
          'Appeal a violation with evidence (within `governance.appealWindowMs`, at most `governance.maxAppealsPerViolation`; penalties stay meanwhile)',
        params: ViolationIdParams,
        body: AppealBody,
        response: { 201: AppealSchema },
      },
    },
    async (request, reply) => {
      const appeal = await fileAppeal(
        db,
        request.principal!,
        request.params.id,
        request.params.violationId,
        request.body,
        clock.now(),
      );
      return reply.code(201).send(appeal);
    },
  );

  app.get(
    '/live/reminders',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: 'Reminders to read before your next live session (after a minor live violation)',
        description: 'Starting a session answers 409 live_reminders_pending until each is acknowledged.',
        response: { 200: ReminderList },
      },
    },
    async (request) => ({ items: await myReminders(db, request.principal!) }),
  );

  app.post(
    '/live/reminders/:id/acknowledge',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: 'Acknowledge a reminder (then the next session may start)',
        params: IdParams,
        response: { 200: AcknowledgedSchema },
      },
    },
    async (request) => acknowledgeReminder(db, request.principal!, request.params.id, clock.now()),
  );
}
