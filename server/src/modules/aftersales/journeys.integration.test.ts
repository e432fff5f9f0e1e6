import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildOps } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { accounts, balanceOf, checkLedger } from '../ledger/index.ts';
import { aftersalesRig, guaranteedProduct, idemKey } from './aftersales.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;

beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
});

async function ledgerBalanced() {
  const report = await checkLedger(ctx.db);
  expect(report.ok, JSON.stringify(report)).toBe(true);
}

describe('after-sales journeys (product rules §4–5)', () => {
  it('极速退款: an unshipped order below ¥300 is refunded within the request and its shipment stopped', async () => {
    const product = await guaranteedProduct(ctx, { priceFen: 12_000 });
    const stockBefore = (
      await ctx.db
        .selectFrom('skus')
        .select('stock')
        .where('id', '=', product.skuId)
        .executeTakeFirstOrThrow()
    ).stock;
    const order = await rig.paidOrder(product);
    const res = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only_unshipped',
      reason: 'not_shipped_yet',
      quantity: 1,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      state: 'refunded',
      autoRule: 'instant_refund',
      approvedFen: 12_000,
      deadlineAt: null,
    });
    const decision = res.body.timeline.find((e: { rule: string | null }) => e.rule === 'instant_refund');
    expect(decision.explanation.zh).toContain('¥120.00');
    expect(decision.explanation.en).toContain('¥120.00');
    expect(decision.configVersion).toBe(1);

    const orderRow = await ctx.db
      .selectFrom('orders')
      .select(['state', 'cancelReason'])
      .where('id', '=', order.orderId)
      .executeTakeFirstOrThrow();
    expect(orderRow.state).toBe('cancelled');
    const stockAfter = (
      await ctx.db
        .selectFrom('skus')
        .select('stock')
        .where('id', '=', product.skuId)
        .executeTakeFirstOrThrow()
    ).stock;
    expect(stockAfter).toBe(stockBefore);
    // the merchant can no longer ship it
    const ship = await rig
      .as(product.owner)
      .post(`/api/v1/shops/${product.shopId}/orders/${order.orderId}/shipment`, {
        carrier: 'sandbox',
        trackingNumber: 'SB12345678',
      });
    expect(ship.status).toBe(409);

    await rig.runDue();
    const [refund] = await rig.refundsOf(res.body.id);
    expect(refund).toMatchObject({ state: 'succeeded', amountFen: 12_000, source: 'escrow' });
    await ledgerBalanced();
  });

  it('an unshipped order of ¥300 is not instant: the merchant has 48 h, and the explanation says why', async () => {
    const product = await guaranteedProduct(ctx, { priceFen: 30_000 });
    const order = await rig.paidOrder(product);
    const res = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only_unshipped',
      reason: 'not_shipped_yet',
      quantity: 1,
    });
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('pending_merchant');
    expect(new Date(res.body.deadlineAt).getTime() - ctx.clock.now().getTime()).toBe(48 * HOUR);
    expect(res.body.deadlineAction).toBe('approve');
    expect(res.body.deadlineExplanation.en).toMatch(/48 h/);
    const declined = res.body.timeline.find((e: { rule: string | null }) => e.rule === 'instant_refund');
    expect(declined.explanation.en).toContain('¥300.00');
  });

  it('闪电退货: a no-reason return is approved at once, shipped back, received, refunded', async () => {
    const product = await guaranteedProduct(ctx, { priceFen: 25_900, guarantees: ['freight_insurance'] });
    const order = await rig.deliveredOrder(product);
    expect(order.guarantees).toEqual(expect.arrayContaining(['no_reason_7d']));
    const opened = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'return_refund',
      reason: 'no_reason',
      quantity: 1,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({
      state: 'awaiting_return',
      autoRule: 'lightning_return',
      deadlineAction: 'close',
    });
    expect(opened.body.returnShipment.returnAddress).toBeTruthy();
    const id = opened.body.id;

    const shipped = await rig.act(order.buyer, id, 'return-shipment', {
      carrier: 'sf',
      trackingNumber: 'SF1234567890',
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body).toMatchObject({ state: 'return_shipped', deadlineAction: 'refund' });
    expect(shipped.body.returnShipment).toMatchObject({
      state: 'shipped',
      carrier: 'sf',
      trackingNumber: 'SF1234567890',
    });

    const inbox = await rig.as(product.owner).get(`/api/v1/shops/${product.shopId}/aftersales`);
    expect(inbox.body.items.map((r: { id: number }) => r.id)).toContain(id);

    const received = await rig.act(product.owner, id, 'confirm-receipt');
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    expect(received.body).toMatchObject({ state: 'refunded', approvedFen: 25_900 });
    expect(received.body.returnShipment.state).toBe('received');
    await rig.runDue();
    const buyerView = await rig.view(order.buyer, id);
    expect(buyerView.body.refunds).toEqual([
      expect.objectContaining({ state: 'succeeded', amountFen: 25_900 }),
    ]);
    // return freight insurance paid the buyer's return shipping
    expect(buyerView.body.compensations).toEqual([
      expect.objectContaining({ kind: 'return_freight', payer: 'platform' }),
    ]);
    await ledgerBalanced();
  });

  it('merchant silence: a refund-only request is approved when 48 h pass, with the rule recorded', async () => {
    const product = await guaranteedProduct(ctx);
    const order = await rig.deliveredOrder(product);
    const opened = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'quality_issue',
      quantity: 1,
      amountFen: 5_000,
      evidence: { text: '拉链坏了 zipper broken' },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.state).toBe('pending_merchant');
    ctx.clock.advance(48 * HOUR - MINUTE);
    await rig.runDue();
    expect((await rig.view(order.buyer, opened.body.id)).body.state).toBe('pending_merchant');
    ctx.clock.advance(MINUTE);
    await rig.runDue();
    const after = await rig.view(product.owner, opened.body.id);
    expect(after.body).toMatchObject({ state: 'refunded', approvedFen: 5_000 });
    const decision = after.body.timeline.at(-1);
    expect(decision).toMatchObject({
      actorKind: 'system',
      rule: 'merchant_silence_approves',
      configVersion: 1,
    });
    expect(decision.explanation.zh).toContain('48小时');
    // a late action by the merchant is refused
    const late = await rig.act(product.owner, opened.body.id, 'approve');
    expect(late.status).toBe(409);
    await rig.runDue();
    expect(after.body.refunds).toHaveLength(1);
    await ledgerBalanced();
  });

  it('仅退款: rejected only after a recorded communication, then resubmitted and approved', async () => {
    const product = await guaranteedProduct(ctx);
    const order = await rig.deliveredOrder(product);
    const body = {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'not_as_described',
      quantity: 1,
    };
    const first = await rig.open(order.buyer, body);
    expect(first.status).toBe(201);
    const id = first.body.id;

    const noCall = await rig.act(product.owner, id, 'reject', {
      communicationId: 999_999,
      reason: '商品无问题',
    });
    expect(noCall.status).toBe(400);
    expect(noCall.body.error.message).toMatch(/communicationId/);

    const call = await rig.act(product.owner, id, 'communications', {
      channel: 'phone',
      summary: '电话沟通：买家误解了颜色说明',
    });
    expect(call.status).toBe(201);
    const rejected = await rig.act(product.owner, id, 'reject', {
      communicationId: call.body.id,
      reason: '颜色与描述一致',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', deadlineAction: 'close' });
    expect(rejected.body.communications).toHaveLength(1);

    // the buyer may not open a second one beside it, but resubmitting supersedes it
    const second = await rig.open(order.buyer, { ...body, description: '补充了照片' });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.attempt).toBe(2);
    expect((await rig.view(order.buyer, id)).body.state).toBe('closed');

    const approved = await rig.act(product.owner, second.body.id, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('refunded');
    await rig.runDue();
    await ledgerBalanced();
  });

  it('at most 5 requests per line', async () => {
    const product = await guaranteedProduct(ctx);
    const order = await rig.deliveredOrder(product);
    const body = {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'other',
      quantity: 1,
      amountFen: 100,
    };
    for (let i = 1; i <= 5; i++) {
      const res = await rig.open(order.buyer, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect((await rig.act(order.buyer, res.body.id, 'cancel')).status).toBe(200);
    }
    const sixth = await rig.open(order.buyer, body);
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.message).toMatch(/5/);
  });

  it('保障理赔: a spoiled-food claim the merchant ignores for 24 h is paid from the deposit', async () => {
    const product = await guaranteedProduct(ctx, {
      priceFen: 8_800,
      category: {
        perishable: true,
        noReasonReturn: false,
        defaultGuarantees: ['spoiled_refund'],
        depositFen: 20_000,
      },
    });
    const pay = await rig
      .as(product.owner)
      .post(
        `/api/v1/shops/${product.shopId}/deposit/payments`,
        { amountFen: 20_000 },
        { 'idempotency-key': idemKey() },
      );
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const order = await rig.deliveredOrder(product);
    expect(order.guarantees).toContain('spoiled_refund');

    const claimBody = {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'guarantee_claim',
      guaranteeCode: 'spoiled_refund',
      reason: 'spoiled',
      quantity: 1,
    };
    const noPhoto = await rig.open(order.buyer, claimBody);
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.body.error.message).toMatch(/evidence/);

    const fileId = await rig.upload(order.buyer);
    const claim = await rig.open(order.buyer, {
      ...claimBody,
      evidence: { text: '收到时已经坏了', fileIds: [fileId] },
    });
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    expect(claim.body).toMatchObject({ state: 'pending_merchant', deadlineAction: 'platform_pays' });
    expect(new Date(claim.body.deadlineAt).getTime() - ctx.clock.now().getTime()).toBe(24 * HOUR);
    // the merchant can see the buyer's photo
    const file = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/evidence-files/${fileId}`,
      headers: { authorization: `Bearer ${product.owner.token}` },
    });
    expect(file.statusCode).toBe(200);

    const depositBefore = await balanceOf(ctx.db, accounts.merchantDeposit(product.shopId));
    ctx.clock.advance(24 * HOUR);
    await rig.runDue(); // the claim's deadline: the platform pays
    await rig.runDue(); // the refund it asked for
    const after = await rig.view(order.buyer, claim.body.id);
    expect(after.body).toMatchObject({ state: 'refunded', approvedFen: 8_800 });
    expect(after.body.refunds).toEqual([
      expect.objectContaining({ source: 'deposit', state: 'succeeded', amountFen: 8_800 }),
    ]);
    expect(after.body.timeline.at(-1).rule).toBe('guarantee_claim_unanswered');
    expect(await balanceOf(ctx.db, accounts.merchantDeposit(product.shopId))).toBe(depositBefore - 8_800);
    await ledgerBalanced();
  });

  it('晚发立赔: the carrier has not picked up by the promise, so the buyer is paid 10% (min ¥5) automatically', async () => {
    const product = await guaranteedProduct(ctx, { priceFen: 2_000 });
    const order = await rig.paidOrder(product);
    ctx.clock.advance(48 * HOUR);
    await rig.runDue();
    const list = await rig.as(order.buyer).get(`/api/v1/aftersales/requests?orderId=${order.orderId}`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ type: 'late_shipment_compensation', state: 'resolved', approvedFen: 500 }),
    ]);
    const view = await rig.view(order.buyer, list.body.items[0].id);
    expect(view.body.compensations).toEqual([
      expect.objectContaining({ kind: 'late_shipment', amountFen: 500, payer: 'merchant' }),
    ]);
    expect(view.body.timeline[0].explanation.en).toMatch(/¥5\.00/);
    await ledgerBalanced();
  });

  it('假一赔十: a counterfeit claim goes to arbitration; ops confirm it and the buyer gets the refund plus 10×', async () => {
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
      evidence: { text: '防伪码查询无效 the anti-fake code does not verify' },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ state: 'in_arbitration', deadlineAction: 'decide_for_buyer' });
    expect(opened.body.arbitration).toMatchObject({ state: 'awaiting_evidence', openedBy: 'system' });

    const arbiter = await buildOps(ctx, ['arbiter']);
    const queue = await rig.as(arbiter).get('/api/v1/ops/arbitrations');
    expect(queue.body.items.map((i: { requestId: number }) => i.requestId)).toContain(opened.body.id);

    const evidence = await rig.act(product.owner, opened.body.id, 'evidence', { text: '我们有品牌授权书' });
    expect(evidence.status, JSON.stringify(evidence.body)).toBe(201);
    expect(evidence.body.arbitration.state).toBe('awaiting_decision');

    const outsider = await buildBuyer(ctx);
    expect((await rig.view(outsider, opened.body.id)).status).toBe(404);
    expect(
      (
        await rig
          .as(order.buyer)
          .post(`/api/v1/ops/arbitrations/${opened.body.id}/decision`, { outcome: 'full', reason: 'x' })
      ).status,
    ).toBe(403);

    const decided = await rig.as(arbiter).post(`/api/v1/ops/arbitrations/${opened.body.id}/decision`, {
      outcome: 'full',
      reason: '品牌方鉴定为假货 brand owner confirmed a counterfeit',
      counterfeit: true,
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ state: 'refunded', approvedFen: 15_000 });
    expect(decided.body.arbitration).toMatchObject({ state: 'decided', outcome: 'full', counterfeit: true });
    expect(decided.body.compensations).toEqual([
      expect.objectContaining({ kind: 'fake_pays_n', amountFen: 150_000, payer: 'merchant' }),
    ]);
    const buyerView = await rig.view(order.buyer, opened.body.id);
    expect(buyerView.body.timeline.at(-1).explanation.zh).toContain('假一赔十');
    await rig.runDue();
    await ledgerBalanced();
  });

  it('settlement waits while a request on a completed order is open, then settles what is left', async () => {
    const product = await guaranteedProduct(ctx, { priceFen: 20_000 });
    const order = await rig.deliveredOrder(product);
    expect((await rig.as(order.buyer).post(`/api/v1/orders/${order.orderId}/confirm-receipt`)).status).toBe(
      200,
    );
    ctx.clock.advance(ctx.settings.settlementDelayMs - 24 * HOUR);
    const opened = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'missing_parts',
      quantity: 1,
      amountFen: 3_000,
    });
    expect(opened.status).toBe(201);
    // the after-sales window passes while the request is open: nothing settles
    ctx.clock.advance(24 * HOUR + MINUTE);
    await rig.runDue();
    const settled = () =>
      ctx.db.selectFrom('settlements').selectAll().where('orderId', '=', order.orderId).executeTakeFirst();
    expect(await settled()).toBeUndefined();
    // the merchant stays silent: approved at 48 h, refunded from escrow, and then the order settles
    ctx.clock.advance(24 * HOUR);
    await rig.runDue();
    await rig.runDue();
    expect(await settled()).toMatchObject({ state: 'settled', paidFen: 20_000, refundedFen: 3_000 });
    const view = await rig.view(order.buyer, opened.body.id);
    expect(view.body.refunds).toEqual([expect.objectContaining({ source: 'escrow', amountFen: 3_000 })]);
    await ledgerBalanced();
  });

  it('refuses requests on lines not bought, above what is refundable, and from the wrong party', async () => {
    const product = await guaranteedProduct(ctx);
    const order = await rig.deliveredOrder(product);
    const other = await rig.deliveredOrder(product);
    const base = {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only',
      reason: 'quality_issue',
      quantity: 1,
    };
    const foreignLine = await rig.open(order.buyer, { ...base, orderLineId: other.lineId });
    expect(foreignLine.status).toBe(400);
    expect(foreignLine.body.error.message).toMatch(/orderLineId/);
    const notMine = await rig.open(other.buyer, base);
    expect(notMine.status).toBe(404);
    const tooMuch = await rig.open(order.buyer, { ...base, amountFen: order.lineFen + 1 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.message).toMatch(/amountFen/);
    const tooMany = await rig.open(order.buyer, { ...base, quantity: 2 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/quantity/);
    const wrongType = await rig.open(order.buyer, { ...base, type: 'refund_only_unshipped' });
    expect(wrongType.status).toBe(400);

    const opened = await rig.open(order.buyer, base);
    expect(opened.status).toBe(201);
    // the buyer cannot approve their own request; another merchant cannot see it
    expect((await rig.act(order.buyer, opened.body.id, 'approve')).status).toBe(403);
    const stranger = await guaranteedProduct(ctx);
    expect((await rig.act(stranger.owner, opened.body.id, 'approve')).status).toBe(404);
  });
});
