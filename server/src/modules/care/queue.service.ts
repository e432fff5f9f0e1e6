import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { requestsOfOrders } from '../aftersales/index.ts';
import { conversationExcerpt } from '../chat/index.ts';
import { currentConfig } from '../configuration/index.ts';
import { reviewsOfOrders } from '../content/index.ts';
import { fulfilmentView } from '../fulfilment/index.ts';
import { contactsOf, displayNames } from '../identity/index.ts';
import { getOrderDetail } from '../orders/index.ts';
import { shopNames } from '../shops/index.ts';
import { caseNotFound } from './care.errors.ts';
import type { CareRule } from './care.tables.ts';

const DAY_MS = 86_400_000;

export type QueueView = 'active' | 'mine' | 'resolved' | 'all';

export interface QueueQuery {
  view?: QueueView | undefined;
  rule?: CareRule | undefined;
  limit: number;
  offset: number;
}

/**
 * The outreach queue: unresolved cases by their SLA (the soonest due, so the overdue, first), each with
 * the buyer, shop and order; the counts the page heads with; and satisfaction after outreach.
 */
export async function listCases(db: Executor, principal: Principal, query: QueueQuery, now: Date) {
  const view = query.view ?? 'active';
  let q = db.selectFrom('careCases');
  if (view === 'active') q = q.where('state', '<>', 'resolved');
  if (view === 'resolved') q = q.where('state', '=', 'resolved');
  if (view === 'mine') q = q.where('state', '=', 'claimed').where('claimedBy', '=', principal.userId);
  if (query.rule) q = q.where('rule', '=', query.rule);
  const ordered =
    view === 'resolved'
      ? q.orderBy('resolvedAt', 'desc').orderBy('id', 'desc')
      : q.orderBy('dueAt').orderBy('id');
  const [rows, total, counts] = await Promise.all([
    ordered
      .select([
        'id',
        'rule',
        'buyerId',
        'orderId',
        'shopId',
        'state',
        'happenedAt',
        'detectedAt',
        'dueAt',
        'claimedBy',
        'outcome',
        'resolvedAt',
        'surveyState',
        'satisfaction',
      ])
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('careCases')
      .select([
        sql<number>`count(*) filter (where state = 'open')::int`.as('open'),
        sql<number>`count(*) filter (where state = 'claimed')::int`.as('claimed'),
        sql<number>`count(*) filter (where state <> 'resolved' and due_at < ${now})::int`.as('overdue'),
      ])
      .where('state', '<>', 'resolved')
      .executeTakeFirstOrThrow(),
  ]);
  const [buyers, shops, holders] = await Promise.all([
    displayNames(db, [...new Set(rows.map((r) => r.buyerId))]),
    shopNames(db, [...new Set(rows.map((r) => r.shopId))]),
    displayNames(db, [...new Set(rows.flatMap((r) => (r.claimedBy === null ? [] : [r.claimedBy])))]),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      buyerName: buyers.get(r.buyerId) ?? '',
      shopName: shops.get(r.shopId) ?? '',
      claimedByName: r.claimedBy === null ? null : (holders.get(r.claimedBy) ?? ''),
      overdue: r.state !== 'resolved' && r.dueAt < now,
    })),
    total: Number(total.n),
    limit: query.limit,
    offset: query.offset,
    counts,
    satisfaction: await satisfactionAfterOutreach(db, now),
  };
}

/**
 * Satisfaction after outreach (product rules §8.6): of the buyers asked and answering within the
 * configured window, the share satisfied, in basis points rounded half up (null without answers).
 */
export async function satisfactionAfterOutreach(db: Executor, now: Date) {
  const { config } = await currentConfig(db);
  const days = config.care.satisfactionWindowDays;
  const from = new Date(now.getTime() - days * DAY_MS);
  const row = await db
    .selectFrom('careCases')
    .select([
      sql<number>`count(*) filter (where survey_state is not null)::int`.as('asked'),
      sql<number>`count(*) filter (where survey_state = 'answered')::int`.as('answered'),
      sql<number>`count(*) filter (where satisfaction = 'satisfied')::int`.as('satisfied'),
    ])
    .where('resolvedAt', '>=', from)
    .where('resolvedAt', '<=', now)
    .executeTakeFirstOrThrow();
  const rateBp =
    row.answered === 0 ? null : Math.floor((row.satisfied * 20_000 + row.answered) / (2 * row.answered));
  return { windowDays: days, ...row, rateBp };
}

/** One case with the whole story: order and its timeline, shipment and tracking, chats, after-sales, reviews. */
export async function caseStory(db: Executor, id: number) {
  const row = await db.selectFrom('careCases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw caseNotFound(id);
  const [order, fulfilment, chats, requests, reviews, contacts, compensations, buyer, shop, people] =
    await Promise.all([
      getOrderDetail(db, row.orderId, {}),
      fulfilmentView(db, row.orderId),
      conversationExcerpt(db, row.buyerId, row.shopId, 30),
      requestsOfOrders(db, [row.orderId]),
      reviewsOfOrders(db, [row.orderId]),
      db.selectFrom('careContacts').selectAll().where('caseId', '=', id).orderBy('id').execute(),
      db
        .selectFrom('careCompensations')
        .select(['id', 'kind', 'amountFen', 'buyerCouponId', 'budgetDay', 'byUser', 'at'])
        .where('caseId', '=', id)
        .orderBy('id')
        .execute(),
      contactsOf(db, [row.buyerId]),
      shopNames(db, [row.shopId]),
      displayNames(
        db,
        [row.claimedBy ?? 0, row.resolvedBy ?? 0].filter((x) => x > 0),
      ),
    ]);
  const { config } = await currentConfig(db);
  const spentFen = compensations.reduce((sum, c) => sum + c.amountFen, 0);
  return {
    case: {
      ...row,
      claimedByName: row.claimedBy === null ? null : (people.get(row.claimedBy) ?? ''),
    },
    buyer: {
      id: row.buyerId,
      name: buyer.get(row.buyerId)?.displayName ?? '',
      phone: buyer.get(row.buyerId)?.phone ?? null,
    },
    shop: { id: row.shopId, name: shop.get(row.shopId) ?? '' },
    order: {
      id: order.id,
      state: order.state,
      totalFen: order.totalFen,
      createdAt: order.createdAt,
      lines: order.lines.map((l) => ({
        id: l.id,
        productId: l.productId,
        title: l.title,
        spec: l.spec,
        quantity: l.quantity,
        paidFen: l.paidFen,
      })),
      timeline: order.timeline.map((e) => ({ toState: e.toState, actorKind: e.actorKind, at: e.at })),
    },
    shipment: fulfilment.shipment,
    chats,
    aftersales: requests,
    reviews,
    contacts,
    compensations,
    caps: {
      perCaseCapFen: config.care.perCaseCapFen,
      caseLeftFen: Math.max(0, config.care.perCaseCapFen - spentFen),
      couponValidDays: config.care.couponValidDays,
    },
  };
}
