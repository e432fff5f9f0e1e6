import type { Tx } from '../../platform/db.ts';
import { type BotFacts, botAnswer, handOffText } from './bot/answer.rule.ts';
import { botFacts } from './bot/bot-facts.ts';
import { matchIntent } from './bot/intent-matcher.rule.ts';
import type { ContextType, MessageKind } from './chat.tables.ts';
import { notifyConversation } from './chat-events.ts';
import { matchKeywordReply } from './keyword-match.rule.ts';
import { postMessage } from './messages.service.ts';
import { SERVICE_HOURS_OFFSET_MINUTES, withinServiceHours } from './service-hours.rule.ts';
import type { OpenSession } from './sessions.service.ts';
import { requestHuman } from './sessions.service.ts';
import { shopChatSettings, shopKeywordReplies } from './settings.service.ts';

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

/** The off-hours reply of a shop that wrote none. */
const DEFAULT_OFF_HOURS = (hours: string) =>
  `现在是非服务时间（服务时间 ${hours}），您的留言已收到，客服上班后第一时间回复您。`;

/**
 * After a visible buyer message (product rules §8.3), in the message's transaction:
 * 1. a new session gets the shop's welcome;
 * 2. a session with nobody serving gets the shop's keyword answer when a keyword is in the message;
 * 3. a session the bot holds gets the bot's answer from the platform's facts, or, for "人工" or a
 *    question it does not understand (or a picture), is handed to a person; a product or order card
 *    waits for the question that follows it;
 * 4. a session queued out of service hours gets the off-hours reply once.
 */
export async function replyToBuyer(tx: Tx, turn: BuyerTurn, now: Date): Promise<void> {
  const { conversation, session, message } = turn;
  const settings = await shopChatSettings(tx, conversation.shopId);
  const inHours = withinServiceHours(settings.serviceHours, now, SERVICE_HOURS_OFFSET_MINUTES);
  const hours = `${settings.serviceHours.from}–${settings.serviceHours.to}`;
  const say = (text: string, intent: string) =>
    postMessage(
      tx,
      {
        conversationId: conversation.id,
        sessionId: session.id,
        sender: 'bot',
        senderId: null,
        kind: 'text',
        text,
        intent,
      },
      now,
    );

  // A session opened by this message: both sides' apps learn who serves it (the buyer's 转人工 shows).
  if (session.isNew) {
    await notifyConversation(tx, conversation.id, {
      type: 'session',
      sessionId: session.id,
      state: session.state,
      agentId: session.agentId,
    });
  }
  const welcomed = session.isNew && settings.welcome !== null;
  if (welcomed) await say(settings.welcome!, 'welcome');
  if (session.state === 'serving') return;

  const text = message.kind === 'text' ? (message.text ?? '') : '';
  if (text !== '') {
    const keyword = matchKeywordReply(await shopKeywordReplies(tx, conversation.shopId), text);
    if (keyword) {
      await say(keyword.answer, 'keyword');
      return;
    }
  }

  if (session.state === 'queued') {
    if (session.isNew && !inHours) await say(settings.offHoursReply ?? DEFAULT_OFF_HOURS(hours), 'off_hours');
    return;
  }

  // The bot holds the session. A product or order card says what the next question is about: it waits
  // for the question. A picture it cannot read goes to a person.
  if (message.kind === 'product' || message.kind === 'order') return;
  const match = text === '' ? { intent: 'unknown' as const } : matchIntent(text);
  if (match.intent === 'human' || match.intent === 'unknown') {
    await requestHuman(tx, session.id, now, match.intent === 'human' ? 'buyer' : 'bot');
    await say(
      handOffReply(settings, inHours, match.intent === 'unknown'),
      inHours ? 'hand_off' : 'off_hours',
    );
    return;
  }
  // The shop's welcome already greeted a buyer whose first words were a greeting.
  if (match.intent === 'greeting' && welcomed) return;
  const facts: BotFacts = await botFacts(tx, {
    intent: match.intent,
    conversation,
    serviceHours: settings.serviceHours,
  });
  await say(botAnswer(match.intent, facts), match.intent);
}

type ChatSettings = Awaited<ReturnType<typeof shopChatSettings>>;

/** What the buyer is told when the bot hands the session to a person: now, or once the shop opens. */
function handOffReply(settings: ChatSettings, inHours: boolean, unknown: boolean): string {
  if (!inHours && settings.offHoursReply) return settings.offHoursReply;
  return handOffText(
    inHours,
    { serviceHours: `${settings.serviceHours.from}–${settings.serviceHours.to}` },
    unknown,
  );
}

/**
 * The buyer tapped 转人工 while the bot held the session: they are told, as if they had typed "人工",
 * that a person is on the way (or when the shop opens).
 */
export async function announceHandOff(
  tx: Tx,
  session: { id: number; conversationId: number; shopId: number },
  now: Date,
): Promise<void> {
  const settings = await shopChatSettings(tx, session.shopId);
  const inHours = withinServiceHours(settings.serviceHours, now, SERVICE_HOURS_OFFSET_MINUTES);
  await postMessage(
    tx,
    {
      conversationId: session.conversationId,
      sessionId: session.id,
      sender: 'bot',
      senderId: null,
      kind: 'text',
      text: handOffReply(settings, inHours, false),
      intent: inHours ? 'hand_off' : 'off_hours',
    },
    now,
  );
}
