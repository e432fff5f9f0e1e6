import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildOps,
  buildPaidOrder,
  buildShop,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { openConversationAs } from './chat.test-support.ts';
import { shopChatFacts } from './chat-metrics.service.ts';
import { closeSession } from './sessions.service.ts';

let ctx: TestContext;
const as = (token?: string) => api(ctx.app, token);
const V = '/api/v1';

beforeAll(async () => {
  ctx = await createTestContext();
  // Monday 2026-11-23 16:00 in Shanghai: within the default service hours.
  ctx.clock.set('2026-11-23T08:00:00Z');
});

async function send(token: string, conversationId: number, text: string) {
  const res = await as(token).post(`${V}/chat/conversations/${conversationId}/messages`, {
    kind: 'text',
    text,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; sessionId: number };
}

async function botLines(token: string, conversationId: number) {
  const res = await as(token).get(`${V}/chat/conversations/${conversationId}/messages?limit=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (
    res.body.items as { sender: string; text: string | null; intent: string | null; kind: string }[]
  ).filter((m) => m.sender === 'bot');
}

async function sessionOf(id: number) {
  return ctx.db.selectFrom('chatSessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('auto-replies and the bot', () => {
  it('welcome, keyword answer, the bot’s shipping answer from the facts, then a hand-off to a person', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const { productId } = await buildListedProduct(ctx, shopId, { title: '赣南脐橙 5 斤' });
    const saved = await as(owner.token).put(`${V}/shops/${shopId}/chat/settings`, {
      welcome: '  欢迎光临鲜丰果园！ ',
      offHoursReply: null,
      serviceHours: { days: [7, 1, 2, 3, 4, 5, 6], from: '09:00', to: '22:00' },
      routing: 'round_robin',
      botEnabled: true,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      welcome: '欢迎光临鲜丰果园！',
      serviceHours: { days: [1, 2, 3, 4, 5, 6, 7] },
    });
    const kw = await as(owner.token).post(`${V}/shops/${shopId}/chat/keyword-replies`, {
      keywords: ['包邮', ' 运费 '],
      answer: '全场满 59 元包邮。',
    });
    expect(kw.status, JSON.stringify(kw.body)).toBe(201);
    expect(kw.body.keywords).toEqual(['包邮', '运费']);

    const buyer = await buildBuyer(ctx);
    const conversation = await openConversationAs(ctx, buyer.token, shopId, {
      type: 'product',
      id: productId,
    });
    const first = await send(buyer.token, conversation, '亲，什么时候发货呀？');
    let bot = await botLines(buyer.token, conversation);
    expect(bot.map((m) => m.intent)).toEqual(['welcome', 'ship_time']);
    expect(bot[1]!.text).toContain('付款后 48 小时内发货');

    await send(buyer.token, conversation, '包邮吗');
    bot = await botLines(buyer.token, conversation);
    expect(bot.at(-1)).toMatchObject({ intent: 'keyword', text: '全场满 59 元包邮。' });
    expect((await sessionOf(first.sessionId)).state).toBe('bot');

    await send(buyer.token, conversation, '转人工');
    bot = await botLines(buyer.token, conversation);
    expect(bot.at(-1)).toMatchObject({ intent: 'hand_off' });
    const queued = await sessionOf(first.sessionId);
    expect(queued.state).toBe('queued');
    expect(queued.handedOffAt).toEqual(ctx.clock.now());
  });

  it('the bot tells where the buyer’s order is; a question it does not know goes to a person', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const order = await buildPaidOrder(ctx, { shopId });
    const shipped = await as(owner.token).post(`${V}/shops/${shopId}/orders/${order.orderId}/shipment`, {
      carrier: 'sf',
      trackingNumber: 'SF1234567890',
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBeLessThan(300);
    const conversation = await openConversationAs(ctx, order.buyer.token, shopId, {
      type: 'order',
      id: order.orderId,
    });
    const asked = await send(order.buyer.token, conversation, '我的快递到哪了');
    const bot = await botLines(order.buyer.token, conversation);
    expect(bot.at(-1)!.text).toContain('SF1234567890');
    expect(bot.at(-1)!.text).toContain('顺丰速运');

    await send(order.buyer.token, conversation, '这个橙子甜不甜');
    expect((await botLines(order.buyer.token, conversation)).at(-1)!.text).toContain('这个问题我还回答不了');
    expect((await sessionOf(asked.sessionId)).state).toBe('queued');
  });

  it('a product card waits for the question; the bot answers it about that product', async () => {
    const { shopId } = await buildShop(ctx);
    const { productId } = await buildListedProduct(ctx, shopId, { title: '海南贵妃芒 3 斤' });
    const buyer = await buildBuyer(ctx);
    const conversation = await openConversationAs(ctx, buyer.token, shopId);
    const card = await as(buyer.token).post(`${V}/chat/conversations/${conversation}/messages`, {
      kind: 'product',
      productId,
    });
    expect(card.status, JSON.stringify(card.body)).toBe(201);
    expect(await botLines(buyer.token, conversation)).toEqual([]);
    expect((await sessionOf(card.body.sessionId)).state).toBe('bot');
    await send(buyer.token, conversation, '这个有什么保障？');
    expect((await botLines(buyer.token, conversation)).at(-1)).toMatchObject({ intent: 'guarantees' });
    expect((await botLines(buyer.token, conversation)).at(-1)!.text).toContain('海南贵妃芒 3 斤');
  });

  it('off hours: a shop without the bot answers with its off-hours reply', async () => {
    const { shopId, owner } = await buildShop(ctx);
    await as(owner.token).put(`${V}/shops/${shopId}/chat/settings`, {
      welcome: null,
      offHoursReply: '打烊啦，明早 9 点回复您',
      serviceHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
      routing: 'last_agent',
      botEnabled: false,
    });
    const buyer = await buildBuyer(ctx);
    const conversation = await openConversationAs(ctx, buyer.token, shopId);
    // 16:00 Monday is in hours: nothing automatic; after 18:00 a new session gets the off-hours reply.
    const atFour = await send(buyer.token, conversation, '在吗');
    expect(await botLines(buyer.token, conversation)).toEqual([]);
    await ctx.db
      .transaction()
      .execute((tx) => closeSession(tx, atFour.sessionId, 'idle', null, ctx.clock.now()));
    const saved = ctx.clock.now();
    ctx.clock.set('2026-11-23T12:00:00Z');
    await send(buyer.token, conversation, '在吗');
    expect((await botLines(buyer.token, conversation)).at(-1)).toMatchObject({
      intent: 'off_hours',
      text: '打烊啦，明早 9 点回复您',
    });
    ctx.clock.set(saved);
  });

  it('转人工 while the bot holds the session: the buyer is told a person is coming; tapping again says nothing more', async () => {
    const { shopId } = await buildShop(ctx);
    const buyer = await buildBuyer(ctx);
    const conversation = await openConversationAs(ctx, buyer.token, shopId);
    const first = await send(buyer.token, conversation, '在吗');
    expect((await sessionOf(first.sessionId)).state).toBe('bot');

    const human = await as(buyer.token).post(`${V}/chat/conversations/${conversation}/human`);
    expect(human.status, JSON.stringify(human.body)).toBe(200);
    expect(human.body).toMatchObject({ sessionId: first.sessionId, state: 'queued' });
    let bot = await botLines(buyer.token, conversation);
    expect(bot.at(-1)).toMatchObject({ intent: 'hand_off', text: '正在为您转接人工客服，请稍候。' });

    const again = await as(buyer.token).post(`${V}/chat/conversations/${conversation}/human`);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const count = bot.length;
    bot = await botLines(buyer.token, conversation);
    expect(bot).toHaveLength(count);
  });

  it('only the owner changes settings; another shop’s settings are not found', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const other = await buildShop(ctx);
    expect((await as(other.owner.token).get(`${V}/shops/${shopId}/chat/settings`)).status).toBe(404);
    const defaults = await as(owner.token).get(`${V}/shops/${shopId}/chat/settings`);
    expect(defaults.body).toMatchObject({ botEnabled: true, routing: 'last_agent', updatedAt: null });
    const kw = await as(owner.token).post(`${V}/shops/${shopId}/chat/keyword-replies`, {
      keywords: ['发票'],
      answer: '可以开电子发票。',
    });
    expect(
      (await as(other.owner.token).delete(`${V}/shops/${other.shopId}/chat/keyword-replies/${kw.body.id}`))
        .status,
    ).toBe(404);
    const changed = await as(owner.token).put(`${V}/shops/${shopId}/chat/keyword-replies/${kw.body.id}`, {
      keywords: ['发票', '开票'],
      answer: '可以开电子发票，下单后联系客服。',
    });
    expect(changed.body.keywords).toEqual(['发票', '开票']);
    expect(
      (await as(owner.token).delete(`${V}/shops/${shopId}/chat/keyword-replies/${kw.body.id}`)).status,
    ).toBe(200);
    expect((await as(owner.token).get(`${V}/shops/${shopId}/chat/keyword-replies`)).body.items).toEqual([]);
  });
});

describe('rating and metrics (manual clock)', () => {
  it('a person answers in 40 s, the buyer rates once; the metrics count it per day, per agent and in total', async () => {
    const start = new Date('2026-11-24T02:00:00Z'); // Tuesday 10:00 in Shanghai
    ctx.clock.set(start);
    const { shopId, owner } = await buildShop(ctx);
    const buyer = await buildBuyer(ctx);
    const conversation = await openConversationAs(ctx, buyer.token, shopId);
    const asked = await send(buyer.token, conversation, '人工客服');
    ctx.clock.advance(40_000);
    await send(owner.token, conversation, '您好，我是客服小鲜，请问有什么可以帮您？');
    const served = await sessionOf(asked.sessionId);
    expect(served).toMatchObject({ state: 'serving', agentId: owner.id });

    // Not closed yet: no rating.
    const early = await as(buyer.token).post(`${V}/chat/sessions/${asked.sessionId}/rating`, {
      rating: 'good',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.details.key).toBe('chat_session_open');

    ctx.clock.advance(60_000);
    await ctx.db
      .transaction()
      .execute((tx) => closeSession(tx, asked.sessionId, 'agent', owner.id, ctx.clock.now()));
    const stranger = await buildBuyer(ctx);
    expect(
      (await as(stranger.token).post(`${V}/chat/sessions/${asked.sessionId}/rating`, { rating: 'bad' }))
        .status,
    ).toBe(404);
    const rated = await as(buyer.token).post(`${V}/chat/sessions/${asked.sessionId}/rating`, {
      rating: 'good',
      comment: ' 回复很快 ',
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body).toMatchObject({ rating: 'good', ratingComment: '回复很快', state: 'closed' });
    const again = await as(buyer.token).post(`${V}/chat/sessions/${asked.sessionId}/rating`, {
      rating: 'bad',
    });
    expect(again.body.error.details.key).toBe('chat_session_rated');
    expect((await as(buyer.token).get(`${V}/chat/sessions/${asked.sessionId}/rating`)).body.rating).toBe(
      'good',
    );

    // A second buyer the day before waited 5 minutes (outside the 3 minutes) and rated it bad; a third
    // one asked off hours (not counted); a fourth asks now and has waited only 1 minute (not decided).
    const other = await buildBuyer(ctx);
    const yesterday = new Date('2026-11-23T03:00:00Z');
    const conv = await ctx.db
      .selectFrom('chatConversations')
      .select('id')
      .where('id', '=', conversation)
      .executeTakeFirstOrThrow();
    const otherConv = await openConversationAs(ctx, other.token, shopId);
    await ctx.db
      .insertInto('chatSessions')
      .values([
        {
          conversationId: otherConv,
          shopId,
          buyerId: other.id,
          state: 'closed',
          agentId: owner.id,
          startedAt: yesterday,
          inServiceHours: true,
          handedOffAt: yesterday,
          firstHumanReplyAt: new Date(yesterday.getTime() + 300_000),
          closedAt: new Date(yesterday.getTime() + 600_000),
          closeReason: 'agent',
          rating: 'bad',
          ratedAt: new Date(yesterday.getTime() + 700_000),
        },
        {
          conversationId: otherConv,
          shopId,
          buyerId: other.id,
          state: 'closed',
          agentId: owner.id,
          startedAt: new Date('2026-11-23T16:00:00Z'),
          inServiceHours: false,
          handedOffAt: new Date('2026-11-23T16:00:00Z'),
          firstHumanReplyAt: new Date('2026-11-24T01:10:00Z'),
          closedAt: new Date('2026-11-24T01:20:00Z'),
          closeReason: 'agent',
        },
        {
          conversationId: conv.id,
          shopId,
          buyerId: buyer.id,
          state: 'closed',
          startedAt: new Date(ctx.clock.now().getTime() - 60_000),
          inServiceHours: true,
          handedOffAt: new Date(ctx.clock.now().getTime() - 60_000),
          closedAt: null,
        },
      ])
      .execute();

    const metrics = await as(owner.token).get(
      `${V}/shops/${shopId}/chat/metrics?from=2026-11-23&to=2026-11-24`,
    );
    expect(metrics.status, JSON.stringify(metrics.body)).toBe(200);
    expect(metrics.body.targets).toEqual({
      responseRate3mBp: 8_500,
      avgFirstResponseMs: 46_800,
      goodRatingRateBp: 8_200,
    });
    expect(metrics.body.days).toEqual([
      expect.objectContaining({
        day: '2026-11-23',
        sessions: 1,
        counted: 1,
        answeredIn3m: 0,
        responseRate3mBp: 0,
        avgFirstResponseMs: 300_000,
        goodRatingRateBp: 0,
      }),
      // The off-hours session started 00:00 on the 24th local; the undecided one is not counted.
      expect.objectContaining({
        day: '2026-11-24',
        sessions: 3,
        counted: 1,
        answeredIn3m: 1,
        avgFirstResponseMs: 40_000,
        goodRatingRateBp: 10_000,
      }),
    ]);
    expect(metrics.body.total).toMatchObject({
      sessions: 4,
      counted: 2,
      responseRate3mBp: 5_000,
      avgFirstResponseMs: 170_000,
      goodRatingRateBp: 5_000,
    });
    expect(metrics.body.agents).toEqual([
      expect.objectContaining({ agentId: owner.id, sessions: 3, counted: 2, rated: 2, good: 1 }),
    ]);

    // The experience score's facts: the same counts per shop.
    const [facts] = await shopChatFacts(ctx.db, new Date('2026-11-22T16:00:00Z'), ctx.clock.now(), [shopId]);
    expect(facts).toMatchObject({ shopId, counted: 2, answeredIn3m: 1, rated: 2, good: 1 });

    const ops = await buildOps(ctx, ['reviewer']);
    const platform = await as(ops.token).get(`${V}/ops/chat/metrics?from=2026-11-23&to=2026-11-24`);
    expect(platform.status, JSON.stringify(platform.body)).toBe(200);
    expect(platform.body.shops.find((s: { shopId: number }) => s.shopId === shopId)).toMatchObject({
      counted: 2,
    });
    expect(
      (await as(owner.token).get(`${V}/shops/${shopId}/chat/metrics?from=2026-11-24&to=2026-11-01`)).status,
    ).toBe(400);
  });
});
