export { type ExperienceScore, experienceScore } from './experience-score.rule.ts';
export { recomputeScores } from './recompute.service.ts';
export { reputationRoutes } from './reputation.routes.ts';
export type { ReputationTables, ScoreBand } from './reputation.tables.ts';
export {
  RECOMPUTE_SCORES,
  reputationDeadlineHandlers,
  scheduleScoreRecompute,
} from './reputation-deadlines.ts';
export { type AfterScoresRecomputed, noAfterScoresRecomputed } from './reputation-ports.ts';
export {
  type CurrentReputation,
  currentReputation,
  shopQualityRefundRateSql,
  shopRepeat30Sql,
  shopScoreBandSql,
  shopScoreSql,
} from './reputation-read.service.ts';
export { ADVICE } from './score-advice.rule.ts';
export { scoreBand } from './score-band.rule.ts';
