import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { Pagination, pageOf } from '../../platform/schemas.ts';
import { fileReport, myReports } from './report.service.ts';
import { decideReportedSubject } from './report-decisions.service.ts';
import { listReportQueue } from './report-queue.service.ts';
import { effectsFor, REASONS_BY_SUBJECT, REPORT_SUBJECT_TYPES, violationCodesFor } from './report-rules.ts';
import {
  DecisionBody,
  DecisionSchema,
  MyReportPage,
  QueueQuery,
  ReasonsSchema,
  ReportBody,
  ReportQueuePage,
  ReportSchema,
} from './reports.schema.ts';

const buyer = { kinds: ['buyer'] } as const;
const reviewers = { ops: ['reviewer'] } as const;
const failures = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** Buyer reports (product rules §8.7): filing, 我的举报, and the ops queue with its decisions. */
export async function reportsRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['reports'], reportsRouteTable(ctx));
}

function reportsRouteTable({ db, clock, settings }: AppContext): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/reports/reasons',
      access: 'public',
      summary: 'The reasons a buyer may give for each kind of subject, and what upholding can do to it',
      response: { 200: ReasonsSchema },
      handler: async () => ({
        items: REPORT_SUBJECT_TYPES.map((subjectType) => ({
          subjectType,
          reasons: [...REASONS_BY_SUBJECT[subjectType]],
          effects: [...effectsFor(subjectType)],
          violationCodes: violationCodesFor(subjectType),
        })),
      }),
    }),
    route({
      method: 'POST',
      url: '/reports',
      access: buyer,
      summary: 'Report a live room, product, live comment, review or shop with a reason and evidence',
      description:
        'One open report per buyer and subject (409 otherwise), at most 20 reports in 24 hours (429). The subject must be shown to others and not your own.',
      body: ReportBody,
      response: { 201: ReportSchema, ...failures, 429: errorBodySchema },
      status: 201,
      handler: async ({ principal, body }) => fileReport(db, clock, principal, body),
    }),
    route({
      method: 'GET',
      url: '/me/reports',
      access: buyer,
      summary: 'Your reports, newest first, with what each is about and its outcome (我的举报)',
      querystring: Pagination,
      response: { 200: MyReportPage },
      handler: async ({ principal, query }) => myReports(db, principal, pageOf(query)),
    }),
    route({
      method: 'GET',
      url: '/ops/reports',
      access: reviewers,
      summary: 'Ops queue of buyer reports: one item per reported subject, its content inline',
      querystring: QueueQuery,
      response: { 200: ReportQueuePage },
      handler: async ({ query }) =>
        listReportQueue(db, clock, { state: query.state ?? 'open', ...pageOf(query) }),
    }),
    route({
      method: 'POST',
      url: '/ops/reports/decisions',
      access: reviewers,
      summary: 'Uphold (with an effect on the subject) or dismiss every open report of one subject',
      description:
        'Uphold: a comment or review is hidden; a product is sent back to review or gets a violation; a room or shop gets a violation (governance warns a first general one). Every reporter is notified.',
      body: DecisionBody,
      response: { 200: DecisionSchema, ...failures },
      handler: async ({ principal, body }) => decideReportedSubject(db, clock, settings, principal, body),
    }),
  ];
}
