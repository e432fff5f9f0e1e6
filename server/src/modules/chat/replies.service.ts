import type { Tx } from '../../platform/db.ts';
import type { ContextType, MessageKind } from './chat.tables.ts';
import type { OpenSession } from './sessions.service.ts';

export interface BuyerTurn {
  conversation: {
    id: number;
    shopId: number;
    buyerId: number;
    contextType: ContextType | null;
    contextId: number | null;
  };
  session: OpenSession;
  message: { id: number; kind: MessageKind; text: string | null };
}

/**
 * After a visible buyer message: the shop's welcome (new session), off-hours reply, keyword answers and
 * the bot's answer from the platform's facts, or a hand-off to a person. (Helper 3 builds this.)
 */
export async function replyToBuyer(_tx: Tx, _turn: BuyerTurn, _now: Date): Promise<void> {}
