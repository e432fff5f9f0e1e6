import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type ContextType = 'product' | 'live' | 'order';
/** bot → queued (a person asked for) → serving (an agent has it) → closed; see session.machine.ts. */
export type SessionState = 'bot' | 'queued' | 'serving' | 'closed';
export type Sender = 'buyer' | 'agent' | 'bot' | 'system';
export type MessageKind = 'text' | 'image' | 'product' | 'order' | 'rating_request';
export type MessageVisibility = 'visible' | 'held';
export type CloseReason = 'agent' | 'buyer' | 'idle';
export type SessionRating = 'good' | 'neutral' | 'bad';
export type SessionEventKind = 'started' | 'handed_off' | 'routed' | 'transferred' | 'closed' | 'rated';
export type AgentStatus = 'online' | 'away';
export type RoutingMode = 'round_robin' | 'last_agent';

/** Local service hours: ISO weekdays (1 = Monday) and HH:MM bounds in Asia/Shanghai. */
export interface ServiceHours {
  days: number[];
  from: string;
  to: string;
}

export interface ChatConversationsTable {
  id: Generated<number>;
  shopId: number;
  buyerId: number;
  contextType: ColumnType<ContextType | null, ContextType | null | undefined>;
  contextId: ColumnType<number | null, number | null | undefined>;
  lastMessageId: ColumnType<number | null, number | null | undefined>;
  lastMessageAt: Date;
  waitingSince: ColumnType<Date | null, Date | null | undefined>;
  buyerUnread: Generated<number>;
  shopUnread: Generated<number>;
  buyerReadId: Generated<number>;
  shopReadId: Generated<number>;
  createdAt: ColumnType<Date, Date, never>;
}

export interface ChatSessionsTable {
  id: Generated<number>;
  conversationId: number;
  shopId: number;
  buyerId: number;
  state: ColumnType<SessionState, SessionState | undefined>;
  agentId: ColumnType<number | null, number | null | undefined>;
  startedAt: ColumnType<Date, Date, never>;
  inServiceHours: Generated<boolean>;
  handedOffAt: ColumnType<Date | null, Date | null | undefined>;
  firstHumanReplyAt: ColumnType<Date | null, Date | null | undefined>;
  closedAt: ColumnType<Date | null, Date | null | undefined>;
  closeReason: ColumnType<CloseReason | null, CloseReason | null | undefined>;
  rating: ColumnType<SessionRating | null, SessionRating | null | undefined>;
  ratingComment: ColumnType<string | null, string | null | undefined>;
  ratedAt: ColumnType<Date | null, Date | null | undefined>;
}

export interface ChatMessagesTable {
  id: Generated<number>;
  conversationId: number;
  sessionId: ColumnType<number | null, number | null | undefined>;
  sender: Sender;
  senderId: ColumnType<number | null, number | null | undefined>;
  kind: MessageKind;
  text: ColumnType<string | null, string | null | undefined>;
  fileId: ColumnType<number | null, number | null | undefined>;
  productId: ColumnType<number | null, number | null | undefined>;
  orderId: ColumnType<number | null, number | null | undefined>;
  visibility: ColumnType<MessageVisibility, MessageVisibility | undefined>;
  decisionId: ColumnType<number | null, number | null | undefined>;
  holdReason: ColumnType<string | null, string | null | undefined>;
  intent: ColumnType<string | null, string | null | undefined>;
  createdAt: ColumnType<Date, Date, never>;
}

export interface ChatSessionEventsTable {
  id: Generated<number>;
  sessionId: number;
  kind: SessionEventKind;
  fromAgent: ColumnType<number | null, number | null | undefined>;
  toAgent: ColumnType<number | null, number | null | undefined>;
  byUser: ColumnType<number | null, number | null | undefined>;
  note: ColumnType<string | null, string | null | undefined>;
  at: ColumnType<Date, Date, never>;
}

export interface ChatAgentsTable {
  shopId: number;
  userId: number;
  status: ColumnType<AgentStatus, AgentStatus | undefined>;
  maxSessions: Generated<number>;
  lastAssignedAt: ColumnType<Date | null, Date | null | undefined>;
  statusAt: Date;
}

export interface ChatCannedRepliesTable {
  id: Generated<number>;
  shopId: number;
  title: string;
  text: string;
  sort: Generated<number>;
  createdAt: ColumnType<Date, Date, never>;
}

export interface ChatSettingsTable {
  shopId: number;
  welcome: ColumnType<string | null, string | null | undefined>;
  offHoursReply: ColumnType<string | null, string | null | undefined>;
  serviceHours: JSONColumnType<ServiceHours, string | undefined, string>;
  routing: ColumnType<RoutingMode, RoutingMode | undefined>;
  botEnabled: Generated<boolean>;
  updatedAt: Date;
}

export interface ChatKeywordRepliesTable {
  id: Generated<number>;
  shopId: number;
  keywords: string[];
  answer: string;
  createdAt: ColumnType<Date, Date, never>;
}

export interface ChatTables {
  chatConversations: ChatConversationsTable;
  chatSessions: ChatSessionsTable;
  chatMessages: ChatMessagesTable;
  chatSessionEvents: ChatSessionEventsTable;
  chatAgents: ChatAgentsTable;
  chatCannedReplies: ChatCannedRepliesTable;
  chatSettings: ChatSettingsTable;
  chatKeywordReplies: ChatKeywordRepliesTable;
}
