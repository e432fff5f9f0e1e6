import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/**
 * Sub-queries over the buyers' labels that other modules compose into their own set-based statements
 * (merchant metrics, the good-buyer tier): the tables stay risk's own, the reader sees only `buyer_id`.
 */

/** Rows (buyer_id) of buyers labelled high-refund now (薅羊毛, system or ops). */
export function highRefundBuyerIds(): RawBuilder<{ buyerId: number }> {
  return sql`select bl.buyer_id from buyer_labels bl where bl.label = 'high_refund'`;
}

/**
 * The risk labels on one buyer now: the buyer labels (high_refund) and every label set on the buyer's
 * account (e.g. 'fraud' from a review case). For rules that want "no abuse label".
 */
export async function abuseLabelsOfBuyer(db: Executor, buyerId: number): Promise<string[]> {
  const rows = await sql<{ label: string }>`
    select bl.label from buyer_labels bl where bl.buyer_id = ${buyerId}
    union
    select tl.label from trust_labels tl where tl.subject_type = 'user' and tl.subject_id = ${buyerId}
    order by label`.execute(db);
  return rows.rows.map((r) => r.label);
}
