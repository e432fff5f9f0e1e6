import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps, type TestUser } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import { checkLedger } from '../ledger/index.ts';
import { setLabel } from '../risk/index.ts';
import { aftersalesRig, guaranteedProduct } from './aftersales.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let arbiter: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
  arbiter = await buildOps(ctx, ['arbiter']);
});

/** A delivered order of a fresh shop and a request opened on its line. */
async function opened(body: Record<string, unknown>, priceFen = 9_900) {
  const product = await guaranteedProduct(ctx, { priceFen });
  return { product, ...(await rig.openedOnDelivered(product, body)) };
}

describe('after-sales paths', () => {
  it('exchange: approved, returned, received, the replacement shipped: resolved without a refund', async () => {
    const { product, order, id } = await opened({ type: 'exchange', reason: 'wrong_item' });
    expect((await rig.act(product.owner, id, 'approve')).body.state).toBe('awaiting_return');
    await rig.act(order.buyer, id, 'return-shipment', { carrier: 'zto', trackingNumber: 'ZT1234567890' });
    const received = await rig.act(product.owner, id, 'confirm-receipt');
    expect(received.body).toMatchObject({ state: 'awaiting_reship', deadlineAction: 'refund' });
    const done = await rig.act(product.owner, id, 'reshipment', {
      carrier: 'sf',
      trackingNumber: 'SF0987654321',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'resolved', refunds: [] });
    expect(done.body.reshipment).toMatchObject({ carrier: 'sf', trackingNumber: 'SF0987654321' });
  });

  it('resend the merchant never ships: the platform refunds when the 48 h pass', async () => {
    const { product, order, id } = await opened({ type: 'resend', reason: 'missing_parts' });
    expect((await rig.act(product.owner, id, 'approve')).body.state).toBe('awaiting_reship');
    ctx.clock.advance(48 * HOUR);
    await rig.runDue();
    const view = await rig.view(order.buyer, id);
    expect(view.body).toMatchObject({ state: 'refunded', approvedFen: 9_900 });
    expect(view.body.timeline.at(-1).rule).toBe('reship_overdue_refunds');
  });

  it('a return the buyer never ships closes after 7 days', async () => {
    const { order, id, body } = await opened({ type: 'return_refund', reason: 'dont_like' });
    expect(body.state).toBe('awaiting_return');
    ctx.clock.advance(7 * DAY);
    await rig.runDue();
    const view = await rig.view(order.buyer, id);
    expect(view.body).toMatchObject({ state: 'closed', refunds: [] });
    expect(view.body.timeline.at(-1)).toMatchObject({ rule: 'return_not_shipped_closes' });
    expect(view.body.timeline.at(-1).explanation.zh).toContain('7天');
  });

  it('receipt: one 7-day extension, then the refund is issued when the merchant stays silent', async () => {
    const { product, order, id } = await opened({ type: 'return_refund', reason: 'no_reason' });
    await rig.act(order.buyer, id, 'return-shipment', { carrier: 'yto', trackingNumber: 'YT1234567890' });
    const extended = await rig.act(product.owner, id, 'extend-receipt');
    expect(extended.status).toBe(200);
    expect(new Date(extended.body.deadlineAt).getTime() - ctx.clock.now().getTime()).toBe(14 * DAY);
    expect((await rig.act(product.owner, id, 'extend-receipt')).status).toBe(409);
    ctx.clock.advance(14 * DAY - MINUTE);
    await rig.runDue();
    expect((await rig.view(order.buyer, id)).body.state).toBe('return_shipped');
    ctx.clock.advance(MINUTE);
    await rig.runDue();
    const view = await rig.view(order.buyer, id);
    expect(view.body).toMatchObject({ state: 'refunded' });
    expect(view.body.timeline.at(-1).rule).toBe('receipt_overdue_refunds');
  });

  it('rejected, escalated: the evidence window closes by itself, ops award part; the reason reaches both', async () => {
    const { product, order, id } = await opened({
      type: 'refund_only',
      reason: 'not_as_described',
      amountFen: 5_000,
    });
    const call = await rig.act(product.owner, id, 'communications', {
      channel: 'chat',
      summary: '已在线沟通，买家坚持退款',
    });
    await rig.act(product.owner, id, 'reject', { communicationId: call.body.id, reason: '商品与描述一致' });
    const escalated = await rig.act(order.buyer, id, 'escalate', { reason: '颜色明显不同' });
    expect(escalated.body).toMatchObject({
      state: 'in_arbitration',
      arbitration: { state: 'awaiting_evidence', openedBy: 'buyer' },
    });
    ctx.clock.advance(48 * HOUR);
    await rig.runDue();
    const queue = await rig.as(arbiter).get('/api/v1/ops/arbitrations?state=awaiting_decision');
    expect(queue.body.items.map((i: { requestId: number }) => i.requestId)).toContain(id);

    const tooMuch = await rig.as(arbiter).post(`/api/v1/ops/arbitrations/${id}/decision`, {
      outcome: 'partial',
      amountFen: 5_000,
      reason: '部分支持',
    });
    expect(tooMuch.status).toBe(400);
    const decided = await rig.as(arbiter).post(`/api/v1/ops/arbitrations/${id}/decision`, {
      outcome: 'partial',
      amountFen: 2_000,
      reason: '色差存在但在合理范围内，部分退款',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({
      state: 'refunded',
      approvedFen: 2_000,
      arbitration: { outcome: 'partial', awardedFen: 2_000 },
    });
    const merchantView = await rig.view(product.owner, id);
    expect(merchantView.body.timeline.at(-1).explanation.zh).toContain('色差存在');
    // decided once
    expect(
      (
        await rig
          .as(arbiter)
          .post(`/api/v1/ops/arbitrations/${id}/decision`, { outcome: 'full', reason: '再判' })
      ).status,
    ).toBe(409);
  });

  it('arbitration ops do not decide in time is decided for the buyer in full', async () => {
    const { product, order, id } = await opened({ type: 'refund_only', reason: 'quality_issue' });
    const call = await rig.act(product.owner, id, 'communications', {
      channel: 'phone',
      summary: '电话沟通未达成一致',
    });
    await rig.act(product.owner, id, 'reject', { communicationId: call.body.id, reason: '不同意' });
    await rig.act(order.buyer, id, 'escalate', { reason: '质量问题' });
    ctx.clock.advance(48 * HOUR + 72 * HOUR);
    await rig.runDue();
    const view = await rig.view(order.buyer, id);
    expect(view.body).toMatchObject({
      state: 'refunded',
      approvedFen: 9_900,
      arbitration: { state: 'decided', outcome: 'full' },
    });
    expect(view.body.timeline.at(-1)).toMatchObject({ actorKind: 'system', rule: 'arbitration_overdue' });
  });

  it('a rejection nobody contests closes after 7 days', async () => {
    const { product, order, id } = await opened({ type: 'refund_only', reason: 'other', amountFen: 1_000 });
    const call = await rig.act(product.owner, id, 'communications', {
      channel: 'sms',
      summary: '短信告知买家处理结果',
    });
    await rig.act(product.owner, id, 'reject', { communicationId: call.body.id, reason: '不符合退款条件' });
    ctx.clock.advance(7 * DAY);
    await rig.runDue();
    const view = await rig.view(order.buyer, id);
    expect(view.body.state).toBe('closed');
    expect(view.body.timeline.at(-1).rule).toBe('rejection_not_contested_closes');
    const late = await rig.act(order.buyer, id, 'escalate', { reason: '太晚了' });
    expect(late.status).toBe(409);
  });

  it('the trust engine’s after-sales checkpoint: a buyer ops labelled fraud gets no instant refund, and ops get a case', async () => {
    const product = await guaranteedProduct(ctx, { priceFen: 5_000 });
    const order = await rig.paidOrder(product);
    await setLabel(ctx.db, {
      subject: { type: 'user', id: order.buyer.id },
      label: 'fraud',
      setBy: null,
      now: ctx.clock.now(),
    });
    const res = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only_unshipped',
      reason: 'not_shipped_yet',
      quantity: 1,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'pending_merchant', autoRule: null });
    expect(res.body.timeline.some((e: { rule: string | null }) => e.rule === 'trust_engine')).toBe(true);
    const cases = await ctx.db
      .selectFrom('trustCases')
      .select('id')
      .where('checkpoint', '=', 'aftersales_request')
      .where('subjectId', '=', order.buyer.id)
      .execute();
    expect(cases).toHaveLength(1);
  });

  it('a high-refund buyer loses lightning return: the merchant decides, and the explanation says why', async () => {
    const product = await guaranteedProduct(ctx);
    const order = await rig.deliveredOrder(product);
    await ctx.db
      .insertInto('buyerLabels')
      .values({
        buyerId: order.buyer.id,
        label: 'high_refund',
        inputs: {},
        configVersion: null,
        setBy: 'ops',
        setAt: ctx.clock.now(),
      })
      .execute();
    const res = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'return_refund',
      reason: 'no_reason',
      quantity: 1,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'pending_merchant', autoRule: null });
    const declined = res.body.timeline.find((e: { rule: string | null }) => e.rule === 'lightning_return');
    expect(declined.explanation.en).toMatch(/refund/i);
    expect((await checkLedger(ctx.db)).ok).toBe(true);
  });
});
