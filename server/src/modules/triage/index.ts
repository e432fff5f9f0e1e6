export { CASE_QUEUE, QUEUES, type Queue } from './queues.ts';
export { triageRoutes } from './triage.routes.ts';
export type { TriageTables } from './triage.tables.ts';
