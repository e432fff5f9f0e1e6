import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY, HOUR } from '../../platform/clock.ts';
import { connect, type Db, type DbHandle } from '../../platform/db.ts';
import { type DeadlineBatchHandler, DeadlineRunner } from '../../platform/scheduler/index.ts';
import { checkLedger } from '../ledger/index.ts';
import { aftersalesRig, guaranteedProduct, type ShopSetup } from './aftersales.test-support.ts';
import { aftersalesDeadlineBatchHandlers, aftersalesDeadlineHandlers } from './request-deadlines.ts';
import { REQUEST_DEADLINE } from './request-store.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
const pools: DbHandle[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
});

afterAll(async () => {
  for (const pool of pools) await pool.close();
});

// Each test fires its own requests: what an earlier test left waiting does not come due in the next.
afterEach(async () => {
  await sql`update deadlines set status = 'cancelled' where kind = ${REQUEST_DEADLINE} and status = 'pending'`.execute(
    ctx.db,
  );
});

/** A delivered order of `product` (a fresh shop when none) and a request opened on its line. */
async function opened(body: Record<string, unknown>, product?: ShopSetup & { skuId: number }) {
  const p = product ?? (await guaranteedProduct(ctx, { priceFen: 9_900 }));
  const { order, id, body: view } = await rig.openedOnDelivered(p, body);
  return { product: p, order, id, state: view.state as string };
}

type Opened = Awaited<ReturnType<typeof opened>>;

const REFUND_ONLY = { type: 'refund_only', reason: 'not_as_described' };
const RETURN = { type: 'return_refund', reason: 'not_as_described' };
const RETURN_NO_REASON = { type: 'return_refund', reason: 'dont_like' };

/** A runner of the after-sales request deadlines only, recording what the batch handler leaves. */
function requestRunner(db: Db, left: number[], manyBatchSize = 500) {
  const batch = aftersalesDeadlineBatchHandlers(ctx.settings)[REQUEST_DEADLINE]!;
  const recording: DeadlineBatchHandler = async (tx, deadlines, fire) => {
    const rest = await batch(tx, deadlines, fire);
    left.push(...rest.map((d) => d.subjectId));
    return rest;
  };
  return new DeadlineRunner({
    db,
    clock: ctx.clock,
    log: ctx.log,
    handlers: { [REQUEST_DEADLINE]: aftersalesDeadlineHandlers(ctx.settings)[REQUEST_DEADLINE]! },
    batchHandlers: { [REQUEST_DEADLINE]: recording },
    manyBatchSize,
  });
}

/** State changes the system made since `since` (the default actions; not the automation of opening). */
async function systemMoves(requestIds: number[], since: Date) {
  const rows = await sql<{ requestId: number; n: number }>`
    select request_id, count(*)::int as n from aftersales_events
    where request_id = any(${requestIds}::bigint[]) and actor_kind = 'system' and from_state <> to_state
      and at >= ${since}
    group by request_id`.execute(ctx.db);
  return new Map(rows.rows.map((r) => [r.requestId, r.n]));
}

describe('after-sales deadlines fired in a batch', () => {
  it('does every default action of a mixed batch set-based, as the one-by-one handler would', async () => {
    const refund = await opened(REFUND_ONLY);
    const ret = await opened(RETURN);
    const exchange = await opened({ type: 'exchange', reason: 'wrong_item' });
    const resend = await opened({ type: 'resend', reason: 'missing_parts' });
    const unshipped = await opened(RETURN_NO_REASON);
    expect([refund.state, ret.state, exchange.state, resend.state, unshipped.state]).toEqual([
      'pending_merchant',
      'pending_merchant',
      'pending_merchant',
      'pending_merchant',
      'awaiting_return',
    ]);
    ctx.clock.advance(7 * DAY);
    const left: number[] = [];

    const counts = await requestRunner(ctx.db, left).runDue();
    expect(counts).toMatchObject({ fired: 5, retrying: 0, failed: 0 });
    expect(left).toEqual([]);

    const viewOf = async (r: Opened) => (await rig.view(r.order.buyer, r.id)).body;
    const refunded = await viewOf(refund);
    expect(refunded).toMatchObject({ state: 'refunded', approvedFen: 9_900, deadlineAt: null });
    expect(refunded.timeline.at(-1)).toMatchObject({ rule: 'merchant_silence_approves', configVersion: 1 });
    expect(await rig.refundsOf(refund.id)).toMatchObject([
      { state: 'pending', amountFen: 9_900, source: 'escrow' },
    ]);

    const now = ctx.clock.now().getTime();
    for (const approved of [ret, exchange]) {
      const view = await viewOf(approved);
      expect(view).toMatchObject({ state: 'awaiting_return', deadlineAction: 'close' });
      expect(new Date(view.deadlineAt).getTime() - now).toBe(7 * DAY);
      expect(view.returnShipment).toMatchObject({ state: 'awaiting_shipment' });
      expect(view.returnShipment.returnAddress).toBeTruthy();
      expect(view.timeline.at(-1).rule).toBe('merchant_silence_approves');
    }
    const waiting = await viewOf(resend);
    expect(waiting).toMatchObject({ state: 'awaiting_reship', deadlineAction: 'refund' });
    expect(new Date(waiting.deadlineAt).getTime() - now).toBe(48 * HOUR);
    const closed = await viewOf(unshipped);
    expect(closed).toMatchObject({ state: 'closed', refunds: [] });
    expect(closed.timeline.at(-1).rule).toBe('return_not_shipped_closes');

    // The durable deadlines follow the requests: the next ones pending, none for the ended ones.
    const pending = await ctx.db
      .selectFrom('deadlines')
      .select(['subjectId', 'dueAt'])
      .where('kind', '=', REQUEST_DEADLINE)
      .where('status', '=', 'pending')
      .where('subjectId', 'in', [refund.id, ret.id, exchange.id, resend.id, unshipped.id])
      .orderBy('subjectId')
      .execute();
    expect(pending.map((d) => d.subjectId)).toEqual([ret.id, exchange.id, resend.id]);

    await rig.runDue(); // the refund is paid out
    expect(await rig.refundsOf(refund.id)).toMatchObject([{ state: 'succeeded' }]);
    expect((await checkLedger(ctx.db)).ok).toBe(true);
  });

  it('skips a request a party already moved, even when a stale deadline row fires', async () => {
    const { product, order, id } = await opened(REFUND_ONLY);
    expect((await rig.act(product.owner, id, 'approve')).body.state).toBe('refunded');
    const before = (await rig.view(order.buyer, id)).body.timeline.length;
    // A deadline row the move left behind, due now.
    await sql`update deadlines set status = 'pending', due_at = ${ctx.clock.now()}
              where id = (select max(id) from deadlines where kind = ${REQUEST_DEADLINE} and subject_id = ${id})`.execute(
      ctx.db,
    );
    const left: number[] = [];
    expect(await requestRunner(ctx.db, left).runDue()).toMatchObject({ claimed: 1, fired: 1 });
    expect(left).toEqual([]);
    expect((await rig.view(order.buyer, id)).body.timeline).toHaveLength(before);
    expect(await rig.refundsOf(id)).toHaveLength(1);
  });

  it('leaves a refund it cannot pay from escrow to the one-by-one handler, which refuses it alone', async () => {
    const good = await opened(REFUND_ONLY);
    const over = await opened(REFUND_ONLY);
    // More than was paid for the line: the refund rules refuse it.
    await sql`update aftersales_requests set requested_fen = 9_901 where id = ${over.id}`.execute(ctx.db);
    ctx.clock.advance(48 * HOUR);
    const left: number[] = [];

    const counts = await requestRunner(ctx.db, left).runDue();
    expect(counts).toMatchObject({ fired: 1, retrying: 1 });
    expect(left).toEqual([over.id]);
    expect((await rig.view(good.order.buyer, good.id)).body.state).toBe('refunded');
    expect((await rig.view(over.order.buyer, over.id)).body.state).toBe('pending_merchant');
    const [deadline] = await ctx.db
      .selectFrom('deadlines')
      .select(['status', 'attempts', 'lastError'])
      .where('kind', '=', REQUEST_DEADLINE)
      .where('subjectId', '=', over.id)
      .where('status', '=', 'pending')
      .execute();
    expect(deadline).toMatchObject({ attempts: 1 });
    expect(deadline!.lastError).toMatch(/more than the 9900 fen/);
  });

  it('fires each request once with two runners racing over shared shops, and the ledger balances', async () => {
    const shops = await Promise.all([0, 1, 2].map(() => guaranteedProduct(ctx, { priceFen: 9_900 })));
    const requests: Opened[] = [];
    for (let i = 0; i < 24; i++) {
      const body = i % 3 === 0 ? REFUND_ONLY : i % 3 === 1 ? RETURN : RETURN_NO_REASON;
      requests.push(await opened(body, shops[i % 3]));
    }
    ctx.clock.advance(7 * DAY);
    const [a, b] = [connect(ctx.dbUrl, { max: 2 }), connect(ctx.dbUrl, { max: 2 })] as const;
    pools.push(a, b);
    const left: number[] = [];

    const [countsA, countsB] = await Promise.all([
      requestRunner(a.db, left, 5).runDue(),
      requestRunner(b.db, left, 5).runDue(),
    ]);
    expect(countsA.fired + countsB.fired).toBe(24);
    expect(countsA.retrying + countsB.retrying + countsA.failed + countsB.failed).toBe(0);
    expect(left).toEqual([]);

    const ids = requests.map((r) => r.id);
    const moves = await systemMoves(ids, ctx.clock.now());
    expect(ids.map((id) => moves.get(id))).toEqual(ids.map(() => 1));
    const states = await ctx.db
      .selectFrom('aftersalesRequests')
      .select(['id', 'state'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    expect(states.map((s) => s.state)).toEqual(
      requests.map((_, i) => (i % 3 === 0 ? 'refunded' : i % 3 === 1 ? 'awaiting_return' : 'closed')),
    );
    const refunds = await ctx.db
      .selectFrom('refunds')
      .select(['causeId'])
      .where('causeType', '=', 'aftersales_request')
      .where('causeId', 'in', ids)
      .execute();
    expect(refunds.map((r) => r.causeId).sort((x, y) => x - y)).toEqual(ids.filter((_, i) => i % 3 === 0));

    await rig.runDue();
    expect((await checkLedger(ctx.db)).ok).toBe(true);
  });
});
