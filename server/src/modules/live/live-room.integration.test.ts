import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildPaidOrder,
  buildShop,
  buildUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { liveClient } from './live.test-support.ts';
import { openEvents, secondProcess } from './live-events.test-support.ts';

// Two server processes over one database: writes go through A, viewers watch B (and A).
let ctx: TestContext;
let b: Awaited<ReturnType<typeof secondProcess>>;
let urlA: string;
const client = liveClient(() => ctx);

beforeAll(async () => {
  ctx = await createTestContext();
  urlA = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  b = await secondProcess(ctx);
});
afterAll(async () => {
  await b.close();
});

async function liveShopRoom() {
  const { shopId, owner } = await buildShop(ctx);
  const cup = await buildListedProduct(ctx, shopId, {
    title: '手工陶瓷杯',
    skus: [
      { priceFen: 6_900, stock: 5 },
      { priceFen: 5_900, stock: 20 },
    ],
  });
  const tray = await buildListedProduct(ctx, shopId, { title: '茶盘' });
  const sessionId = await client.schedule(owner, { shopId });
  for (const p of [cup, tray]) {
    const pin = await client
      .as(owner)
      .post(`/api/v1/live/sessions/${sessionId}/pins`, { productId: p.productId });
    expect(pin.status).toBe(201);
  }
  return { shopId, owner, sessionId, cup, tray };
}

describe('the featured product (讲解中)', () => {
  it('the host features a pinned product; viewers on both processes get the card; unpinning clears it', async () => {
    const room = await liveShopRoom();
    const feature = (productId: number | null, who = room.owner) =>
      client.as(who).put(`/api/v1/live/sessions/${room.sessionId}/featured`, { productId });

    // Not live yet.
    const early = await feature(room.cup.productId);
    expect(early.status).toBe(409);
    expect(early.body.error.details.key).toBe('live_wrong_state');
    await client.as(room.owner).post(`/api/v1/live/sessions/${room.sessionId}/start`);

    const onA = await openEvents(urlA, room.sessionId);
    const onB = await openEvents(b.url, room.sessionId);
    expect((await onB.next('snapshot')).data.featured).toBeNull();
    await onA.next('snapshot');

    const res = await feature(room.cup.productId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const card = {
      productId: room.cup.productId,
      title: '手工陶瓷杯',
      imageUrl: null,
      priceFen: 5_900,
      totalStock: 25,
      featuredAt: expect.any(String),
    };
    expect(res.body.featured).toMatchObject({ ...card, imageUrl: res.body.featured.imageUrl });
    for (const viewer of [onA, onB]) {
      expect((await viewer.next('featured')).data).toMatchObject({
        productId: room.cup.productId,
        priceFen: 5_900,
      });
    }

    // A late viewer's snapshot has it.
    const late = await openEvents(b.url, room.sessionId);
    expect((await late.next('snapshot')).data.featured).toMatchObject({ productId: room.cup.productId });
    late.close();

    // Not pinned, someone else's room, bad body: refused, nothing changes.
    const other = await buildListedProduct(ctx, room.shopId, { title: '未挂车' });
    const notPinned = await feature(other.productId);
    expect(notPinned.status).toBe(400);
    expect(notPinned.body.error.details.fields[0].field).toBe('productId');
    const stranger = await buildShop(ctx);
    expect((await feature(room.tray.productId, stranger.owner)).status).toBe(404);
    const creator = await buildUser(ctx, 'creator');
    expect((await feature(room.tray.productId, creator)).status).toBe(404);
    expect(
      (await client.as(room.owner).put(`/api/v1/live/sessions/${room.sessionId}/featured`, {})).status,
    ).toBe(400);

    await client.as(room.owner).delete(`/api/v1/live/sessions/${room.sessionId}/pins/${room.cup.productId}`);
    for (const viewer of [onA, onB]) {
      expect((await viewer.next('pins')).data).toHaveLength(1);
      expect((await viewer.next('featured')).data).toBeNull();
    }
    expect((await feature(room.tray.productId)).body.featured.productId).toBe(room.tray.productId);
    expect((await onB.next('featured')).data).toMatchObject({ productId: room.tray.productId });
    expect((await feature(null)).body).toEqual({ featured: null });
    expect((await onB.next('featured')).data).toBeNull();
    onA.close();
    onB.close();
  });
});

describe('likes', () => {
  it('counts every tap and tells viewers the total a few times, not once per request', async () => {
    const room = await liveShopRoom();
    const buyer = await buildBuyer(ctx);
    const like = (count: unknown) =>
      api(ctx.app, buyer.token).post(`/api/v1/live/sessions/${room.sessionId}/likes`, { count });
    expect((await like(1)).status).toBe(409); // not live
    await client.as(room.owner).post(`/api/v1/live/sessions/${room.sessionId}/start`);
    const viewer = await openEvents(b.url, room.sessionId);
    expect((await viewer.next('snapshot')).data.likes).toBe(0);

    const answers = await Promise.all(Array.from({ length: 20 }, () => like(5)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(Math.max(...answers.map((r) => r.body.total))).toBe(100);
    let heard = 1;
    while ((await viewer.next('likes')).data.total !== 100) heard++;
    // 20 requests coalesced: a handful of events at most (each process relays ≤ 4/s, each hub sends ≤ 4/s).
    expect(heard).toBeLessThanOrEqual(3);

    for (const bad of [0, 51, 1.5, '3', null]) expect((await like(bad)).status).toBe(400);
    expect(
      (await api(ctx.app).post(`/api/v1/live/sessions/${room.sessionId}/likes`, { count: 1 })).status,
    ).toBe(401);
    expect(
      (await api(ctx.app, buyer.token).post('/api/v1/live/sessions/99999999/likes', { count: 1 })).status,
    ).toBe(404);
    const reconnect = await openEvents(urlA, room.sessionId);
    expect((await reconnect.next('snapshot')).data.likes).toBe(100);
    reconnect.close();
    viewer.close();
  });
});

describe('offers', () => {
  it('an offers change reaches the room as an `offers` event on every process', async () => {
    const room = await liveShopRoom();
    await client.as(room.owner).post(`/api/v1/live/sessions/${room.sessionId}/start`);
    const viewer = await openEvents(b.url, room.sessionId);
    await viewer.next('snapshot');
    const { publishLiveChange } = await import('./index.ts');
    await ctx.db
      .transaction()
      .execute((tx) => publishLiveChange(tx, { sessionId: room.sessionId, kind: 'offers' }));
    expect((await viewer.next('offers')).data).toEqual({});
    viewer.close();
  });
});

describe('viewers across processes', () => {
  it('counts viewers of each process once each (two tabs of one viewer once), unique viewers and watch time', async () => {
    const room = await liveShopRoom();
    await client.as(room.owner).post(`/api/v1/live/sessions/${room.sessionId}/start`);
    const buyer = await buildBuyer(ctx);
    const onA = await openEvents(urlA, room.sessionId, { viewer: 'anon-aaaa-1111' });
    const onB1 = await openEvents(b.url, room.sessionId, { token: buyer.token });
    const onB2 = await openEvents(b.url, room.sessionId, { token: buyer.token }); // same buyer, 2nd tab
    const onB3 = await openEvents(b.url, room.sessionId, { viewer: 'anon-bbbb-2222' });
    for (const v of [onA, onB1, onB2, onB3]) await v.next('snapshot');

    const stats = () => client.as(room.owner).get(`/api/v1/live/sessions/${room.sessionId}/stats`);
    await expect.poll(async () => (await stats()).body.viewers, { timeout: 10_000, interval: 200 }).toBe(3);
    await onA.until('viewers', (d) => d.current === 3);
    await onB3.until('viewers', (d) => d.current === 3);
    const now = (await stats()).body;
    expect(now).toMatchObject({
      viewers: 3,
      peakViewers: 3,
      uniqueViewers: 3,
      likes: 0,
      orders: 0,
      gmvFen: 0,
    });

    // A paid order placed in the room counts in its sales; an unpaid one does not.
    const paid = await buildPaidOrder(ctx, { skuId: room.cup.skuIds[1]!, liveSessionId: room.sessionId });
    const unpaid = await api(ctx.app, buyer.token).post(
      '/api/v1/checkout',
      { items: [{ skuId: room.cup.skuIds[1]!, quantity: 1 }], liveSessionId: room.sessionId },
      { 'idempotency-key': 'room-unpaid-1' },
    );
    expect(unpaid.status).toBe(201);
    expect((await stats()).body).toMatchObject({ orders: 1, gmvFen: paid.totalFen });

    onB1.close();
    onB2.close();
    await expect.poll(async () => (await stats()).body.viewers, { timeout: 10_000, interval: 200 }).toBe(2);
    await onA.until('viewers', (d) => d.current === 2);
    const after = (await stats()).body;
    expect(after).toMatchObject({ viewers: 2, peakViewers: 3, uniqueViewers: 3 });
    expect(after.watchSeconds).toBeGreaterThanOrEqual(0);

    // Others may not see the figures; the end closes every view.
    const stranger = await buildShop(ctx);
    expect(
      (await client.as(stranger.owner).get(`/api/v1/live/sessions/${room.sessionId}/stats`)).status,
    ).toBe(404);
    expect(
      (await api(ctx.app, buyer.token).get(`/api/v1/live/sessions/${room.sessionId}/stats`)).status,
    ).toBe(403);
    await client.as(room.owner).post(`/api/v1/live/sessions/${room.sessionId}/end`);
    const open = await ctx.db
      .selectFrom('liveViews')
      .select('id')
      .where('sessionId', '=', room.sessionId)
      .where('leftAt', 'is', null)
      .execute();
    expect(open).toEqual([]);
    onA.close();
    onB3.close();
  });
});
