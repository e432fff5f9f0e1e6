import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCategory,
  buildListedProduct,
  buildPaidOrder,
  buildShop,
  buildUser,
  type TestUser,
} from '../../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { DAY, MINUTE } from '../../../platform/clock.ts';
import { scheduleDeadline } from '../../../platform/scheduler/index.ts';
import { currentPolicy, updatePolicy } from '../../configuration/index.ts';
import { fulfilmentApi, waybill } from '../../fulfilment/fulfilment.test-support.ts';
import { accounts, balanceOf } from '../../ledger/index.ts';
import { settlementRig } from '../../settlement/settlement.test-support.ts';
import { FREIGHT_PREMIUM } from './deadline-kinds.ts';
import { calendarMonth } from './freight-insurance.rule.ts';
import { payReturnFreight } from './freight-insurance.service.ts';
import { buildRequestRow, chargesOf, compensationsOf } from './money.test-support.ts';

let ctx: TestContext;
let f: ReturnType<typeof fulfilmentApi>;
let rig: ReturnType<typeof settlementRig>;
beforeAll(async () => {
  ctx = await createTestContext();
  f = fulfilmentApi(ctx);
  rig = settlementRig(ctx);
});

/** A shop whose category insures return freight (退货补运费), with a listed product. */
async function insuredShop() {
  const { id: categoryId } = await buildCategory(ctx, {
    defaultGuarantees: ['no_reason_7d', 'freight_insurance'],
  });
  const shop = await buildShop(ctx, { categoryId });
  const { skuIds } = await buildListedProduct(ctx, shop.shopId);
  return { ...shop, skuId: skuIds[0]! };
}

async function shipNow(owner: TestUser, shopId: number, orderId: number) {
  const res = await f.ship(owner.token, shopId, orderId, { carrier: 'sandbox', trackingNumber: waybill() });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const premiumOf = (orderId: number) =>
  ctx.db.selectFrom('freightPremiums').selectAll().where('orderId', '=', orderId).executeTakeFirst();

const payFreight = (requestId: number, orderId: number, buyerId: number) =>
  ctx.db
    .transaction()
    .execute((tx) =>
      payReturnFreight(tx, { requestId, orderId, buyerId, now: ctx.clock.now() }, ctx.settings),
    );

describe('freight insurance premium', () => {
  it('is charged to the merchant at shipment, into the guarantee fund, once', async () => {
    const shop = await insuredShop();
    expect((await rig.payDeposit(shop.owner, shop.shopId, 1_000)).status).toBe(201);
    const { orderId } = await buildPaidOrder(ctx, { shopId: shop.shopId, skuId: shop.skuId });
    const fundBefore = await balanceOf(ctx.db, accounts.guaranteeFund);
    await shipNow(shop.owner, shop.shopId, orderId);
    await ctx.deadlines.runDue();

    // A new shop has no returns: the ¥0.30 minimum, from its deposit.
    expect(await premiumOf(orderId)).toMatchObject({ shopId: shop.shopId, premiumFen: 30, returnRateBp: 0 });
    expect(await chargesOf(ctx, orderId)).toEqual([
      {
        kind: 'freight_premium',
        amountFen: 30,
        fromAvailableFen: 0,
        fromDepositFen: 30,
        uncollectedFen: 0,
        causeType: 'freight_premium',
      },
    ]);
    expect(await balanceOf(ctx.db, accounts.guaranteeFund)).toBe(fundBefore + 30);
    expect(await balanceOf(ctx.db, accounts.merchantDeposit(shop.shopId))).toBe(970);

    // Its deadline fires again: nothing is charged twice.
    await ctx.db
      .transaction()
      .execute((tx) =>
        scheduleDeadline(tx, { kind: FREIGHT_PREMIUM, subjectId: orderId, dueAt: ctx.clock.now() }),
      );
    await ctx.deadlines.runDue();
    expect(await chargesOf(ctx, orderId)).toHaveLength(1);
    expect(await balanceOf(ctx.db, accounts.merchantDeposit(shop.shopId))).toBe(970);
  });

  it('is priced from the shop return rate over 90 days, and waived when the merchant holds nothing', async () => {
    const shop = await insuredShop();
    // 10 orders delivered within 90 days, one of them returned: 10% → 1,200 × 10% × 120% = 144
    const delivered = [];
    for (let i = 0; i < 10; i++)
      delivered.push((await buildPaidOrder(ctx, { shopId: shop.shopId, skuId: shop.skuId })).orderId);
    await ctx.db
      .updateTable('orders')
      .set({ deliveredAt: new Date(ctx.clock.now().getTime() - 30 * DAY) })
      .where('id', 'in', delivered)
      .execute();
    await buildRequestRow(ctx, delivered[0]!, { type: 'return_refund' });
    // an older delivery does not count
    const old = (await buildPaidOrder(ctx, { shopId: shop.shopId, skuId: shop.skuId })).orderId;
    await ctx.db
      .updateTable('orders')
      .set({ deliveredAt: new Date(ctx.clock.now().getTime() - 91 * DAY) })
      .where('id', '=', old)
      .execute();

    const { orderId } = await buildPaidOrder(ctx, { shopId: shop.shopId, skuId: shop.skuId });
    await shipNow(shop.owner, shop.shopId, orderId);
    await ctx.deadlines.runDue();
    expect(await premiumOf(orderId)).toMatchObject({ premiumFen: 144, returnRateBp: 1_000 });
    expect(await chargesOf(ctx, orderId)).toEqual([
      expect.objectContaining({ amountFen: 144, fromDepositFen: 0, uncollectedFen: 144 }),
    ]);
  });

  it('is not charged for an order without the guarantee', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const { orderId } = await buildPaidOrder(ctx, { shopId });
    await shipNow(owner, shopId, orderId);
    await ctx.deadlines.runDue();
    expect(await premiumOf(orderId)).toBeUndefined();
    expect(await chargesOf(ctx, orderId)).toEqual([]);
  });
});

describe('return freight payout', () => {
  it('pays ¥12 from the guarantee fund per return, up to ¥60 per buyer per calendar month', async () => {
    const shop = await insuredShop();
    const buyer = await buildUser(ctx, 'buyer');
    const month = calendarMonth(ctx.clock.now(), 480);
    const returned = async () => {
      const { orderId } = await buildPaidOrder(ctx, { buyer, shopId: shop.shopId, skuId: shop.skuId });
      const { requestId } = await buildRequestRow(ctx, orderId, { type: 'return_refund' });
      return { orderId, requestId };
    };
    const fundBefore = await balanceOf(ctx.db, accounts.guaranteeFund);

    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      const r = await returned();
      outcomes.push(await payFreight(r.requestId, r.orderId, buyer.id));
    }
    expect(outcomes.map((o) => (o.status === 'paid' ? o.amountFen : o.status))).toEqual([
      1_200,
      1_200,
      1_200,
      1_200,
      1_200,
      'cap_reached',
    ]);
    expect(await balanceOf(ctx.db, accounts.guaranteeFund)).toBe(fundBefore - 6_000);

    // Asked again for a paid order: the first payout, nothing more.
    const first = outcomes[0]!;
    const again = await ctx.db
      .selectFrom('compensations')
      .select(['orderId', 'requestId'])
      .where('id', '=', first.status === 'paid' ? first.compensationId : 0)
      .executeTakeFirstOrThrow();
    expect(await payFreight(again.requestId!, again.orderId, buyer.id)).toMatchObject({
      status: 'paid',
      replayed: true,
    });
    expect(await compensationsOf(ctx, again.orderId)).toEqual([
      expect.objectContaining({
        kind: 'return_freight',
        amountFen: 1_200,
        payer: 'platform',
        rule: 'freight_insurance',
      }),
    ]);

    // A new month in China time (UTC+8): the cap starts again.
    ctx.clock.set(new Date(month.end.getTime() + MINUTE));
    const next = await returned();
    expect(await payFreight(next.requestId, next.orderId, buyer.id)).toMatchObject({
      status: 'paid',
      amountFen: 1_200,
    });
  });

  it('counts one buyer’s payouts one at a time, across shops, so that racing returns never pass the cap', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const returnIn = async (shop: Awaited<ReturnType<typeof insuredShop>>) => {
      const { orderId } = await buildPaidOrder(ctx, { buyer, shopId: shop.shopId, skuId: shop.skuId });
      const { requestId } = await buildRequestRow(ctx, orderId, { type: 'return_refund' });
      return { orderId, requestId };
    };
    const a = await insuredShop();
    const b = await insuredShop();
    for (let i = 0; i < 4; i++) {
      const r = await returnIn(a);
      expect((await payFreight(r.requestId, r.orderId, buyer.id)).status).toBe('paid');
    }
    // ¥48 paid: ¥12 is left under the cap, and two returns in two shops ask for it at once.
    const [x, y] = [await returnIn(a), await returnIn(b)];
    const outcomes = await Promise.all([
      payFreight(x.requestId, x.orderId, buyer.id),
      payFreight(y.requestId, y.orderId, buyer.id),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['cap_reached', 'paid']);
    const total = await ctx.db
      .selectFrom('compensations')
      .select((eb) => eb.fn.sum<string>('amountFen').as('fen'))
      .where('buyerId', '=', buyer.id)
      .executeTakeFirstOrThrow();
    expect(Number(total.fen)).toBe(6_000);
  });

  it('cuts the payout that reaches the cap to what is left, and pays nothing for an uninsured line', async () => {
    const admin = await buildUser(ctx, 'ops', { opsRoles: ['rule_admin'] });
    await updatePolicy(ctx.db, {
      changes: { freightInsurance: { monthlyCapFen: 2_000 } },
      note: 'test: a lower freight cap',
      userId: admin.id,
    });
    const shop = await insuredShop();
    const buyer = await buildUser(ctx, 'buyer');
    const paid = [];
    for (let i = 0; i < 2; i++) {
      const { orderId } = await buildPaidOrder(ctx, { buyer, shopId: shop.shopId, skuId: shop.skuId });
      const { requestId } = await buildRequestRow(ctx, orderId, { type: 'return_refund' });
      paid.push(await payFreight(requestId, orderId, buyer.id));
    }
    expect(paid).toEqual([
      expect.objectContaining({ status: 'paid', amountFen: 1_200, capped: false }),
      expect.objectContaining({ status: 'paid', amountFen: 800, capped: true }),
    ]);
    const [compensation] = await ctx.db
      .selectFrom('compensations')
      .select(['inputs', 'configVersion'])
      .where('buyerId', '=', buyer.id)
      .orderBy('id', 'desc')
      .execute();
    expect(compensation).toMatchObject({
      configVersion: (await currentPolicy(ctx.db)).version,
      inputs: { paidThisMonthFen: 1_200, monthlyCapFen: 2_000, payoutFen: 1_200 },
    });

    const plain = await buildPaidOrder(ctx, { buyer });
    const { requestId } = await buildRequestRow(ctx, plain.orderId, { type: 'return_refund' });
    expect(await payFreight(requestId, plain.orderId, buyer.id)).toEqual({ status: 'not_insured' });
  });
});
