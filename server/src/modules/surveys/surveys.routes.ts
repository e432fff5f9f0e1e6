import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { answerSurvey, type CommentScreen, listMySurveys } from './answers.service.ts';
import { npsWindow, platformNpsReport } from './nps-report.service.ts';
import { AnswerBody, PlatformNpsSchema, SurveyList, SurveySchema, WindowQuery } from './surveys.schema.ts';

const buyers = { kinds: ['buyer'] } as const;
const opsReaders = { ops: ['reviewer', 'arbiter', 'rule_admin'] } as const;

export async function surveysRoutes(app: App, ctx: AppContext, screen: CommentScreen) {
  const { db, clock } = ctx;
  registerRoutes(
    app,
    ['surveys'],
    [
      route({
        method: 'GET',
        url: '/me/surveys',
        access: buyers,
        summary:
          'My NPS surveys still open to answer (offered after a completed order, before their deadline)',
        response: { 200: SurveyList },
        handler: async ({ principal }) => listMySurveys(db, clock, principal),
      }),
      route({
        method: 'POST',
        url: '/me/surveys/:id/answer',
        access: buyers,
        summary:
          'Answer my NPS survey once: 0–10 and an optional comment (screened; a held comment is never shown)',
        description:
          '404 when the survey is not mine; 409 `survey_closed` when it was answered or its deadline passed.',
        params: IdParams,
        body: AnswerBody,
        response: { 200: SurveySchema },
        handler: async ({ principal, params, body }) =>
          answerSurvey(db, screen, clock, principal, params.id, body),
      }),
      route({
        method: 'GET',
        url: '/ops/nps',
        access: opsReaders,
        summary: 'The platform NPS over a window of answers, with the answer counts and surveys offered',
        querystring: WindowQuery,
        response: { 200: PlatformNpsSchema },
        handler: async ({ query }) => {
          const { config } = await readCurrentConfig(db);
          return platformNpsReport(db, npsWindow(clock.now(), query.days ?? config.feedback.nps.windowDays));
        },
      }),
    ],
  );
}
