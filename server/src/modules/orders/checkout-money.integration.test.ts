import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { MINUTE } from '../../platform/clock.ts';
import { applyBasisPoints } from '../../platform/money.ts';
import { accounts, balanceOf, checkLedger } from '../ledger/index.ts';
import { moneyRig } from './checkout-money.test-support.ts';

const V = '/api/v1';
let ctx: TestContext;
let rig: ReturnType<typeof moneyRig>;
beforeAll(async () => {
  ctx = await createTestContext();
  rig = moneyRig(ctx);
});

const expectLedgerBalanced = async () => {
  const report = await checkLedger(ctx.db);
  expect(report, JSON.stringify(report)).toMatchObject({ ok: true });
};

/**
 * A shop with its template, a cart of two SKUs (¥60 + ¥40), a 满100减20 shop coupon and a ¥5 platform
 * coupon: items 10,000, shipping 800 + 200 = 1,000, shop discount 2,000 spread 1,200 / 800, platform 500
 * spread 300 / 200 over what the shop discount left, paid 4,500 / 3,000, total 8,500.
 */
async function discountedCart() {
  const shop = await rig.shopWithTemplate();
  const product = await rig.product(shop.shopId, [6_000, 4_000]);
  const buyer = await rig.buyer();
  const shopCoupon = await rig.giveCoupon(buyer, shop.owner.id, {
    shopId: shop.shopId,
    thresholdFen: 10_000,
    discountFen: 2_000,
  });
  const platformCoupon = await rig.giveCoupon(buyer, shop.owner.id, {
    shopId: null,
    kind: 'no_threshold',
    discountFen: 500,
  });
  const body = {
    items: [
      { skuId: product.skuIds[0], quantity: 1 },
      { skuId: product.skuIds[1], quantity: 1 },
    ],
  };
  return { shop, product, buyer, shopCoupon, platformCoupon, body };
}

async function shipAndComplete(shop: { shopId: number; owner: TestUser }, buyer: TestUser, orderId: number) {
  const shipped = await rig.as(shop.owner).post(`${V}/shops/${shop.shopId}/orders/${orderId}/shipment`, {
    carrier: 'sandbox',
    trackingNumber: `MN${randomBytes(6).toString('hex').toUpperCase()}`,
  });
  expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);
  expect((await rig.as(buyer).post(`${V}/orders/${orderId}/confirm-receipt`)).status).toBe(200);
}

describe('checkout with an address, shipping, coupons and flash prices', () => {
  it('quotes and charges items + shipping − discounts; settlement pays commissions on paid and the platform subsidy', async () => {
    const { shop, buyer, shopCoupon, platformCoupon, body } = await discountedCart();
    const quote = await rig.quote(buyer, body);
    expect(quote.status, JSON.stringify(quote.body)).toBe(200);
    expect(quote.body).toMatchObject({
      itemsFen: 10_000,
      shippingFen: 1_000,
      discountFen: 2_500,
      payableFen: 8_500,
    });
    expect(quote.body.address).toMatchObject({ phone: '138****1234', regionCode: '330106' });
    expect(quote.body.orders[0]).toMatchObject({
      shopCoupon: { buyerCouponId: shopCoupon, discountFen: 2_000 },
      platformCoupon: { buyerCouponId: platformCoupon, discountFen: 500 },
      shipping: { free: false, remote: false },
      undeliverable: null,
    });
    expect(quote.body.coupons.every((c: { usable: boolean }) => c.usable)).toBe(true);
    expect(await rig.couponState(shopCoupon)).toBe('available'); // a quote writes nothing

    const res = await rig.checkout(buyer, { ...body, pay: { method: 'sandbox' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.payment.state).toBe('succeeded');
    const order = res.body.orders[0];
    expect(order).toMatchObject({
      itemsFen: 10_000,
      shippingFen: 1_000,
      shopDiscountFen: 2_000,
      platformDiscountFen: 500,
      totalFen: 8_500,
    });
    expect(order.lines.map((l: { paidFen: number }) => l.paidFen)).toEqual([4_500, 3_000]);
    expect(order.lines).toEqual(quote.body.orders[0].lines);
    expect(await rig.couponState(shopCoupon)).toBe('used');
    expect(await rig.couponState(platformCoupon)).toBe('used');
    expect(await balanceOf(ctx.db, accounts.escrow)).toBeGreaterThanOrEqual(8_500);

    const detail = await rig.as(buyer).get(`${V}/orders/${order.id}`);
    expect(detail.body.address).toMatchObject({ recipient: '张三', phone: '13812341234' });
    expect(detail.body.lines.map((l: { paidFen: number }) => l.paidFen)).toEqual([4_500, 3_000]);
    const merchantView = await rig.as(shop.owner).get(`${V}/shops/${shop.shopId}/orders/${order.id}`);
    expect(merchantView.body.address.phone).toBe('138****1234');

    await shipAndComplete(shop, buyer, order.id);
    const subsidyBefore = await balanceOf(ctx.db, accounts.platformSubsidy);
    ctx.clock.advance(ctx.settings.settlementDelayMs + MINUTE);
    await ctx.deadlines.runDue();
    const settlement = await ctx.db
      .selectFrom('settlements')
      .selectAll()
      .where('orderId', '=', order.id)
      .executeTakeFirstOrThrow();
    const lines = await ctx.db
      .selectFrom('orderLines')
      .select(['paidFen', 'platformCommissionBp'])
      .where('orderId', '=', order.id)
      .execute();
    const commission = lines.reduce((n, l) => n + applyBasisPoints(l.paidFen, l.platformCommissionBp), 0);
    expect(settlement).toMatchObject({ state: 'settled', paidFen: 8_500, refundedFen: 0, subsidyFen: 500 });
    expect(settlement.platformCommissionFen).toBe(commission);
    expect(settlement.merchantFen + settlement.depositWithheldFen).toBe(8_500 - commission + 500);
    expect(await balanceOf(ctx.db, accounts.platformSubsidy)).toBe(subsidyBefore - 500);
    await expectLedgerBalanced();
  });

  it("a refund of one line of a discounted order returns exactly that line's paid share; the last line brings the shipping and the coupons back", async () => {
    const { buyer, shopCoupon, platformCoupon, body } = await discountedCart();
    const res = await rig.checkout(buyer, { ...body, pay: { method: 'sandbox' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const orderId = res.body.orders[0].id;
    const lineIds = (
      await ctx.db
        .selectFrom('orderLines')
        .select('id')
        .where('orderId', '=', orderId)
        .orderBy('id')
        .execute()
    ).map((l) => l.id);
    const open = (orderLineId: number) =>
      rig
        .as(buyer)
        .post(
          `${V}/aftersales/requests`,
          { orderId, orderLineId, type: 'refund_only_unshipped', reason: 'ordered_wrong', quantity: 1 },
          { 'idempotency-key': `refund-${orderId}-${orderLineId}` },
        );
    const options = (orderLineId: number) =>
      rig.as(buyer).get(`${V}/aftersales/options?orderId=${orderId}&orderLineId=${orderLineId}`);
    expect((await options(lineIds[0]!)).body.refund.byQuantity).toEqual([{ quantity: 1, amountFen: 4_500 }]);
    const first = await open(lineIds[0]!);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ state: 'refunded', requestedFen: 4_500 });
    await expectLedgerBalanced();
    expect(await rig.couponState(shopCoupon)).toBe('used');

    // the last line of the unshipped order: its paid share and the shipping fee
    expect((await options(lineIds[1]!)).body.refund.byQuantity).toEqual([{ quantity: 1, amountFen: 4_000 }]);
    const second = await open(lineIds[1]!);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({ state: 'refunded', requestedFen: 3_000 + 1_000 });
    const refunds = await ctx.db
      .selectFrom('refunds')
      .select('amountFen')
      .where('orderId', '=', orderId)
      .execute();
    expect(refunds.reduce((n, r) => n + r.amountFen, 0)).toBe(8_500);
    const order = await ctx.db
      .selectFrom('orders')
      .select('state')
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(order.state).toBe('cancelled');
    // 极速退款 of the whole order: the coupons come back (promotions.returnCouponOnInstantRefund, default on)
    expect(await rig.couponState(shopCoupon)).toBe('available');
    expect(await rig.couponState(platformCoupon)).toBe('available');
    await ctx.deadlines.runDue();
    await expectLedgerBalanced();
  });

  it('prices a running flash sale, takes its units, and gives units and coupons back when the order is cancelled unpaid', async () => {
    const shop = await rig.shopWithTemplate();
    const product = await rig.product(shop.shopId, [6_000]);
    const flashSaleId = await rig.flashSale(shop, product, {
      priceFen: 3_000,
      stockCap: 5,
      perBuyerLimit: 2,
    });
    const buyer = await rig.buyer();
    const coupon = await rig.giveCoupon(buyer, shop.owner.id, {
      shopId: shop.shopId,
      kind: 'no_threshold',
      discountFen: 300,
    });
    const skuId = product.skuIds[0]!;
    const stock = await rig.stockOf(skuId);

    const over = await rig.checkout(buyer, { items: [{ skuId, quantity: 3 }] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('flash_sale_limit');
    expect(await rig.flashSold(flashSaleId)).toBe(0);
    expect(await rig.stockOf(skuId)).toBe(stock);

    const res = await rig.checkout(buyer, { items: [{ skuId, quantity: 2 }], couponIds: [coupon] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const order = res.body.orders[0];
    expect(order.lines[0]).toMatchObject({
      unitPriceFen: 3_000,
      listPriceFen: 6_000,
      flashSaleId,
      lineFen: 6_000,
      paidFen: 5_700,
    });
    expect(order).toMatchObject({ shippingFen: 1_000, shopDiscountFen: 300, totalFen: 6_700 });
    expect(await rig.flashSold(flashSaleId)).toBe(2);
    expect(await rig.stockOf(skuId)).toBe(stock - 2);
    expect(await rig.couponState(coupon)).toBe('used');

    const cancelled = await rig.as(buyer).post(`${V}/orders/${order.id}/cancel`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await rig.flashSold(flashSaleId)).toBe(0);
    expect(await rig.stockOf(skuId)).toBe(stock);
    expect(await rig.couponState(coupon)).toBe('available');
    await expectLedgerBalanced();
  });

  it('refuses bad addresses and coupons with the field and a clear code, writing nothing', async () => {
    const shop = await rig.shopWithTemplate();
    const other = await rig.shopWithTemplate();
    const product = await rig.product(shop.shopId, [5_000]);
    const skuId = product.skuIds[0]!;
    const buyer = await rig.buyer();
    const stranger = await rig.buyer();
    const strangersAddress = await rig.addAddress(stranger, '110101');
    const tibet = await rig.addAddress(buyer, '540102');
    const ok = await rig.giveCoupon(buyer, shop.owner.id, {
      shopId: shop.shopId,
      kind: 'no_threshold',
      discountFen: 100,
    });
    const second = await rig.giveCoupon(buyer, shop.owner.id, {
      shopId: shop.shopId,
      kind: 'no_threshold',
      discountFen: 200,
    });
    const foreignShop = await rig.giveCoupon(buyer, other.owner.id, {
      shopId: other.shopId,
      kind: 'no_threshold',
      discountFen: 100,
    });
    const expired = await rig.giveCoupon(buyer, shop.owner.id, {
      shopId: null,
      kind: 'no_threshold',
      discountFen: 100,
      expiresAt: new Date(ctx.clock.now().getTime() - MINUTE),
    });
    const strangersCoupon = await rig.giveCoupon(stranger, shop.owner.id, {
      shopId: shop.shopId,
      kind: 'no_threshold',
      discountFen: 100,
    });
    const stock = await rig.stockOf(skuId);
    const items = [{ skuId, quantity: 1 }];

    const cases: [string, object, number, string, string][] = [
      ["another buyer's address", { addressId: strangersAddress }, 400, 'validation_failed', 'addressId'],
      ['a region the shop does not deliver to', { addressId: tibet }, 409, 'not_delivered', 'addressId'],
      ['a coupon listed twice', { couponIds: [ok, ok] }, 409, 'coupon_combination', 'couponIds[1]'],
      [
        'two shop coupons on one order',
        { couponIds: [ok, second] },
        409,
        'coupon_combination',
        'couponIds[1]',
      ],
      [
        'a coupon of a shop not in the cart',
        { couponIds: [foreignShop] },
        409,
        'coupon_combination',
        'couponIds[0]',
      ],
      ['an expired coupon', { couponIds: [expired] }, 409, 'coupon_unavailable', 'couponIds[0]'],
      ["another buyer's coupon", { couponIds: [strangersCoupon] }, 409, 'coupon_unavailable', 'couponIds[0]'],
    ];
    for (const [name, extra, status, code, field] of cases) {
      const res = await rig.checkout(buyer, { items, ...extra });
      expect(res.status, name).toBe(status);
      expect(res.body.error.code, name).toBe(code);
      expect(res.body.error.details.fields[0].field, name).toBe(field);
    }
    const quote = await rig.quote(buyer, { items, addressId: tibet });
    expect(quote.status).toBe(200);
    expect(quote.body.orders[0].undeliverable).toMatch(/西藏/);

    const homeless = await rig.buyer();
    await ctx.db
      .deleteFrom('buyerAddresses' as never)
      .where('buyerId' as never, '=', homeless.id as never)
      .execute();
    const none = await rig.checkout(homeless, { items });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({
      code: 'address_required',
      details: { fields: [{ field: 'addressId' }] },
    });
    const noAddressQuote = await rig.quote(homeless, { items });
    expect(noAddressQuote.body).toMatchObject({ address: null, shippingFen: 0, payableFen: 5_000 });

    // nothing half-written: no order, stock untouched, every coupon still in the wallet
    const orders = await ctx.db
      .selectFrom('orders')
      .select('id')
      .where('buyerId', 'in', [buyer.id, homeless.id])
      .execute();
    expect(orders).toEqual([]);
    expect(await rig.stockOf(skuId)).toBe(stock);
    for (const c of [ok, second, foreignShop]) expect(await rig.couponState(c)).toBe('available');
  });

  it('by default uses the best coupons; [] uses none; a coupon used once cannot be used again', async () => {
    const shop = await rig.shopWithTemplate();
    const product = await rig.product(shop.shopId, [5_000]);
    const buyer = await rig.buyer();
    const small = await rig.giveCoupon(buyer, shop.owner.id, {
      shopId: shop.shopId,
      kind: 'no_threshold',
      discountFen: 100,
    });
    const big = await rig.giveCoupon(buyer, shop.owner.id, {
      shopId: shop.shopId,
      thresholdFen: 4_000,
      discountFen: 800,
    });
    const items = [{ skuId: product.skuIds[0], quantity: 1 }];
    const plain = await rig.checkout(buyer, { items, couponIds: [] });
    expect(plain.body.orders[0]).toMatchObject({ shopDiscountFen: 0, totalFen: 5_800 });
    const best = await rig.checkout(buyer, { items });
    expect(best.body.orders[0]).toMatchObject({ shopCoupon: { buyerCouponId: big }, totalFen: 5_000 });
    const again = await rig.checkout(buyer, { items, couponIds: [big] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('coupon_unavailable');
    expect(await rig.couponState(small)).toBe('available');
    // the delivery phone and address are the buyer's identifier links in the trust engine
    const links = await ctx.db
      .selectFrom('trustEntities')
      .select('entityType')
      .where('userId', '=', buyer.id)
      .orderBy('entityType')
      .execute();
    expect(links.map((l) => l.entityType)).toEqual(['address', 'phone']);
    await expectLedgerBalanced();
  });

  it('a pre-sale order promises shipment its own days after payment; the others keep 48 h', async () => {
    const shop = await rig.shopWithTemplate();
    const presale = await rig.product(shop.shopId, [3_000]);
    const plain = await rig.product(shop.shopId, [2_000]);
    await ctx.db
      .updateTable('products')
      .set({ presaleShipDays: 10 } as never)
      .where('id', '=', presale.productId)
      .execute();
    const buyer = await rig.buyer();
    const quote = await rig.quote(buyer, { items: [{ skuId: presale.skuIds[0], quantity: 1 }] });
    expect(quote.body.orders[0].presaleShipDays).toBe(10);
    const pay = { method: 'sandbox' };
    const a = await rig.checkout(buyer, { items: [{ skuId: presale.skuIds[0], quantity: 1 }], pay });
    const b = await rig.checkout(buyer, { items: [{ skuId: plain.skuIds[0], quantity: 1 }], pay });
    const rows = await ctx.db
      .selectFrom('orders')
      .select(['id', 'paidAt', 'shipByAt', 'presaleShipDays'])
      .where('id', 'in', [a.body.orders[0].id, b.body.orders[0].id])
      .orderBy('id')
      .execute();
    const hours = rows.map((r) => (r.shipByAt!.getTime() - r.paidAt!.getTime()) / 3_600_000);
    expect(hours).toEqual([240, ctx.settings.shipByMs / 3_600_000]);
    const deadline = await ctx.db
      .selectFrom('deadlines')
      .select('dueAt')
      .where('kind', '=', 'fulfilment.ship_by')
      .where('subjectId', '=', rows[0]!.id)
      .executeTakeFirstOrThrow();
    expect(deadline.dueAt).toEqual(rows[0]!.shipByAt);
  });
});
