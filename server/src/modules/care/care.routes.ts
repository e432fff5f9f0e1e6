import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { moneyResponses, sendOutcome } from '../../platform/idempotent-http.ts';
import { registerRoutes, route } from '../../platform/route-spec.ts';
import { IdempotencyHeaders, IdParams, Ok, withPage } from '../../platform/schemas.ts';
import {
  CaseStory,
  CompensationBody,
  CompensationSchema,
  ContactBody,
  OutcomeBody,
  QueuePage,
  QueueQuery,
  ScanResultSchema,
  SurveyAnswerBody,
  SurveySchema,
} from './care.schema.ts';
import { claimCase, recordContact, releaseCase, resolveCase } from './cases.service.ts';
import { compensateCase } from './compensate.service.ts';
import { caseStory, listCases } from './queue.service.ts';
import { scanInjuredBuyers } from './scan.service.ts';
import { answerSurvey, mySurvey } from './survey.service.ts';

const outreach = { ops: ['reviewer', 'arbiter'] } as const;
// Money leaves the platform: arbiters (who decide refunds) compensate.
const payers = { ops: ['arbiter'] } as const;
const buyers = { kinds: ['buyer'] } as const;
const ok = { ok: true } as const;

/** Injured buyers and proactive care (product rules §8.6): the ops outreach queue and the buyer's survey. */
export async function careRoutes(app: App, ctx: AppContext) {
  const { db, clock } = ctx;
  registerRoutes(
    app,
    ['care'],
    [
      route({
        method: 'GET',
        url: '/ops/care/cases',
        access: outreach,
        summary:
          '关怀外呼: the outreach queue by SLA (overdue first), its counts and satisfaction after outreach',
        querystring: QueueQuery,
        response: { 200: QueuePage },
        handler: async ({ principal, query }) => listCases(db, principal, withPage(query), clock.now()),
      }),
      route({
        method: 'GET',
        url: '/ops/care/cases/:id',
        access: outreach,
        summary:
          'One case with the whole story: order, timeline, shipment and tracking, chats, after-sales, reviews',
        params: IdParams,
        response: { 200: CaseStory },
        handler: async ({ params }) => caseStory(db, params.id),
      }),
      route({
        method: 'POST',
        url: '/ops/care/cases/:id/claim',
        access: outreach,
        summary: 'Take an open case (one holder at a time: 409 when someone has it)',
        params: IdParams,
        response: { 200: Ok },
        handler: async ({ principal, params }) => {
          await claimCase(db, principal, params.id, clock.now());
          return ok;
        },
      }),
      route({
        method: 'POST',
        url: '/ops/care/cases/:id/release',
        access: outreach,
        summary: 'Put my case back in the queue',
        params: IdParams,
        response: { 200: Ok },
        handler: async ({ principal, params }) => {
          await releaseCase(db, principal, params.id);
          return ok;
        },
      }),
      route({
        method: 'POST',
        url: '/ops/care/cases/:id/contacts',
        access: outreach,
        summary: 'Record a contact with the buyer on my case (channel, reached or not, what was said)',
        params: IdParams,
        body: ContactBody,
        status: 201,
        response: { 201: Ok },
        handler: async ({ principal, params, body }) => {
          await recordContact(db, principal, params.id, body, clock.now());
          return ok;
        },
      }),
      route({
        method: 'POST',
        url: '/ops/care/cases/:id/compensations',
        access: payers,
        summary:
          'Compensate the buyer of my case: a platform coupon or cash through the ledger, within the caps',
        description:
          'Once per Idempotency-Key. 409 with key care_case_cap / care_day_cap when the case or the local day would pass its cap (configuration section care).',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CompensationBody,
        response: { 201: CompensationSchema, ...moneyResponses },
        handler: async ({ principal, params, body, headers }, reply) =>
          sendOutcome(
            reply,
            await compensateCase(
              db,
              principal,
              params.id,
              body,
              headers['idempotency-key'],
              clock,
              ctx.config.timeZone,
            ),
          ),
      }),
      route({
        method: 'POST',
        url: '/ops/care/cases/:id/outcome',
        access: outreach,
        summary:
          'Record the outcome of my case; a reached buyer is asked, in one tap, whether they are satisfied',
        params: IdParams,
        body: OutcomeBody,
        response: { 200: Ok },
        handler: async ({ principal, params, body }) => {
          await resolveCase(db, principal, params.id, body, clock.now());
          return ok;
        },
      }),
      route({
        method: 'POST',
        url: '/ops/care/scan',
        access: outreach,
        summary: 'Run the injured-buyer scan now (it also runs every 15 minutes)',
        response: { 200: ScanResultSchema },
        handler: async () => db.transaction().execute((tx) => scanInjuredBuyers(tx, clock.now())),
      }),
      route({
        method: 'GET',
        url: '/me/care/surveys/:id',
        access: buyers,
        summary: 'My satisfaction question after the platform reached out about an order',
        params: IdParams,
        response: { 200: SurveySchema },
        handler: async ({ principal, params }) => mySurvey(db, principal, params.id),
      }),
      route({
        method: 'POST',
        url: '/me/care/surveys/:id/answer',
        access: buyers,
        summary: 'Answer it once, in one tap: satisfied, neutral or unsatisfied',
        description: '409 `survey_closed` when it was answered or its deadline passed.',
        params: IdParams,
        body: SurveyAnswerBody,
        response: { 200: SurveySchema },
        handler: async ({ principal, params, body }) =>
          answerSurvey(db, principal, params.id, body.satisfaction, clock.now()),
      }),
    ],
  );
}
