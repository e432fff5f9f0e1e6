import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildOps, buildPaidOrder, type TestUser } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY } from '../../platform/clock.ts';
import { checkLedger } from '../ledger/index.ts';
import { aftersalesRig, guaranteedProduct } from './aftersales.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let goodBuyer: TestUser;
let newBuyer: TestUser;
let reviewer: TestUser;

const spoiling = {
  perishable: true,
  noReasonReturn: false,
  defaultGuarantees: ['spoiled_refund'],
  depositFen: 0,
};

/** A buyer with a clean history: an account 200 days old and 10 completed orders, no requests. */
async function buildGoodBuyer(): Promise<TestUser> {
  const buyer = await buildBuyer(ctx);
  // An old account: created_at is written once by identity, so the test sets it directly.
  await sql`update users set created_at = ${new Date(ctx.clock.now().getTime() - 200 * DAY)} where id = ${buyer.id}`.execute(
    ctx.db,
  );
  const history = await guaranteedProduct(ctx, { priceFen: 1_000 });
  for (let i = 0; i < 10; i += 1) {
    const { orderId } = await buildPaidOrder(ctx, { shopId: history.shopId, skuId: history.skuId, buyer });
    // The history is the buyer's past, not this test's subject: completed as the auto-confirmation would.
    await ctx.db
      .updateTable('orders')
      .set({ state: 'completed', completedAt: ctx.clock.now() })
      .where('id', '=', orderId)
      .execute();
  }
  return buyer;
}

const photos = new Map<number, number>();

/** A delivered order of a ¥`yuan` spoiled-refund product bought by `buyer`, and a claim on it with a photo. */
async function claim(buyer: TestUser, priceFen: number) {
  const product = await guaranteedProduct(ctx, { priceFen, category: spoiling });
  const order = await rig.deliveredOrder(product, buyer);
  const fileId = photos.get(buyer.id) ?? (await rig.upload(buyer));
  photos.set(buyer.id, fileId);
  const res = await rig.open(buyer, {
    orderId: order.orderId,
    orderLineId: order.lineId,
    type: 'guarantee_claim',
    guaranteeCode: 'spoiled_refund',
    reason: 'spoiled',
    quantity: 1,
    evidence: { text: '收到时已经坏了', fileIds: [fileId] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { product, order, request: res.body };
}

beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
  reviewer = await buildOps(ctx, ['reviewer']);
  goodBuyer = await buildGoodBuyer();
  newBuyer = await buildBuyer(ctx);
});

describe('good buyers (优质买家, product rules §7.6)', () => {
  it('shows the buyer their tier and every condition behind it', async () => {
    const good = await rig.as(goodBuyer).get('/api/v1/me/buyer-tier');
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.body).toMatchObject({ tier: 'good', fastClaimMaxFen: 20_000 });
    expect(good.body.conditions.every((c: { holds: boolean }) => c.holds)).toBe(true);

    const fresh = await rig.as(newBuyer).get('/api/v1/me/buyer-tier');
    expect(fresh.body.tier).toBe('standard');
    const failed = fresh.body.conditions.filter((c: { holds: boolean }) => !c.holds);
    expect(failed.map((c: { condition: string }) => c.condition)).toEqual([
      'account_age',
      'completed_orders',
    ]);
    expect(fresh.body.explanation.zh).toContain('已完成订单0笔');
  });

  it('approves a good buyer’s claim up to the limit at once, refunded, and says why', async () => {
    const { product, request } = await claim(goodBuyer, 8_800);
    expect(request).toMatchObject({
      state: 'refunded',
      approvedFen: 8_800,
      autoRule: 'good_buyer_fast_claim',
    });
    await rig.runDue(); // the refund is paid back
    const view = await rig.view(product.owner, request.id);
    expect(view.body.refunds).toEqual([
      expect.objectContaining({ source: 'escrow', state: 'succeeded', amountFen: 8_800 }),
    ]);
    const decision = view.body.timeline.find(
      (e: { rule: string | null }) => e.rule === 'good_buyer_fast_claim',
    );
    expect(decision.explanation.zh).toContain('优质买家快速理赔');
    expect(decision.explanation.zh).toContain('已完成订单10笔');
    expect(decision.configVersion).toBe(1);
    const report = await checkLedger(ctx.db);
    expect(report.ok, JSON.stringify(report)).toBe(true);
  });

  it('leaves a good buyer’s claim above the limit, and anyone else’s claim, to the merchant', async () => {
    const over = await claim(goodBuyer, 20_001);
    expect(over.request).toMatchObject({ state: 'pending_merchant', deadlineAction: 'platform_pays' });
    const overView = await rig.view(over.product.owner, over.request.id);
    expect(overView.body.timeline.at(-1).explanation.zh).toContain('超过快速理赔上限¥200.00');

    const other = await claim(newBuyer, 8_800);
    expect(other.request).toMatchObject({ state: 'pending_merchant', approvedFen: null });
    expect(other.request.refunds).toEqual([]);
  });

  it('measures the claim success rate of good buyers against the others', async () => {
    const res = await rig.as(reviewer).get('/api/v1/ops/buyers/claim-success?days=30');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ days: 30, targetBp: 8_400 });
    expect(res.body.tiers).toEqual([
      {
        tier: 'good',
        claims: 2,
        decided: 1,
        succeeded: 1,
        successRateBp: 10_000,
        decidedAtOnce: 1,
        medianDecisionMs: 0,
      },
      {
        tier: 'standard',
        claims: 1,
        decided: 0,
        succeeded: 0,
        successRateBp: null,
        decidedAtOnce: 0,
        medianDecisionMs: null,
      },
    ]);
    const buyer = await rig.as(goodBuyer).get('/api/v1/ops/buyers/claim-success');
    expect(buyer.status).toBe(403);
  });
});
