import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';
import { aftersalesRig, guaranteedProduct } from './aftersales.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let shop: Awaited<ReturnType<typeof guaranteedProduct>>;
const ids = { open: [] as number[], closed: 0, awaitingBuyer: 0 };

const unshippedRefund = (order: { orderId: number; lineId: number }) => ({
  orderId: order.orderId,
  orderLineId: order.lineId,
  type: 'refund_only_unshipped',
  reason: 'not_shipped_yet',
  quantity: 1,
});

// One shop, four requests: two open ones waiting for the merchant (¥300 and more is not refunded at
// once), an hour apart; one closed at once by 极速退款 (below ¥300); one approved return waiting for the
// buyer to ship it back (open, its deadline a week away, not the merchant's to act on).
beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
  shop = await guaranteedProduct(ctx, { priceFen: 30_000 });
  const cheap = await guaranteedProduct(ctx, { priceFen: 12_000, shop });
  for (const _ of [1, 2]) {
    const order = await rig.paidOrder(shop);
    const res = await rig.open(order.buyer, unshippedRefund(order));
    expect(res.body.state, JSON.stringify(res.body)).toBe('pending_merchant');
    ids.open.push(res.body.id);
    ctx.clock.advance(HOUR);
  }
  const order = await rig.paidOrder(cheap);
  const res = await rig.open(order.buyer, unshippedRefund(order));
  expect(res.body.state, JSON.stringify(res.body)).toBe('refunded');
  ids.closed = res.body.id;
  const delivered = await rig.deliveredOrder(shop);
  const ret = await rig.open(delivered.buyer, {
    orderId: delivered.orderId,
    orderLineId: delivered.lineId,
    type: 'return_refund',
    reason: 'damaged',
    quantity: 1,
  });
  expect(ret.status, JSON.stringify(ret.body)).toBe(201);
  const approved = await rig.act(shop.owner, ret.body.id, 'approve');
  expect(approved.body.state, JSON.stringify(approved.body)).toBe('awaiting_return');
  ids.awaitingBuyer = ret.body.id;
});

const inbox = async (query: string) => {
  const res = await rig.as(shop.owner).get(`/api/v1/shops/${shop.shopId}/aftersales?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: { id: number; state: string }[]; total: number };
};

describe('the merchant’s after-sales inbox (GET /shops/:id/aftersales)', () => {
  it('lists the open requests, most urgent deadline first', async () => {
    const page = await inbox('');
    expect(page.items.map((r) => r.id)).toEqual([...ids.open, ids.awaitingBuyer]);
    expect(page.total).toBe(3);
  });

  it('with includeClosed adds the closed requests to the open ones, open first (defect 2)', async () => {
    const page = await inbox('includeClosed=true');
    expect(page.items.map((r) => r.id)).toEqual([...ids.open, ids.awaitingBuyer, ids.closed]);
    expect(page.total).toBe(4);
    const second = await inbox('includeClosed=true&limit=1&offset=3');
    expect(second.items.map((r) => r.id)).toEqual([ids.closed]);
  });

  it('with awaitingMerchant lists only what waits for the merchant', async () => {
    const page = await inbox('awaitingMerchant=true');
    expect(page.items.map((r) => r.id)).toEqual(ids.open);
    expect(page.total).toBe(2);
  });
});
