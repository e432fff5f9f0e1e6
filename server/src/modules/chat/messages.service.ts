import type { Tx } from '../../platform/db.ts';
import type { MessageKind, MessageVisibility, Sender } from './chat.tables.ts';

/** A message as the services post it (the buyer's and agents' after screening, the bot's, the system's). */
export interface NewMessage {
  conversationId: number;
  sessionId: number | null;
  sender: Sender;
  senderId: number | null;
  kind: MessageKind;
  text?: string | null;
  fileId?: number | null;
  productId?: number | null;
  orderId?: number | null;
  intent?: string | null;
  visibility?: MessageVisibility;
  decisionId?: number | null;
  holdReason?: string | null;
}

/**
 * Writes a message in `tx` and keeps the conversation's last message, unread counts and waiting time
 * true; the other side hears it live after commit. (Helper 1 builds this; signature fixed.)
 */
export async function postMessage(_tx: Tx, _message: NewMessage, _now: Date): Promise<number> {
  throw new Error('postMessage: not built yet');
}
