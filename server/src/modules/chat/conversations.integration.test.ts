import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildLiveSession,
  buildOps,
  buildPaidOrder,
  buildShop,
  buildStaff,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { secondProcess } from '../live/live-events.test-support.ts';
import { openChatStream, openConversationAs } from './chat.test-support.ts';
import { releaseHeldMessages } from './held-messages.ts';

let ctx: TestContext;
const as = (token?: string) => api(ctx.app, token);

beforeAll(async () => {
  ctx = await createTestContext();
});

async function shopWithProduct() {
  const shop = await buildShop(ctx);
  const { productId } = await buildListedProduct(ctx, shop.shopId, { title: '赣南脐橙 5 斤' });
  return { ...shop, productId };
}

async function send(token: string, conversationId: number, body: Record<string, unknown>) {
  return as(token).post(`/api/v1/chat/conversations/${conversationId}/messages`, body);
}

async function history(token: string, conversationId: number) {
  const res = await as(token).get(`/api/v1/chat/conversations/${conversationId}/messages?limit=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as { id: number; sender: string; kind: string; text: string | null; held: boolean }[];
}

describe('conversations', () => {
  it('one conversation per buyer and shop; the context card is validated and replaced', async () => {
    const { shopId, productId } = await shopWithProduct();
    const other = await shopWithProduct();
    const buyer = await buildBuyer(ctx);

    const opened = await as(buyer.token).post('/api/v1/chat/conversations', {
      shopId,
      context: { type: 'product', id: productId },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.context).toMatchObject({ type: 'product', id: productId, title: '赣南脐橙 5 斤' });
    expect(opened.body.side).toBe('buyer');

    // Another shop's product, an order of somebody else: refused, naming the field.
    const foreign = await as(buyer.token).post('/api/v1/chat/conversations', {
      shopId,
      context: { type: 'product', id: other.productId },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields[0].field).toBe('context.id');
    const someoneElses = await buildPaidOrder(ctx, { shopId });
    const notMine = await as(buyer.token).post('/api/v1/chat/conversations', {
      shopId,
      context: { type: 'order', id: someoneElses.orderId },
    });
    expect(notMine.status).toBe(400);

    // My order with the shop and the shop's live room: the same conversation, a new card.
    const mine = await buildPaidOrder(ctx, { shopId, buyer });
    const again = await as(buyer.token).post('/api/v1/chat/conversations', {
      shopId,
      context: { type: 'order', id: mine.orderId },
    });
    expect(again.body.id).toBe(opened.body.id);
    expect(again.body.context).toMatchObject({ type: 'order', id: mine.orderId, state: 'paid' });
    const { sessionId } = await buildLiveSession(
      ctx,
      { hostUserId: again.body.buyerId, shopId },
      { state: 'live' },
    );
    const live = await as(buyer.token).post('/api/v1/chat/conversations', {
      shopId,
      context: { type: 'live', id: sessionId },
    });
    expect(live.body.context).toMatchObject({ type: 'live', id: sessionId });
    expect((await as(buyer.token).post('/api/v1/chat/conversations', { shopId: 999_999 })).status).toBe(404);
  });

  it('messages reach the other side with unread counts and read receipts; strangers get 404', async () => {
    const { shopId, productId, owner } = await shopWithProduct();
    const buyer = await buildBuyer(ctx);
    const id = await openConversationAs(ctx, buyer.token, shopId, { type: 'product', id: productId });

    const hello = await send(buyer.token, id, { kind: 'text', text: '  这个橙子甜吗？ ' });
    expect(hello.status, JSON.stringify(hello.body)).toBe(201);
    expect(hello.body).toMatchObject({ sender: 'buyer', kind: 'text', text: '这个橙子甜吗？', held: false });
    expect(hello.body.sessionId).toEqual(expect.any(Number));

    const header = await as(owner.token).get(`/api/v1/chat/conversations/${id}`);
    expect(header.body).toMatchObject({ side: 'shop', unread: 1, readId: 0 });
    expect(header.body.waitingSince).not.toBeNull();
    expect((await history(owner.token, id)).map((m) => m.text)).toContain('这个橙子甜吗？');

    // The owner answers with a product card: nobody waits any more; the buyer has it unread.
    const card = await send(owner.token, id, { kind: 'product', productId });
    expect(card.status, JSON.stringify(card.body)).toBe(201);
    expect(card.body.card).toMatchObject({ type: 'product', id: productId, amountFen: expect.any(Number) });
    const mineNow = await as(buyer.token).get(`/api/v1/chat/conversations/${id}`);
    expect(mineNow.body.waitingSince).toBeNull();
    expect(mineNow.body.unread).toBeGreaterThanOrEqual(1);

    // The buyer reads everything: unread 0, and the shop sees the receipt (已读) on its messages.
    const read = await as(buyer.token).post(`/api/v1/chat/conversations/${id}/read`, {
      upToId: card.body.id,
    });
    expect(read.body).toEqual({ readId: card.body.id, unread: 0 });
    const shopView = await as(owner.token).get(`/api/v1/chat/conversations/${id}`);
    expect(shopView.body.otherReadId).toBe(card.body.id);
    // A receipt never goes back.
    const back = await as(buyer.token).post(`/api/v1/chat/conversations/${id}/read`, { upToId: 1 });
    expect(back.body.readId).toBe(card.body.id);

    const list = await as(buyer.token).get('/api/v1/chat/conversations');
    expect(list.body.items[0]).toMatchObject({ id, shopId, unread: 0 });

    // Staff without the CS role: 403; another shop's owner and another buyer: 404.
    const staff = await buildStaff(ctx, shopId);
    expect((await send(staff.token, id, { kind: 'text', text: '您好' })).status).toBe(403);
    const stranger = await buildShop(ctx);
    expect((await as(stranger.owner.token).get(`/api/v1/chat/conversations/${id}`)).status).toBe(404);
    const otherBuyer = await buildBuyer(ctx);
    expect((await send(otherBuyer.token, id, { kind: 'text', text: '你好' })).status).toBe(404);
    expect((await as(otherBuyer.token).get(`/api/v1/chat/conversations/${id}/messages`)).status).toBe(404);
  });

  it('off-platform contact is held: kept, shown to its sender only, never counted for the other side', async () => {
    const { shopId, owner } = await shopWithProduct();
    const buyer = await buildBuyer(ctx);
    const id = await openConversationAs(ctx, buyer.token, shopId);
    const held = await send(buyer.token, id, { kind: 'text', text: '加我微信 abc12345 私下便宜点' });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(held.body.held).toBe(true);
    expect(held.body.holdReason).toEqual(expect.any(String));

    expect((await history(buyer.token, id)).find((m) => m.id === held.body.id)?.held).toBe(true);
    expect((await history(owner.token, id)).some((m) => m.id === held.body.id)).toBe(false);
    expect((await as(owner.token).get(`/api/v1/chat/conversations/${id}`)).body.unread).toBe(0);

    const stored = await ctx.db
      .selectFrom('chatMessages')
      .select(['visibility', 'decisionId'])
      .where('id', '=', held.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.visibility).toBe('held');
    expect(stored.decisionId).toEqual(expect.any(Number));

    // Ops read it as written, with where it was sent and why it was held.
    const reviewer = await buildOps(ctx, ['reviewer']);
    const forOps = await as(reviewer.token).get(`/api/v1/ops/screening/content/chat_message/${held.body.id}`);
    expect(forOps.status, JSON.stringify(forOps.body)).toBe(200);
    expect(forOps.body.content).toMatchObject({
      text: '加我微信 abc12345 私下便宜点',
      state: 'hidden',
      place: { type: 'shop', id: shopId },
    });
    expect(forOps.body.screening.categories).toContain('off_platform');

    // Found fine on review (a rule admin's review rule), it is delivered then: the shop hears it.
    const released = await ctx.db
      .transaction()
      .execute((tx) => releaseHeldMessages(tx, stored.decisionId!, 'allow'));
    expect(released).toBe(1);
    expect((await history(owner.token, id)).some((m) => m.id === held.body.id)).toBe(true);
    expect((await as(owner.token).get(`/api/v1/chat/conversations/${id}`)).body.unread).toBe(1);

    // An agent's off-platform contact is held from the buyer the same way.
    const agentHeld = await send(owner.token, id, { kind: 'text', text: '联系电话 13812345678' });
    expect(agentHeld.body.held).toBe(true);
    expect((await history(buyer.token, id)).some((m) => m.id === agentHeld.body.id)).toBe(false);
  });

  it('cards and images must belong to the conversation; images are readable by both parties only', async () => {
    const { shopId, owner } = await shopWithProduct();
    const other = await shopWithProduct();
    const buyer = await buildBuyer(ctx);
    const id = await openConversationAs(ctx, buyer.token, shopId);

    const wrongProduct = await send(buyer.token, id, { kind: 'product', productId: other.productId });
    expect(wrongProduct.status).toBe(400);
    expect(wrongProduct.body.error.details.fields[0]).toMatchObject({ field: 'productId' });
    const theirOrder = await buildPaidOrder(ctx, { shopId });
    expect((await send(owner.token, id, { kind: 'order', orderId: theirOrder.orderId })).status).toBe(400);
    const myOrder = await buildPaidOrder(ctx, { shopId, buyer });
    const orderCard = await send(owner.token, id, { kind: 'order', orderId: myOrder.orderId });
    expect(orderCard.status).toBe(201);
    expect(orderCard.body.card).toMatchObject({ type: 'order', amountFen: myOrder.totalFen, itemCount: 1 });
    expect((await send(buyer.token, id, { kind: 'text' })).status).toBe(400);
    expect((await send(buyer.token, id, { kind: 'text', text: 'x', productId: 1 })).status).toBe(400);

    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(32),
    ]);
    const upload = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/evidence-files',
      headers: { authorization: `Bearer ${buyer.token}`, 'content-type': 'image/png' },
      payload: png,
    });
    const fileId = upload.json().id as number;
    expect((await send(owner.token, id, { kind: 'image', fileId })).status).toBe(400); // not the owner's upload
    expect((await as(owner.token).get(`/api/v1/evidence-files/${fileId}`)).status).toBe(404);
    const image = await send(buyer.token, id, { kind: 'image', fileId });
    expect(image.status).toBe(201);
    expect((await as(owner.token).get(`/api/v1/evidence-files/${fileId}`)).status).toBe(200);
    const otherBuyer = await buildBuyer(ctx);
    expect((await as(otherBuyer.token).get(`/api/v1/evidence-files/${fileId}`)).status).toBe(404);
  });

  it('limits messages per sender and conversation', async () => {
    const { shopId } = await shopWithProduct();
    const buyer = await buildBuyer(ctx);
    const id = await openConversationAs(ctx, buyer.token, shopId);
    for (let i = 0; i < 30; i++) {
      expect((await send(buyer.token, id, { kind: 'text', text: `第 ${i} 条` })).status).toBe(201);
    }
    const refused = await send(buyer.token, id, { kind: 'text', text: '还有一条' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('pages the history backwards', async () => {
    const { shopId, owner } = await shopWithProduct();
    const buyer = await buildBuyer(ctx);
    const id = await openConversationAs(ctx, buyer.token, shopId);
    for (let i = 0; i < 5; i++) await send(owner.token, id, { kind: 'text', text: `第 ${i} 条` });
    const last = await as(buyer.token).get(`/api/v1/chat/conversations/${id}/messages?limit=2`);
    expect(last.body.items.map((m: { text: string }) => m.text)).toEqual(['第 3 条', '第 4 条']);
    expect(last.body.hasMore).toBe(true);
    const older = await as(buyer.token).get(
      `/api/v1/chat/conversations/${id}/messages?limit=10&before=${last.body.items[0].id}`,
    );
    expect(older.body.items.map((m: { text: string }) => m.text)).toEqual(['第 0 条', '第 1 条', '第 2 条']);
    expect(older.body.hasMore).toBe(false);
  });
});

describe('realtime across processes', () => {
  it('a message posted on one process reaches the other side on another; held ones only their sender', async () => {
    const { shopId, owner } = await shopWithProduct();
    const buyer = await buildBuyer(ctx);
    const id = await openConversationAs(ctx, buyer.token, shopId);
    const one = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const two = await secondProcess(ctx);
    const buyerStream = await openChatStream(two.url, '/api/v1/chat/stream', buyer.token);
    const shopStream = await openChatStream(one, `/api/v1/shops/${shopId}/chat/stream`, owner.token);
    try {
      await buyerStream.until('snapshot');
      await shopStream.until('snapshot');
      // the buyer posts on process two; the shop's stream on process one hears it
      const asked = await api(two.app, buyer.token).post(`/api/v1/chat/conversations/${id}/messages`, {
        kind: 'text',
        text: '什么时候发货？',
      });
      expect(asked.status).toBe(201);
      const heard = await shopStream.until('message', (d) => d.message.id === asked.body.id);
      expect(heard).toMatchObject({
        conversationId: id,
        message: { text: '什么时候发货？', sender: 'buyer' },
      });
      // and the buyer's own stream has it too (both sides show it as it is stored)
      await buyerStream.until('message', (d) => d.message.id === asked.body.id);

      const answer = await send(owner.token, id, { kind: 'text', text: '今天下午发顺丰' });
      await buyerStream.until('message', (d) => d.message.id === answer.body.id);
      await as(buyer.token).post(`/api/v1/chat/conversations/${id}/read`, { upToId: answer.body.id });
      const receipt = await shopStream.until('read', (d) => d.side === 'buyer');
      expect(receipt.readId).toBe(answer.body.id);

      const held = await send(buyer.token, id, { kind: 'text', text: '加我微信 abc12345' });
      await buyerStream.until('message', (d) => d.message.id === held.body.id && d.message.held);
      const after = await send(buyer.token, id, { kind: 'text', text: '好的谢谢' });
      await shopStream.until('message', (d) => d.message.id === after.body.id);
      expect(shopStream.seen('message', (d) => d.message.id === held.body.id)).toBeUndefined();
    } finally {
      buyerStream.close();
      shopStream.close();
      await two.close();
    }
  });
});
