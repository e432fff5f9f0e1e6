export { LIVE_STATES, liveTransitions } from './live.machine.ts';
export { liveRoutes } from './live.routes.ts';
export {
  type LiveTitleCheck,
  type LiveTitleGate,
  type LiveTitleVerdict,
  terminateSession,
} from './live.service.ts';
export type { LiveState } from './live.tables.ts';
export {
  getLiveAttribution,
  getSessionView,
  type LiveAttribution,
  type LiveSessionView,
  type PinnedProductView,
} from './live-read.service.ts';
export { MAX_ACTIVE_PINS } from './pin-eligibility.rule.ts';
export { type LiveRoomPins, livePinsForSessions } from './pins-lookup.ts';
