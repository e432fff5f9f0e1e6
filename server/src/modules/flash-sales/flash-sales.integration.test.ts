import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildListedProduct,
  buildLiveSession,
  buildShop,
  buildStaff,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { LIVE_EVENTS_CHANNEL } from '../live/index.ts';
import { FLASH_SALE_END, FLASH_SALE_START } from './deadline-kinds.ts';
import { activeFlashSales, returnFlashStock, takeFlashStock, takeFlashStockOutcomes } from './index.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const later = (ms: number) => new Date(ctx.clock.now().getTime() + ms).toISOString();

async function shopWithSku(skus = [{ priceFen: 9_900, stock: 100 }]) {
  const shop = await buildShop(ctx);
  const product = await buildListedProduct(ctx, shop.shopId, { skus });
  return { ...shop, ...product, skuId: product.skuIds[0]! };
}

function create(owner: TestUser, shopId: number, body: object) {
  return api(ctx.app, owner.token).post(`/api/v1/shops/${shopId}/flash-sales`, body);
}

const saleBody = (skuId: number, over: object = {}) => ({
  skuId,
  priceFen: 5_900,
  stockCap: 10,
  perBuyerLimit: 2,
  startsAt: later(10 * MINUTE),
  endsAt: later(70 * MINUTE),
  ...over,
});

async function deadlinesOf(saleId: number) {
  return ctx.db
    .selectFrom('deadlines')
    .select(['kind', 'status', 'dueAt'])
    .where('subjectId', '=', saleId)
    .where('kind', 'in', [FLASH_SALE_START, FLASH_SALE_END])
    .orderBy('kind')
    .execute();
}

/** A running sale (starts now) of a new shop's SKU. */
async function runningSale(over: { stockCap?: number; perBuyerLimit?: number } = {}) {
  const { owner, shopId, skuId } = await shopWithSku();
  const res = await create(owner, shopId, saleBody(skuId, { startsAt: later(0), ...over }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.state).toBe('running');
  return { id: res.body.id as number, skuId, shopId, owner };
}

describe('creating a flash sale', () => {
  it('schedules a sale with its start and end deadlines, and lists it for the shop', async () => {
    const { owner, shopId, skuId, productId } = await shopWithSku();
    const res = await create(owner, shopId, saleBody(skuId));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      shopId,
      productId,
      skuId,
      priceFen: 5_900,
      originalPriceFen: 9_900,
      stockCap: 10,
      sold: 0,
      remaining: 10,
      perBuyerLimit: 2,
      state: 'scheduled',
      liveSessionId: null,
    });
    expect(await deadlinesOf(res.body.id)).toEqual([
      { kind: FLASH_SALE_END, status: 'pending', dueAt: new Date(later(70 * MINUTE)) },
      { kind: FLASH_SALE_START, status: 'pending', dueAt: new Date(later(10 * MINUTE)) },
    ]);
    const list = await api(ctx.app, owner.token).get(`/api/v1/shops/${shopId}/flash-sales`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: res.body.id, state: 'scheduled' }] });
  });

  it.each([
    ['a price not below the SKU price', () => ({ priceFen: 9_900 }), 'priceFen'],
    ['a cap above the stock', () => ({ stockCap: 101 }), 'stockCap'],
    ['a per-buyer limit above the cap', () => ({ perBuyerLimit: 11 }), 'perBuyerLimit'],
    ['a start in the past', () => ({ startsAt: later(-HOUR) }), 'startsAt'],
    ['a window over 24 h', () => ({ endsAt: later(25 * HOUR + 10 * MINUTE) }), 'endsAt'],
    ['a window under a minute', () => ({ endsAt: later(10 * MINUTE + 30_000) }), 'endsAt'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_, change, field) => {
    const { owner, shopId, skuId } = await shopWithSku();
    const res = await create(owner, shopId, saleBody(skuId, change()));
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    const rows = await ctx.db.selectFrom('flashSales').select('id').where('skuId', '=', skuId).execute();
    expect(rows).toEqual([]);
  });

  it("refuses another shop's SKU (400 skuId) and another shop's merchant (404)", async () => {
    const mine = await shopWithSku();
    const theirs = await shopWithSku();
    const foreignSku = await create(mine.owner, mine.shopId, saleBody(theirs.skuId));
    expect(foreignSku.status).toBe(400);
    expect(foreignSku.body.error.details.fields[0].field).toBe('skuId');
    const foreignShop = await create(mine.owner, theirs.shopId, saleBody(theirs.skuId));
    expect(foreignShop.status).toBe(404);
  });

  it('refuses a second scheduled or running sale of the same SKU (409 flash_sale_overlap), allows one after a cancel', async () => {
    const { owner, shopId, skuId } = await shopWithSku();
    const first = await create(owner, shopId, saleBody(skuId));
    expect(first.status).toBe(201);
    const second = await create(
      owner,
      shopId,
      saleBody(skuId, { startsAt: later(3 * HOUR), endsAt: later(4 * HOUR) }),
    );
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('flash_sale_overlap');
    const cancelled = await api(ctx.app, owner.token).post(
      `/api/v1/shops/${shopId}/flash-sales/${first.body.id}/cancel`,
      {},
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect((await deadlinesOf(first.body.id)).map((d) => d.status)).toEqual(['cancelled', 'cancelled']);
    const again = await api(ctx.app, owner.token).post(
      `/api/v1/shops/${shopId}/flash-sales/${first.body.id}/cancel`,
      {},
    );
    expect(again.status).toBe(409);
    expect((await create(owner, shopId, saleBody(skuId))).status).toBe(201);
  });
});

describe('durable deadlines', () => {
  it('starts the sale at its start time and ends it at its end time', async () => {
    const { owner, shopId, skuId } = await shopWithSku();
    const { body } = await create(owner, shopId, saleBody(skuId));
    const state = async () =>
      (
        await ctx.db
          .selectFrom('flashSales')
          .select('state')
          .where('id', '=', body.id)
          .executeTakeFirstOrThrow()
      ).state;

    ctx.clock.advance(10 * MINUTE - 1);
    await ctx.deadlines.runDue();
    expect(await state()).toBe('scheduled');
    expect((await activeFlashSales(ctx.db, [skuId], ctx.clock.now())).size).toBe(0);

    ctx.clock.advance(1);
    await ctx.deadlines.runDue();
    expect(await state()).toBe('running');
    const active = (await activeFlashSales(ctx.db, [skuId], ctx.clock.now())).get(skuId);
    expect(active).toMatchObject({
      flashSaleId: body.id,
      priceFen: 5_900,
      stockCap: 10,
      sold: 0,
      perBuyerLimit: 2,
    });

    const product = await api(ctx.app).get(`/api/v1/products/${body.productId}/flash-sale`);
    expect(product.body).toMatchObject({
      serverNow: ctx.clock.now().toISOString(),
      flashSales: [{ id: body.id, state: 'running' }],
    });

    ctx.clock.advance(HOUR);
    await ctx.deadlines.runDue();
    expect(await state()).toBe('ended');
    expect((await activeFlashSales(ctx.db, [skuId], ctx.clock.now())).size).toBe(0);
    expect((await api(ctx.app).get(`/api/v1/products/${body.productId}/flash-sale`)).body.flashSales).toEqual(
      [],
    );
  });

  it('a start deadline that fires after the end ends the sale without running it', async () => {
    const { owner, shopId, skuId } = await shopWithSku();
    const { body } = await create(owner, shopId, saleBody(skuId));
    // Both deadlines fire in one batch, in due order: start (finds the window closed), then end.
    ctx.clock.advance(2 * HOUR);
    await ctx.deadlines.runDue();
    const row = await ctx.db
      .selectFrom('flashSales')
      .select('state')
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('ended');
  });
});

describe('flash stock', () => {
  it('never sells over the cap or a buyer over the limit under concurrent takes', async () => {
    const sale = await runningSale({ stockCap: 15, perBuyerLimit: 2 });
    const buyers = await Promise.all(Array.from({ length: 12 }, () => buildUser(ctx, 'buyer')));
    const now = ctx.clock.now();
    // Each buyer tries 3 single-unit takes, all in parallel transactions: 36 tries for 15 units, 2 each.
    const tries = buyers.flatMap((b) => [1, 2, 3].map(() => b.id));
    const results = await Promise.all(
      tries.map((buyerId) =>
        ctx.db
          .transaction()
          .execute((tx) => takeFlashStock(tx, [{ flashSaleId: sale.id, buyerId, quantity: 1 }], now)),
      ),
    );
    const taken = results.filter(([ok]) => ok).length;
    expect(taken).toBe(15);
    const row = await ctx.db
      .selectFrom('flashSales')
      .select('sold')
      .where('id', '=', sale.id)
      .executeTakeFirstOrThrow();
    expect(row.sold).toBe(15);
    const perBuyer = await ctx.db
      .selectFrom('flashSaleBuyers')
      .select(['buyerId', 'quantity'])
      .where('flashSaleId', '=', sale.id)
      .execute();
    expect(perBuyer.reduce((s, r) => s + r.quantity, 0)).toBe(15);
    expect(Math.max(...perBuyer.map((r) => r.quantity))).toBeLessThanOrEqual(2);
  });

  it('batches of many buyers taking two sales in opposite orders at once neither deadlock nor over-sell', async () => {
    const x = await runningSale({ stockCap: 12, perBuyerLimit: 3 });
    const y = await runningSale({ stockCap: 12, perBuyerLimit: 3 });
    const buyers = await Promise.all(Array.from({ length: 8 }, () => buildUser(ctx, 'buyer')));
    const now = ctx.clock.now();
    const batches = Array.from({ length: 10 }, (_, n) => {
      const sales = n % 2 === 0 ? [x.id, y.id] : [y.id, x.id];
      const who = [buyers[n % 8]!.id, buyers[(n + 3) % 8]!.id];
      return sales.flatMap((flashSaleId) => who.map((buyerId) => ({ flashSaleId, buyerId, quantity: 1 })));
    });
    const results = await Promise.all(
      batches.map((takes) => ctx.db.transaction().execute((tx) => takeFlashStock(tx, takes, now))),
    );
    const sold = await ctx.db
      .selectFrom('flashSales')
      .select(['id', 'sold'])
      .where('id', 'in', [x.id, y.id])
      .execute();
    const taken = results.flat().filter(Boolean).length;
    expect(sold.reduce((n, r) => n + r.sold, 0)).toBe(taken);
    for (const r of sold) expect(r.sold).toBeLessThanOrEqual(12);
    const over = await ctx.db
      .selectFrom('flashSaleBuyers')
      .select('quantity')
      .where('flashSaleId', 'in', [x.id, y.id])
      .where('quantity', '>', 3)
      .execute();
    expect(over).toEqual([]);
  });

  it('a refused take takes nothing; a batch answers each take in order with its reason', async () => {
    const sale = await runningSale({ stockCap: 5, perBuyerLimit: 2 });
    const [a, b] = [await buildUser(ctx, 'buyer'), await buildUser(ctx, 'buyer')];
    const now = ctx.clock.now();
    const outcomes = await ctx.db.transaction().execute((tx) =>
      takeFlashStockOutcomes(
        tx,
        [
          { flashSaleId: sale.id, buyerId: b.id, quantity: 2 },
          { flashSaleId: sale.id, buyerId: a.id, quantity: 3 },
          { flashSaleId: sale.id, buyerId: a.id, quantity: 2 },
        ],
        now,
      ),
    );
    expect(outcomes).toEqual(['taken', 'flash_sale_limit', 'taken']);
    const sold = async () =>
      (
        await ctx.db
          .selectFrom('flashSales')
          .select('sold')
          .where('id', '=', sale.id)
          .executeTakeFirstOrThrow()
      ).sold;
    expect(await sold()).toBe(4);
    const c = await buildUser(ctx, 'buyer');
    const soldOut = await ctx.db
      .transaction()
      .execute((tx) =>
        takeFlashStockOutcomes(tx, [{ flashSaleId: sale.id, buyerId: c.id, quantity: 2 }], now),
      );
    expect(soldOut).toEqual(['flash_sale_sold_out']);
    expect(await sold()).toBe(4);

    // An unpaid cancellation gives a's units back: to the sale and to a's limit.
    await ctx.db
      .transaction()
      .execute((tx) => returnFlashStock(tx, [{ flashSaleId: sale.id, buyerId: a.id, quantity: 2 }]));
    expect(await sold()).toBe(2);
    const again = await ctx.db
      .transaction()
      .execute((tx) => takeFlashStock(tx, [{ flashSaleId: sale.id, buyerId: a.id, quantity: 2 }], now));
    expect(again).toEqual([true]);
    expect(await sold()).toBe(4);
  });

  it('takes nothing outside the window or from a cancelled sale', async () => {
    const sale = await runningSale();
    const buyer = await buildUser(ctx, 'buyer');
    const take = (at: Date) =>
      ctx.db
        .transaction()
        .execute((tx) => takeFlashStock(tx, [{ flashSaleId: sale.id, buyerId: buyer.id, quantity: 1 }], at));
    expect(await take(new Date(ctx.clock.now().getTime() + 2 * HOUR))).toEqual([false]);
    await api(ctx.app, sale.owner.token).post(
      `/api/v1/shops/${sale.shopId}/flash-sales/${sale.id}/cancel`,
      {},
    );
    expect(await take(ctx.clock.now())).toEqual([false]);
  });
});

describe('上架秒杀 in a live room', () => {
  async function liveRoom() {
    const shop = await shopWithSku();
    const { sessionId } = await buildLiveSession(
      ctx,
      { hostUserId: shop.owner.id, shopId: shop.shopId },
      { state: 'live' },
    );
    const pin = await api(ctx.app, shop.owner.token).post(`/api/v1/live/sessions/${sessionId}/pins`, {
      productId: shop.productId,
    });
    expect(pin.status, JSON.stringify(pin.body)).toBe(201);
    return { ...shop, sessionId };
  }
  const offer = (token: string, sessionId: number, body: object) =>
    api(ctx.app, token).post(`/api/v1/live/sessions/${sessionId}/flash-sales`, body);
  const liveBody = (skuId: number, over: object = {}) => ({
    skuId,
    priceFen: 1_990,
    stockCap: 20,
    perBuyerLimit: 1,
    durationSeconds: 300,
    ...over,
  });

  it('the host offers a flash sale on a pinned product: it runs now and every viewer sees it with the server time', async () => {
    const room = await liveRoom();
    const res = await offer(room.owner.token, room.sessionId, liveBody(room.skuId));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      state: 'running',
      liveSessionId: room.sessionId,
      startsAt: later(0),
      endsAt: later(300_000),
    });
    const seen = await api(ctx.app).get(`/api/v1/live/sessions/${room.sessionId}/flash-sales`);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({
      serverNow: ctx.clock.now().toISOString(),
      flashSales: [
        expect.objectContaining({
          id: res.body.id,
          priceFen: 1_990,
          originalPriceFen: 9_900,
          remaining: 20,
          state: 'running',
        }),
      ],
    });
  });

  it("tells the room's viewers (offers) when a sale is offered and when it ends, and lists the console's sales of pinned products too", async () => {
    const room = await liveRoom();
    const listener = new pg.Client({ connectionString: ctx.dbUrl });
    await listener.connect();
    const changes: unknown[] = [];
    listener.on('notification', (n) => changes.push(JSON.parse(n.payload ?? '{}')));
    await listener.query(`listen ${LIVE_EVENTS_CHANNEL}`);
    try {
      const res = await offer(room.owner.token, room.sessionId, liveBody(room.skuId));
      expect(res.status).toBe(201);
      ctx.clock.advance(300_000);
      await ctx.deadlines.runDue();
      await new Promise((r) => setTimeout(r, 200));
      const offers = changes.filter((c) => (c as { sessionId: number }).sessionId === room.sessionId);
      expect(offers).toEqual([
        { sessionId: room.sessionId, kind: 'offers' },
        { sessionId: room.sessionId, kind: 'offers' },
      ]);
    } finally {
      await listener.end();
    }
    // A sale set up in the console on a pinned product shows in the room as well.
    const consoleSale = await create(room.owner, room.shopId, saleBody(room.skuId));
    expect(consoleSale.status).toBe(201);
    const seen = await api(ctx.app).get(`/api/v1/live/sessions/${room.sessionId}/flash-sales`);
    expect(seen.body.flashSales.map((s: { id: number }) => s.id)).toEqual([consoleSale.body.id]);
  });

  it('shop staff may offer one; a stranger may not (404), nor a buyer (403)', async () => {
    const room = await liveRoom();
    const stranger = await buildUser(ctx, 'merchant');
    expect((await offer(stranger.token, room.sessionId, liveBody(room.skuId))).status).toBe(404);
    const buyer = await buildUser(ctx, 'buyer');
    expect((await offer(buyer.token, room.sessionId, liveBody(room.skuId))).status).toBe(403);
    const staff = await buildStaff(ctx, room.shopId);
    const res = await offer(staff.token, room.sessionId, liveBody(room.skuId, { startsAt: later(MINUTE) }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.state).toBe('scheduled');
  });

  it('refuses a product not pinned (400 skuId) and a room not live (409)', async () => {
    const room = await liveRoom();
    const other = await buildListedProduct(ctx, room.shopId);
    const unpinned = await offer(room.owner.token, room.sessionId, liveBody(other.skuIds[0]!));
    expect(unpinned.status).toBe(400);
    expect(unpinned.body.error.details.fields[0].field).toBe('skuId');
    const shop = await shopWithSku();
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: shop.owner.id, shopId: shop.shopId });
    const notLive = await offer(shop.owner.token, sessionId, liveBody(shop.skuId));
    expect(notLive.status).toBe(409);
    const tooShort = await offer(
      room.owner.token,
      room.sessionId,
      liveBody(room.skuId, { durationSeconds: 30 }),
    );
    expect(tooShort.status).toBe(400);
  });
});
