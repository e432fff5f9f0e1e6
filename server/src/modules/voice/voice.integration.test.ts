import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildOps,
  buildPaidOrder,
  buildShop,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { REASON_CODES } from '../aftersales/reasons.ts';
import { currentPolicy } from '../configuration/index.ts';
import { ingestFeedback, SETTLE_MS } from './ingest.service.ts';
import { REASON_TOPICS } from './reason-topics.ts';

let ctx: TestContext;
let ops: TestUser;
let shop: Awaited<ReturnType<typeof buildShop>>;
let other: Awaited<ReturnType<typeof buildShop>>;
let skuA: number;
let skuB: number;
let productId: number;

const MIN = 60_000;

beforeAll(async () => {
  ctx = await createTestContext();
  await currentPolicy(ctx.db);
  ops = await buildOps(ctx, ['reviewer']);
  shop = await buildShop(ctx);
  other = await buildShop(ctx);
  const product = await buildListedProduct(ctx, shop.shopId, {
    title: '红富士苹果',
    skus: [
      { priceFen: 3_000, stock: 100 },
      { priceFen: 5_000, stock: 100 },
    ],
  });
  productId = product.productId;
  [skuA, skuB] = product.skuIds as [number, number];
});

async function lineOf(orderId: number) {
  return ctx.db
    .selectFrom('orderLines as l')
    .innerJoin('orders as o', 'o.id', 'l.orderId')
    .select(['l.id', 'l.productId', 'o.buyerId', 'o.shopId'])
    .where('l.orderId', '=', orderId)
    .executeTakeFirstOrThrow();
}

async function review(orderId: number, rating: number, text: string) {
  const line = await lineOf(orderId);
  await ctx.db
    .insertInto('reviews')
    .values({
      orderId,
      orderLineId: line.id,
      productId: line.productId,
      shopId: line.shopId,
      buyerId: line.buyerId,
      rating,
      text,
      createdAt: ctx.clock.now(),
    })
    .execute();
}

async function request(orderId: number, reason: string, description: string | null) {
  const line = await lineOf(orderId);
  const now = ctx.clock.now();
  return ctx.db
    .insertInto('aftersalesRequests')
    .values({
      orderId,
      orderLineId: line.id,
      buyerId: line.buyerId,
      shopId: line.shopId,
      type: 'return_refund',
      reason,
      description,
      guaranteeCode: null,
      quantity: 1,
      requestedFen: 100,
      approvedFen: null,
      state: 'closed',
      deadlineAt: null,
      deadlineAction: null,
      attempt: 1,
      autoRule: null,
      configVersion: 1,
      createdAt: now,
      updatedAt: now,
      closedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function chat(buyer: TestUser, shopId: number, orderId: number | null, texts: string[]) {
  const now = ctx.clock.now();
  const conversation = await ctx.db
    .insertInto('chatConversations')
    .values({
      shopId,
      buyerId: buyer.id,
      contextType: orderId === null ? null : 'order',
      contextId: orderId,
      lastMessageAt: now,
      createdAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const text of texts)
    await ctx.db
      .insertInto('chatMessages')
      .values({
        conversationId: conversation.id,
        sender: 'buyer',
        senderId: buyer.id,
        kind: 'text',
        text,
        createdAt: now,
      })
      .execute();
  // An agent's words are not the buyer's feedback.
  await ctx.db
    .insertInto('chatMessages')
    .values({
      conversationId: conversation.id,
      sender: 'agent',
      kind: 'text',
      text: '质量问题我们包退',
      createdAt: now,
    })
    .execute();
}

const run = () => ctx.db.transaction().execute((tx) => ingestFeedback(tx, ctx.clock.now()));
const feedback = () => ctx.db.selectFrom('voiceFeedback').selectAll().orderBy('id').execute();

describe('voice of the user: ingestion', () => {
  let orderA: number;
  let orderB: number;
  let buyer: TestUser;

  beforeAll(async () => {
    buyer = await buildBuyer(ctx);
    orderA = (await buildPaidOrder(ctx, { skuId: skuA, buyer })).orderId;
    orderB = (await buildPaidOrder(ctx, { skuId: skuB })).orderId;
    await review(orderA, 1, '苹果一半都烂了，物流还特别慢');
    await review(orderB, 5, '很甜很新鲜，包装没有破损');
    await request(orderB, 'not_as_described', '和图片不一样，个头小很多');
    await request(orderA, 'dont_like', null);
    await chat(buyer, shop.shopId, orderA, ['什么时候发货呀', '在吗']);
  });

  it('waits a minute for records to settle, then classifies each source into topics per shop and SKU', async () => {
    expect(Object.values(await run()).every((c) => c.read === 0)).toBe(true);
    ctx.clock.advance(SETTLE_MS + MIN);
    const counts = await run();
    expect(counts).toEqual({
      review: { read: 2, topical: 1 },
      chat: { read: 2, topical: 1 },
      aftersales: { read: 2, topical: 1 },
      complaint: { read: 0, topical: 0 },
    });
    const rows = await feedback();
    expect(rows.map((r) => [r.source, r.skuId, r.productId, [...r.topics].sort()])).toEqual([
      ['review', skuA, productId, ['logistics', 'quality']],
      ['chat', skuA, productId, ['logistics']],
      ['aftersales', skuB, productId, ['description_mismatch']],
    ]);
    expect(rows[0]).toMatchObject({ shopId: shop.shopId, rating: 1, text: '苹果一半都烂了，物流还特别慢' });
    expect(rows[0]!.item).toContain('红富士苹果');
  });

  it('is idempotent: a second run reads nothing new and a replayed batch writes nothing twice', async () => {
    expect(Object.values(await run()).every((c) => c.read === 0)).toBe(true);
    await ctx.db.updateTable('voiceCursors').set({ lastId: 0 }).execute();
    await run();
    expect(await feedback()).toHaveLength(3);
  });

  it('reads only what came after its cursor', async () => {
    const later = (await buildPaidOrder(ctx, { skuId: skuA })).orderId;
    await review(later, 2, '客服态度很差，不理人');
    ctx.clock.advance(SETTLE_MS + MIN);
    expect((await run()).review).toEqual({ read: 1, topical: 1 });
    expect((await feedback()).at(-1)).toMatchObject({ source: 'review', topics: ['service'] });
  });

  it('reads a complaint (an arbitration the buyer opened) with the evidence they wrote, and no held chat message', async () => {
    const order = await buildPaidOrder(ctx, { skuId: skuB });
    const opened = await request(order.orderId, 'other', null);
    const line = await lineOf(order.orderId);
    const now = ctx.clock.now();
    await ctx.db
      .insertInto('aftersalesEvidence')
      .values({
        requestId: opened.id,
        party: 'buyer',
        submittedBy: line.buyerId,
        text: '商家拒绝退款，客服也不回复',
        at: now,
      })
      .execute();
    await ctx.db
      .insertInto('arbitrations')
      .values({
        requestId: opened.id,
        state: 'awaiting_evidence',
        openedBy: 'buyer',
        evidenceDueAt: now,
        createdAt: now,
      })
      .execute();
    const conversation = await ctx.db
      .selectFrom('chatConversations')
      .select('id')
      .where('shopId', '=', shop.shopId)
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('chatMessages')
      .values({
        conversationId: conversation.id,
        sender: 'buyer',
        kind: 'text',
        text: '质量太差了，加我微信私聊',
        visibility: 'held',
        createdAt: now,
      })
      .execute();
    ctx.clock.advance(SETTLE_MS + MIN);
    const counts = await run();
    expect(counts.complaint).toEqual({ read: 1, topical: 1 });
    expect(counts.chat).toEqual({ read: 0, topical: 0 });
    expect((await feedback()).at(-1)).toMatchObject({
      source: 'complaint',
      skuId: skuB,
      topics: ['service'],
      text: '商家拒绝退款，客服也不回复',
    });
  });

  it('maps every after-sales reason to its topics', () => {
    expect(Object.keys(REASON_TOPICS).sort()).toEqual([...REASON_CODES].sort());
  });
});

describe('voice of the user: dashboards', () => {
  it('gives a shop its own topics with the trend against the period before and the SKUs behind them', async () => {
    const res = await api(ctx.app, shop.owner.token).get(
      `/api/v1/shops/${shop.shopId}/voice/overview?days=7`,
    );
    expect(res.status).toBe(200);
    const byTopic = Object.fromEntries(res.body.totals.map((t: { topic: string }) => [t.topic, t]));
    expect(byTopic.logistics).toMatchObject({ current: 2, previous: 0, changeBp: null });
    expect(byTopic.quality.current).toBe(1);
    expect(res.body.series).toHaveLength(7);
    expect(res.body.series.at(-1).counts.logistics).toBe(2);
    expect(res.body.topSkus).toContainEqual(
      expect.objectContaining({ topic: 'logistics', skuId: skuA, current: 2 }),
    );
    expect(res.body.topShops).toEqual([]);
  });

  it('lists examples with the text as written, filtered by topic', async () => {
    const res = await api(ctx.app, shop.owner.token).get(
      `/api/v1/shops/${shop.shopId}/voice/feedback?topic=description_mismatch`,
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      source: 'aftersales',
      reason: 'not_as_described',
      skuId: skuB,
    });
  });

  it('answers 404 for another shop’s feedback', async () => {
    const res = await api(ctx.app, other.owner.token).get(`/api/v1/shops/${shop.shopId}/voice/overview`);
    expect(res.status).toBe(404);
  });

  it('shows ops the platform, the shops most complained about and the coverage of each source', async () => {
    const res = await api(ctx.app, ops.token).get('/api/v1/ops/voice/overview?days=30');
    expect(res.status).toBe(200);
    expect(res.body.topShops).toContainEqual(
      expect.objectContaining({ topic: 'logistics', shopId: shop.shopId, current: 2 }),
    );
    const coverage = await api(ctx.app, ops.token).get('/api/v1/ops/voice/ingestion');
    expect(coverage.body).toContainEqual(expect.objectContaining({ source: 'review', topical: 2 }));
  });
});
