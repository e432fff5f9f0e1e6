import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildListedProduct,
  buildLiveSession,
  buildOps,
  buildShop,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';
import { getLiveAttribution, terminateSession } from './index.ts';
import { buildLiveCast, liveClient } from './live.test-support.ts';

let ctx: TestContext;
let creatorA: TestUser;
let creatorB: TestUser;
let shopX: { shopId: number; owner: TestUser; staff: TestUser };
let shopY: { shopId: number; owner: TestUser };
const { as, inFuture, schedule, goLive } = liveClient(() => ctx);

beforeAll(async () => {
  ctx = await createTestContext();
  ({ creatorA, creatorB, shopX, shopY } = await buildLiveCast(ctx));
});

describe('a shop runs a live session', () => {
  it('schedules, goes live, pins, is seen by buyers, unpins and ends', async () => {
    const product = await buildListedProduct(ctx, shopX.shopId, {
      title: '羊毛大衣',
      skus: [
        { priceFen: 59_900, stock: 10 },
        { priceFen: 49_900, stock: 5 },
      ],
    });
    const created = await as(shopX.staff).post('/api/v1/live/sessions', {
      title: '  秋冬上新  ',
      scheduledAt: inFuture(2 * HOUR),
      shopId: shopX.shopId,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: '秋冬上新',
      state: 'scheduled',
      startedAt: null,
      host: { userId: shopX.staff.id, displayName: '店员小李' },
      shop: { id: shopX.shopId },
      pinnedCount: 0,
    });
    const id = created.body.id;

    const edited = await as(shopX.owner).patch(`/api/v1/live/sessions/${id}`, {
      title: '秋冬上新专场',
      scheduledAt: inFuture(HOUR),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe('秋冬上新专场');
    expect(edited.body.scheduledAt).toBe(inFuture(HOUR));
    expect(edited.body.streamUrl).toBeNull();
    const streamUrl = 'https://video.example/live/888/index.m3u8';
    const streamed = await as(shopX.owner).patch(`/api/v1/live/sessions/${id}`, { streamUrl });
    expect(streamed.status, JSON.stringify(streamed.body)).toBe(200);
    expect(streamed.body).toMatchObject({ title: '秋冬上新专场', streamUrl });
    expect((await as(undefined).get(`/api/v1/live/sessions/${id}`)).body.streamUrl).toBe(streamUrl);

    ctx.clock.advance(HOUR);
    const started = await as(shopX.owner).post(`/api/v1/live/sessions/${id}/start`);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ state: 'live', startedAt: ctx.clock.now().toISOString() });
    // on air the title may change (it passes the live_title checkpoint), the time may not
    expect(
      (await as(shopX.owner).patch(`/api/v1/live/sessions/${id}`, { scheduledAt: inFuture(HOUR) })).status,
    ).toBe(409);

    const pin = await as(shopX.staff).post(`/api/v1/live/sessions/${id}/pins`, {
      productId: product.productId,
    });
    expect(pin.status).toBe(201);
    expect(pin.body).toMatchObject({ productId: product.productId, commissionBp: 0, minPriceFen: 49_900 });

    const onAir = await as(undefined).get('/api/v1/live/sessions?state=live');
    expect(onAir.status).toBe(200);
    const card = onAir.body.items.find((s: { id: number }) => s.id === id);
    expect(card).toMatchObject({ state: 'live', host: { displayName: '店员小李' }, pinnedCount: 1 });
    expect(card.shop.name).toMatch(/^店铺-/);

    const detail = await as(undefined).get(`/api/v1/live/sessions/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.pins).toEqual([
      {
        productId: product.productId,
        title: '羊毛大衣',
        imageUrl: null,
        minPriceFen: 49_900,
        originalPriceFen: null,
        totalStock: 15,
        commissionBp: 0,
        productState: 'listed',
        pinnedAt: ctx.clock.now().toISOString(),
      },
    ]);
    expect(await getLiveAttribution(ctx.db, id, product.productId)).toEqual({
      sessionId: id,
      hostUserId: shopX.staff.id,
      hostShopId: shopX.shopId,
      commissionBp: 0,
    });

    const unpin = await as(shopX.owner).delete(`/api/v1/live/sessions/${id}/pins/${product.productId}`);
    expect(unpin.status).toBe(200);
    expect((await as(undefined).get(`/api/v1/live/sessions/${id}`)).body.pins).toEqual([]);
    expect(await getLiveAttribution(ctx.db, id, product.productId)).toBeUndefined();

    const ended = await as(shopX.staff).post(`/api/v1/live/sessions/${id}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ state: 'ended', endedAt: ctx.clock.now().toISOString() });
    const after = await as(undefined).get('/api/v1/live/sessions?state=live');
    expect(after.body.items.map((s: { id: number }) => s.id)).not.toContain(id);
    const late = await as(shopX.owner).post(`/api/v1/live/sessions/${id}/pins`, {
      productId: product.productId,
    });
    expect(late.status).toBe(409);
    expect((await as(shopX.owner).post(`/api/v1/live/sessions/${id}/start`)).status).toBe(409);
  });

  it('pins only its own shop’s products, and only listed ones', async () => {
    const id = await schedule(shopX.owner, { shopId: shopX.shopId });
    const foreign = await buildListedProduct(ctx, shopY.shopId);
    const draft = await buildListedProduct(ctx, shopX.shopId);
    await ctx.db.updateTable('products').set({ state: 'draft' }).where('id', '=', draft.productId).execute();
    const before = await tableCounts(ctx.db);

    const other = await as(shopX.owner).post(`/api/v1/live/sessions/${id}/pins`, {
      productId: foreign.productId,
    });
    expect(other.status).toBe(400);
    expect(other.body.error.details).toMatchObject({
      productId: foreign.productId,
      fields: [{ field: 'productId', reason: expect.stringMatching(/own shop/) }],
    });
    const unlisted = await as(shopX.owner).post(`/api/v1/live/sessions/${id}/pins`, {
      productId: draft.productId,
    });
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.error.message).toContain(`productId ${draft.productId}`);
    expect(unlisted.body.error.details.fields[0]).toEqual({
      field: 'productId',
      reason: 'the product is draft, not listed',
    });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('refuses to schedule or start for a suspended shop', async () => {
    const shop = await buildShop(ctx);
    const id = await schedule(shop.owner, { shopId: shop.shopId });
    await ctx.db.updateTable('shops').set({ state: 'suspended' }).where('id', '=', shop.shopId).execute();
    const start = await as(shop.owner).post(`/api/v1/live/sessions/${id}/start`);
    expect(start.status).toBe(403);
    expect(start.body.error.message).toMatch(/suspended/);
    const again = await as(shop.owner).post('/api/v1/live/sessions', {
      title: 't',
      scheduledAt: inFuture(HOUR),
      shopId: shop.shopId,
    });
    expect(again.status).toBe(403);
  });
});

describe('a creator sells other shops’ goods (分销)', () => {
  it('pins another shop’s product at the commission that shop offers, and orders are attributed', async () => {
    const offered = await buildListedProduct(ctx, shopY.shopId, { creatorCommissionBp: 1_500 });
    const id = await goLive(creatorA);
    const pin = await as(creatorA).post(`/api/v1/live/sessions/${id}/pins`, { productId: offered.productId });
    expect(pin.status).toBe(201);
    expect(pin.body.commissionBp).toBe(1_500);

    // The rate is fixed when pinned: a later change by the shop does not alter this session's pin.
    await ctx.db
      .updateTable('products')
      .set({ creatorCommissionBp: 500 })
      .where('id', '=', offered.productId)
      .execute();
    expect((await as(undefined).get(`/api/v1/live/sessions/${id}`)).body.pins[0].commissionBp).toBe(1_500);
    expect(await getLiveAttribution(ctx.db, id, offered.productId)).toEqual({
      sessionId: id,
      hostUserId: creatorA.id,
      hostShopId: null,
      commissionBp: 1_500,
    });
    expect(await getLiveAttribution(ctx.db, id, offered.productId + 10_000)).toBeUndefined();

    expect((await as(creatorA).post(`/api/v1/live/sessions/${id}/end`)).status).toBe(200);
    expect(await getLiveAttribution(ctx.db, id, offered.productId)).toBeUndefined();
  });

  it('refuses products whose shop offers no creator commission, and unlisted ones, naming the product', async () => {
    const notOffered = await buildListedProduct(ctx, shopY.shopId, { creatorCommissionBp: null });
    const delisted = await buildListedProduct(ctx, shopY.shopId);
    await ctx.db
      .updateTable('products')
      .set({ state: 'delisted' })
      .where('id', '=', delisted.productId)
      .execute();
    const id = await schedule(creatorA);
    const before = await tableCounts(ctx.db);

    const a = await as(creatorA).post(`/api/v1/live/sessions/${id}/pins`, {
      productId: notOffered.productId,
    });
    expect(a.status).toBe(400);
    expect(a.body.error.details).toMatchObject({
      productId: notOffered.productId,
      refusal: 'commission_not_offered',
    });
    expect(a.body.error.details.fields[0].field).toBe('productId');
    const b = await as(creatorA).post(`/api/v1/live/sessions/${id}/pins`, { productId: delisted.productId });
    expect(b.status).toBe(400);
    expect(b.body.error.details).toMatchObject({ productId: delisted.productId, refusal: 'not_listed' });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('pins at most 50 products at once, and a pin freed by unpinning can be used again', async () => {
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: creatorB.id });
    const products = [];
    for (let i = 0; i < 51; i++) products.push((await buildListedProduct(ctx, shopY.shopId)).productId);
    for (const productId of products.slice(0, 50)) {
      expect((await as(creatorB).post(`/api/v1/live/sessions/${sessionId}/pins`, { productId })).status).toBe(
        201,
      );
    }
    const before = await tableCounts(ctx.db);
    const over = await as(creatorB).post(`/api/v1/live/sessions/${sessionId}/pins`, {
      productId: products[50],
    });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: 'live_pin_limit_reached',
      details: { productId: products[50] },
    });
    expect(await tableCounts(ctx.db)).toEqual(before);

    const twice = await as(creatorB).post(`/api/v1/live/sessions/${sessionId}/pins`, {
      productId: products[0],
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.refusal).toBe('already_pinned');

    expect((await as(creatorB).delete(`/api/v1/live/sessions/${sessionId}/pins/${products[0]}`)).status).toBe(
      200,
    );
    const freed = await as(creatorB).post(`/api/v1/live/sessions/${sessionId}/pins`, {
      productId: products[50],
    });
    expect(freed.status).toBe(201);
    const detail = await as(undefined).get(`/api/v1/live/sessions/${sessionId}`);
    expect(detail.body.pinnedCount).toBe(50);
    expect(detail.body.pins.map((p: { productId: number }) => p.productId)).toEqual([
      ...products.slice(1, 50),
      products[50],
    ]);
  });
});

describe('one live session per host', () => {
  it('refuses a second live session of the same creator, naming the one on air', async () => {
    const creator = await buildUser(ctx, 'creator');
    const first = await goLive(creator);
    const second = await schedule(creator);
    const res = await as(creator).post(`/api/v1/live/sessions/${second}/start`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'live_host_busy', details: { liveSessionId: first } });
    expect((await as(undefined).get(`/api/v1/live/sessions/${second}`)).body.state).toBe('scheduled');

    await as(creator).post(`/api/v1/live/sessions/${first}/end`);
    expect((await as(creator).post(`/api/v1/live/sessions/${second}/start`)).status).toBe(200);
  });

  it('lets only one of two sessions started at the same moment go live', async () => {
    const creator = await buildUser(ctx, 'creator');
    const ids = [await schedule(creator), await schedule(creator), await schedule(creator)];
    const results = await Promise.all(ids.map((id) => as(creator).post(`/api/v1/live/sessions/${id}/start`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const live = await ctx.db
      .selectFrom('liveSessions')
      .select('id')
      .where('hostUserId', '=', creator.id)
      .where('state', '=', 'live')
      .execute();
    expect(live).toHaveLength(1);
  });

  it('keeps a shop to one live session, whoever of its members starts it', async () => {
    const shop = await buildShop(ctx);
    await goLive(shop.owner, { shopId: shop.shopId });
    const second = await schedule(shop.owner, { shopId: shop.shopId });
    expect((await as(shop.owner).post(`/api/v1/live/sessions/${second}/start`)).status).toBe(409);
  });
});

describe('governance terminates a live session', () => {
  it('lets a super admin stop it with a reason buyers can see', async () => {
    const admin = await buildOps(ctx);
    const reviewer = await buildOps(ctx, ['reviewer']);
    const id = await goLive(creatorB);
    const body = { reason: '直播中出现引导站外交易' };
    expect((await as(reviewer).post(`/api/v1/ops/live/sessions/${id}/terminate`, body)).status).toBe(403);
    expect((await as(creatorB).post(`/api/v1/ops/live/sessions/${id}/terminate`, body)).status).toBe(403);
    const res = await as(admin).post(`/api/v1/ops/live/sessions/${id}/terminate`, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'terminated', endReason: '直播中出现引导站外交易' });
    const row = await ctx.db
      .selectFrom('liveSessions')
      .select('endedBy')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.endedBy).toBe(admin.id);
    expect((await as(creatorB).post(`/api/v1/live/sessions/${id}/end`)).status).toBe(409);
    expect((await as(admin).post(`/api/v1/ops/live/sessions/${id}/terminate`, body)).status).toBe(409);
  });

  it('is callable by the governance module, and only for a live session', async () => {
    const scheduled = await schedule(creatorB);
    await expect(
      terminateSession(ctx.db, ctx.clock, scheduled, { reason: 'x', actorId: null }),
    ).rejects.toMatchObject({ code: 'invalid_transition' });
    const { sessionId } = await buildLiveSession(
      ctx,
      { hostUserId: (await buildUser(ctx, 'creator')).id },
      { state: 'live' },
    );
    const view = await terminateSession(ctx.db, ctx.clock, sessionId, {
      reason: '高危内容紧急关播',
      actorId: null,
    });
    expect(view).toMatchObject({ state: 'terminated', endReason: '高危内容紧急关播' });
  });
});
