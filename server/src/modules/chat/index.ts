export type { ChatTables } from './chat.tables.ts';
export { sessionTransitions } from './session.machine.ts';
export { type BuyerContact, buyerContactsSince, conversationExcerpt } from './contact-facts.ts';
export { chatDeadlineHandlers } from './session-deadlines.ts';
export { ensureOpenSession, closeSession, noteAgentReply, requestHuman, type OpenSession } from './sessions.service.ts';
