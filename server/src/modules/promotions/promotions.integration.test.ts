import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildLiveSession, buildOps, buildShop, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { DAY, HOUR } from '../../platform/clock.ts';
import { redeemCoupons, returnCoupons, usableCoupons } from './index.ts';

let ctx: TestContext;
let shop: { shopId: number; owner: TestUser };
let otherShop: { shopId: number; owner: TestUser };
let ops: TestUser;
let key = 0;

const as = (user?: TestUser) => api(ctx.app, user?.token);
const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms).toISOString();
const claim = (buyer: TestUser, campaignId: number, idem = `claim-key-${++key}`) =>
  as(buyer).post(`/api/v1/coupons/${campaignId}/claim`, {}, { 'idempotency-key': idem });

const manJian = () => ({
  title: '满199减20',
  kind: 'threshold',
  thresholdFen: 19_900,
  discountFen: 2_000,
  claimStartsAt: at(0),
  claimEndsAt: at(7 * DAY),
  validDays: 7,
  perBuyerLimit: 1,
  issueCap: 100,
});

async function shopCoupon(body: Record<string, unknown> = {}): Promise<number> {
  const res = await as(shop.owner).post(`/api/v1/shops/${shop.shopId}/coupons`, { ...manJian(), ...body });
  expect(res.status).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  shop = await buildShop(ctx);
  otherShop = await buildShop(ctx);
  ops = await buildOps(ctx, ['rule_admin']);
});

describe('campaigns', () => {
  it('a merchant creates, lists and stops a shop coupon; claimed ones stay usable', async () => {
    const id = await shopCoupon();
    const buyer = await buildBuyer(ctx);
    expect((await claim(buyer, id)).status).toBe(201);

    const list = await as(shop.owner).get(`/api/v1/shops/${shop.shopId}/coupons`);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      id,
      funder: 'shop',
      state: 'active',
      issued: 1,
      used: 0,
      issueCap: 100,
    });

    // Another shop's merchant sees nothing and cannot stop it.
    expect((await as(otherShop.owner).get(`/api/v1/shops/${shop.shopId}/coupons`)).status).toBe(404);
    expect(
      (await as(otherShop.owner).post(`/api/v1/shops/${otherShop.shopId}/coupons/${id}/stop`)).status,
    ).toBe(404);

    const stopped = await as(shop.owner).post(`/api/v1/shops/${shop.shopId}/coupons/${id}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.body.state).toBe('stopped');
    expect((await as(shop.owner).post(`/api/v1/shops/${shop.shopId}/coupons/${id}/stop`)).status).toBe(409);

    const late = await claim(await buildBuyer(ctx), id);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('coupon_unavailable');
    const mine = await as(buyer).get('/api/v1/me/coupons?state=available');
    expect(mine.body.items.map((c: { campaignId: number }) => c.campaignId)).toContain(id);
  });

  it('refuses bad terms with 400s naming the field, writing nothing', async () => {
    const before = await tableCounts(ctx.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ thresholdFen: 1_000, discountFen: 1_000 }, 'thresholdFen'],
      [{ kind: 'percent', discountFen: undefined, thresholdFen: 0 }, 'percentBp'],
      [{ kind: 'no_threshold', thresholdFen: 100, discountFen: 100 }, 'thresholdFen'],
      [{ claimEndsAt: at(-HOUR), claimStartsAt: at(-2 * HOUR) }, 'claimEndsAt'],
      [{ useEndsAt: at(DAY) }, 'useEndsAt'],
      [{ perBuyerLimit: 0 }, 'perBuyerLimit'],
      [{ issueCap: 0 }, 'issueCap'],
      [{ title: '' }, 'title'],
    ];
    for (const [change, field] of cases) {
      const res = await as(shop.owner).post(`/api/v1/shops/${shop.shopId}/coupons`, {
        ...manJian(),
        ...change,
      });
      expect(res.status, field).toBe(400);
      expect(JSON.stringify(res.body.error), field).toContain(field);
    }
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('ops manage platform coupons; other roles may not', async () => {
    const res = await as(ops).post('/api/v1/ops/coupons', {
      ...manJian(),
      title: '满100减10',
      thresholdFen: 10_000,
      discountFen: 1_000,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ funder: 'platform', shopId: null });
    expect((await as(ops).get('/api/v1/ops/coupons')).body.items[0].id).toBe(res.body.id);
    const reviewer = await buildOps(ctx, ['reviewer']);
    expect((await as(reviewer).post('/api/v1/ops/coupons', manJian())).status).toBe(403);
    expect((await as(shop.owner).get('/api/v1/ops/coupons')).status).toBe(403);
    expect((await as(ops).post(`/api/v1/ops/coupons/${res.body.id}/stop`)).body.state).toBe('stopped');
  });

  it('a scheduled campaign opens at its start (durable deadline); claims before it are refused', async () => {
    const id = await shopCoupon({ claimStartsAt: at(HOUR), claimEndsAt: at(DAY) });
    const buyer = await buildBuyer(ctx);
    const early = await claim(buyer, id);
    expect(early.body.error.code).toBe('coupon_not_started');
    ctx.clock.advance(HOUR);
    await ctx.deadlines.runDue();
    const row = await ctx.db
      .selectFrom('couponCampaigns')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('active');
    expect((await claim(buyer, id)).status).toBe(201);
  });
});

describe('claims', () => {
  it('claims once per key, up to the per-buyer limit, until sold out', async () => {
    const id = await shopCoupon({ perBuyerLimit: 2, issueCap: 3 });
    const [a, b] = [await buildBuyer(ctx), await buildBuyer(ctx)];
    const first = await claim(a, id, 'same-key-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ campaignId: id, state: 'available', title: '满199减20' });
    const replay = await claim(a, id, 'same-key-1');
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);

    expect((await claim(a, id)).status).toBe(201);
    const third = await claim(a, id);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('coupon_claim_limit');

    expect((await claim(b, id)).status).toBe(201);
    const sold = await claim(b, id);
    expect(sold.body.error.code).toBe('coupon_sold_out');

    const centre = await as(b).get(`/api/v1/coupons?shopId=${shop.shopId}`);
    expect(centre.body.items.find((c: { campaignId: number }) => c.campaignId === id)).toMatchObject({
      remaining: 0,
      claimed: 1,
      refusal: 'coupon_sold_out',
      shop: { id: shop.shopId },
    });
    const issued = await ctx.db
      .selectFrom('couponCampaigns')
      .select('issued')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(issued.issued).toBe(3);
  });

  it('concurrent claims of one buyer never pass the per-buyer limit', async () => {
    const id = await shopCoupon({ perBuyerLimit: 3, issueCap: 1_000 });
    const buyer = await buildBuyer(ctx);
    const answers = await Promise.all(Array.from({ length: 20 }, () => claim(buyer, id)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    expect(
      answers.filter((r) => r.status === 409).every((r) => r.body.error.code === 'coupon_claim_limit'),
    ).toBe(true);
    const held = await ctx.db
      .selectFrom('buyerCoupons')
      .select('claimNo')
      .where('campaignId', '=', id)
      .execute();
    expect(held.map((h) => h.claimNo).sort()).toEqual([1, 2, 3]);
  });

  it('unknown coupons answer 404; merchants cannot claim', async () => {
    expect((await claim(await buildBuyer(ctx), 999_999)).status).toBe(404);
    const id = await shopCoupon();
    expect(
      (await as(shop.owner).post(`/api/v1/coupons/${id}/claim`, {}, { 'idempotency-key': 'merchant-1' }))
        .status,
    ).toBe(403);
  });
});

describe('live-room coupons', () => {
  it('are claimable only while the room is live', async () => {
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: shop.owner.id, shopId: shop.shopId });
    const body = { ...manJian(), claimStartsAt: undefined, claimEndsAt: undefined, title: '直播间专享' };
    const issued = await as(shop.owner).post(`/api/v1/live/sessions/${sessionId}/coupons`, body);
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ liveSessionId: sessionId, shopId: shop.shopId, funder: 'shop' });
    // Someone else's room: as if it did not exist.
    expect((await as(otherShop.owner).post(`/api/v1/live/sessions/${sessionId}/coupons`, body)).status).toBe(
      404,
    );

    const buyer = await buildBuyer(ctx);
    const offAir = await claim(buyer, issued.body.id);
    expect(offAir.body.error.code).toBe('live_not_live');
    const room = await as(buyer).get(`/api/v1/live/sessions/${sessionId}/coupons`);
    expect(room.body.items).toEqual([
      expect.objectContaining({ campaignId: issued.body.id, refusal: 'live_not_live', claimed: 0 }),
    ]);

    await ctx.db
      .updateTable('liveSessions')
      .set({ state: 'live', startedAt: ctx.clock.now() })
      .where('id', '=', sessionId)
      .execute();
    expect((await claim(buyer, issued.body.id)).status).toBe(201);
    const after = await as(buyer).get(`/api/v1/live/sessions/${sessionId}/coupons`);
    expect(after.body.items[0]).toMatchObject({ claimed: 1, refusal: 'coupon_claim_limit' });
    // Live-room coupons are claimed in the room, not in the coupon centre.
    const centre = await as(buyer).get('/api/v1/coupons');
    expect(centre.body.items.some((c: { campaignId: number }) => c.campaignId === issued.body.id)).toBe(
      false,
    );
    expect((await as(buyer).get('/api/v1/live/sessions/999999/coupons')).status).toBe(404);
  });
});

describe('use at checkout', () => {
  it('redeems once, gives back on return, and expires by time', async () => {
    const id = await shopCoupon({ validDays: 2 });
    const buyer = await buildBuyer(ctx);
    const claimed = await claim(buyer, id);
    const couponId: number = claimed.body.id;
    const now = ctx.clock.now();

    const offers = (await usableCoupons(ctx.db, [buyer.id], now)).get(buyer.id)!;
    expect(offers.map((o) => o.buyerCouponId)).toContain(couponId);
    expect(offers.find((o) => o.buyerCouponId === couponId)).toMatchObject({
      funder: 'shop',
      shopId: shop.shopId,
      thresholdFen: 19_900,
      discountFen: 2_000,
    });

    const first = await ctx.db
      .transaction()
      .execute((tx) =>
        redeemCoupons(tx, [{ buyerCouponId: couponId, buyerId: buyer.id, orderId: 501 }], now),
      );
    expect([...first]).toEqual([couponId]);
    // Used already; a foreign buyer's claim on it fails too.
    const again = await ctx.db
      .transaction()
      .execute((tx) =>
        redeemCoupons(tx, [{ buyerCouponId: couponId, buyerId: buyer.id, orderId: 502 }], now),
      );
    expect(again.size).toBe(0);
    expect(
      (await as(shop.owner).get(`/api/v1/shops/${shop.shopId}/coupons`)).body.items.find(
        (c: { id: number }) => c.id === id,
      ).used,
    ).toBe(1);
    expect((await as(buyer).get('/api/v1/me/coupons?state=used')).body.items[0]).toMatchObject({
      id: couponId,
      orderId: 501,
    });

    await ctx.db.transaction().execute((tx) => returnCoupons(tx, [501], now));
    expect(
      (await as(buyer).get('/api/v1/me/coupons?state=available')).body.items.map((c: { id: number }) => c.id),
    ).toContain(couponId);

    ctx.clock.advance(2 * DAY);
    const later = ctx.clock.now();
    expect(
      (await usableCoupons(ctx.db, [buyer.id], later))
        .get(buyer.id)!
        .some((o) => o.buyerCouponId === couponId),
    ).toBe(false);
    const expired = await as(buyer).get('/api/v1/me/coupons?state=expired');
    expect(expired.body.items.find((c: { id: number }) => c.id === couponId)).toMatchObject({
      state: 'expired',
    });
    const late = await ctx.db
      .transaction()
      .execute((tx) =>
        redeemCoupons(tx, [{ buyerCouponId: couponId, buyerId: buyer.id, orderId: 503 }], later),
      );
    expect(late.size).toBe(0);
  });

  it('a coupon given back after its validity is expired', async () => {
    const id = await shopCoupon({ validDays: 1 });
    const buyer = await buildBuyer(ctx);
    const couponId: number = (await claim(buyer, id)).body.id;
    await ctx.db
      .transaction()
      .execute((tx) =>
        redeemCoupons(tx, [{ buyerCouponId: couponId, buyerId: buyer.id, orderId: 601 }], ctx.clock.now()),
      );
    ctx.clock.advance(DAY + HOUR);
    await ctx.db.transaction().execute((tx) => returnCoupons(tx, [601], ctx.clock.now()));
    const row = await ctx.db
      .selectFrom('buyerCoupons')
      .select(['state', 'orderId'])
      .where('id', '=', couponId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'expired', orderId: null });
  });
});

describe('configuration', () => {
  it('returning coupons on an instant refund can be turned off by a rule admin (promotions section, default on)', async () => {
    expect((await as().get('/api/v1/configuration')).body.config.promotions).toEqual({
      returnCouponOnInstantRefund: true,
    });
    const changed = await as(ops).post('/api/v1/ops/configuration', {
      changes: { promotions: { returnCouponOnInstantRefund: false } },
      note: '极速退款不退券',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    expect((await as().get('/api/v1/configuration')).body.config.promotions).toEqual({
      returnCouponOnInstantRefund: false,
    });
    const bad = await as(ops).post('/api/v1/ops/configuration', {
      changes: { promotions: { returnCouponOnInstantRefund: 'yes' } },
      note: '错误',
    });
    expect(bad.status).toBe(400);
  });
});
