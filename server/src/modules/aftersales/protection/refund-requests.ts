import { type RawBuilder, sql } from 'kysely';
import { productOfLineOrOrder } from '../../orders/index.ts';
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
  return productOfLineOrOrder(sql.ref(`${alias}.order_id`), sql.ref(`${alias}.order_line_id`));
}
