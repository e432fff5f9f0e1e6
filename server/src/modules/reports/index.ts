export { REPORTS_COUNTER } from './report.service.ts';
export { openReportSubjects } from './report-queue.service.ts';
export { reportsRoutes } from './reports.routes.ts';
export type { ReportsTables } from './reports.tables.ts';
