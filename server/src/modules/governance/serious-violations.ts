import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/**
 * Serious violations (the catalogue's severity `serious`) of shops recorded since `since`, by shop; a
 * violation reversed on appeal no longer counts. One set-based query (the trust badge and the
 * probation exit read it for every shop, product rules §7.2); shops without one are absent.
 */
export async function seriousViolationsSince(
  db: Executor,
  since: Date,
  shopIds?: readonly number[],
): Promise<Map<number, number>> {
  if (shopIds && shopIds.length === 0) return new Map();
  const rows = await sql<{ shopId: number; n: number }>`
    select v.shop_id, count(*)::int as n from governance_violations v
    where v.severity = 'serious' and v.state <> 'reversed' and v.created_at >= ${since}
      and v.shop_id is not null
      ${shopIds ? sql`and v.shop_id = any(${sql.val([...shopIds])}::bigint[])` : sql``}
    group by v.shop_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.shopId, r.n]));
}
