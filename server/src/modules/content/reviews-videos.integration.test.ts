import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildOps,
  buildPaidOrder,
  buildShop,
  buildStaff,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { shipOrder } from '../../../test/route-inventory.ts';
import { gatedContentApp } from './content.test-support.ts';

let ctx: TestContext;
let rig: Awaited<ReturnType<typeof gatedContentApp>>;

beforeAll(async () => {
  ctx = await createTestContext();
  rig = await gatedContentApp(ctx);
});
afterAll(async () => {
  await rig.app.close();
});

const V = '/api/v1';

/** A completed order (paid, shipped, receipt confirmed) of a fresh buyer in a fresh shop. */
async function completedOrder() {
  const shop = await buildShop(ctx);
  const product = await buildListedProduct(ctx, shop.shopId);
  const order = await buildPaidOrder(ctx, { shopId: shop.shopId, skuId: product.skuIds[0] });
  await shipOrder(ctx, shop, order.orderId);
  const confirmed = await api(ctx.app, order.buyer.token).post(
    `${V}/orders/${order.orderId}/confirm-receipt`,
  );
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  const line = await ctx.db
    .selectFrom('orderLines')
    .select('id')
    .where('orderId', '=', order.orderId)
    .executeTakeFirstOrThrow();
  return { ...order, shop, productId: product.productId, lineId: line.id };
}

/** A PNG upload of `user` (unique bytes), for evidence. */
async function evidence(user: TestUser): Promise<number> {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(32)]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `${V}/evidence-files`,
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'image/png' },
    payload: png,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const review = (buyer: TestUser, orderId: number, body: object) =>
  api(rig.app, buyer.token).post(`${V}/orders/${orderId}/reviews`, body);

describe('reviews', () => {
  it('the buyer reviews a completed line once; the product shows visible reviews only', async () => {
    const o = await completedOrder();
    rig.verdict = { outcome: 'allow' };
    const photo = await evidence(o.buyer);
    const res = await review(o.buyer, o.orderId, {
      orderLineId: o.lineId,
      rating: 5,
      text: '质量很好',
      evidenceFileIds: [photo],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      productId: o.productId,
      rating: 5,
      state: 'visible',
      evidenceFileIds: [photo],
    });
    expect(rig.calls.at(-1)).toMatchObject({
      surface: 'review',
      subject: { type: 'review', id: res.body.id },
    });

    const again = await review(o.buyer, o.orderId, { orderLineId: o.lineId, rating: 1, text: '再评一次' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_exists');

    const listed = await api(rig.app).get(`${V}/products/${o.productId}/reviews`);
    expect(listed.body).toMatchObject({
      total: 1,
      items: [{ id: res.body.id, rating: 5, text: '质量很好' }],
    });
    expect(listed.body.items[0]).not.toHaveProperty('evidenceFileIds');
  });

  it('a review the gate blocks is hidden, one sent to review is flagged; neither is public; the author sees both', async () => {
    const o = await completedOrder();
    const second = await buildPaidOrder(ctx, { buyer: o.buyer, shopId: o.shop.shopId, skuId: undefined });
    await shipOrder(ctx, o.shop, second.orderId);
    await api(ctx.app, o.buyer.token).post(`${V}/orders/${second.orderId}/confirm-receipt`);
    const line2 = await ctx.db
      .selectFrom('orderLines')
      .select(['id', 'productId'])
      .where('orderId', '=', second.orderId)
      .executeTakeFirstOrThrow();

    rig.verdict = { outcome: 'block', reason: '敲诈：不给钱就差评', decisionId: 77 };
    const blocked = await review(o.buyer, o.orderId, {
      orderLineId: o.lineId,
      rating: 1,
      text: '不给钱就差评',
    });
    expect(blocked.body).toMatchObject({ state: 'hidden', hiddenReason: '敲诈：不给钱就差评' });
    rig.verdict = { outcome: 'review', reason: '关联账号集中差评' };
    const flagged = await review(o.buyer, second.orderId, { orderLineId: line2.id, rating: 1, text: '很差' });
    expect(flagged.body).toMatchObject({
      state: 'flagged',
      hiddenReason: 'held for review: 关联账号集中差评',
    });

    for (const productId of [o.productId, line2.productId]) {
      expect((await api(rig.app).get(`${V}/products/${productId}/reviews`)).body.total).toBe(0);
    }
    const mine = await api(rig.app, o.buyer.token).get(`${V}/me/reviews`);
    expect(mine.body.items.map((r: { state: string }) => r.state)).toEqual(['flagged', 'hidden']);
  });

  it('another buyer gets 404; an order not completed is 409; a line of another order names orderLineId', async () => {
    const o = await completedOrder();
    const other = await buildBuyer(ctx);
    rig.verdict = { outcome: 'allow' };
    const body = { orderLineId: o.lineId, rating: 4, text: '不错' };
    expect((await review(other, o.orderId, body)).status).toBe(404);
    const paid = await buildPaidOrder(ctx);
    const paidLine = await ctx.db
      .selectFrom('orderLines')
      .select('id')
      .where('orderId', '=', paid.orderId)
      .executeTakeFirstOrThrow();
    const early = await review(paid.buyer, paid.orderId, { ...body, orderLineId: paidLine.id });
    expect(early.status).toBe(409);
    expect(early.body.error.details).toEqual({
      state: 'paid',
      key: 'review_needs_completed_order',
      params: {},
    });
    const wrongLine = await review(o.buyer, o.orderId, { ...body, orderLineId: paidLine.id });
    expect(wrongLine.status).toBe(400);
    expect(wrongLine.body.error.details.fields).toEqual([
      { field: 'orderLineId', reason: `is not a line of order ${o.orderId}` },
    ]);
    const foreignFile = await review(o.buyer, o.orderId, { ...body, evidenceFileIds: [2 ** 31] });
    expect(foreignFile.body.error.details.fields[0].field).toBe('fileIds');
  });

  it('two reviews of the same line sent at once: one is stored, the other is refused (409)', async () => {
    const o = await completedOrder();
    rig.verdict = { outcome: 'allow' };
    const answers = await Promise.all(
      [5, 1].map((rating) => review(o.buyer, o.orderId, { orderLineId: o.lineId, rating, text: '并发评价' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const stored = await ctx.db
      .selectFrom('reviews')
      .select('id')
      .where('orderLineId', '=', o.lineId)
      .execute();
    expect(stored).toHaveLength(1);
  });

  it.each([
    [{ rating: 0, text: 'x' }, 'rating'],
    [{ rating: 6, text: 'x' }, 'rating'],
    [{ rating: 3.5, text: 'x' }, 'rating'],
    [{ rating: 3, text: '' }, 'text'],
    [{ rating: 3, text: '好'.repeat(501) }, 'text'],
    [{ rating: 3 }, 'text'],
  ])('bad review %j names %s and writes nothing', async (partial, field) => {
    const o = await completedOrder();
    const before = await tableCounts(ctx.db);
    const res = await review(o.buyer, o.orderId, { orderLineId: o.lineId, ...partial });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('a shop member reports a review of its product; ops uphold it and the review is hidden; other shops get 404', async () => {
    const o = await completedOrder();
    rig.verdict = { outcome: 'allow' };
    const posted = await review(o.buyer, o.orderId, { orderLineId: o.lineId, rating: 1, text: '垃圾' });
    const reportUrl = `${V}/reviews/${posted.body.id}/reports`;
    const staff = await buildStaff(ctx, o.shop.shopId);
    const chatLog = await evidence(staff);
    const body = { reason: 'extortion', text: '买家私信要求返现，否则差评', evidenceFileIds: [chatLog] };

    const outsider = await buildShop(ctx);
    expect((await api(rig.app, outsider.owner.token).post(reportUrl, body)).status).toBe(404);
    const report = await api(rig.app, staff.token).post(reportUrl, body);
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    expect(report.body).toMatchObject({
      state: 'open',
      shopId: o.shop.shopId,
      reason: 'extortion',
      evidenceFileIds: [chatLog],
    });
    // One open report at a time, whoever in the shop sends the next.
    const second = { reason: 'competitor', text: '同行恶意差评' };
    expect((await api(rig.app, o.shop.owner.token).post(reportUrl, second)).status).toBe(409);

    const reviewer = await buildOps(ctx, ['reviewer']);
    const queue = await api(rig.app, reviewer.token).get(`${V}/review-reports`);
    expect(queue.body.items).toContainEqual(
      expect.objectContaining({
        id: report.body.id,
        review: expect.objectContaining({ text: '垃圾', rating: 1 }),
      }),
    );
    const decided = await api(rig.app, reviewer.token).post(
      `${V}/review-reports/${report.body.id}/decision`,
      {
        uphold: true,
        note: '聊天记录证实索要返现',
      },
    );
    expect(decided.body).toMatchObject({ state: 'upheld', decisionNote: '聊天记录证实索要返现' });
    expect((await api(rig.app).get(`${V}/products/${o.productId}/reviews`)).body.total).toBe(0);
    const again = await api(rig.app, reviewer.token).post(`${V}/review-reports/${report.body.id}/decision`, {
      uphold: false,
      note: '改判',
    });
    expect(again.status).toBe(409);
    const badReason = await api(rig.app, staff.token).post(reportUrl, { reason: 'dislike', text: 'x' });
    expect(badReason.body.error.details.fields[0].field).toBe('reason');
  });
});

describe("the shop's reviews", () => {
  it("lists the visible reviews of the shop's products with the shop's report of each; others get 404", async () => {
    const o = await completedOrder();
    rig.verdict = { outcome: 'allow' };
    const posted = await review(o.buyer, o.orderId, {
      orderLineId: o.lineId,
      rating: 2,
      text: '不给返现就差评',
    });
    const url = `${V}/shops/${o.shop.shopId}/reviews`;
    const before = await api(rig.app, o.shop.owner.token).get(url);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      total: 1,
      items: [
        { id: posted.body.id, rating: 2, text: '不给返现就差评', report: null, productId: o.productId },
      ],
    });
    const product = await ctx.db
      .selectFrom('products')
      .select('title')
      .where('id', '=', o.productId)
      .executeTakeFirstOrThrow();
    expect(before.body.items[0]).toMatchObject({ productTitle: product.title });
    expect(before.body.items[0].author.displayName).toEqual(expect.any(String));
    const report = await api(rig.app, o.shop.owner.token).post(`${V}/reviews/${posted.body.id}/reports`, {
      reason: 'extortion',
      text: '买家索要返现',
    });
    expect(report.status).toBe(201);
    const after = await api(rig.app, o.shop.owner.token).get(url);
    expect(after.body.items[0].report).toMatchObject({
      id: report.body.id,
      reason: 'extortion',
      state: 'open',
    });
    expect((await api(rig.app, o.shop.owner.token).get(`${url}?maxRating=1`)).body.total).toBe(0);
    const outsider = await buildShop(ctx);
    expect((await api(rig.app, outsider.owner.token).get(url)).status).toBe(404);
  });
});

describe('short videos', () => {
  it('a creator posts a video of a listed product; anyone sees it', async () => {
    const shop = await buildShop(ctx);
    const { productId } = await buildListedProduct(ctx, shop.shopId);
    const creator = await buildUser(ctx, 'creator');
    rig.verdict = { outcome: 'allow' };
    const posted = await api(rig.app, creator.token).post(`${V}/videos`, {
      caption: '开箱测评',
      videoUrl: 'https://cdn.example.com/v/1.mp4',
      productId,
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body).toMatchObject({ authorId: creator.id, productId, shopId: null, state: 'visible' });
    expect(rig.calls.at(-1)).toMatchObject({
      surface: 'video_caption',
      text: '开箱测评',
      subject: { type: 'video' },
    });
    expect((await api(rig.app).get(`${V}/videos/${posted.body.id}`)).body.caption).toBe('开箱测评');
  });

  it('a blocked caption hides the video from everyone but its author, its shop and ops', async () => {
    const shop = await buildShop(ctx);
    const staff = await buildStaff(ctx, shop.shopId);
    rig.verdict = { outcome: 'block', reason: '医疗功效宣称' };
    const posted = await api(rig.app, shop.owner.token).post(`${V}/videos`, {
      caption: '包治百病',
      shopId: shop.shopId,
    });
    expect(posted.body).toMatchObject({ state: 'hidden', hiddenReason: '医疗功效宣称', videoUrl: null });
    const path = `${V}/videos/${posted.body.id}`;
    expect((await api(rig.app).get(path)).status).toBe(404);
    expect((await api(rig.app, (await buildBuyer(ctx)).token).get(path)).status).toBe(404);
    expect((await api(rig.app, (await buildShop(ctx)).owner.token).get(path)).status).toBe(404);
    expect((await api(rig.app, shop.owner.token).get(path)).body.state).toBe('hidden');
    expect((await api(rig.app, staff.token).get(path)).body.state).toBe('hidden');
    expect((await api(rig.app, (await buildOps(ctx, ['reviewer'])).token).get(path)).status).toBe(200);
  });

  it("merchants post for their own shop's listed products only", async () => {
    const shop = await buildShop(ctx);
    const other = await buildShop(ctx);
    const { productId: foreign } = await buildListedProduct(ctx, other.shopId);
    rig.verdict = { outcome: 'allow' };
    const post = (body: object) => api(rig.app, shop.owner.token).post(`${V}/videos`, body);
    expect((await post({ caption: 'x', shopId: other.shopId })).status).toBe(404);
    const noShop = await post({ caption: 'x' });
    expect(noShop.body.error.details.fields).toEqual([
      { field: 'shopId', reason: 'required: the shop the video is for' },
    ]);
    const wrongProduct = await post({ caption: 'x', shopId: shop.shopId, productId: foreign });
    expect(wrongProduct.body.error.details.fields[0].field).toBe('productId');
    const creator = await buildUser(ctx, 'creator');
    const creatorShop = await api(rig.app, creator.token).post(`${V}/videos`, {
      caption: 'x',
      shopId: shop.shopId,
    });
    expect(creatorShop.body.error.details.fields[0].field).toBe('shopId');
    expect(
      (await api(rig.app, (await buildBuyer(ctx)).token).post(`${V}/videos`, { caption: 'x' })).status,
    ).toBe(403);
  });

  it.each([
    [{ caption: '' }, 'caption'],
    [{ caption: '字'.repeat(301) }, 'caption'],
    [{ caption: 'ok', videoUrl: 'http://cdn.example.com/v.mp4' }, 'videoUrl'],
    [{ caption: 'ok', videoUrl: 'not a url' }, 'videoUrl'],
    [{ caption: 'ok', productId: 0 }, 'productId'],
  ])('bad video %j names %s and writes nothing', async (body, field) => {
    const creator = await buildUser(ctx, 'creator');
    const before = await tableCounts(ctx.db);
    const res = await api(rig.app, creator.token).post(`${V}/videos`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });
});
