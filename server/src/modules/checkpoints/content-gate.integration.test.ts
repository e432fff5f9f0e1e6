import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildLiveSession, buildOps, buildUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let sessionId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  const host = await buildUser(ctx, 'creator');
  ({ sessionId } = await buildLiveSession(ctx, { hostUserId: host.id }, { state: 'live' }));
});

const comment = async (token: string, text: string) =>
  api(ctx.app, token).post(`/api/v1/live/sessions/${sessionId}/comments`, { text });
const visibleTexts = async () =>
  (
    (await api(ctx.app).get(`/api/v1/live/sessions/${sessionId}/comments`)).body.items as { text: string }[]
  ).map((c) => c.text);

describe('content checkpoint: screening and the decision engine on the real path (product rules §6)', () => {
  it('a clean comment is shown to everyone', async () => {
    const viewer = await buildBuyer(ctx);
    const res = await comment(viewer.token, '主播这件外套有M码吗？');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await visibleTexts()).toContain('主播这件外套有M码吗？');
  });

  it.each([
    '想要的加我薇 信 abc_12345',
    '便宜出，V信：xy一三八零零一三八零零零',
    '私聊 vx 幺三八 1234 5678',
    '加ｗｘ：ｑｗｅｒ１２３４',
  ])(
    'an evasive off-platform contact (%s) is hidden from other viewers and the decision is recorded',
    async (text) => {
      const viewer = await buildBuyer(ctx);
      const res = await comment(viewer.token, text);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.state).not.toBe('visible');
      expect(await visibleTexts()).not.toContain(text);
      const stored = await ctx.db
        .selectFrom('liveComments as c')
        .innerJoin('trustDecisions as d', 'd.id', 'c.decisionId')
        .select(['c.state', 'd.outcome', 'd.checkpoint'])
        .where('c.id', '=', res.body.id)
        .executeTakeFirstOrThrow();
      expect(stored.checkpoint).toBe('live_comment');
      expect(['block', 'review']).toContain(stored.outcome);
    },
  );

  it('an extortion review is flagged and opens a case for ops', async () => {
    const { buildPaidOrder, buildShop } = await import('../../../test/builders.ts');
    const { shopId, owner } = await buildShop(ctx);
    const { orderId, buyer } = await buildPaidOrder(ctx, { shopId });
    const as = (t: string) => api(ctx.app, t);
    await as(owner.token).post(`/api/v1/shops/${shopId}/orders/${orderId}/shipment`, {
      carrier: 'sandbox',
      trackingNumber: `EX${Date.now()}AB`,
    });
    expect((await as(buyer.token).post(`/api/v1/orders/${orderId}/confirm-receipt`)).status).toBe(200);
    const line = await ctx.db
      .selectFrom('orderLines')
      .select('id')
      .where('orderId', '=', orderId)
      .executeTakeFirstOrThrow();
    const review = await as(buyer.token).post(`/api/v1/orders/${orderId}/reviews`, {
      orderLineId: line.id,
      rating: 1,
      text: '不给钱就差评，返现50元我就改好评',
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    expect(review.body.state, JSON.stringify(review.body)).not.toBe('visible');
    const decision = await ctx.db
      .selectFrom('trustDecisions')
      .selectAll()
      .where('subjectId', '=', review.body.id)
      .where('checkpoint', '=', 'review')
      .executeTakeFirst();
    expect(decision?.outcome, JSON.stringify(decision)).toBe('review');
    const reviewer = await buildOps(ctx, ['reviewer']);
    const cases = await as(reviewer.token).get('/api/v1/ops/trust/cases?checkpoint=review');
    expect(cases.status, JSON.stringify(cases.body)).toBe(200);
    expect(cases.body.items.map((c: { subject: { id: number } }) => c.subject.id)).toContain(review.body.id);
  });
});
