import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventCatalog } from '../src/events.ts';
import { aftersalesRig, guaranteedProduct } from '../src/modules/aftersales/aftersales.test-support.ts';
import { settlementRig } from '../src/modules/settlement/settlement.test-support.ts';
import { HOUR } from '../src/platform/clock.ts';
import { buildCategory, buildOps, buildShop, buildUser, type TestUser } from './builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from './harness.ts';

/**
 * The business events of the outbox (migrations 0109–0111, the catalog in server/src/events.ts):
 * real flows through the HTTP API write each event with its type, shop, resource and payload, every
 * payload written validates against its catalog schema, every catalog type is written by some flow,
 * and a refused request writes none.
 */

const V = '/api/v1';
let ctx: TestContext;
const seen = new Set<string>();

// ajv-formats is CommonJS: its plugin is the module's default export (as in platform/http.ts).
const addFormats = ((ajvFormats as unknown as { default?: typeof ajvFormats }).default ??
  ajvFormats) as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const catalog = eventCatalog();
const validators = new Map(catalog.map((d) => [d.type, ajv.compile(d.schema)]));

interface Event {
  id: number;
  eventId: string;
  type: string;
  version: number;
  shopId: number | null;
  resource: string;
  occurredAt: Date;
  data: Record<string, any>;
}

const as = (user: TestUser) => api(ctx.app, user.token);
const key = () => `events-${randomBytes(6).toString('hex')}`;

async function events(where: { resource?: string; after?: number; type?: string } = {}): Promise<Event[]> {
  let query = ctx.db.selectFrom('outboxEvents').selectAll().orderBy('id');
  if (where.resource) query = query.where('resource', '=', where.resource);
  if (where.after !== undefined) query = query.where('id', '>', where.after);
  if (where.type) query = query.where('type', '=', where.type);
  const rows = (await query.execute()) as unknown as Event[];
  for (const row of rows) seen.add(row.type);
  return rows;
}

const lastId = async () =>
  (
    await ctx.db
      .selectFrom('outboxEvents')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst()
  )?.id ?? 0;

const typesOf = (rows: Event[]) => rows.map((e) => e.type);

beforeAll(async () => {
  ctx = await createTestContext();
});

describe('the event catalog', () => {
  it('names each type <resource>.<past tense>, once, with a resource kind, a version and an object schema', () => {
    const types = catalog.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const d of catalog) {
      // past tense: regular (-ed) or one of the irregular participles the catalog uses; the console's
      // test event is the one type that reports no change
      if (d.type !== 'webhook.test') expect(d.type, d.type).toMatch(/^[a-z]+\.([a-z]+ed|paid)$/);
      expect(d.type.split('.')[0], d.type).toMatch(/^[a-z]+$/);
      expect(d.resource, d.type).toMatch(/^[a-z]+$/);
      expect(d.version, d.type).toBeGreaterThanOrEqual(1);
      expect((d.schema as { type?: string }).type, d.type).toBe('object');
      expect(d.summary.length, d.type).toBeGreaterThan(0);
      expect(d.description.length, d.type).toBeGreaterThan(0);
    }
  });
});

describe('orders and payments', () => {
  it('placed, paid (the payment captured), shipped, delivered, completed: one resource, in order', async () => {
    const rig = aftersalesRig(ctx);
    const product = await guaranteedProduct(ctx, { priceFen: 12_300 });
    const order = await rig.deliveredOrder(product);
    expect((await as(order.buyer).post(`${V}/orders/${order.orderId}/confirm-receipt`)).status).toBe(200);

    const rows = await events({ resource: `order:${order.orderId}` });
    expect(typesOf(rows)).toEqual([
      'order.created',
      'payment.captured',
      'order.paid',
      'order.shipped',
      'order.delivered',
      'order.completed',
    ]);
    for (const e of rows) expect(e.shopId).toBe(product.shopId);
    const [created, captured, paid, shipped, delivered, completed] = rows;
    expect(created!.data).toMatchObject({
      orderId: order.orderId,
      groupId: order.groupId,
      state: 'pending_payment',
      itemsFen: 12_300,
      totalFen: order.totalFen,
    });
    expect(captured!.data).toMatchObject({
      orderId: order.orderId,
      amountFen: order.totalFen,
      provider: 'sandbox',
    });
    expect(paid!.data).toMatchObject({ orderId: order.orderId, totalFen: order.totalFen });
    expect(paid!.data.paidAt).toBe(paid!.occurredAt.toISOString());
    const shipment = await ctx.db
      .selectFrom('shipments')
      .selectAll()
      .where('orderId', '=', order.orderId)
      .executeTakeFirstOrThrow();
    expect(shipped!.data).toEqual({
      orderId: order.orderId,
      shipmentId: shipment.id,
      carrier: 'sandbox',
      trackingNumber: shipment.trackingNumber,
      shippedAt: shipment.shippedAt.toISOString(),
    });
    expect(delivered!.data.orderId).toBe(order.orderId);
    // times are the clock's (the manual clock of the test), as the rows record them
    const row = await ctx.db
      .selectFrom('orders')
      .select(['completedAt'])
      .where('id', '=', order.orderId)
      .executeTakeFirstOrThrow();
    expect(completed!.data).toEqual({ orderId: order.orderId, completedAt: row.completedAt!.toISOString() });
    expect(completed!.occurredAt.toISOString()).toBe(row.completedAt!.toISOString());
  });

  it('an unpaid order cancelled by the buyer', async () => {
    const product = await guaranteedProduct(ctx);
    const buyer = await buildUser(ctx, 'buyer');
    const placed = await api(ctx.app, buyer.token).post(
      `${V}/checkout`,
      { items: [{ skuId: product.skuId, quantity: 2 }] },
      { 'idempotency-key': key() },
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId = placed.body.orders[0].id as number;
    expect((await as(buyer).post(`${V}/orders/${orderId}/cancel`)).status).toBe(200);
    const rows = await events({ resource: `order:${orderId}` });
    expect(typesOf(rows)).toEqual(['order.created', 'order.cancelled']);
    expect(rows[1]!.data).toMatchObject({
      orderId,
      previousState: 'pending_payment',
      reason: 'cancelled by the buyer',
    });
    expect(rows[1]!.shopId).toBe(product.shopId);
  });
});

describe('batches and deadlines', () => {
  it('one checkout of two shops: an order each, one payment captured once per order on its shop', async () => {
    const a = await guaranteedProduct(ctx, { priceFen: 1_000 });
    const b = await guaranteedProduct(ctx, { priceFen: 2_000 });
    const buyer = await buildUser(ctx, 'buyer');
    const placed = await as(buyer).post(
      `${V}/checkout`,
      {
        items: [
          { skuId: a.skuId, quantity: 1 },
          { skuId: b.skuId, quantity: 1 },
        ],
        pay: { method: 'sandbox' },
      },
      { 'idempotency-key': key() },
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orders = placed.body.orders as { id: number; shopId: number; totalFen: number }[];
    expect(orders).toHaveLength(2);
    const total = orders.reduce((sum, o) => sum + o.totalFen, 0);
    for (const order of orders) {
      const rows = await events({ resource: `order:${order.id}` });
      expect(typesOf(rows)).toEqual(['order.created', 'payment.captured', 'order.paid']);
      expect(rows.every((e) => e.shopId === order.shopId)).toBe(true);
      expect(rows[1]!.data).toMatchObject({
        orderId: order.id,
        amountFen: order.totalFen,
        paymentAmountFen: total,
      });
    }
    expect(new Set(orders.map((o) => o.shopId))).toEqual(new Set([a.shopId, b.shopId]));
  });

  it('an unpaid order cancelled by its payment deadline', async () => {
    const product = await guaranteedProduct(ctx);
    const buyer = await buildUser(ctx, 'buyer');
    const placed = await as(buyer).post(
      `${V}/checkout`,
      { items: [{ skuId: product.skuId, quantity: 1 }] },
      { 'idempotency-key': key() },
    );
    expect(placed.status).toBe(201);
    const orderId = placed.body.orders[0].id as number;
    ctx.clock.advance(HOUR);
    await ctx.deadlines.runDue();
    const rows = await events({ resource: `order:${orderId}` });
    expect(typesOf(rows)).toEqual(['order.created', 'order.cancelled']);
    expect(rows[1]!.data).toMatchObject({
      previousState: 'pending_payment',
      reason: 'payment not received in time',
    });
  });
});

describe('after-sales', () => {
  it('opened, rejected after a call, resubmitted, approved and refunded; the refund paid out', async () => {
    const rig = aftersalesRig(ctx);
    const product = await guaranteedProduct(ctx, { priceFen: 8_800 });
    const order = await rig.deliveredOrder(product);
    const body = {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'not_as_described',
      quantity: 1,
    };
    const first = await rig.open(order.buyer, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const call = await rig.act(product.owner, first.body.id, 'communications', {
      channel: 'phone',
      summary: '电话沟通：买家误解了颜色说明',
    });
    expect(call.status).toBe(201);
    const rejected = await rig.act(product.owner, first.body.id, 'reject', {
      communicationId: call.body.id,
      reason: '颜色与描述一致',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const second = await rig.open(order.buyer, body);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const approved = await rig.act(product.owner, second.body.id, 'approve');
    expect(approved.body.state).toBe('refunded');
    await rig.runDue();

    const firstEvents = await events({ resource: `aftersales:${first.body.id}` });
    expect(typesOf(firstEvents)).toEqual(['aftersales.opened', 'aftersales.decided']);
    expect(firstEvents[0]!.data).toMatchObject({
      requestId: first.body.id,
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'not_as_described',
      requestedFen: 8_800,
      attempt: 1,
    });
    expect(firstEvents[1]!.data).toMatchObject({ decision: 'rejected', previousState: 'pending_merchant' });

    const secondEvents = await events({ resource: `aftersales:${second.body.id}` });
    expect(typesOf(secondEvents)).toEqual(['aftersales.opened', 'aftersales.decided', 'aftersales.refunded']);
    expect(secondEvents[1]!.data).toMatchObject({
      decision: 'approved',
      state: 'refunded',
      approvedFen: 8_800,
    });
    expect(secondEvents[2]!.data).toMatchObject({ requestId: second.body.id, refundFen: 8_800 });
    for (const e of [...firstEvents, ...secondEvents]) expect(e.shopId).toBe(product.shopId);

    const refunded = await events({ resource: `order:${order.orderId}`, type: 'payment.refunded' });
    expect(refunded).toHaveLength(1);
    expect(refunded[0]!.shopId).toBe(product.shopId);
    expect(refunded[0]!.data).toMatchObject({
      orderId: order.orderId,
      orderLineId: order.lineId,
      amountFen: 8_800,
      causeType: 'aftersales_request',
      causeId: second.body.id,
    });
  });

  it('arbitration decided by ops, on the request’s resource', async () => {
    const rig = aftersalesRig(ctx);
    const product = await guaranteedProduct(ctx, {
      priceFen: 15_000,
      guarantees: ['fake_pays_n', 'authenticity'],
    });
    const order = await rig.deliveredOrder(product);
    const opened = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'counterfeit',
      quantity: 1,
      evidence: { text: '防伪码查询无效' },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const arbiter = await buildOps(ctx, ['arbiter']);
    const decided = await rig.as(arbiter).post(`${V}/ops/arbitrations/${opened.body.id}/decision`, {
      outcome: 'partial',
      amountFen: 5_000,
      reason: '部分支持',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const rows = await events({ resource: `aftersales:${opened.body.id}` });
    expect(typesOf(rows)).toEqual(['aftersales.opened', 'arbitration.decided', 'aftersales.refunded']);
    expect(rows[1]!.shopId).toBe(product.shopId);
    expect(rows[1]!.data).toMatchObject({
      requestId: opened.body.id,
      orderId: order.orderId,
      outcome: 'partial',
      awardedFen: 5_000,
      counterfeit: false,
    });
    expect(rows[2]!.data.refundFen).toBe(5_000);
  });
});

describe('settlement', () => {
  it('settlement paid after the window, a withdrawal paid out, the deposit paid in and withdrawn', async () => {
    const rig = settlementRig(ctx);
    const { id: categoryId } = await buildCategory(ctx, { depositFen: 100_000 });
    const shop = await buildShop(ctx, { categoryId });
    const mark = await lastId();
    const paid = await rig.payDeposit(shop.owner, shop.shopId, 300_000);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const order = await rig.completedOrder(shop);
    await rig.passWindow();
    const settlement = await ctx.db
      .selectFrom('settlements')
      .selectAll()
      .where('orderId', '=', order.orderId)
      .executeTakeFirstOrThrow();
    expect(settlement.state).toBe('settled');
    const withdrawn = await rig.withdraw(shop.owner, shop.shopId, 1_000);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(201);
    const fromDeposit = await rig.withdrawDeposit(shop.owner, shop.shopId, 50_000);
    expect(fromDeposit.status, JSON.stringify(fromDeposit.body)).toBe(201);

    const settled = await events({ resource: `settlement:${settlement.id}` });
    expect(typesOf(settled)).toEqual(['settlement.paid']);
    expect(settled[0]!.shopId).toBe(shop.shopId);
    expect(settled[0]!.data).toEqual({
      settlementId: settlement.id,
      orderId: order.orderId,
      paidFen: settlement.paidFen,
      refundedFen: settlement.refundedFen,
      platformCommissionFen: settlement.platformCommissionFen,
      creatorCommissionFen: settlement.creatorCommissionFen,
      depositWithheldFen: settlement.depositWithheldFen,
      subsidyFen: settlement.subsidyFen,
      merchantFen: settlement.merchantFen,
      settledAt: settlement.settledAt!.toISOString(),
    });

    const withdrawals = await events({ after: mark, type: 'withdrawal.paid' });
    expect(withdrawals.map((e) => [e.resource, e.shopId, e.data.source, e.data.amountFen])).toEqual([
      [`withdrawal:${withdrawn.body.id}`, shop.shopId, 'merchant_available', 1_000],
      [`withdrawal:${fromDeposit.body.id}`, shop.shopId, 'merchant_deposit', 50_000],
    ]);

    const deposit = await events({ resource: `deposit:${shop.shopId}` });
    expect(deposit.map((e) => [e.data.reason, e.data.changeFen, e.data.depositFen])).toEqual([
      ['deposit_payment', 300_000, 300_000],
      ['withdrawal', -50_000, 250_000],
    ]);
    expect(deposit.every((e) => e.shopId === shop.shopId && e.data.shopId === shop.shopId)).toBe(true);
  });
});

describe('catalog', () => {
  it('a product listed after review, one rejected, one blocked', async () => {
    const shop = await buildShop(ctx);
    const reviewer = await buildOps(ctx, ['reviewer']);
    const draft = async (title: string) => {
      const res = await as(shop.owner).post(`${V}/shops/${shop.shopId}/products`, {
        title,
        categoryId: shop.categoryId,
        skus: [{ code: 'A', priceFen: 3_900, stock: 10 }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const submitted = await as(shop.owner).post(`${V}/shops/${shop.shopId}/products/${res.body.id}/submit`);
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      return { id: res.body.id as number, state: submitted.body.state as string };
    };
    const a = await draft('手工陶瓷杯');
    if (a.state === 'in_review')
      expect((await as(reviewer).post(`${V}/ops/products/${a.id}/approve`)).status).toBe(200);
    const b = await draft('手工陶瓷碗');
    if (b.state === 'listed') {
      // the listing checkpoint passed it at once: a content edit sends it back to review
      const edited = await as(shop.owner).patch(`${V}/shops/${shop.shopId}/products/${b.id}`, {
        title: '手工陶瓷大碗',
      });
      expect(edited.body.state).toBe('in_review');
    }
    expect((await as(reviewer).post(`${V}/ops/products/${b.id}/reject`, { reason: '主图模糊' })).status).toBe(
      200,
    );
    const blocked = await as(await buildOps(ctx, ['super_admin'])).post(`${V}/ops/products/${a.id}/block`, {
      reason: '假冒商品',
    });
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(200);

    const ofA = await events({ resource: `product:${a.id}` });
    expect(typesOf(ofA)).toEqual(['product.listed', 'product.blocked']);
    expect(ofA[0]!.data).toMatchObject({
      productId: a.id,
      categoryId: shop.categoryId,
      title: '手工陶瓷杯',
      previousState: 'in_review',
    });
    expect(ofA[1]!.data).toMatchObject({ previousState: 'listed', reason: '假冒商品' });
    const ofB = await events({ resource: `product:${b.id}` });
    expect(typesOf(ofB).at(-1)).toBe('product.rejected');
    expect(ofB.at(-1)!.data).toMatchObject({
      productId: b.id,
      previousState: 'in_review',
      reason: '主图模糊',
    });
    for (const e of [...ofA, ...ofB]) expect(e.shopId).toBe(shop.shopId);
  });
});

describe('governance', () => {
  it('a violation recorded, appealed, and reversed by the upheld appeal', async () => {
    const { id: categoryId } = await buildCategory(ctx, { depositFen: 500_000 });
    const shop = await buildShop(ctx, { categoryId });
    const paid = await as(shop.owner).post(
      `${V}/shops/${shop.shopId}/deposit/payments`,
      { amountFen: 1_000_000 },
      { 'idempotency-key': key() },
    );
    expect(paid.status).toBe(201);
    const reviewer = await buildOps(ctx, ['reviewer']);
    const arbiter = await buildOps(ctx, ['arbiter']);
    const recorded = await as(reviewer).post(`${V}/ops/violations`, {
      shopId: shop.shopId,
      code: 'off_platform_trade',
      subject: { type: 'shop', id: null },
      evidence: { text: '证据 evidence' },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const v = recorded.body.id as number;
    const appeal = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v}/appeals`, {
      text: '聊天记录显示是买家主动发的联系方式',
    });
    expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
    const decided = await as(arbiter).post(`${V}/ops/appeals/${appeal.body.id}/decision`, {
      decision: 'uphold',
      reason: '证据成立',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);

    const rows = await events({ resource: `violation:${v}` });
    expect(typesOf(rows)).toEqual(['violation.created', 'violation.appealed', 'violation.reversed']);
    for (const e of rows) expect(e.shopId).toBe(shop.shopId);
    expect(rows[0]!.data).toMatchObject({
      violationId: v,
      code: 'off_platform_trade',
      subjectType: 'shop',
      subjectId: null,
      source: 'ops',
    });
    expect(rows[1]!.data).toMatchObject({ violationId: v, appealId: appeal.body.id, attempt: 1 });
    expect(rows[2]!.data).toMatchObject({ violationId: v, previousState: rows[0]!.data.state });
    // the fine came out of the deposit and went back in: both are deposit changes
    const deposit = await events({ resource: `deposit:${shop.shopId}` });
    expect(deposit.length).toBeGreaterThanOrEqual(3);
    const fine = deposit.find((e) => e.data.changeFen < 0)!;
    expect(deposit.at(-1)!.data.changeFen).toBe(-fine.data.changeFen);
    expect(deposit.at(-1)!.data.depositFen).toBe(1_000_000);
  });
});

describe('live', () => {
  it('a shop session started and ended; another stopped by ops', async () => {
    const shop = await buildShop(ctx);
    const admin = await buildOps(ctx, ['super_admin']);
    const schedule = async () => {
      const res = await as(shop.owner).post(`${V}/live/sessions`, {
        title: '新品首发',
        scheduledAt: new Date(ctx.clock.now().getTime() + HOUR).toISOString(),
        shopId: shop.shopId,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect((await as(shop.owner).post(`${V}/live/sessions/${res.body.id}/start`)).status).toBe(200);
      return res.body.id as number;
    };
    const first = await schedule();
    expect((await as(shop.owner).post(`${V}/live/sessions/${first}/end`)).status).toBe(200);
    const second = await schedule();
    const stopped = await as(admin).post(`${V}/ops/live/sessions/${second}/terminate`, {
      reason: '违规内容',
    });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);

    const ofFirst = await events({ resource: `live:${first}` });
    expect(typesOf(ofFirst)).toEqual(['live.started', 'live.ended']);
    expect(ofFirst[0]!.data).toMatchObject({
      sessionId: first,
      hostUserId: shop.owner.id,
      title: '新品首发',
    });
    const ofSecond = await events({ resource: `live:${second}` });
    expect(typesOf(ofSecond)).toEqual(['live.started', 'live.stopped']);
    expect(ofSecond[1]!.data).toMatchObject({ sessionId: second, reason: '违规内容' });
    for (const e of [...ofFirst, ...ofSecond]) expect(e.shopId).toBe(shop.shopId);
  });
});

describe('promotions', () => {
  it('a coupon claimed, without naming the buyer', async () => {
    const shop = await buildShop(ctx);
    const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms).toISOString();
    const created = await as(shop.owner).post(`${V}/shops/${shop.shopId}/coupons`, {
      title: '满199减20',
      kind: 'threshold',
      thresholdFen: 19_900,
      discountFen: 2_000,
      claimStartsAt: at(0),
      claimEndsAt: at(7 * 24 * HOUR),
      validDays: 7,
      perBuyerLimit: 1,
      issueCap: 100,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const buyer = await buildUser(ctx, 'buyer');
    const claimed = await as(buyer).post(
      `${V}/coupons/${created.body.id}/claim`,
      {},
      { 'idempotency-key': key() },
    );
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
    const rows = await events({ resource: `coupon:${created.body.id}` });
    expect(typesOf(rows)).toEqual(['coupon.claimed']);
    expect(rows[0]!.shopId).toBe(shop.shopId);
    expect(rows[0]!.data).toMatchObject({ couponId: created.body.id, claimNo: 1, liveSessionId: null });
    expect(Object.keys(rows[0]!.data)).not.toContain('buyerId');
  });
});

describe('refused requests', () => {
  it('write no event (nothing at all): a second shipment, a listing without its licence, an overdraft', async () => {
    const rig = aftersalesRig(ctx);
    const product = await guaranteedProduct(ctx);
    const order = await rig.paidOrder(product);
    await rig.ship(product.owner, product.shopId, order.orderId);
    const food = await buildCategory(ctx, { regulatedType: 'food', defaultGuarantees: [] });
    const draft = await as(product.owner).post(`${V}/shops/${product.shopId}/products`, {
      title: '婴儿奶粉',
      categoryId: food.id,
      skus: [{ code: 'A', priceFen: 3_900, stock: 10 }],
    });
    expect(draft.status).toBe(201);

    const before = await tableCounts(ctx.db);
    const again = await as(product.owner).post(
      `${V}/shops/${product.shopId}/orders/${order.orderId}/shipment`,
      {
        carrier: 'sandbox',
        trackingNumber: 'SB0000000001',
      },
    );
    expect(again.status).toBe(409);
    const unlicensed = await as(product.owner).post(
      `${V}/shops/${product.shopId}/products/${draft.body.id}/submit`,
    );
    expect(unlicensed.status).toBe(400);
    const overdraft = await settlementRig(ctx).withdraw(product.owner, product.shopId, 1_000_000_00);
    expect(overdraft.status).toBeGreaterThanOrEqual(400);
    // (a refused idempotent request keeps its key and answer: the one table a refusal writes)
    const { idempotency_keys: _keys, ...after } = await tableCounts(ctx.db);
    const { idempotency_keys: _before, ...expected } = before;
    expect(after).toEqual(expected);
    expect(before.outbox_events).toBeGreaterThan(0);
  });
});

describe('coverage', () => {
  // Types no flow of this file writes, each with the reason.
  const notReachable: Record<string, string> = {
    'webhook.test':
      "written by the webhooks module's send-test route for one endpoint, not by a business change (its own tests drive it)",
  };

  it('every catalog type was written by a flow above (this runs last)', async () => {
    await events();
    const missing = catalog.map((d) => d.type).filter((t) => !seen.has(t) && !(t in notReachable));
    expect(missing).toEqual([]);
  });

  it('every event the flows above wrote: a catalog type, its schema, a resource of its kind, no personal data', async () => {
    const all = (await ctx.db.selectFrom('outboxEvents').selectAll().execute()) as unknown as Event[];
    const problems: string[] = [];
    for (const e of all) {
      const definition = catalog.find((d) => d.type === e.type);
      if (!definition) {
        problems.push(`${e.id}: ${e.type} is not in the catalog`);
        continue;
      }
      const validate = validators.get(e.type)!;
      if (!validate(e.data)) problems.push(`${e.id} ${e.type}: ${ajv.errorsText(validate.errors)}`);
      if (!new RegExp(`^${definition.resource}:[1-9][0-9]*$`).test(e.resource))
        problems.push(`${e.id} ${e.type}: resource ${e.resource}`);
      if (e.version !== definition.version) problems.push(`${e.id} ${e.type}: version ${e.version}`);
      if (!/^evt_[0-9a-f]{32}$/.test(e.eventId)) problems.push(`${e.id}: event id ${e.eventId}`);
      const text = JSON.stringify(e.data);
      for (const personal of ['张三', '13812341234', '文三路', 'recipient', 'phone', 'address'])
        if (text.includes(personal)) problems.push(`${e.id} ${e.type}: carries ${personal}`);
    }
    expect(problems).toEqual([]);
  });

  it('docs/webhooks.md describes every business type', () => {
    const doc = readFileSync(new URL('../../docs/webhooks.md', import.meta.url), 'utf8');
    const undocumented = catalog
      .map((d) => d.type)
      .filter((t) => t !== 'webhook.test' && !doc.includes(`#### \`${t}\``));
    expect(undocumented).toEqual([]);
  });
});
