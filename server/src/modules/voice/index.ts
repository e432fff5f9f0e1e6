export { type IngestCounts, ingestFeedback, SOURCES } from './ingest.service.ts';
export { classifyTopics, TOPICS } from './topic-classifier.rule.ts';
export { voiceRoutes } from './voice.routes.ts';
export type { FeedbackSource, Topic, VoiceTables } from './voice.tables.ts';
export {
  INGEST_FEEDBACK,
  scheduleFeedbackIngestion,
  voiceDeadlineHandlers,
} from './voice-deadlines.ts';
