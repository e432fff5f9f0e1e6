import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { buildListedProduct, buildShop, buildUser, type TestUser } from '../../../test/builders.ts';
import { api, type TestContext } from '../../../test/harness.ts';
import { HOUR, MINUTE } from '../../platform/clock.ts';

const V = '/api/v1';
let seq = 0;
export const idemKey = () => `money-${process.pid}-${++seq}-${randomBytes(3).toString('hex')}`;

/**
 * The set-up of a checkout with money in it, written as the owning modules' APIs would leave it (their
 * rows directly, so this test does not depend on their screens): a shop with a default freight template
 * (¥8 the first piece, ¥2 each more; Xinjiang remote ¥20; Tibet not delivered), coupons in a buyer's
 * wallet, a running flash sale.
 */
export function moneyRig(ctx: TestContext) {
  const as = (user: TestUser) => api(ctx.app, user.token);
  const now = () => ctx.clock.now();

  async function shopWithTemplate() {
    const shop = await buildShop(ctx);
    await ctx.db
      .insertInto('freightTemplates' as never)
      .values({
        shopId: shop.shopId,
        name: '默认运费',
        mode: 'piece',
        firstUnits: 1,
        firstFen: 800,
        extraUnits: 1,
        extraFen: 200,
        freeOverFen: null,
        isDefault: true,
        regions: JSON.stringify([{ codes: ['650000'], firstFen: 2_000, extraFen: 1_000, remote: true }]),
        excludedCodes: ['540000'],
        createdAt: now(),
        updatedAt: now(),
      } as never)
      .execute();
    return shop;
  }

  /** A campaign and one coupon of it in the buyer's wallet; returns the buyer coupon id. */
  async function giveCoupon(
    buyer: TestUser,
    createdBy: number,
    c: {
      shopId: number | null;
      kind?: 'threshold' | 'no_threshold' | 'percent';
      thresholdFen?: number;
      discountFen?: number;
      percentBp?: number;
      expiresAt?: Date;
    },
  ): Promise<number> {
    const campaign = await ctx.db
      .insertInto('couponCampaigns' as never)
      .values({
        funder: c.shopId === null ? 'platform' : 'shop',
        shopId: c.shopId,
        liveSessionId: null,
        title: c.shopId === null ? '平台券' : '店铺券',
        kind: c.kind ?? 'threshold',
        thresholdFen: c.thresholdFen ?? 0,
        discountFen: c.discountFen ?? 0,
        percentBp: c.percentBp ?? 0,
        capFen: null,
        claimStartsAt: new Date(now().getTime() - HOUR),
        claimEndsAt: new Date(now().getTime() + 24 * HOUR),
        validDays: 7,
        useEndsAt: null,
        perBuyerLimit: 1,
        issueCap: 100,
        issued: 1,
        state: 'active',
        createdBy,
      } as never)
      .returning('id' as never)
      .executeTakeFirstOrThrow();
    const coupon = await ctx.db
      .insertInto('buyerCoupons' as never)
      .values({
        campaignId: (campaign as { id: number }).id,
        buyerId: buyer.id,
        claimNo: 1,
        state: 'available',
        orderId: null,
        claimedAt: now(),
        expiresAt: c.expiresAt ?? new Date(now().getTime() + 7 * 24 * HOUR),
      } as never)
      .returning('id' as never)
      .executeTakeFirstOrThrow();
    return (coupon as { id: number }).id;
  }

  async function flashSale(
    shop: { shopId: number; owner: TestUser },
    product: { productId: number; skuIds: number[] },
    f: { priceFen: number; stockCap: number; perBuyerLimit: number },
  ): Promise<number> {
    const row = await ctx.db
      .insertInto('flashSales' as never)
      .values({
        shopId: shop.shopId,
        productId: product.productId,
        skuId: product.skuIds[0],
        liveSessionId: null,
        priceFen: f.priceFen,
        stockCap: f.stockCap,
        perBuyerLimit: f.perBuyerLimit,
        startsAt: new Date(now().getTime() - MINUTE),
        endsAt: new Date(now().getTime() + HOUR),
        state: 'running',
        createdBy: shop.owner.id,
        createdAt: now(),
        updatedAt: now(),
      } as never)
      .returning('id' as never)
      .executeTakeFirstOrThrow();
    return (row as { id: number }).id;
  }

  const couponState = async (id: number) =>
    (
      (await ctx.db
        .selectFrom('buyerCoupons' as never)
        .select(['state' as never, 'orderId' as never])
        .where('id' as never, '=', id as never)
        .executeTakeFirstOrThrow()) as { state: string; orderId: number | null }
    ).state;

  const flashSold = async (id: number) =>
    (
      (await ctx.db
        .selectFrom('flashSales' as never)
        .select('sold' as never)
        .where('id' as never, '=', id as never)
        .executeTakeFirstOrThrow()) as { sold: number }
    ).sold;

  const stockOf = async (skuId: number) =>
    (await ctx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock;

  /** An address of the buyer in another region (added through the address book API). */
  async function addAddress(buyer: TestUser, regionCode: string): Promise<number> {
    const res = await as(buyer).post(`${V}/me/addresses`, {
      recipient: '李四',
      phone: '13912345678',
      regionCode,
      detail: '人民路 1 号',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  }

  return {
    as,
    shopWithTemplate,
    giveCoupon,
    flashSale,
    couponState,
    flashSold,
    stockOf,
    addAddress,
    buyer: () => buildUser(ctx, 'buyer'),
    product: (shopId: number, prices: number[], stock = 50) =>
      buildListedProduct(ctx, shopId, { skus: prices.map((priceFen) => ({ priceFen, stock })) }),
    checkout: (buyer: TestUser, body: object, key = idemKey()) =>
      as(buyer).post(`${V}/checkout`, body, { 'idempotency-key': key }),
    quote: (buyer: TestUser, body: object) => as(buyer).post(`${V}/checkout/quote`, body),
  };
}
