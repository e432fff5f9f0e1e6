export { type ComplaintDetail, type ComplaintView, listComplaintQueue } from './complaint-view.ts';
export { COUNTER_NOTICE_DEADLINE, ipDeadlineHandlers, ipTakedownsOf } from './complaints.service.ts';
export { certificationTransitions, complaintTransitions } from './ip.machine.ts';
export { ipRoutes } from './ip.routes.ts';
export type { ComplaintState, IpTables } from './ip.tables.ts';
