import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { RequestState } from './aftersales.tables.ts';

/**
 * The states in which a request waits for the merchant (product rules §5): decide it, confirm the
 * returned parcel, or ship the replacement. Each has a deadline whose default goes against the shop.
 */
export const AWAITING_MERCHANT_STATES: readonly RequestState[] = [
  'pending_merchant',
  'return_shipped',
  'awaiting_reship',
];

export interface AftersalesToDo {
  /** Requests waiting for the merchant. */
  count: number;
  /** The soonest of their deadlines, or null when none waits. */
  soonestDeadlineAt: Date | null;
}

/** How many of a shop's requests wait for the merchant, and the soonest deadline among them. */
export async function aftersalesToDo(db: Executor, shopId: number): Promise<AftersalesToDo> {
  const row = await db
    .selectFrom('aftersalesRequests')
    .select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`min(deadline_at)`.as('soonest')])
    .where('shopId', '=', shopId)
    .where('state', 'in', AWAITING_MERCHANT_STATES)
    .executeTakeFirstOrThrow();
  return { count: row.n, soonestDeadlineAt: row.soonest };
}
