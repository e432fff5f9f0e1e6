import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps, type TestUser } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';
import { markRefundSucceeded } from '../payments/index.ts';
import { aftersalesRig, guaranteedProduct } from './aftersales.test-support.ts';
import { receiveReturnParcel } from './return-parcel-store.ts';

/*
 * The machines of the return parcel, the refund and the arbitration on the real path: a move their
 * table or their row's state does not allow is refused by the service, so their walk tests can fail.
 * The request is put back by SQL where no legal path leads back (a stale second action).
 */

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let arbiter: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
  arbiter = await buildOps(ctx, ['arbiter']);
});

async function opened(body: Record<string, unknown>) {
  const product = await guaranteedProduct(ctx, { priceFen: 9_900 });
  const { order, id } = await rig.openedOnDelivered(product, body);
  return { product, order, id };
}

const setRequestState = (id: number, state: 'return_shipped' | 'in_arbitration') =>
  ctx.db
    .updateTable('aftersalesRequests')
    .set({
      state,
      deadlineAt: new Date(ctx.clock.now().getTime() + HOUR),
      deadlineAction: state === 'return_shipped' ? 'refund' : 'decide_for_buyer',
      closedAt: null,
    })
    .where('id', '=', id)
    .execute();

describe('after-sales machines on the real path', () => {
  it('a return parcel received once cannot be received again: the second receipt is refused, one refund', async () => {
    const { product, order, id } = await opened({ type: 'return_refund', reason: 'quality_issue' });
    expect((await rig.act(product.owner, id, 'approve')).body.state).toBe('awaiting_return');
    // shipping twice: the second is refused by the request (no longer awaiting_return)
    await rig.act(order.buyer, id, 'return-shipment', { carrier: 'zto', trackingNumber: 'ZT1234567890' });
    const received = await rig.act(product.owner, id, 'confirm-receipt');
    expect(received.body).toMatchObject({ state: 'refunded', returnShipment: { state: 'received' } });

    await setRequestState(id, 'return_shipped');
    const again = await rig.act(product.owner, id, 'confirm-receipt');
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'conflict',
      details: { from: ['shipped'], to: 'received' },
    });
    expect(await rig.refundsOf(id)).toHaveLength(1);
    // refusing it now is refused too
    const call = await rig.act(product.owner, id, 'communications', {
      channel: 'chat',
      summary: '已电话沟通，买家坚持',
    });
    const refuse = await rig.act(product.owner, id, 'reject', {
      communicationId: call.body.id,
      reason: '已签收',
    });
    expect(refuse.status).toBe(409);
    const parcel = await ctx.db
      .selectFrom('returnShipments')
      .select('state')
      .where('requestId', '=', id)
      .executeTakeFirstOrThrow();
    expect(parcel.state).toBe('received');
  });

  it('the parcel store refuses a move its table does not have (awaiting shipment → received)', async () => {
    const { product, id } = await opened({ type: 'return_refund', reason: 'quality_issue' });
    await rig.act(product.owner, id, 'approve');
    const err = await ctx.db
      .transaction()
      .execute((tx) => receiveReturnParcel(tx, id, ctx.clock.now()))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'conflict', details: { from: ['shipped'], to: 'received' } });
  });

  it('a refund paid out once cannot be marked paid again', async () => {
    const { product, id } = await opened({ type: 'refund_only', reason: 'quality_issue' });
    expect((await rig.act(product.owner, id, 'approve')).body.state).toBe('refunded');
    await rig.runDue();
    const [refund] = await rig.refundsOf(id);
    expect(refund!.state).toBe('succeeded');
    const err = await ctx.db
      .transaction()
      .execute((tx) => markRefundSucceeded(tx, refund!.id, { providerRef: 'again', at: ctx.clock.now() }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'conflict', details: { from: ['pending'], to: 'succeeded' } });
    const [after] = await rig.refundsOf(id);
    expect(after!.providerRef).toBe(refund!.providerRef);
  });

  it('an arbitration decided once cannot be decided again, even when its request looks open', async () => {
    const { product, order, id } = await opened({
      type: 'refund_only',
      reason: 'not_as_described',
      amountFen: 5_000,
    });
    const call = await rig.act(product.owner, id, 'communications', {
      channel: 'chat',
      summary: '已电话沟通，买家坚持',
    });
    await rig.act(product.owner, id, 'reject', { communicationId: call.body.id, reason: '与描述一致' });
    const escalated = await rig.act(order.buyer, id, 'escalate', { reason: '颜色不同' });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
    const decide = (body: object) => rig.as(arbiter).post(`/api/v1/ops/arbitrations/${id}/decision`, body);
    // the guard of `decided`, as data next to the table
    const noAmount = await decide({ outcome: 'partial', reason: '部分' });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.error.details.fields[0].field).toBe('amountFen');
    expect((await decide({ outcome: 'reject', reason: '驳回' })).body.state).toBe('closed');

    await setRequestState(id, 'in_arbitration');
    const again = await decide({ outcome: 'full', reason: '再判' });
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', details: { to: 'decided' } });
    expect(await rig.refundsOf(id)).toHaveLength(0);
  });

  it('the evidence window closed by the merchant and then by its deadline: one move, no error', async () => {
    const { product, order, id } = await opened({
      type: 'refund_only',
      reason: 'not_as_described',
      amountFen: 5_000,
    });
    const call = await rig.act(product.owner, id, 'communications', {
      channel: 'chat',
      summary: '已电话沟通，买家坚持',
    });
    await rig.act(product.owner, id, 'reject', { communicationId: call.body.id, reason: '与描述一致' });
    await rig.act(order.buyer, id, 'escalate', { reason: '颜色不同' });
    const evidence = await rig.act(product.owner, id, 'evidence', { text: '发货前检验照片' });
    expect(evidence.body.arbitration.state).toBe('awaiting_decision');
    ctx.clock.advance(48 * HOUR);
    await rig.runDue();
    const failed = await ctx.db
      .selectFrom('deadlines')
      .select('status')
      .where('kind', '=', 'aftersales.arbitration_evidence')
      .where('status', '=', 'failed')
      .execute();
    expect(failed).toHaveLength(0);
    expect((await rig.view(order.buyer, id)).body.arbitration.state).toBe('awaiting_decision');
  });
});
