import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { type AftersalesPolicy, currentPolicy } from '../configuration/index.ts';
import { orderLineForAftersales } from '../orders/index.ts';
import { refundsOfCause } from '../payments/index.ts';
import { requireShopMember } from '../shops/index.ts';
import type { RequestState } from './aftersales.tables.ts';
import { AWAITING_MERCHANT_STATES } from './merchant-todo.ts';
import { isReason, REASONS } from './reasons.ts';
import { type RequestRow, timelineColumns } from './request-store.ts';
import { stateDeadline } from './rules/request-deadline.rule.ts';

const OPEN_STATES: readonly RequestState[] = [
  'pending_merchant',
  'awaiting_return',
  'return_shipped',
  'awaiting_reship',
  'rejected',
  'in_arbitration',
];

const summaryColumns = [
  'id',
  'orderId',
  'orderLineId',
  'shopId',
  'buyerId',
  'type',
  'reason',
  'quantity',
  'requestedFen',
  'approvedFen',
  'state',
  'deadlineAt',
  'deadlineAction',
  'autoRule',
  'createdAt',
  'updatedAt',
] as const;

/**
 * A request as its parties see it: state with the deadline and what happens when it passes, the
 * return and replacement parcels, arbitration, evidence, communications, the money (refunds and
 * compensation) and the timeline with every decision explained in Chinese and English.
 */
export async function requestView(db: Executor, principal: Principal, requestId: number) {
  const request = await db
    .selectFrom('aftersalesRequests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!request) throw notFound('after-sales request', requestId);
  if (principal.kind === 'buyer' && request.buyerId !== principal.userId)
    throw notFound('after-sales request', requestId);
  if (principal.kind === 'merchant') {
    await requireShopMember(db, principal, request.shopId).catch(() => {
      throw notFound('after-sales request', requestId);
    });
  }
  if (principal.kind === 'creator') throw notFound('after-sales request', requestId);

  const [
    policy,
    line,
    returnShipment,
    reshipment,
    arbitration,
    timeline,
    evidence,
    communications,
    refunds,
    compensations,
  ] = await Promise.all([
    currentPolicy(db),
    request.orderLineId === null ? Promise.resolve(null) : lineOfRequest(db, request.orderLineId),
    db
      .selectFrom('returnShipments')
      .select(['state', 'returnAddress', 'carrier', 'trackingNumber', 'shippedAt', 'receivedAt'])
      .where('requestId', '=', requestId)
      .executeTakeFirst(),
    db
      .selectFrom('reshipments')
      .select(['carrier', 'trackingNumber', 'shippedAt'])
      .where('requestId', '=', requestId)
      .executeTakeFirst(),
    db
      .selectFrom('arbitrations')
      .select([
        'state',
        'openedBy',
        'evidenceDueAt',
        'outcome',
        'awardedFen',
        'counterfeit',
        'reason',
        'decidedAt',
      ])
      .where('requestId', '=', requestId)
      .executeTakeFirst(),
    db
      .selectFrom('aftersalesEvents')
      .select(timelineColumns)
      .where('requestId', '=', requestId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('aftersalesEvidence')
      .select(['id', 'party', 'text', 'fileIds', 'at'])
      .where('requestId', '=', requestId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('aftersalesCommunications')
      .select(['id', 'channel', 'summary', 'conversationId', 'at'])
      .where('requestId', '=', requestId)
      .orderBy('id')
      .execute(),
    refundsOfCause(db, { type: 'aftersales_request', id: requestId }),
    db
      .selectFrom('compensations')
      .select(['kind', 'amountFen', 'payer', 'rule', 'at'])
      .where('requestId', '=', requestId)
      .execute(),
  ]);
  return {
    ...requestFields(request, policy.policy),
    line: line ?? null,
    returnShipment: returnShipment ?? null,
    reshipment: reshipment ?? null,
    arbitration: arbitration ?? null,
    timeline: timeline.map(({ explanationZh, explanationEn, ...e }) => ({
      ...e,
      explanation: { zh: explanationZh, en: explanationEn },
    })),
    evidence,
    communications,
    refunds,
    compensations,
  };
}

/** The fields of a request's answer that come from its row (and the deadline its state has). */
export function requestFields(request: RequestRow, policy: AftersalesPolicy) {
  const deadline = stateDeadline(
    { type: request.type, state: request.state, receiptExtended: request.receiptExtended },
    policy,
  );
  return {
    id: request.id,
    orderId: request.orderId,
    orderLineId: request.orderLineId,
    shopId: request.shopId,
    buyerId: request.buyerId,
    type: request.type,
    reason: request.reason,
    reasonLabel: isReason(request.reason)
      ? { zh: REASONS[request.reason].zh, en: REASONS[request.reason].en }
      : { zh: request.reason, en: request.reason },
    description: request.description,
    guaranteeCode: request.guaranteeCode,
    quantity: request.quantity,
    requestedFen: request.requestedFen,
    approvedFen: request.approvedFen,
    state: request.state,
    deadlineAt: request.deadlineAt,
    deadlineAction: request.deadlineAction,
    deadlineExplanation: request.deadlineAt && deadline ? deadline.explanation : null,
    receiptExtended: request.receiptExtended,
    attempt: request.attempt,
    autoRule: request.autoRule,
    configVersion: request.configVersion,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    closedAt: request.closedAt,
  };
}

export type RequestView = Awaited<ReturnType<typeof requestView>>;

export interface ListQuery {
  open?: boolean;
  limit: number;
  offset: number;
}

/** A buyer's requests, newest first. */
export async function buyerRequests(db: Executor, buyerId: number, query: ListQuery & { orderId?: number }) {
  let base = db.selectFrom('aftersalesRequests').where('buyerId', '=', buyerId);
  if (query.orderId !== undefined) base = base.where('orderId', '=', query.orderId);
  if (query.open !== undefined) base = base.where('state', query.open ? 'in' : 'not in', OPEN_STATES);
  const [items, total] = await Promise.all([
    base.select(summaryColumns).orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n, limit: query.limit, offset: query.offset };
}

/**
 * The merchant's inbox: open requests, the most urgent deadline first (product rules §5: every state has
 * a deadline, and silence has a default). `includeClosed` adds the closed ones after them, newest
 * first; open=false lists the closed ones only; `awaitingMerchant` keeps those the merchant must act on.
 */
export async function shopInbox(
  db: Executor,
  principal: Principal,
  shopId: number,
  query: ListQuery & { includeClosed?: boolean | undefined; awaitingMerchant?: boolean | undefined },
) {
  await requireShopMember(db, principal, shopId);
  let base = db.selectFrom('aftersalesRequests').where('shopId', '=', shopId);
  if (query.awaitingMerchant) base = base.where('state', 'in', AWAITING_MERCHANT_STATES);
  else if (!query.includeClosed)
    base = base.where('state', (query.open ?? true) ? 'in' : 'not in', OPEN_STATES);
  const isOpen = sql<boolean>`state in (${sql.join(OPEN_STATES)})`;
  const ordered =
    query.open === false && !query.includeClosed && !query.awaitingMerchant
      ? base.select(summaryColumns).orderBy('id', 'desc')
      : base
          .select(summaryColumns)
          .orderBy(isOpen, 'desc')
          // Open ones by deadline, closed ones (no deadline) newest first.
          .orderBy(sql`case when ${isOpen} then deadline_at end`)
          .orderBy(sql`case when ${isOpen} then id else -id end`);
  const [items, total] = await Promise.all([
    ordered.limit(query.limit).offset(query.offset).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n, limit: query.limit, offset: query.offset };
}

/** The line a request is about, as its view shows it. */
async function lineOfRequest(db: Executor, lineId: number) {
  const line = await orderLineForAftersales(db, lineId);
  if (!line) return undefined;
  const { title, spec, unitPriceFen, quantity, lineFen, guarantees } = line;
  return { title, spec, unitPriceFen, quantity, lineFen, guarantees };
}
