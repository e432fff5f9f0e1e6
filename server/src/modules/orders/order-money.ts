import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import { localDay } from '../../platform/local-day.ts';
import type { Fen } from '../../platform/money.ts';
import type { OrderState } from './orders.tables.ts';

/** What the money modules (settlement, after-sales) read of an order. */
export interface MoneyOrder {
  id: number;
  shopId: number;
  buyerId: number;
  state: OrderState;
  /** What the buyer paid: items + shipping − discounts. */
  totalFen: Fen;
  shippingFen: Fen;
  /** The platform coupon's discount: the platform pays it to the merchant at settlement. */
  platformDiscountFen: Fen;
  hostUserId: number | null;
  completedAt: Date | null;
}

/** The order's shop and state, unlocked (read before the shop's status lock, which comes first). */
export function orderShopAndState(
  db: Executor,
  orderId: number,
): Promise<{ shopId: number; state: OrderState } | undefined> {
  return db.selectFrom('orders').select(['shopId', 'state']).where('id', '=', orderId).executeTakeFirst();
}

/**
 * Locks the order row for a money operation (settlement, a refund, a compensation). The caller has
 * taken the shop's status lock first: the order every money operation of a shop follows.
 */
export function lockOrderForMoney(tx: Tx, orderId: number): Promise<MoneyOrder> {
  return tx
    .selectFrom('orders')
    .select([
      'id',
      'shopId',
      'buyerId',
      'state',
      'totalFen',
      'shippingFen',
      'platformDiscountFen',
      'hostUserId',
      'completedAt',
    ])
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** What the buyer paid for each line of an order and its commission rates, as frozen at checkout (for settlement). */
export function commissionLinesOf(
  db: Executor,
  orderId: number,
): Promise<{ paidFen: Fen; platformCommissionBp: number; creatorCommissionBp: number }[]> {
  return db
    .selectFrom('orderLines')
    .select(['paidFen', 'platformCommissionBp', 'creatorCommissionBp'])
    .where('orderId', '=', orderId)
    .execute();
}

/**
 * What the buyer paid for a line of the order (its amount less its share of the coupon discounts): the
 * most a refund of the line returns. Undefined when the line is not the order's.
 */
export async function lineAmountOf(
  db: Executor,
  orderId: number,
  orderLineId: number,
): Promise<Fen | undefined> {
  const line = await db
    .selectFrom('orderLines')
    .select('paidFen')
    .where('id', '=', orderLineId)
    .where('orderId', '=', orderId)
    .executeTakeFirst();
  return line?.paidFen;
}

/** Whether the line (or, with no line, any line of the order) carries the guarantee, as frozen at checkout. */
export async function carriesGuarantee(
  db: Executor,
  input: { orderId: number; orderLineId: number | null; guarantee: string },
): Promise<boolean> {
  let query = db
    .selectFrom('orderLines')
    .select('id')
    .where('orderId', '=', input.orderId)
    .where(sql<boolean>`${input.guarantee} = any(guarantees)`);
  if (input.orderLineId !== null) query = query.where('id', '=', input.orderLineId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** How many of the shop's orders were delivered in [from, to]. */
export async function deliveredOrderCount(
  db: Executor,
  shopId: number,
  from: Date,
  to: Date,
): Promise<number> {
  const row = await sql<{ n: number }>`
    select count(*)::int as n from orders
    where shop_id = ${shopId} and delivered_at >= ${from} and delivered_at <= ${to}`.execute(db);
  return row.rows[0]!.n;
}

/**
 * Orders, with their lines, paid in (from, to]: each line's product, and when the order was paid and
 * delivered (the protection metrics of one shop).
 */
export function paidLinesOfShop(
  db: Executor,
  input: { shopId: number; from: Date; to: Date },
): Promise<
  { orderId: number; paidAt: Date | null; deliveredAt: Date | null; productId: number; title: string }[]
> {
  return db
    .selectFrom('orders as o')
    .innerJoin('orderLines as l', 'l.orderId', 'o.id')
    .select(['o.id as orderId', 'o.paidAt', 'o.deliveredAt', 'l.productId', 'l.title'])
    .where('o.shopId', '=', input.shopId)
    .where('o.paidAt', '>', input.from)
    .where('o.paidAt', '<=', input.to)
    .execute();
}

/** Per local day of payment (`offsetMinutes` east of UTC), the shop's orders paid in [from, to] and their total. */
export async function paidByLocalDay(
  db: Executor,
  input: { shopId: number; from: Date; to: Date; offsetMinutes: number },
): Promise<{ day: string; fen: Fen; n: number }[]> {
  const result = await sql<{ day: string; fen: Fen; n: number }>`
    select ${localDay(sql.ref('o.paid_at'), input.offsetMinutes)} as day,
           coalesce(sum(o.total_fen), 0)::bigint as fen, count(*)::int as n
    from orders o
    where o.shop_id = ${input.shopId} and o.paid_at >= ${input.from} and o.paid_at <= ${input.to}
    group by 1`.execute(db);
  return result.rows;
}
