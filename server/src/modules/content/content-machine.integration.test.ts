import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildOps, buildPaidOrder, buildShop } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { shipOrder } from '../../../test/route-inventory.ts';
import { gatedContentApp } from './content.test-support.ts';
import { resolveScreenedContent } from './screened-write.ts';

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
let decisionSeq = 900_000;

/** A review of a fresh completed order, screened with `verdict`; a shop owner and an ops reviewer. */
async function postedReview(verdict: typeof rig.verdict) {
  const shop = await buildShop(ctx);
  const product = await buildListedProduct(ctx, shop.shopId);
  const order = await buildPaidOrder(ctx, { shopId: shop.shopId, skuId: product.skuIds[0] });
  await shipOrder(ctx, shop, order.orderId);
  await api(ctx.app, order.buyer.token).post(`${V}/orders/${order.orderId}/confirm-receipt`);
  const line = await ctx.db
    .selectFrom('orderLines')
    .select('id')
    .where('orderId', '=', order.orderId)
    .executeTakeFirstOrThrow();
  rig.verdict = verdict;
  const posted = await api(rig.app, order.buyer.token).post(`${V}/orders/${order.orderId}/reviews`, {
    orderLineId: line.id,
    rating: 1,
    text: '差评',
  });
  expect(posted.status, JSON.stringify(posted.body)).toBe(201);
  rig.verdict = { outcome: 'allow' };
  return { id: posted.body.id as number, shop, reviewer: await buildOps(ctx, ['reviewer']) };
}

const reviewRow = (id: number) =>
  ctx.db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const reportRow = (id: number) =>
  ctx.db.selectFrom('reviewReports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function report(r: Awaited<ReturnType<typeof postedReview>>) {
  const res = await api(rig.app, r.shop.owner.token).post(`${V}/reviews/${r.id}/reports`, {
    reason: 'extortion',
    text: '索要返现',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

const decide = (r: Awaited<ReturnType<typeof postedReview>>, reportId: number, uphold: boolean) =>
  api(rig.app, r.reviewer.token).post(`${V}/review-reports/${reportId}/decision`, {
    uphold,
    note: uphold ? '证据成立' : '改判',
  });

describe('review reports and review visibility move through their machines', () => {
  it('deciding a decided report is a 409 that changes neither the report nor the review', async () => {
    const r = await postedReview({ outcome: 'allow' });
    const reportId = await report(r);
    expect((await decide(r, reportId, true)).status).toBe(200);
    const [reviewBefore, reportBefore] = [await reviewRow(r.id), await reportRow(reportId)];
    expect(reviewBefore).toMatchObject({ state: 'hidden', hiddenReason: 'malicious review: 证据成立' });

    for (const uphold of [false, true]) {
      const again = await decide(r, reportId, uphold);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('invalid_transition');
    }
    expect(await reviewRow(r.id)).toEqual(reviewBefore);
    expect(await reportRow(reportId)).toEqual(reportBefore);
  });

  it('upholding a report of a review screening already hid keeps it hidden with screening’s reason', async () => {
    const r = await postedReview({ outcome: 'block', reason: '敲诈' });
    expect(await reviewRow(r.id)).toMatchObject({ state: 'hidden', hiddenReason: '敲诈' });
    const reportId = await report(r);
    const decided = await decide(r, reportId, true);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ state: 'upheld' });
    expect(await reviewRow(r.id)).toMatchObject({ state: 'hidden', hiddenReason: '敲诈' });
  });

  it('a screening case resolved again moves only held content: a review shown by allow stays shown', async () => {
    const decisionId = ++decisionSeq;
    const r = await postedReview({ outcome: 'review', reason: '可疑', decisionId });
    expect(await reviewRow(r.id)).toMatchObject({ state: 'flagged', decisionId });
    const resolve = (outcome: 'allow' | 'block') =>
      ctx.db.transaction().execute((tx) => resolveScreenedContent(tx, decisionId, { outcome }));
    expect(await resolve('allow')).toBe(1);
    const shown = await reviewRow(r.id);
    expect(shown).toMatchObject({ state: 'visible', hiddenReason: null });
    expect(await resolve('block')).toBe(0);
    expect(await reviewRow(r.id)).toEqual(shown);
  });
});
