export type { ChatTables } from './chat.tables.ts';
export { CHAT_EVENTS_CHANNEL, type ConversationEvent, notifyConversation } from './chat-events.ts';
export type { ChatHub } from './chat-hub.ts';
export { chatImageReaders } from './chat-images.ts';
export { CHAT_TARGETS } from './chat-metrics.rule.ts';
export { type ShopChatFacts, shopChatFacts } from './chat-metrics.service.ts';
export { chatRecordsForAftersales } from './chat-records.ts';
export { type BuyerContact, buyerContactsSince, conversationExcerpt } from './contact-facts.ts';
export { chatConversationRoutes } from './conversations.routes.ts';
export { buyerMessageFeed, type ChatFeedback } from './feedback-feed.ts';
export { releaseHeldMessages } from './held-messages.ts';
export { chatToDo } from './inbox.service.ts';
export { chatMessageForReview } from './message-for-review.ts';
export type { MessageView } from './message-view.ts';
export { type NewMessage, postMessage } from './messages.service.ts';
export { chatServiceRoutes } from './service.routes.ts';
export { sessionTransitions } from './session.machine.ts';
export { chatDeadlineHandlers } from './session-deadlines.ts';
export {
  closeSession,
  ensureOpenSession,
  noteAgentReply,
  type OpenSession,
  requestHuman,
} from './sessions.service.ts';
export { chatWorkstationRoutes } from './workstation.routes.ts';
