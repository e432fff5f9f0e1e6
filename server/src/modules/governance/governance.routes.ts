import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Timestamp, withPage } from '../../platform/schemas.ts';
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
  registerRoutes(app, ['governance'], governanceRouteTable(ctx));
}

/** The governance API as a table: one row per route (access, schemas, the use case it calls). */
function governanceRouteTable({ db, clock, settings }: AppContext): AnyRouteSpec[] {
  const deps = () => ({ now: clock.now(), settings });

  return [
    route({
      method: 'GET',
      url: '/governance/violation-codes',
      access: 'user',
      summary: 'The violation catalogue: codes, general or serious, points, default penalties',
      response: { 200: CatalogueSchema },
      handler: async () => ({
        items: VIOLATION_CODES.map((code) => ({ code, ...VIOLATION_CATALOGUE[code] })).map((e) => ({
          ...e,
          subjects: [...e.subjects],
          penalties: e.penalties.map((p) => ({ ...p })),
        })),
      }),
    }),

    // ---- ops -----------------------------------------------------------------------------------
    route({
      method: 'POST',
      url: '/ops/violations',
      access: opsStaff,
      summary: 'Record a violation of a shop (or of a creator’s live session)',
      description:
        'A first general violation of a code (none of the same code within `governance.firstOffenceLookbackMs`) is warned with `governance.warningFixWindowMs` to fix it and no fine; otherwise the catalogue’s penalties apply at once, serious violations add points, and points within `governance.pointsWindowMs` that reach a milestone of `governance.restrictionMilestones` restrict the shop for its days, or close it at `governance.closureAtPoints` (GET /configuration).',
      body: RecordViolationBody,
      response: { 201: ViolationSchema },
      status: 201,
      handler: async ({ principal, body }) =>
        db.transaction().execute((tx) =>
          recordViolation(
            tx,
            {
              shopId: body.shopId,
              code: body.code,
              points: body.points,
              subject: body.subject,
              evidence: body.evidence,
              source: 'ops',
              recordedBy: principal.userId,
            },
            deps(),
          ),
        ),
    }),
    route({
      method: 'GET',
      url: '/ops/violations',
      access: opsStaff,
      summary: 'Violations, newest first, by shop, code, state or source',
      querystring: ViolationQuery,
      response: { 200: ViolationPage },
      handler: async ({ query }) => listViolations(db, withPage(query)),
    }),
    route({
      method: 'GET',
      url: '/ops/violations/:id',
      access: opsStaff,
      summary: 'A violation with its penalties and appeals',
      params: IdParams,
      response: { 200: ViolationSchema },
      handler: async ({ params }) => getViolationView(db, params.id),
    }),
    route({
      method: 'GET',
      url: '/ops/appeals',
      access: arbiters,
      summary: 'The appeal queue: pending appeals oldest first (or decided ones by state)',
      querystring: AppealQuery,
      response: { 200: AppealPage },
      handler: async ({ query }) => listAppeals(db, withPage(query)),
    }),
    route({
      method: 'POST',
      url: '/ops/appeals/:id/decision',
      access: arbiters,
      summary: 'Uphold or reject a pending appeal',
      description:
        'Upholding reverses the violation: its points, restrictions and bans end, a fine goes back to the deposit through the ledger. A delisted product stays delisted (the merchant resubmits it).',
      params: IdParams,
      body: AppealDecisionBody,
      response: { 200: AppealDecisionSchema },
      handler: async ({ principal, params, body }) =>
        decideAppeal(
          db,
          principal,
          params.id,
          { uphold: body.decision === 'uphold', reason: body.reason },
          deps(),
        ),
    }),
    route({
      method: 'POST',
      url: '/ops/live/sessions/:id/emergency-stop',
      access: opsStaff,
      summary: 'Stop a live session at once (高危内容紧急关播) and record why',
      description: 'The session is terminated with the reason and a live_high_risk violation is recorded.',
      params: IdParams,
      body: EmergencyStopBody,
      response: { 200: Type.Object({ session: StoppedSession, violation: ViolationSchema }) },
      handler: async ({ principal, params, body }) => {
        const { session, violation } = await db.transaction().execute((tx) =>
          emergencyStop(
            tx,
            {
              sessionId: params.id,
              reason: body.reason,
              evidence: body.evidence,
              fileIds: body.fileIds,
              source: 'ops',
              actorId: principal.userId,
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
    }),

    // ---- merchant ------------------------------------------------------------------------------
    route({
      method: 'GET',
      url: '/shops/:id/violations',
      access: merchant,
      summary: 'The shop’s violations with points, penalties, fix-by and appeal deadlines',
      params: IdParams,
      querystring: ShopViolationQuery,
      response: { 200: ViolationPage },
      handler: async ({ principal, params, query }) => {
        await requireShopMember(db, principal, params.id);
        return listViolations(db, { ...withPage(query), shopId: params.id });
      },
    }),
    route({
      method: 'GET',
      url: '/shops/:id/governance',
      access: merchant,
      summary: 'The shop’s points over `governance.pointsWindowMs`, next milestone and penalties in force',
      params: IdParams,
      response: { 200: ShopGovernanceSchema },
      handler: async ({ principal, params }) => {
        await requireShopMember(db, principal, params.id);
        return shopGovernance(db, params.id, clock.now());
      },
    }),
    route({
      method: 'POST',
      url: '/shops/:id/violations/:violationId/fix',
      access: merchant,
      summary: 'Mark a warned violation fixed within its window (no penalty follows)',
      params: ViolationIdParams,
      response: { 200: ViolationSchema },
      handler: async ({ principal, params }) =>
        fixViolation(db, principal, params.id, params.violationId, clock.now()),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/violations/:violationId/appeals',
      access: merchant,
      summary:
        'Appeal a violation with evidence (within `governance.appealWindowMs`, at most `governance.maxAppealsPerViolation`; penalties stay meanwhile)',
      params: ViolationIdParams,
      body: AppealBody,
      response: { 201: AppealSchema },
      status: 201,
      handler: async ({ principal, params, body }) =>
        fileAppeal(db, principal, params.id, params.violationId, body, clock.now()),
    }),

    // ---- hosts ---------------------------------------------------------------------------------
    route({
      method: 'GET',
      url: '/live/reminders',
      access: hosts,
      summary: 'Reminders to read before your next live session (after a minor live violation)',
      description: 'Starting a session answers 409 live_reminders_pending until each is acknowledged.',
      response: { 200: ReminderList },
      handler: async ({ principal }) => ({ items: await myReminders(db, principal) }),
    }),
    route({
      method: 'POST',
      url: '/live/reminders/:id/acknowledge',
      access: hosts,
      summary: 'Acknowledge a reminder (then the next session may start)',
      params: IdParams,
      response: { 200: AcknowledgedSchema },
      handler: async ({ principal, params }) => acknowledgeReminder(db, principal, params.id, clock.now()),
    }),
  ];
}
