import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildLiveSession,
  buildShop,
  buildStaff,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';

let ctx: TestContext;
let seq = 0;

interface Fixture {
  shopId: number;
  owner: TestUser;
  staff: TestUser;
  zhang: TestUser;
  li: TestUser;
  sessionId: number;
  teaId: number;
  cupId: number;
  /** Orders by name, oldest first. */
  o: Record<'first' | 'live' | 'shipped' | 'unpaid' | 'refunded' | 'split', number>;
  dayOne: Date;
  dayTwo: Date;
}
let f: Fixture;

async function checkout(buyer: TestUser, items: { skuId: number; quantity: number }[], pay = true) {
  const res = await api(ctx.app, buyer.token).post(
    '/api/v1/checkout',
    { items, ...(pay ? { pay: { method: 'sandbox' } } : {}) },
    { 'idempotency-key': `order-desk-${process.pid}-${++seq}` },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.orders[0].id as number;
}

async function lineOf(orderId: number, skuId: number) {
  const line = await ctx.db
    .selectFrom('orderLines')
    .select('id')
    .where('orderId', '=', orderId)
    .where('skuId', '=', skuId)
    .executeTakeFirstOrThrow();
  return line.id;
}

async function instantRefund(buyer: TestUser, orderId: number, orderLineId: number, quantity: number) {
  const res = await api(ctx.app, buyer.token).post(
    '/api/v1/aftersales/requests',
    { orderId, orderLineId, type: 'refund_only_unshipped', reason: 'not_shipped_yet', quantity },
    { 'idempotency-key': `order-desk-refund-${process.pid}-${++seq}` },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.state).toBe('refunded');
}

beforeAll(async () => {
  ctx = await createTestContext();
  const { shopId, owner } = await buildShop(ctx);
  const staff = await buildStaff(ctx, shopId);
  const tea = await buildListedProduct(ctx, shopId, {
    title: '明前龙井',
    skus: [
      { priceFen: 9_900, stock: 100 },
      { priceFen: 5_000, stock: 100 },
    ],
  });
  const cup = await buildListedProduct(ctx, shopId, {
    title: '青瓷茶杯',
    skus: [{ priceFen: 2_500, stock: 100 }],
  });
  const zhang = await buildUser(ctx, 'buyer', { displayName: '张三丰' });
  await ctx.db.updateTable('users').set({ phone: '13812341234' }).where('id', '=', zhang.id).execute();
  // Zhang's parcels go to this address (the receiver's phone is not the account's).
  const address = await api(ctx.app, zhang.token).post('/api/v1/me/addresses', {
    recipient: '张三丰',
    phone: '13900001111',
    regionCode: '330106',
    detail: '文三路 90 号 3 幢 501',
    isDefault: true,
  });
  expect(address.status, JSON.stringify(address.body)).toBe(201);
  const li = await buildBuyer(ctx);
  const { sessionId } = await buildLiveSession(ctx, { hostUserId: owner.id, shopId }, { state: 'live' });
  const [skuA, skuB] = tea.skuIds as [number, number];
  const skuCup = cup.skuIds[0]!;

  const dayOne = ctx.clock.now();
  const first = await checkout(zhang, [{ skuId: skuA, quantity: 1 }]);
  ctx.clock.advance(1 * HOUR);
  const live = await checkout(li, [{ skuId: skuCup, quantity: 2 }]);
  await ctx.db.updateTable('orders').set({ liveSessionId: sessionId }).where('id', '=', live).execute();
  ctx.clock.advance(24 * HOUR);
  const dayTwo = ctx.clock.now();
  const shipped = await checkout(zhang, [{ skuId: skuCup, quantity: 1 }]);
  const ship = await api(ctx.app, owner.token).post(`/api/v1/shops/${shopId}/orders/${shipped}/shipment`, {
    carrier: 'sf',
    trackingNumber: 'SF0000000001',
  });
  expect(ship.status).toBe(201);
  ctx.clock.advance(1 * HOUR);
  const unpaid = await checkout(li, [{ skuId: skuA, quantity: 1 }], false);
  const refunded = await checkout(li, [{ skuId: skuB, quantity: 1 }]);
  await instantRefund(li, refunded, await lineOf(refunded, skuB), 1);
  const split = await checkout(zhang, [
    { skuId: skuA, quantity: 2 },
    { skuId: skuCup, quantity: 1 },
  ]);
  await instantRefund(zhang, split, await lineOf(split, skuCup), 1);
  f = {
    shopId,
    owner,
    staff,
    zhang,
    li,
    sessionId,
    teaId: tea.productId,
    cupId: cup.productId,
    o: { first, live, shipped, unpaid, refunded, split },
    dayOne,
    dayTwo,
  };
});

const RECEIVER = {
  recipient: '张三丰',
  regionCode: '330106',
  regionName: '浙江省 杭州市 西湖区',
  detail: '文三路 90 号 3 幢 501',
};

const desk = (user: TestUser, query = '') =>
  api(ctx.app, user.token).get(`/api/v1/shops/${f.shopId}/order-desk${query}`);
const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);

describe('order desk: every order of the shop', () => {
  it('lists every order newest first, pages, and filters by tab', async () => {
    const all = await desk(f.staff);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const { first, live, shipped, unpaid, refunded, split } = f.o;
    expect(ids(all.body)).toEqual([split, refunded, unpaid, shipped, live, first]);
    expect(all.body.total).toBe(6);

    const page2 = await desk(f.owner, '?limit=2&offset=2');
    expect(ids(page2.body)).toEqual([unpaid, shipped]);
    expect(page2.body.total).toBe(6);

    const tabs = {
      // The soonest ship-by promise first.
      to_ship: [first, live, split],
      to_pay: [unpaid],
      shipped: [shipped],
      cancelled: [refunded],
      completed: [],
    };
    for (const [view, expected] of Object.entries(tabs)) {
      const res = await desk(f.owner, `?view=${view}`);
      expect(ids(res.body), view).toEqual(expected);
    }
  });

  it('shows what was refunded and what is still to be paid out, the room, the buyer and the shipment', async () => {
    const res = await desk(f.owner);
    const row = (id: number) => res.body.items.find((i: { id: number }) => i.id === id);
    expect(row(f.o.split)).toMatchObject({
      status: 'to_ship',
      totalFen: 2 * 9_900 + 2_500,
      refundedFen: 2_500,
      payoutFen: 2 * 9_900,
      buyer: { id: f.zhang.id, displayName: '张三丰' },
      lines: [
        { productId: f.teaId, title: '明前龙井', quantity: 2, refundedQuantity: 0 },
        { productId: f.cupId, title: '青瓷茶杯', quantity: 1, refundedQuantity: 1 },
      ],
    });
    expect(row(f.o.split).remainingMs).toBe(48 * HOUR);
    expect(row(f.o.refunded)).toMatchObject({ status: 'cancelled', payoutFen: 0, refundedFen: 5_000 });
    expect(row(f.o.live).liveSession).toMatchObject({ id: f.sessionId });
    expect(row(f.o.shipped).shipment).toMatchObject({ carrier: 'sf', trackingNumber: 'SF0000000001' });
    expect(row(f.o.first).liveSession).toBeNull();
  });

  it('shows the receiver in full on orders to ship, and the phone masked on the others', async () => {
    const res = await desk(f.owner);
    const row = (id: number) => res.body.items.find((i: { id: number }) => i.id === id);
    expect(row(f.o.split).receiver).toEqual({ ...RECEIVER, phone: '13900001111', phoneMasked: false });
    expect(row(f.o.shipped).receiver).toEqual({ ...RECEIVER, phone: '139****1111', phoneMasked: true });
    expect(row(f.o.refunded).receiver.phoneMasked).toBe(true);

    const toShip = await api(ctx.app, f.staff.token).get(`/api/v1/shops/${f.shopId}/orders-to-ship`);
    expect(toShip.status, JSON.stringify(toShip.body)).toBe(200);
    const split = toShip.body.items.find((i: { orderId: number }) => i.orderId === f.o.split);
    expect(split.receiver).toEqual({ ...RECEIVER, phone: '13900001111', phoneMasked: false });
  });

  it('filters by time placed, live room, buyer and product, and finds an order by its number', async () => {
    const dayOneEnd = new Date(f.dayTwo.getTime() - HOUR).toISOString();
    expect(ids((await desk(f.owner, `?to=${encodeURIComponent(dayOneEnd)}`)).body)).toEqual([
      f.o.live,
      f.o.first,
    ]);
    const fromDayTwo = await desk(f.owner, `?from=${encodeURIComponent(f.dayTwo.toISOString())}&view=to_pay`);
    expect(ids(fromDayTwo.body)).toEqual([f.o.unpaid]);
    expect(ids((await desk(f.owner, `?liveSessionId=${f.sessionId}`)).body)).toEqual([f.o.live]);
    expect(ids((await desk(f.owner, `?buyer=${encodeURIComponent('张三')}`)).body)).toEqual([
      f.o.split,
      f.o.shipped,
      f.o.first,
    ]);
    expect(ids((await desk(f.owner, `?buyer=${f.li.id}`)).body)).toEqual([
      f.o.refunded,
      f.o.unpaid,
      f.o.live,
    ]);
    expect(ids((await desk(f.owner, `?productId=${f.cupId}`)).body)).toEqual([
      f.o.split,
      f.o.shipped,
      f.o.live,
    ]);
    expect(ids((await desk(f.owner, `?q=${encodeURIComponent(`#${f.o.first}`)}`)).body)).toEqual([f.o.first]);
    expect(ids((await desk(f.owner, `?q=${f.o.first}&view=shipped`)).body)).toEqual([]);
  });

  it('lists orders with an open after-sales request under 售后中', async () => {
    const res = await api(ctx.app, f.zhang.token).post(
      '/api/v1/aftersales/requests',
      {
        orderId: f.o.shipped,
        orderLineId: (
          await ctx.db
            .selectFrom('orderLines')
            .select('id')
            .where('orderId', '=', f.o.shipped)
            .executeTakeFirstOrThrow()
        ).id,
        type: 'refund_only',
        reason: 'not_received',
        quantity: 1,
      },
      { 'idempotency-key': `order-desk-open-${process.pid}-${++seq}` },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const tab = await desk(f.owner, '?view=aftersales');
    expect(ids(tab.body)).toEqual([f.o.shipped]);
    expect(tab.body.items[0].openAftersales).toBe(1);
  });

  it('refuses bad filters naming the field, and another shop sees nothing', async () => {
    const bad = await desk(f.owner, '?q=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([
      { field: 'q', reason: expect.stringContaining('order number') },
    ]);
    const backwards = await desk(
      f.owner,
      `?from=${encodeURIComponent(f.dayTwo.toISOString())}&to=${encodeURIComponent(f.dayOne.toISOString())}`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.fields[0].field).toBe('to');
    const other = await buildShop(ctx);
    expect((await desk(other.owner)).status).toBe(404);
    const detail = await api(ctx.app, other.owner.token).get(
      `/api/v1/shops/${other.shopId}/order-desk/${f.o.first}`,
    );
    expect(detail.status).toBe(404);
    expect((await desk(f.zhang)).status).toBe(403);
  });
});

describe('order desk: one order in full', () => {
  it('has lines with refunds, payment, refunds, timeline and the buyer with a masked phone', async () => {
    const res = await api(ctx.app, f.staff.token).get(`/api/v1/shops/${f.shopId}/order-desk/${f.o.split}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.buyer).toEqual({ id: f.zhang.id, displayName: '张三丰', phone: '138****1234' });
    expect(JSON.stringify(res.body)).not.toContain('13812341234');
    // waiting to be shipped: the receiver in full, for the waybill
    expect(res.body.receiver).toEqual({ ...RECEIVER, phone: '13900001111', phoneMasked: false });
    expect(res.body.amounts).toEqual({
      itemsFen: 2 * 9_900 + 2_500,
      shippingFen: 0,
      shopDiscountFen: 0,
      platformDiscountFen: 0,
      totalFen: 2 * 9_900 + 2_500,
    });
    expect(res.body.lines[0]).toMatchObject({ lineFen: 2 * 9_900, paidFen: 2 * 9_900, flashSaleId: null });
    expect(res.body.lines.map((l: any) => [l.title, l.quantity, l.refundedQuantity, l.refundedFen])).toEqual([
      ['明前龙井', 2, 0, 0],
      ['青瓷茶杯', 1, 1, 2_500],
    ]);
    expect(res.body.payment).toMatchObject({ state: 'succeeded', amountFen: 2 * 9_900 + 2_500 });
    expect(res.body.refunds).toEqual([expect.objectContaining({ amountFen: 2_500 })]);
    expect(res.body.aftersales).toEqual([
      expect.objectContaining({ type: 'refund_only_unshipped', state: 'refunded', approvedFen: 2_500 }),
    ]);
    expect(res.body.timeline.map((e: any) => e.toState)).toEqual(['pending_payment', 'paid']);
    expect(res.body.shipment).toBeNull();

    const shipped = await api(ctx.app, f.owner.token).get(
      `/api/v1/shops/${f.shopId}/order-desk/${f.o.shipped}`,
    );
    expect(shipped.body.tracking.map((e: any) => e.event)).toEqual(['created']);
    expect(shipped.body.shipment).toMatchObject({ carrier: 'sf', status: 'created' });
    expect(shipped.body.receiver).toEqual({ ...RECEIVER, phone: '139****1111', phoneMasked: true });
    expect(JSON.stringify(shipped.body)).not.toContain('13900001111');
  });
});

describe('order desk: bulk ship from a file', () => {
  it('ships each good row, reports each bad one with its reason, and a re-run ships nothing twice', async () => {
    const a = await checkout(f.li, [
      {
        skuId: (
          await ctx.db
            .selectFrom('skus')
            .select('id')
            .where('productId', '=', f.cupId)
            .executeTakeFirstOrThrow()
        ).id,
        quantity: 1,
      },
    ]);
    const b = await checkout(f.zhang, [
      {
        skuId: (
          await ctx.db
            .selectFrom('skus')
            .select('id')
            .where('productId', '=', f.cupId)
            .executeTakeFirstOrThrow()
        ).id,
        quantity: 1,
      },
    ]);
    const other = await buildShop(ctx);
    const csv = [
      '订单号,快递公司,运单号',
      `${a},顺丰,sf1000000001`,
      `${b},zto,ZT1000000002`,
      `${f.o.refunded},sf,SF1000000003`,
      `${f.o.unpaid},sf,SF1000000004`,
      `${f.o.shipped},sf,SF1000000005`,
      `${a},sf,SF1000000006`,
      '99999999,sf,SF1000000007',
      `${f.o.first},飞鸽,SF1000000008`,
      `${f.o.first},sf,SF1`,
      `${f.o.live},sf,SF0000000001`,
    ].join('\n');
    const post = (user: TestUser, shopId = f.shopId) =>
      api(ctx.app, user.token).post(`/api/v1/shops/${shopId}/order-desk/bulk-shipments`, { csv });
    const res = await post(f.staff);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows.map((r: any) => [r.line, r.outcome, r.reason, r.field])).toEqual([
      [2, 'shipped', null, null],
      [3, 'shipped', null, null],
      [4, 'failed', 'order_refunded', 'order'],
      [5, 'failed', 'order_not_paid', 'order'],
      [6, 'failed', 'shipped_with_other_waybill', 'waybill'],
      [7, 'failed', 'duplicate_in_file', 'order'],
      [8, 'failed', 'order_not_found', 'order'],
      [9, 'failed', 'carrier_unknown', 'carrier'],
      [10, 'failed', 'waybill_invalid', 'waybill'],
      [11, 'failed', 'waybill_taken', 'waybill'],
    ]);
    expect(res.body).toMatchObject({ shipped: 2, alreadyShipped: 0, failed: 8 });
    const shipments = await ctx.db
      .selectFrom('shipments')
      .select(['orderId', 'carrier', 'trackingNumber'])
      .where('orderId', 'in', [a, b, f.o.first, f.o.live, f.o.refunded])
      .orderBy('orderId')
      .execute();
    expect(shipments).toEqual([
      { orderId: a, carrier: 'sf', trackingNumber: 'SF1000000001' },
      { orderId: b, carrier: 'zto', trackingNumber: 'ZT1000000002' },
    ]);

    const again = await post(f.owner);
    expect(again.body).toMatchObject({ shipped: 0, alreadyShipped: 2, failed: 8 });
    expect(
      await ctx.db.selectFrom('shipments').select('id').where('orderId', 'in', [a, b]).execute(),
    ).toHaveLength(2);

    expect((await post(other.owner)).status).toBe(404);
    expect((await post(other.owner, other.shopId)).body.rows[0].reason).toBe('order_not_found');
    const empty = await api(ctx.app, f.owner.token).post(
      `/api/v1/shops/${f.shopId}/order-desk/bulk-shipments`,
      {
        csv: '订单号,快递公司,运单号\n',
      },
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields[0].field).toBe('csv');
  });
});

describe('order desk: export', () => {
  const download = (query: string) =>
    ctx.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${f.shopId}/order-desk/export${query}`,
      headers: { authorization: `Bearer ${f.owner.token}` },
    });

  it('exports the filtered orders as CSV that parses back', async () => {
    const res = await download(`?format=csv&lang=zh&productId=${f.teaId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="orders-\d+-\d+\.csv"$/);
    const records = parse(res.body.replace(/^\uFEFF/, '')) as string[][];
    expect(records[0]!.slice(0, 3)).toEqual(['订单号', '状态', '下单时间（Asia/Shanghai）']);
    const byOrder = new Map(records.slice(1).map((r) => [Number(r[0]), r]));
    expect([...byOrder.keys()]).toEqual([f.o.split, f.o.refunded, f.o.unpaid, f.o.first]);
    const split = byOrder.get(f.o.split)!;
    expect(split[1]).toBe('待发货');
    expect(split[4]).toBe('张三丰');
    expect(records[0]!.slice(5, 8)).toEqual(['收货人', '收货电话', '收货地址']);
    expect(split.slice(5, 8)).toEqual([
      '张三丰',
      '13900001111',
      '浙江省 杭州市 西湖区 文三路 90 号 3 幢 501',
    ]);
    expect(split[9]).toBe('明前龙井 ×2；青瓷茶杯 ×1，已退 1');
    expect(split.slice(10, 13)).toEqual(['223.00', '25.00', '198.00']);
  });

  it('exports as XLSX with the same rows, in English when asked', async () => {
    const res = await download('?format=xlsx&lang=en&view=shipped');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Orders')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1).slice(0, 3)).toEqual(['Order', 'Status', 'Placed (Asia/Shanghai)']);
    const rows = [];
    for (let n = 2; n <= sheet.rowCount; n++) rows.push(values(n));
    expect(rows.map((r) => [r[0], r[1]])).toEqual(expect.arrayContaining([[f.o.shipped, 'Shipped']]));
    const shipped = rows.find((r) => r[0] === f.o.shipped)!;
    // shipped: the receiver's phone masked
    expect(shipped.slice(5, 7)).toEqual(['张三丰', '139****1111']);
    expect(shipped[10]).toBe(25);
    expect(shipped[13]).toBe('SF Express');
    expect(shipped[14]).toBe('SF0000000001');
  });

  it('refuses a bad filter before the download starts', async () => {
    const res = await download('?format=csv&q=abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('q');
  });
});
