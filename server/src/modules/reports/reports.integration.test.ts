import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildLiveSession,
  buildOps,
  buildPaidOrder,
  buildShop,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { REPORTS_PER_DAY } from './report-rules.ts';

let ctx: TestContext;
let shop: { shopId: number; categoryId: number; owner: TestUser };
let reviewer: TestUser;
const V = '/api/v1';

beforeAll(async () => {
  ctx = await createTestContext();
  shop = await buildShop(ctx);
  reviewer = await buildOps(ctx, ['reviewer']);
});

const as = (user: TestUser) => api(ctx.app, user.token);

// A shop has one room on air at a time: the file's comments are posted in it.
let room: number | undefined;

async function liveComment(author: TestUser, text: string) {
  room ??= (
    await buildLiveSession(
      ctx,
      { hostUserId: shop.owner.id, shopId: shop.shopId },
      { state: 'live', title: '鲜果直播' },
    )
  ).sessionId;
  const posted = await as(author).post(`${V}/live/sessions/${room}/comments`, { text });
  expect(posted.status, JSON.stringify(posted.body)).toBe(201);
  return { sessionId: room, commentId: posted.body.id as number };
}

async function review(text: string) {
  const order = await buildPaidOrder(ctx, { shopId: shop.shopId });
  const line = await ctx.db
    .selectFrom('orderLines')
    .select(['id', 'productId'])
    .where('orderId', '=', order.orderId)
    .executeTakeFirstOrThrow();
  const row = await ctx.db
    .insertInto('reviews')
    .values({
      orderId: order.orderId,
      orderLineId: line.id,
      productId: line.productId,
      shopId: shop.shopId,
      buyerId: order.buyer.id,
      rating: 1,
      text,
      createdAt: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { reviewId: row.id, author: order.buyer };
}

const report = (user: TestUser, subject: { type: string; id: number }, reason: string, text = '') =>
  as(user).post(`${V}/reports`, { subject, reason, text });

type QueueItem = {
  subject: { type: string; id: number };
  content: { text: string; state: string; rating: number | null; authorName: string | null } | null;
  reports: { reporterId: number; reason: string; text: string }[];
  reports7d: number;
  shopReports7d: number | null;
};

async function queued(subject: { type: string; id: number }, state = 'open'): Promise<QueueItem | undefined> {
  const page = await as(reviewer).get(`${V}/ops/reports?state=${state}&limit=100`);
  expect(page.status).toBe(200);
  return page.body.items.find(
    (i: QueueItem) => i.subject.type === subject.type && i.subject.id === subject.id,
  );
}

const notificationsOf = async (user: TestUser) =>
  (await as(user).get(`${V}/me/notifications?limit=50`)).body.items as {
    kind: string;
    payload: { subjectType: string; state: string; effect: string | null };
  }[];

describe('a buyer reports a live comment and learns the outcome', () => {
  it('files one open report per buyer, shows the comment inline to ops, hides it when upheld', async () => {
    const author = await buildBuyer(ctx);
    const { commentId } = await liveComment(author, '这家都是假货，别买');
    const subject = { type: 'live_comment', id: commentId };
    const a = await buildBuyer(ctx);
    const b = await buildBuyer(ctx);

    const filed = await report(a, subject, 'harassment', '恶意造谣');
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ state: 'open', reason: 'harassment', subject });
    const again = await report(a, subject, 'spam');
    expect(again.status).toBe(409);
    expect(again.body.error.details.key).toBe('report_open');
    expect((await report(b, subject, 'counterfeit')).status, 'a product reason does not fit a comment').toBe(
      400,
    );
    expect((await report(author, subject, 'spam')).status, 'nobody reports their own words').toBe(400);
    expect((await report(b, subject, 'spam')).status).toBe(201);

    const item = await queued(subject);
    expect(item?.content).toMatchObject({ text: '这家都是假货，别买', state: 'visible' });
    expect(item?.reports.map((r) => r.reporterId).sort()).toEqual([a.id, b.id].sort());
    expect(item?.reports7d).toBe(2);
    expect(item?.shopReports7d).toBeGreaterThanOrEqual(2);

    // The triage board counts the subject in its reports queue; it is decided on the reports page.
    const board = await as(reviewer).get(`${V}/ops/queues`);
    const reports = board.body.items.find((q: { queue: string }) => q.queue === 'reports');
    expect(reports.waiting).toBeGreaterThanOrEqual(1);
    const items = await as(reviewer).get(`${V}/ops/queues/reports/items`);
    expect(items.body.items.find((i: { subject: { id: number } }) => i.subject.id === commentId)?.title).toBe(
      '这家都是假货，别买',
    );
    const viaTriage = await as(reviewer).post(`${V}/ops/queues/reports/decisions`, {
      subjects: [subject],
      decision: 'approve',
    });
    expect(viaTriage.status).toBe(400);

    const decided = await as(reviewer).post(`${V}/ops/reports/decisions`, {
      subject,
      outcome: 'uphold',
      note: '辱骂商家',
      effect: 'hidden',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ state: 'upheld', effect: 'hidden', reports: 2 });
    const comment = await ctx.db
      .selectFrom('liveComments')
      .select(['state', 'hiddenReason'])
      .where('id', '=', commentId)
      .executeTakeFirstOrThrow();
    expect(comment).toEqual({ state: 'hidden', hiddenReason: 'reported: 辱骂商家' });

    for (const reporter of [a, b]) {
      const told = (await notificationsOf(reporter)).find((n) => n.kind === 'report_decided');
      expect(told?.payload).toMatchObject({ subjectType: 'live_comment', state: 'upheld', effect: 'hidden' });
      const mine = await as(reporter).get(`${V}/me/reports`);
      expect(mine.body.items[0]).toMatchObject({
        state: 'upheld',
        effect: 'hidden',
        decisionNote: '辱骂商家',
      });
      expect(mine.body.items[0].about.text).toBe('这家都是假货，别买');
    }
    const twice = await as(reviewer).post(`${V}/ops/reports/decisions`, {
      subject,
      outcome: 'dismiss',
      note: '再次处理',
    });
    expect(twice.status).toBe(409);
    expect(await queued(subject)).toBeUndefined();
    expect((await report(a, subject, 'spam')).status, 'a hidden comment cannot be reported').toBe(404);
  });
});

describe('the effects of upholding on the other subjects', () => {
  it('a dismissed review report leaves the review shown and tells the reporter', async () => {
    const { reviewId } = await review('收到就坏了，差评');
    const reporter = await buildBuyer(ctx);
    expect((await report(reporter, { type: 'review', id: reviewId }, 'fake_review')).status).toBe(201);
    expect((await queued({ type: 'review', id: reviewId }))?.content?.rating).toBe(1);
    const res = await as(reviewer).post(`${V}/ops/reports/decisions`, {
      subject: { type: 'review', id: reviewId },
      outcome: 'dismiss',
      note: '真实体验',
    });
    expect(res.body).toMatchObject({ state: 'dismissed', effect: null });
    const row = await ctx.db
      .selectFrom('reviews')
      .select('state')
      .where('id', '=', reviewId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('visible');
    const told = (await notificationsOf(reporter)).find((n) => n.kind === 'report_decided');
    expect(told?.payload).toMatchObject({ subjectType: 'review', state: 'dismissed' });
  });

  it('an upheld product report sends the product back to review; a violation needs a code that fits', async () => {
    const { productId } = await buildListedProduct(ctx, shop.shopId, { title: '进口车厘子' });
    const reporter = await buildBuyer(ctx);
    expect(
      (await report(reporter, { type: 'product', id: productId }, 'counterfeit', '不是进口的')).status,
    ).toBe(201);
    const wrong = await as(reviewer).post(`${V}/ops/reports/decisions`, {
      subject: { type: 'product', id: productId },
      outcome: 'uphold',
      note: '核实',
      effect: 'violation',
      violationCode: 'live_hype',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].field).toBe('violationCode');
    const res = await as(reviewer).post(`${V}/ops/reports/decisions`, {
      subject: { type: 'product', id: productId },
      outcome: 'uphold',
      note: '产地存疑，重新审核',
      effect: 'sent_to_review',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const product = await ctx.db
      .selectFrom('products')
      .select(['state', 'stateReason'])
      .where('id', '=', productId)
      .executeTakeFirstOrThrow();
    expect(product).toEqual({ state: 'in_review', stateReason: 'reported by buyers: 产地存疑，重新审核' });
  });

  it('an upheld room report records a violation against the shop (a first general one is warned)', async () => {
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: shop.owner.id, shopId: shop.shopId });
    const reporter = await buildBuyer(ctx);
    expect(
      (await report(reporter, { type: 'live_session', id: sessionId }, 'false_advertising')).status,
    ).toBe(201);
    const res = await as(reviewer).post(`${V}/ops/reports/decisions`, {
      subject: { type: 'live_session', id: sessionId },
      outcome: 'uphold',
      note: '主播卖惨炒作',
      effect: 'violation',
      violationCode: 'live_hype',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const violation = await ctx.db
      .selectFrom('governanceViolations')
      .select(['shopId', 'code', 'state'])
      .where('id', '=', res.body.violationId)
      .executeTakeFirstOrThrow();
    expect(violation).toEqual({ shopId: shop.shopId, code: 'live_hype', state: 'warned' });
    const mine = await as(reporter).get(`${V}/me/reports`);
    expect(mine.body.items[0]).toMatchObject({ state: 'upheld', effect: 'violation' });
  });
});

describe('concurrency', () => {
  it('two reports of one subject by one buyer at once: one is filed, the other is 409', async () => {
    const { productId } = await buildListedProduct(ctx, shop.shopId);
    const buyer = await buildBuyer(ctx);
    const answers = await Promise.all([
      report(buyer, { type: 'product', id: productId }, 'counterfeit'),
      report(buyer, { type: 'product', id: productId }, 'price_fraud'),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  it('two reviewers deciding one subject at once: one decision is applied and told, the other is 409', async () => {
    const { commentId } = await liveComment(await buildBuyer(ctx), '刷屏广告 加群领券');
    const subject = { type: 'live_comment', id: commentId };
    const reporter = await buildBuyer(ctx);
    expect((await report(reporter, subject, 'spam')).status).toBe(201);
    const other = await buildOps(ctx, ['reviewer']);
    const answers = await Promise.all([
      as(reviewer).post(`${V}/ops/reports/decisions`, {
        subject,
        outcome: 'uphold',
        note: '广告',
        effect: 'hidden',
      }),
      as(other).post(`${V}/ops/reports/decisions`, { subject, outcome: 'dismiss', note: '正常' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const told = (await notificationsOf(reporter)).filter((n) => n.kind === 'report_decided');
    expect(told).toHaveLength(1);
    const winner = answers.find((a) => a.status === 200)!.body;
    const mine = await as(reporter).get(`${V}/me/reports`);
    expect(mine.body.items[0].state).toBe(winner.state);
  });

  it("a creator's own room: the violation is the host's, and no shop's counter moves", async () => {
    const creator = await buildUser(ctx, 'creator');
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: creator.id });
    const reporter = await buildBuyer(ctx);
    expect((await report(reporter, { type: 'live_session', id: sessionId }, 'vulgar')).status).toBe(201);
    const res = await as(reviewer).post(`${V}/ops/reports/decisions`, {
      subject: { type: 'live_session', id: sessionId },
      outcome: 'uphold',
      note: '低俗表演',
      effect: 'violation',
      violationCode: 'live_hype',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const violation = await ctx.db
      .selectFrom('governanceViolations')
      .select(['shopId', 'hostUserId'])
      .where('id', '=', res.body.violationId)
      .executeTakeFirstOrThrow();
    expect(violation).toEqual({ shopId: null, hostUserId: creator.id });
  });
});

describe('limits and the trust signal', () => {
  it('counts reports against the shop for the trust engine and refuses more than the daily limit', async () => {
    const other = await buildShop(ctx);
    const reporter = await buildBuyer(ctx);
    const products = [];
    for (let i = 0; i <= REPORTS_PER_DAY; i++)
      products.push((await buildListedProduct(ctx, other.shopId)).productId);
    for (const id of products.slice(0, REPORTS_PER_DAY))
      expect((await report(reporter, { type: 'product', id }, 'price_fraud')).status).toBe(201);
    const over = await report(reporter, { type: 'product', id: products[REPORTS_PER_DAY]! }, 'price_fraud');
    expect(over.status).toBe(429);
    expect(over.body.error.details.key).toBe('report_daily_limit');

    const counted = await ctx.db
      .selectFrom('trustCounters')
      .select((eb) => eb.fn.sum<number>('count').as('n'))
      .where('entityType', '=', 'shop')
      .where('entityValue', '=', String(other.shopId))
      .where('counter', '=', 'reports')
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(REPORTS_PER_DAY);

    // A day later the buyer may report again.
    ctx.clock.advance(24 * 3_600_000 + 1);
    expect(
      (await report(reporter, { type: 'product', id: products[REPORTS_PER_DAY]! }, 'price_fraud')).status,
    ).toBe(201);

    // 21 reports in 7 days: the default listing policy holds the shop's next listing for ops.
    const created = await as(other.owner).post(`${V}/shops/${other.shopId}/products`, {
      title: '新鲜草莓 500g',
      description: '当季采摘',
      categoryId: other.categoryId,
      skus: [{ code: 'A', spec: '500g', priceFen: 3_900, stock: 10 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submitted = await as(other.owner).post(
      `${V}/shops/${other.shopId}/products/${created.body.id}/submit`,
    );
    expect(submitted.body.state).toBe('in_review');
    const decision = await ctx.db
      .selectFrom('trustDecisions')
      .select(['outcome', 'fired'])
      .where('checkpoint', '=', 'product_listing')
      .where('subjectId', '=', created.body.id)
      .where('shadow', '=', false)
      .executeTakeFirstOrThrow();
    expect(decision.outcome).toBe('review');
    expect(decision.fired.map((r) => r.id)).toContain('reported-shop');
  });

  it('answers 404 for what does not exist and publishes the reasons per subject', async () => {
    const buyer = await buildBuyer(ctx);
    expect((await report(buyer, { type: 'shop', id: 999_999 }, 'fraud')).status).toBe(404);
    expect((await report(buyer, { type: 'shop', id: shop.shopId }, 'bad_service')).status).toBe(201);
    const reasons = await api(ctx.app).get(`${V}/reports/reasons`);
    expect(
      reasons.body.items.find((r: { subjectType: string }) => r.subjectType === 'live_comment'),
    ).toMatchObject({
      effects: ['hidden'],
      violationCodes: [],
    });
    expect(
      (
        await as(shop.owner).post(`${V}/reports`, {
          subject: { type: 'shop', id: shop.shopId },
          reason: 'fraud',
        })
      ).status,
    ).toBe(403);
  });
});
