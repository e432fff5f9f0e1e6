import { randomBytes } from 'node:crypto';
import { scanInjuredBuyers } from '../modules/care/index.ts';
import { issueToken } from '../modules/identity/index.ts';
import { DAY, HOUR, type ManualClock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import type { App } from '../platform/http.ts';

/** The demo's injured buyer: not one of the chat demo's buyers (a buyer has one conversation per shop). */
const BUYER = 'buyer40';
const SHOP_OWNER = 'merchant1';

/**
 * Demo care (product rules §8.6): one injured buyer in the ops outreach queue, made the way it happens.
 * buyer40 orders from merchant1's 鲜丰果园 five days ago; the shop ships it, the carrier picks it up and
 * then nothing moves; the buyer writes to the shop three days ago and again yesterday. The scan at `now`
 * finds the stalled parcel with two contacts and puts the case in the queue. Orders, shipment and
 * tracking go through the HTTP routes of the history's app on its manual clock; the chat rows are
 * written directly (as the chat demo's are). Runs inside the sales history, after its deadlines fired.
 */
export async function insertCare(
  app: App,
  db: Db,
  clock: ManualClock,
  now: Date,
): Promise<{ cases: number }> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'login'])
    .where('login', 'in', [BUYER, SHOP_OWNER])
    .execute();
  const buyer = users.find((u) => u.login === BUYER);
  const owner = users.find((u) => u.login === SHOP_OWNER);
  if (!buyer || !owner) return { cases: 0 };
  const shop = await db
    .selectFrom('shops')
    .select('id')
    .where('ownerUserId', '=', owner.id)
    .orderBy('id')
    .executeTakeFirst();
  const sku = shop
    ? await db
        .selectFrom('skus as k')
        .innerJoin('products as p', 'p.id', 'k.productId')
        .select(['k.id'])
        .where('p.shopId', '=', shop.id)
        .where('p.state', '=', 'listed')
        .where('k.stock', '>', 5)
        .orderBy('k.id')
        .executeTakeFirst()
    : undefined;
  if (!shop || !sku) return { cases: 0 };

  const tokens = { buyer: '', owner: '' };
  const call = async (who: 'buyer' | 'owner', url: string, body: object, key?: string) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload: body,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(key ? { 'idempotency-key': key } : {}) },
    });
    if (res.statusCode >= 300) throw new Error(`seed care: ${url} answered ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const at = (ms: number) => new Date(now.getTime() - ms);

  clock.set(at(5 * DAY));
  tokens.buyer = (await issueToken(db, clock, buyer.id)).token;
  tokens.owner = (await issueToken(db, clock, owner.id)).token;
  try {
    const checkout = await call(
      'buyer',
      '/checkout',
      { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
      `seed-care-${randomBytes(6).toString('hex')}`,
    );
    const orderId: number = checkout.orders[0].id;
    clock.set(at(5 * DAY - 3 * HOUR));
    const shipped = await call('owner', `/shops/${shop.id}/orders/${orderId}/shipment`, {
      carrier: 'sandbox',
      trackingNumber: `XRC${orderId}${randomBytes(3).toString('hex').toUpperCase()}`,
    });
    const shipmentId: number = shipped.shipment?.id ?? shipped.id;
    clock.set(at(4 * DAY - 20 * HOUR));
    await call('owner', `/shipments/${shipmentId}/sandbox-events`, { event: 'picked_up' });

    await writeChats(db, { buyerId: buyer.id, shopId: shop.id, agentId: owner.id, orderId }, now);
    clock.set(now);
    const result = await db.transaction().execute((tx) => scanInjuredBuyers(tx, now));
    return { cases: Object.values(result.opened).reduce((a, b) => a + b, 0) };
  } finally {
    await db
      .updateTable('authTokens')
      .set({ revokedAt: now })
      .where('userId', 'in', [buyer.id, owner.id])
      .where('revokedAt', 'is', null)
      .execute();
  }
}

/** Two contacts about the parcel: three days ago (answered, closed) and yesterday (waiting for a person). */
async function writeChats(
  db: Db,
  who: { buyerId: number; shopId: number; agentId: number; orderId: number },
  now: Date,
): Promise<void> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const first = ago(3 * DAY);
  const second = ago(DAY);
  const conversation = await db
    .insertInto('chatConversations')
    .values({
      shopId: who.shopId,
      buyerId: who.buyerId,
      contextType: 'order',
      contextId: who.orderId,
      lastMessageAt: second,
      waitingSince: second,
      createdAt: first,
    })
    .onConflict((oc) => oc.columns(['shopId', 'buyerId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!conversation) return;
  const closed = await db
    .insertInto('chatSessions')
    .values({
      conversationId: conversation.id,
      shopId: who.shopId,
      buyerId: who.buyerId,
      state: 'closed',
      agentId: who.agentId,
      startedAt: first,
      handedOffAt: first,
      firstHumanReplyAt: new Date(first.getTime() + 40_000),
      closedAt: new Date(first.getTime() + 10 * 60_000),
      closeReason: 'agent',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const waiting = await db
    .insertInto('chatSessions')
    .values({
      conversationId: conversation.id,
      shopId: who.shopId,
      buyerId: who.buyerId,
      state: 'queued',
      startedAt: second,
      handedOffAt: second,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const message = (sessionId: number, sender: 'buyer' | 'agent', text: string, at: Date) => ({
    conversationId: conversation.id,
    sessionId,
    sender,
    senderId: sender === 'buyer' ? who.buyerId : who.agentId,
    kind: 'text' as const,
    text,
    createdAt: at,
  });
  const rows = await db
    .insertInto('chatMessages')
    .values([
      message(closed.id, 'buyer', '你好，我的橙子显示已揽收，一天多了物流一直没动，能帮忙查一下吗？', first),
      message(
        closed.id,
        'agent',
        '亲，已经帮您联系快递催件了，有进展第一时间告诉您～',
        new Date(first.getTime() + 40_000),
      ),
      message(
        waiting.id,
        'buyer',
        '又过了两天还是没有任何物流更新，水果会不会坏了？到底什么时候能到？',
        second,
      ),
    ])
    .returning('id')
    .execute();
  await db
    .updateTable('chatConversations')
    .set({ lastMessageId: rows.at(-1)!.id, shopUnread: 1, buyerReadId: rows[1]!.id, shopReadId: rows[1]!.id })
    .where('id', '=', conversation.id)
    .execute();
}
