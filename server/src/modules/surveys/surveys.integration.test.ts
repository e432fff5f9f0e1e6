import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildOps, buildPaidOrder, buildShop, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { shipOrder } from '../../../test/route-inventory.ts';
import { updateConfig } from '../configuration/index.ts';
import { sampleNpsInvitations } from './sampling.service.ts';

let ctx: TestContext;
const V = '/api/v1';
const DAY = 86_400_000;

beforeAll(async () => {
  ctx = await createTestContext();
  const ops = await buildOps(ctx);
  // Every completed order is sampled here; a buyer gets at most one survey in 30 days.
  await updateConfig(ctx.handle.db, {
    changes: { feedback: { nps: { sampleRateBp: 10_000, validDays: 7, buyerGapDays: 30, windowDays: 90 } } },
    note: 'NPS test: sample everything',
    userId: ops.id,
  });
  await ctx.db.transaction().execute((tx) => sampleNpsInvitations(tx, ctx.clock.now()));
});

async function completedOrder(shop: Awaited<ReturnType<typeof buildShop>>, buyer?: TestUser) {
  const order = await buildPaidOrder(ctx, { shopId: shop.shopId, ...(buyer ? { buyer } : {}) });
  await shipOrder(ctx, shop, order.orderId);
  const confirmed = await api(ctx.app, order.buyer.token).post(
    `${V}/orders/${order.orderId}/confirm-receipt`,
  );
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  return order;
}

const sample = () => ctx.db.transaction().execute((tx) => sampleNpsInvitations(tx, ctx.clock.now()));

describe('NPS surveys', () => {
  it('a completed order’s buyer is offered a survey once, notified, answers it once; NPS counts it', async () => {
    const shop = await buildShop(ctx);
    const first = await completedOrder(shop);
    const buyer = first.buyer;
    ctx.clock.advance(60_000);
    expect(await sample()).toMatchObject({ offered: 1 });

    const mine = await api(ctx.app, buyer.token).get(`${V}/me/surveys`);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    const survey = mine.body.items[0];
    expect(survey).toMatchObject({ orderId: first.orderId, shop: { id: shop.shopId }, state: 'offered' });
    const inbox = await api(ctx.app, buyer.token).get(`${V}/me/notifications`);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'nps_survey', payload: { invitationId: survey.id } });

    // A second order within the gap: no second survey for the same buyer.
    await completedOrder(shop, buyer);
    ctx.clock.advance(60_000);
    expect(await sample()).toMatchObject({ offered: 0 });

    // Another buyer cannot answer it.
    const stranger = await buildBuyer(ctx);
    const foreign = await api(ctx.app, stranger.token).post(`${V}/me/surveys/${survey.id}/answer`, {
      score: 0,
    });
    expect(foreign.status).toBe(404);

    const answered = await api(ctx.app, buyer.token).post(`${V}/me/surveys/${survey.id}/answer`, {
      score: 9,
      comment: '  发货快，包装好  ',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({
      state: 'answered',
      score: 9,
      comment: '发货快，包装好',
      commentState: 'visible',
    });
    const again = await api(ctx.app, buyer.token).post(`${V}/me/surveys/${survey.id}/answer`, { score: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ state: 'answered' });
    expect((await api(ctx.app, buyer.token).get(`${V}/me/surveys`)).body.items).toEqual([]);

    const ops = await buildOps(ctx, ['reviewer']);
    const report = await api(ctx.app, ops.token).get(`${V}/ops/nps?days=30`);
    expect(report.status).toBe(200);
    expect(report.body.platform.promoters).toBeGreaterThanOrEqual(1);
    expect(report.body.offered).toBeGreaterThanOrEqual(1);
    expect((await api(ctx.app, buyer.token).get(`${V}/ops/nps`)).status).toBe(403);
  });

  it('an unanswered survey expires at its deadline and can no longer be answered', async () => {
    const shop = await buildShop(ctx);
    const order = await completedOrder(shop);
    ctx.clock.advance(60_000);
    await sample();
    const [survey] = (await api(ctx.app, order.buyer.token).get(`${V}/me/surveys`)).body.items;
    ctx.clock.advance(7 * DAY + 1);
    const late = await api(ctx.app, order.buyer.token).post(`${V}/me/surveys/${survey.id}/answer`, {
      score: 10,
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ details: { state: 'offered' } });
    expect(await sample()).toMatchObject({ expired: 1 });
    const row = await ctx.db
      .selectFrom('npsInvitations')
      .select('state')
      .where('id', '=', survey.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('expired');
  });

  it('a comment screening flags is held back; the score still counts', async () => {
    const shop = await buildShop(ctx);
    const order = await completedOrder(shop);
    ctx.clock.advance(60_000);
    await sample();
    const [survey] = (await api(ctx.app, order.buyer.token).get(`${V}/me/surveys`)).body.items;
    const res = await api(ctx.app, order.buyer.token).post(`${V}/me/surveys/${survey.id}/answer`, {
      score: 3,
      comment: '加我微信 wx123456 私下交易更便宜',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ score: 3, commentState: 'held' });
  });
});
