import { type RawBuilder, sql } from 'kysely';
import type { RequestType } from '../aftersales.tables.ts';
import { isQualityReason, REASON_CODES } from '../reasons.ts';

/** The requests that ask for money back (product rules §5); exchanges, resends and compensation do not. */
export const REFUND_TYPES = [
  'refund_only_unshipped',
  'refund_only',
  'return_refund',
  'guarantee_claim',
] as const satisfies readonly RequestType[];

export const isRefundType = (type: string): boolean => (REFUND_TYPES as readonly string[]).includes(type);

/** Reason codes that cite quality, for SQL (`reasons.ts` is the source). */
export const QUALITY_REASONS: readonly string[] = REASON_CODES.filter(isQualityReason);

/**
 * The product a request is about, for a request row aliased `alias`: its line's product, or for a
 * request on the whole order, the order's first line's product.
 */
export function requestProduct(alias: string): RawBuilder<number> {
  const r = sql.ref(alias);
  return sql<number>`coalesce(
    (select l.product_id from order_lines l where l.id = ${r}.order_line_id),
    (select l.product_id from order_lines l where l.order_id = ${r}.order_id order by l.id limit 1))`;
}
