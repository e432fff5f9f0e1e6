import type { TestContext } from '../../../../test/harness.ts';
import { currentPolicy } from '../../configuration/index.ts';
import type { RequestState, RequestType } from '../aftersales.tables.ts';

/**
 * An after-sales request row as the request flow would leave it (default: a refunded return of the
 * order's first line), to give money operations a real cause.
 */
export async function buildRequestRow(
  ctx: TestContext,
  orderId: number,
  overrides: {
    type?: RequestType;
    state?: RequestState;
    orderLineId?: number | null;
    requestedFen?: number;
  } = {},
): Promise<{ requestId: number; orderLineId: number | null }> {
  const { version } = await currentPolicy(ctx.db);
  const order = await ctx.db
    .selectFrom('orders')
    .select(['buyerId', 'shopId'])
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  const orderLineId =
    overrides.orderLineId === undefined ? await firstLineOf(ctx, orderId) : overrides.orderLineId;
  const now = ctx.clock.now();
  const state = overrides.state ?? 'refunded';
  const terminal = ['refunded', 'resolved', 'closed'].includes(state);
  const row = await ctx.db
    .insertInto('aftersalesRequests')
    .values({
      orderId,
      orderLineId,
      buyerId: order.buyerId,
      shopId: order.shopId,
      type: overrides.type ?? 'return_refund',
      reason: 'quality_issue',
      description: null,
      guaranteeCode: null,
      quantity: 1,
      requestedFen: overrides.requestedFen ?? 0,
      approvedFen: null,
      state,
      deadlineAt: terminal ? null : new Date(now.getTime() + 86_400_000),
      deadlineAction: terminal ? null : 'approve',
      autoRule: null,
      configVersion: version,
      createdAt: now,
      updatedAt: now,
      closedAt: terminal ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { requestId: row.id, orderLineId };
}

export async function firstLineOf(ctx: TestContext, orderId: number): Promise<number> {
  const line = await ctx.db
    .selectFrom('orderLines')
    .select('id')
    .where('orderId', '=', orderId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return line.id;
}

/** The compensations of an order, oldest first. */
export function compensationsOf(ctx: TestContext, orderId: number) {
  return ctx.db
    .selectFrom('compensations')
    .select(['id', 'kind', 'amountFen', 'payer', 'rule', 'requestId', 'inputs', 'at'])
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();
}

/** The system requests recording an order's shipment compensation, with their timelines. */
export async function systemRequestsOf(ctx: TestContext, orderId: number) {
  const requests = await ctx.db
    .selectFrom('aftersalesRequests')
    .select([
      'id',
      'type',
      'state',
      'autoRule',
      'requestedFen',
      'approvedFen',
      'orderLineId',
      'closedAt',
      'deadlineAt',
    ])
    .where('orderId', '=', orderId)
    .where('type', '=', 'late_shipment_compensation')
    .orderBy('id')
    .execute();
  const events = await ctx.db
    .selectFrom('aftersalesEvents')
    .select([
      'requestId',
      'fromState',
      'toState',
      'actorKind',
      'rule',
      'inputs',
      'explanationZh',
      'explanationEn',
    ])
    .where('requestId', 'in', requests.map((r) => r.id).concat(0))
    .orderBy('id')
    .execute();
  return requests.map((r) => ({ ...r, events: events.filter((e) => e.requestId === r.id) }));
}

/** The merchant charges of an order, oldest first. */
export function chargesOf(ctx: TestContext, orderId: number) {
  return ctx.db
    .selectFrom('merchantCharges')
    .select(['kind', 'amountFen', 'fromAvailableFen', 'fromDepositFen', 'uncollectedFen', 'causeType'])
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();
}

/** The order's incidents, by kind. */
export async function incidentKinds(ctx: TestContext, orderId: number): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('fulfilmentIncidents')
    .select('kind')
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.kind);
}
