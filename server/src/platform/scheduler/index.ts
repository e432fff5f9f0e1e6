export {
  type Deadline,
  type DeadlineBatchHandler,
  type DeadlineBatchHandlers,
  type DeadlineFireContext,
  type DeadlineHandler,
  type DeadlineHandlers,
  type DeadlineLogger,
  type DeadlineRunCounts,
  DeadlineRunner,
  type DeadlineRunnerOptions,
} from './deadline-runner.ts';
export {
  cancelDeadline,
  type DeadlineRequest,
  rescheduleDeadline,
  scheduleDeadline,
} from './deadlines.service.ts';
export type { DeadlineStatus, DeadlinesTables } from './deadlines.tables.ts';
export { cancelDeadlines, scheduleDeadlines } from './schedule-many.ts';
