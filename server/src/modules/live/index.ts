export { liveEvents } from './live.events.ts';
export { LIVE_STATES, liveTransitions } from './live.machine.ts';
export { liveRoutes } from './live.routes.ts';
export {
  type LiveTitleCheck,
  type LiveTitleGate,
  type LiveTitleVerdict,
  terminateSession,
} from './live.service.ts';
export type { LiveState } from './live.tables.ts';
export { type RoomOnAir, roomsOnAir, sessionCards } from './live-discovery.ts';
export type { LiveCommentFeed, LiveEventHub } from './live-events.hub.ts';
export { LIVE_EVENTS_CHANNEL, type LiveChange, publishLiveChange } from './live-events.publish.ts';
export { liveEventsRoutes } from './live-events.routes.ts';
export {
  getLiveAttribution,
  getSessionView,
  type LiveAttribution,
  type LiveSessionView,
  type PinnedProductView,
} from './live-read.service.ts';
export { MAX_ACTIVE_PINS } from './pin-eligibility.rule.ts';
export { type LiveRoomPins, livePinsForSessions } from './pins-lookup.ts';
export { type SessionFacts, sessionFacts, sessionFactsForShare } from './session-facts.ts';
export { sessionTitles } from './session-titles.ts';
export { type AiredSession, shopLiveSessions } from './shop-live-sessions.ts';
