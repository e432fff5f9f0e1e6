export { aftersalesEvents } from './aftersales.events.ts';
export { aftersalesRoutes } from './aftersales.routes.ts';
export type { AftersalesTables, RequestState, RequestType } from './aftersales.tables.ts';
export { ARBITRATION_EVIDENCE } from './arbitration-store.ts';
export {
  type RefusedRequest,
  type RepeatRequests,
  refusedRequestsSince,
  repeatRequestsSince,
} from './care-facts.ts';
export {
  type ChatRecords,
  chatRecords,
  type LinkableConversation,
  provideChatRecords,
} from './chat-records.ts';
export { aftersalesEvidenceReaders } from './evidence-access.ts';
export { type AftersalesFeedback, complaintFeed, requestFeed } from './feedback-feed.ts';
export { type AftersalesToDo, aftersalesToDo } from './merchant-todo.ts';
export { aftersalesFulfilmentHooks, moneyDeadlineHandlers } from './money/index.ts';
export {
  hasOpenRequest,
  isOpenRequest,
  ordersWithOpenRequests,
  requestsOfOrders,
} from './order-requests.ts';
export {
  protectionDeadlineHandlers,
  protectionRoutes,
  type RefundFigures,
  refundFiguresByCohort,
  type ShopRequestFacts,
  scheduleProtectionRefresh,
  scheduleSkuSpikeDetection,
  shopRequestFacts,
} from './protection/index.ts';
export { type RefundedLine, refundedLines } from './refunded-lines.ts';
export { aftersalesDeadlineBatchHandlers, aftersalesDeadlineHandlers } from './request-deadlines.ts';
export { REQUEST_DEADLINE } from './request-store.ts';
