import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { GuaranteeCode } from './guarantees.ts';

/**
 * The trust guarantees a shop switches on for the trust badge (信任购, product rules §7.2): 7天无理由退货
 * and 退货补运费 on every listed product, each where the product's category may carry it at all
 * (category-guarantees.rule.ts: no 7-day returns for perishable, custom-made or virtual goods or a
 * category without them; no freight insurance on virtual goods). A guarantee counts whether it comes
 * from the category's defaults or the merchant's opt-in.
 */
export const TRUST_GUARANTEES = ['no_reason_7d', 'freight_insurance'] as const satisfies GuaranteeCode[];
export type TrustGuarantee = (typeof TRUST_GUARANTEES)[number];

export interface TrustGuaranteeCoverage {
  /** Products on sale. */
  listed: number;
  /** Of them, those carrying every trust guarantee their category allows. */
  covered: number;
}

// The SQL twin of guaranteeRefusal for the two trust guarantees (kept beside each other on purpose:
// trust-guarantees.integration.test.ts checks both give the same answer for every kind of category).
const carries = (code: string) => sql`(${code} = any(p.guarantees) or ${code} = any(c.default_guarantees))`;
const noReasonFits = sql`(c.no_reason_return and not c.perishable and not c.custom_made and not c.is_virtual)`;
const freightFits = sql`(not c.is_virtual)`;
const coveredSql = sql`(${carries('no_reason_7d')} or not ${noReasonFits})
  and (${carries('freight_insurance')} or not ${freightFits})`;

/** Listed and covered products per shop, one query; shops with no listed product are absent. */
export async function trustGuaranteeCoverage(
  db: Executor,
  shopIds?: readonly number[],
): Promise<Map<number, TrustGuaranteeCoverage>> {
  if (shopIds && shopIds.length === 0) return new Map();
  const rows = await sql<{ shopId: number; listed: number; covered: number }>`
    select p.shop_id, count(*)::int as listed, (count(*) filter (where ${coveredSql}))::int as covered
    from products p join categories c on c.id = p.category_id
    where p.state = 'listed'
      ${shopIds ? sql`and p.shop_id = any(${sql.val([...shopIds])}::bigint[])` : sql``}
    group by p.shop_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.shopId, { listed: r.listed, covered: r.covered }]));
}

/** A listed product that lacks a trust guarantee its category allows, for the merchant to fix. */
export interface UncoveredProduct {
  productId: number;
  title: string;
  missing: TrustGuarantee[];
}

/** The shop's listed products lacking a trust guarantee, oldest first, at most `limit`. */
export async function uncoveredProducts(
  db: Executor,
  shopId: number,
  limit = 20,
): Promise<UncoveredProduct[]> {
  const rows = await sql<{ productId: number; title: string; noReason: boolean; freight: boolean }>`
    select p.id as product_id, p.title,
           (not ${carries('no_reason_7d')} and ${noReasonFits}) as no_reason,
           (not ${carries('freight_insurance')} and ${freightFits}) as freight
    from products p join categories c on c.id = p.category_id
    where p.state = 'listed' and p.shop_id = ${shopId} and not (${coveredSql})
    order by p.id limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    productId: r.productId,
    title: r.title,
    missing: [
      ...(r.noReason ? (['no_reason_7d'] as const) : []),
      ...(r.freight ? (['freight_insurance'] as const) : []),
    ],
  }));
}
