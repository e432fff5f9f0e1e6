import type { Static } from '@sinclair/typebox';
import type { Executor } from '../../platform/db.ts';
import { getProductSummaries } from '../catalog/index.ts';
import { sessionFacts } from '../live/index.ts';
import { orderCardFacts } from '../orders/index.ts';
import type { ChatCard, MessageViewSchema } from './chat.schema.ts';
import type { ContextType, MessageKind, MessageVisibility, Sender } from './chat.tables.ts';

export type Card = Static<typeof ChatCard>;
export type MessageView = Static<typeof MessageViewSchema>;

/** The stored columns a message view is made of. */
export const messageColumns = [
  'id',
  'conversationId',
  'sessionId',
  'sender',
  'senderId',
  'kind',
  'text',
  'fileId',
  'productId',
  'orderId',
  'visibility',
  'holdReason',
  'intent',
  'createdAt',
] as const;

export interface MessageRow {
  id: number;
  conversationId: number;
  sessionId: number | null;
  sender: Sender;
  senderId: number | null;
  kind: MessageKind;
  text: string | null;
  fileId: number | null;
  productId: number | null;
  orderId: number | null;
  visibility: MessageVisibility;
  holdReason: string | null;
  intent: string | null;
  createdAt: Date;
}

export interface CardRef {
  type: ContextType;
  id: number;
}

const key = (ref: CardRef) => `${ref.type}:${ref.id}`;

/** Cards of products, orders and live sessions, read in one query per type. */
export async function cardsOf(db: Executor, refs: readonly CardRef[]): Promise<Map<string, Card>> {
  const ids = (type: ContextType) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
  const orders = await orderCardFacts(db, ids('order'));
  const products = await getProductSummaries(db, [...ids('product'), ...orders.map((o) => o.productId)]);
  const lives = await Promise.all(ids('live').map((id) => sessionFacts(db, id)));
  const cards = new Map<string, Card>();
  const productById = new Map(products.map((p) => [p.id, p]));
  for (const p of products) {
    cards.set(key({ type: 'product', id: p.id }), {
      type: 'product',
      id: p.id,
      title: p.title,
      imageUrl: p.imageUrl,
      amountFen: p.minPriceFen,
      itemCount: null,
      state: p.state,
    });
  }
  for (const o of orders) {
    cards.set(key({ type: 'order', id: o.id }), {
      type: 'order',
      id: o.id,
      title: o.title,
      imageUrl: productById.get(o.productId)?.imageUrl ?? null,
      amountFen: o.totalFen,
      itemCount: o.itemCount,
      state: o.state,
    });
  }
  for (const l of lives) {
    if (!l) continue;
    cards.set(key({ type: 'live', id: l.id }), {
      type: 'live',
      id: l.id,
      title: l.title,
      imageUrl: null,
      amountFen: null,
      itemCount: null,
      state: l.state,
    });
  }
  return cards;
}

export function cardOf(cards: Map<string, Card>, ref: CardRef | null): Card | null {
  return ref ? (cards.get(key(ref)) ?? null) : null;
}

function refOf(row: MessageRow): CardRef | null {
  if (row.kind === 'product' && row.productId !== null) return { type: 'product', id: row.productId };
  if (row.kind === 'order' && row.orderId !== null) return { type: 'order', id: row.orderId };
  return null;
}

/** The rows as the API shows them, with their product and order cards. */
export async function messageViews(db: Executor, rows: readonly MessageRow[]): Promise<MessageView[]> {
  const refs = rows.map(refOf).filter((r): r is CardRef => r !== null);
  const cards = refs.length > 0 ? await cardsOf(db, refs) : new Map<string, Card>();
  return rows.map((row) => ({
    id: row.id,
    conversationId: row.conversationId,
    sessionId: row.sessionId,
    sender: row.sender,
    senderId: row.senderId,
    kind: row.kind,
    text: row.text,
    fileId: row.fileId,
    card: cardOf(cards, refOf(row)),
    held: row.visibility === 'held',
    holdReason: row.holdReason,
    intent: row.intent,
    createdAt: row.createdAt,
  }));
}
