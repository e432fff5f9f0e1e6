import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildListedProduct,
  buildOps,
  buildPaidOrder,
  buildShop,
  type TestUser,
} from '../../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { DAY } from '../../../platform/clock.ts';
import { currentPolicy } from '../../configuration/index.ts';
import { checkLedger } from '../../ledger/index.ts';
import { aftersalesRig, guaranteedProduct, type ShopSetup } from '../aftersales.test-support.ts';
import {
  DETECT_SKU_SPIKES,
  detectSkuSpikes,
  SKU_PROTECTION_NOTIFICATION,
  scheduleSkuSpikeDetection,
} from './index.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let arbiter: TestUser;
let reviewer: TestUser;
let spiking: ShopSetup & { skuId: number; productId: number };
let steady: ShopSetup & { skuId: number; productId: number };
let calmSku: number;

const V = '/api/v1';

/** `count` orders of the SKU paid now and delivered two days later; the first `quality` get a quality refund. */
async function history(skuId: number, count: number, quality: number, reason = 'quality_issue') {
  for (let i = 0; i < count; i += 1) {
    const { orderId } = await buildPaidOrder(ctx, { skuId });
    const order = await ctx.db
      .updateTable('orders')
      .set({ deliveredAt: new Date(ctx.clock.now().getTime() + 2 * DAY) })
      .where('id', '=', orderId)
      .returning(['buyerId', 'shopId', 'paidAt'])
      .executeTakeFirstOrThrow();
    if (i >= quality) continue;
    const line = await ctx.db
      .selectFrom('orderLines')
      .select(['id', 'lineFen'])
      .where('orderId', '=', orderId)
      .executeTakeFirstOrThrow();
    const at = new Date(order.paidAt!.getTime() + 3 * DAY);
    await ctx.db
      .insertInto('aftersalesRequests')
      .values({
        orderId,
        orderLineId: line.id,
        buyerId: order.buyerId,
        shopId: order.shopId,
        type: 'refund_only',
        reason,
        description: null,
        guaranteeCode: null,
        quantity: 1,
        requestedFen: line.lineFen,
        approvedFen: line.lineFen,
        state: 'closed',
        deadlineAt: null,
        deadlineAction: null,
        attempt: 1,
        autoRule: null,
        configVersion: 1,
        createdAt: at,
        updatedAt: at,
        closedAt: at,
      })
      .execute();
  }
}

beforeAll(async () => {
  ctx = await createTestContext();
  await currentPolicy(ctx.db); // version 1, which request rows refer to
  rig = aftersalesRig(ctx);
  arbiter = await buildOps(ctx, ['arbiter']);
  reviewer = await buildOps(ctx, ['reviewer']);
  spiking = await guaranteedProduct(ctx, { priceFen: 8_000 });
  // Another shop of the same category: 1 quality refund in 40 orders.
  const steadyShop = await buildShop(ctx, { categoryId: spiking.categoryId });
  steady = await guaranteedProduct(ctx, { shop: { ...steadyShop, categoryId: spiking.categoryId } });
  await history(steady.skuId, 40, 1);
  // The spiking SKU: 5 quality refunds in 20 delivered orders (25%), above 3 × the baseline.
  await history(spiking.skuId, 20, 5);
  // A calm SKU of the same shop: 4 refunds in 20 orders, none for quality, stays unprotected.
  calmSku = (await buildListedProduct(ctx, spiking.shopId, { skus: [{ priceFen: 3_000, stock: 100 }] }))
    .skuIds[0]!;
  await history(calmSku, 20, 4, 'dont_like');
  ctx.clock.advance(4 * DAY);
});

describe('平台主动保障: a SKU whose quality-refund rate spikes (product rules §8.5)', () => {
  it('is protected with its figures against the category baseline, and the shop is told', async () => {
    const opened = await ctx.db.transaction().execute((tx) => detectSkuSpikes(tx, ctx.clock.now()));
    expect(opened).toBe(1);
    const row = await ctx.db.selectFrom('skuProtections').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      skuId: spiking.skuId,
      shopId: spiking.shopId,
      state: 'active',
      rateBp: 2_500,
      baselineBp: 167, // the category's other SKUs: 1 quality refund in 60 orders
      eligibleOrders: 20,
      qualityRefunds: 5,
    });
    expect(row.explanationZh).toBe(
      '7天内品退率25%（5/20单），类目基准1.67%；高于类目基准的3倍：平台主动保障，该规格质量原因的退款申请直接同意，直至平台解除。',
    );
    expect(row.inputs).toMatchObject({ rule: 'sku_quality_spike', configVersion: 1 });
    const told = await ctx.db
      .selectFrom('notifications')
      .select(['userId', 'payload'])
      .where('kind', '=', SKU_PROTECTION_NOTIFICATION)
      .execute();
    expect(told.map((n) => n.userId)).toEqual([spiking.owner.id]);
  });

  it('is not opened twice while active (ops may run the check at once)', async () => {
    const again = await rig.as(arbiter).post(`${V}/ops/aftersales/sku-protections/detect`);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toEqual({ opened: 0 });
    expect(await ctx.db.selectFrom('skuProtections').select('id').execute()).toHaveLength(1);
  });

  it('shows the merchant its protected SKU; another shop gets 404', async () => {
    const mine = await rig.as(spiking.owner).get(`${V}/shops/${spiking.shopId}/aftersales/sku-protections`);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        skuId: spiking.skuId,
        state: 'active',
        spec: expect.any(String),
        autoApproved: 0,
      }),
    ]);
    const other = await rig.as(steady.owner).get(`${V}/shops/${spiking.shopId}/aftersales/sku-protections`);
    expect(other.status).toBe(404);
  });

  it('approves a quality refund on the SKU at once, naming the protection; other reasons wait for the merchant', async () => {
    const order = await rig.deliveredOrder(spiking);
    const quality = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'quality_issue',
      quantity: 1,
    });
    expect(quality.status, JSON.stringify(quality.body)).toBe(201);
    expect(quality.body).toMatchObject({ state: 'refunded', autoRule: 'sku_protection', approvedFen: 8_000 });
    const decision = quality.body.timeline.find((e: { rule: string | null }) => e.rule === 'sku_protection');
    expect(decision.explanation.zh).toBe(
      '平台主动保障中：该规格品退率25%，高于类目基准1.67%，质量原因的退款已直接退回',
    );

    const other = await rig.deliveredOrder(spiking);
    const subjective = await rig.open(other.buyer, {
      orderId: other.orderId,
      orderLineId: other.lineId,
      type: 'refund_only',
      reason: 'other',
      quantity: 1,
    });
    expect(subjective.status, JSON.stringify(subjective.body)).toBe(201);
    expect(subjective.body.state).toBe('pending_merchant');
    const row = await ctx.db.selectFrom('skuProtections').select('autoApproved').executeTakeFirstOrThrow();
    expect(row.autoApproved).toBe(1);
  });

  it('is cleared by an arbiter (not a reviewer), once; then quality refunds wait for the merchant again', async () => {
    const list = await rig.as(arbiter).get(`${V}/ops/aftersales/sku-protections?state=active`);
    expect(list.body.items).toHaveLength(1);
    const id = list.body.items[0].id;
    const path = `${V}/ops/aftersales/sku-protections/${id}/clear`;
    expect((await rig.as(reviewer).post(path, { note: '商家已更换批次' })).status).toBe(403);
    const cleared = await rig.as(arbiter).post(path, { note: '商家已更换批次' });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect((await rig.as(arbiter).post(path, { note: '再次解除' })).status).toBe(409);
    const after = await rig.as(arbiter).get(`${V}/ops/aftersales/sku-protections?shopId=${spiking.shopId}`);
    expect(after.body.items[0]).toMatchObject({ state: 'cleared', clearNote: '商家已更换批次' });

    const order = await rig.deliveredOrder(spiking);
    const quality = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'quality_issue',
      quantity: 1,
    });
    expect(quality.body.state).toBe('pending_merchant');
    // Orders paid before the clear do not protect the SKU again.
    expect(await ctx.db.transaction().execute((tx) => detectSkuSpikes(tx, ctx.clock.now()))).toBe(0);
  });

  it('runs by an hourly deadline that schedules itself', async () => {
    await ctx.db.transaction().execute((tx) => scheduleSkuSpikeDetection(tx, ctx.clock.now()));
    await rig.runDue();
    const next = await ctx.db
      .selectFrom('deadlines')
      .select(['dueAt'])
      .where('kind', '=', DETECT_SKU_SPIKES)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(next.dueAt.getTime()).toBe(ctx.clock.now().getTime() + 3_600_000);
  });

  it('leaves the ledger balanced', async () => {
    const report = await checkLedger(ctx.db);
    expect(report.ok, JSON.stringify(report)).toBe(true);
  });
});
