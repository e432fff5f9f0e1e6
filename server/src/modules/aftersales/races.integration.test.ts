import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { deadlineHandlers } from '../../deadlines.ts';
import { HOUR, ManualClock, MINUTE } from '../../platform/clock.ts';
import { DeadlineRunner } from '../../platform/scheduler/index.ts';
import { checkLedger } from '../ledger/index.ts';
import { aftersalesRig, guaranteedProduct } from './aftersales.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;

beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
});

/**
 * A runner whose clock is a moment ahead of the app's: its deadline is due while the merchant's action,
 * by the app clock, is still in time. Both go at once; exactly one may win.
 */
function runnerAhead(aheadMs: number) {
  const clock = new ManualClock(new Date(ctx.clock.now().getTime() + aheadMs));
  return new DeadlineRunner({ db: ctx.db, clock, handlers: deadlineHandlers(ctx), log: ctx.log });
}

describe('after-sales races', () => {
  it('the merchant acting while the deadline fires gives one outcome and one payout, every time', async () => {
    const product = await guaranteedProduct(ctx, { priceFen: 4_000 });
    const ROUNDS = 12;
    const outcomes = { merchant: 0, deadline: 0 };
    for (let i = 0; i < ROUNDS; i++) {
      const order = await rig.deliveredOrder(product);
      const opened = await rig.open(order.buyer, {
        orderId: order.orderId,
        orderLineId: order.lineId,
        type: 'refund_only',
        reason: 'quality_issue',
        quantity: 1,
      });
      expect(opened.status).toBe(201);
      const id = opened.body.id as number;
      // the app clock is 1 ms before the 48 h deadline; the runner's is at it
      ctx.clock.advance(48 * HOUR - 1);
      const runner = runnerAhead(1);
      const [approve] = await Promise.all([rig.act(product.owner, id, 'approve'), runner.runDue()]);
      expect([200, 409]).toContain(approve.status);
      const view = await rig.view(order.buyer, id);
      expect(view.body.state).toBe('refunded');
      const refunds = await rig.refundsOf(id);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]!.amountFen).toBe(4_000);
      const moves = view.body.timeline.filter((e: { toState: string }) => e.toState === 'refunded');
      expect(moves).toHaveLength(1);
      if (approve.status === 200) outcomes.merchant++;
      else outcomes.deadline++;
      ctx.clock.advance(MINUTE);
    }
    await rig.runDue();
    expect(outcomes.merchant + outcomes.deadline).toBe(ROUNDS);
    expect((await checkLedger(ctx.db)).ok).toBe(true);
  });

  it('two opens of the same line at once make one request', async () => {
    const product = await guaranteedProduct(ctx, { priceFen: 10_000 });
    const order = await rig.paidOrder(product);
    const body = {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only_unshipped',
      reason: 'not_shipped_yet',
      quantity: 1,
    };
    const results = await Promise.all([
      rig.open(order.buyer, body),
      rig.open(order.buyer, body),
      rig.open(order.buyer, body),
    ]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    // the loser finds the line taken (409) or, when the winner's instant refund cancelled the order, the
    // order no longer refundable before shipment (400): a clear 4xx either way
    for (const r of results.filter((r) => r.status !== 201)) expect([400, 409]).toContain(r.status);
    const refunds = await ctx.db
      .selectFrom('refunds')
      .select('id')
      .where('orderId', '=', order.orderId)
      .execute();
    expect(refunds).toHaveLength(1);
  });

  it('a replayed open with the same Idempotency-Key returns the first answer and refunds once', async () => {
    const product = await guaranteedProduct(ctx, { priceFen: 10_000 });
    const order = await rig.paidOrder(product);
    const body = {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only_unshipped',
      reason: 'not_shipped_yet',
      quantity: 1,
    };
    const first = await rig.open(order.buyer, body, 'same-key-123456');
    const again = await rig.open(order.buyer, body, 'same-key-123456');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const refunds = await ctx.db
      .selectFrom('refunds')
      .select('id')
      .where('orderId', '=', order.orderId)
      .execute();
    expect(refunds).toHaveLength(1);
  });
});
