import type { Executor } from '../../platform/db.ts';

/** The buyer's conversation with the shop as a merchant may cite it in a recorded communication. */
export interface LinkableConversation {
  conversationId: number;
  lastMessageAt: Date;
  buyerMessages: number;
  /** Messages a person of the shop wrote (the bot's and the system's do not count). */
  agentMessages: number;
}

/**
 * What after-sales asks of the chat (product rules §5, §8.2): the chat sits above after-sales (it
 * shows the buyer's orders and requests), so this is a port; the composition root (app.ts) provides
 * the chat's implementation with `provideChatRecords`.
 */
export interface ChatRecords {
  /** The buyer's conversations with the shop (at most one), with what each side wrote. */
  conversationsBetween(
    db: Executor,
    parties: { shopId: number; buyerId: number },
  ): Promise<LinkableConversation[]>;
  /**
   * Why the conversation cannot stand for a communication with the buyer (null when it can): it must
   * be between this shop and this buyer and hold delivered messages from both, one of a person of the shop.
   */
  refusalOf(
    db: Executor,
    conversationId: number,
    parties: { shopId: number; buyerId: number },
  ): Promise<string | null>;
}

let provided: ChatRecords | undefined;

/** The composition root provides the chat's records once per process. */
export function provideChatRecords(records: ChatRecords): void {
  provided = records;
}

/** The provided records. Without them it throws: a citation is never accepted unchecked. */
export function chatRecords(): ChatRecords {
  if (!provided) throw new Error('no ChatRecords provided: the composition root calls provideChatRecords');
  return provided;
}
