export type { CommentScreen, SurveyView } from './answers.service.ts';
export { type NpsCounts, type NpsFigure, npsGroup, npsOf } from './nps.rule.ts';
export { npsByShop, platformNps, type ShopNps } from './nps.service.ts';
export { npsWindow, platformNpsReport, shopNpsReport } from './nps-report.service.ts';
export { NPS_NOTIFICATION, sampleNpsInvitations } from './sampling.service.ts';
export { surveysRoutes } from './surveys.routes.ts';
export { NpsFigureSchema } from './surveys.schema.ts';
export type { SurveysTables } from './surveys.tables.ts';
export { SAMPLE_NPS, scheduleNpsSampling, surveysDeadlineHandlers } from './surveys-deadlines.ts';
