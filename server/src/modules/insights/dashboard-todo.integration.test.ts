import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildOps, buildStaff } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { aftersalesRig, guaranteedProduct } from '../aftersales/aftersales.test-support.ts';
import { openConversationAs } from '../chat/chat.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let shop: Awaited<ReturnType<typeof guaranteedProduct>>;
const seen = { firstToShip: 0, requestDeadline: '', fixBy: '' };
const V = '/api/v1';

// A shop whose category asks a ¥500 deposit it has not paid. Previous week (12 Nov): one order,
// delivered, now returned as damaged (waiting for the merchant). This week (22 Nov, Shanghai): two
// orders to ship and one refunded at once before shipping (极速退款: nothing left to ship). Today
// (23 Nov) ops warn the shop about one product: 72 h to fix it.
beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
  shop = await guaranteedProduct(ctx, { priceFen: 9_900, category: { depositFen: 50_000 } });

  ctx.clock.set('2026-11-12T02:00:00Z');
  const delivered = await rig.deliveredOrder(shop);

  ctx.clock.set('2026-11-22T02:00:00Z');
  seen.firstToShip = (await rig.paidOrder(shop)).orderId;
  ctx.clock.set('2026-11-22T03:00:00Z');
  await rig.paidOrder(shop);
  const refunded = await rig.paidOrder(shop);
  const instant = await rig.open(refunded.buyer, {
    orderId: refunded.orderId,
    orderLineId: refunded.lineId,
    type: 'refund_only_unshipped',
    reason: 'not_shipped_yet',
    quantity: 1,
  });
  expect(instant.body.state, JSON.stringify(instant.body)).toBe('refunded');
  await rig.runDue();

  ctx.clock.set('2026-11-23T08:00:00Z');
  const returned = await rig.open(delivered.buyer, {
    orderId: delivered.orderId,
    orderLineId: delivered.lineId,
    type: 'return_refund',
    reason: 'damaged',
    quantity: 1,
  });
  expect(returned.body.state, JSON.stringify(returned.body)).toBe('pending_merchant');
  seen.requestDeadline = returned.body.deadlineAt;

  const reviewer = await buildOps(ctx, ['reviewer']);
  const warned = await api(ctx.app, reviewer.token).post(`${V}/ops/violations`, {
    shopId: shop.shopId,
    code: 'false_advertising',
    subject: { type: 'product', id: shop.productId },
    evidence: { text: '夸大功效 exaggerated claims' },
  });
  expect(warned.body.state, JSON.stringify(warned.body)).toBe('warned');
  seen.fixBy = warned.body.fixBy;
});

const dashboard = async (token = shop.owner.token) => {
  const res = await api(ctx.app, token).get(`${V}/shops/${shop.shopId}/dashboard?days=7`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('merchant home: what waits for the shop (GET /shops/:id/dashboard → todo)', () => {
  it('counts orders to ship, requests waiting, warnings to fix and the deposit owed, each with its soonest deadline', async () => {
    const { todo } = await dashboard();
    const toShip = await rig.as(shop.owner).get(`${V}/shops/${shop.shopId}/orders-to-ship`);
    // The refunded order is not to ship; the two left are, the first one paid the most urgent.
    expect(toShip.body.total).toBe(2);
    expect(toShip.body.items[0].orderId).toBe(seen.firstToShip);
    expect(todo).toEqual({
      // paid at 02:00 and 03:00 UTC yesterday: ship-by 48 h later, more than 12 h away
      toShip: { count: 2, dueSoon: 0, soonestShipByAt: toShip.body.items[0].shipByAt },
      aftersales: { count: 1, soonestDeadlineAt: seen.requestDeadline },
      violations: { count: 1, soonestFixBy: seen.fixBy },
      deposit: { shortfallFen: 50_000, topUpDueAt: null },
      chat: { waiting: 0, longestWaitingSince: null },
    });
    // Each count is what its list shows.
    const waiting = await rig
      .as(shop.owner)
      .get(`${V}/shops/${shop.shopId}/aftersales?awaitingMerchant=true`);
    expect(waiting.body.total).toBe(todo.aftersales.count);
    const warned = await rig.as(shop.owner).get(`${V}/shops/${shop.shopId}/violations?state=warned`);
    expect(warned.body.total).toBe(todo.violations.count);
  });

  it('counts the orders about to be late: 12 h before their ship-by promise, and once broken', async () => {
    const shipBy = new Date((await dashboard()).todo.toShip.soonestShipByAt).getTime();
    ctx.clock.set(new Date(shipBy - 12 * 3_600_000 - 60_000));
    expect((await dashboard()).todo.toShip.dueSoon).toBe(0);
    ctx.clock.set(new Date(shipBy - 12 * 3_600_000));
    expect((await dashboard()).todo.toShip.dueSoon).toBe(1);
    ctx.clock.set(new Date(shipBy + 3 * 3_600_000));
    expect((await dashboard()).todo.toShip).toMatchObject({ count: 2, dueSoon: 2 });
    ctx.clock.set('2026-11-23T08:00:00Z');
  });

  it('drops what is done: a shipped order, a decided request, a fixed warning, a paid deposit', async () => {
    await rig.ship(shop.owner, shop.shopId, seen.firstToShip);
    const waiting = await rig
      .as(shop.owner)
      .get(`${V}/shops/${shop.shopId}/aftersales?awaitingMerchant=true`);
    const approved = await rig.act(shop.owner, waiting.body.items[0].id, 'approve');
    expect(approved.body.state, JSON.stringify(approved.body)).toBe('awaiting_return');
    const warned = await rig.as(shop.owner).get(`${V}/shops/${shop.shopId}/violations?state=warned`);
    const fixed = await rig
      .as(shop.owner)
      .post(`${V}/shops/${shop.shopId}/violations/${warned.body.items[0].id}/fix`);
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    const paid = await rig
      .as(shop.owner)
      .post(
        `${V}/shops/${shop.shopId}/deposit/payments`,
        { amountFen: 50_000 },
        { 'idempotency-key': `todo-deposit-${shop.shopId}` },
      );
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);

    const { todo } = await dashboard();
    expect(todo.toShip.count).toBe(1);
    expect(todo.toShip.soonestShipByAt).not.toBe(null);
    expect(todo.aftersales).toEqual({ count: 0, soonestDeadlineAt: null });
    expect(todo.violations).toEqual({ count: 0, soonestFixBy: null });
    expect(todo.deposit).toEqual({ shortfallFen: 0, topUpDueAt: null });
  });

  it('compares the week with the week before; staff see the same', async () => {
    const body = await dashboard((await buildStaff(ctx, shop.shopId)).token);
    expect(body.totals).toMatchObject({ gmvFen: 29_700, paidOrders: 3, refundFen: 9_900 });
    expect(body.previous).toMatchObject({
      from: '2026-11-10',
      to: '2026-11-16',
      totals: { gmvFen: 9_900, paidOrders: 1, refundFen: 0 },
      // Three times the week before: +200%; no refunds then, nothing to compare with.
      changeBp: { gmvFen: 20_000, paidOrders: 20_000, refundFen: null },
    });
  });

  it('counts the buyers waiting for a person in the workstation, as its 待接入 shows', async () => {
    const buyer = await buildBuyer(ctx);
    const conversation = await openConversationAs(ctx, buyer.token, shop.shopId);
    const asked = await api(ctx.app, buyer.token).post(`${V}/chat/conversations/${conversation}/human`);
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    // Nobody of the shop is online: the buyer waits.
    const { todo } = await dashboard();
    expect(todo.chat).toEqual({ waiting: 1, longestWaitingSince: ctx.clock.now().toISOString() });
    const inbox = await api(ctx.app, shop.owner.token).get(
      `${V}/shops/${shop.shopId}/chat/inbox?status=waiting`,
    );
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    const items = Array.isArray(inbox.body) ? inbox.body : inbox.body.items;
    expect(items).toHaveLength(todo.chat.waiting);
  });
});
