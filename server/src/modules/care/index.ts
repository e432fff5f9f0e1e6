export { careRoutes } from './care.routes.ts';
export type { CareTables } from './care.tables.ts';
export { careDeadlineHandlers, SCAN_INJURED, scheduleCareScan } from './care-deadlines.ts';
export { CARE_SURVEY_NOTIFICATION } from './cases.service.ts';
export { CARE_COMPENSATION_NOTIFICATION } from './compensate.service.ts';
export { scanInjuredBuyers } from './scan.service.ts';
