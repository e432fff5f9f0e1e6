import { sql } from 'kysely';
import type { Executor, Tx } from '../../../platform/db.ts';
import { productOwners } from '../../catalog/index.ts';
import { currentPolicy } from '../../configuration/index.ts';
import { orderProducts } from '../../orders/index.ts';
import { freightAbuse } from './freight-abuse.rule.ts';
import { QUALITY_REASONS, requestProduct } from './refund-requests.ts';

const CHUNK = 1_000;

/**
 * Flags products for freight abuse (product rules §5 薅运费): return-and-refund requests in the window
 * whose reason is not a quality reason, judged by `freightAbuse` against the product's paid orders in
 * the window. Flagged products keep their first detection time and get today's figures; products that
 * no longer qualify are unflagged (their returns count in the merchant's metrics again).
 * @returns products newly flagged, and products unflagged.
 */
export async function detectFreightAbuse(tx: Tx, now: Date): Promise<{ flagged: number; unflagged: number }> {
  const { version, policy } = await currentPolicy(tx);
  const { windowMs, minReturns } = policy.freightAbuse;
  const from = new Date(now.getTime() - windowMs);

  // Resubmissions on the same line are one return. Only products with at least `minReturns` come
  // back, since the rule flags none with fewer.
  const candidates = await sql<{ productId: number; noQualityReturns: number; orders: number }>`
    with returns as (
      select distinct on (r.order_id, r.order_line_id) ${requestProduct('r')} as product_id
      from aftersales_requests r
      where r.type = 'return_refund' and r.reason <> all(${QUALITY_REASONS}::text[])
        and r.created_at > ${from} and r.created_at <= ${now}
    ),
    candidates as (
      select product_id, count(*)::int as no_quality_returns from returns
      group by product_id having count(*) >= ${minReturns}
    )
    select c.product_id, c.no_quality_returns, count(distinct op.order_id)::int as orders
    from candidates c
    left join (${orderProducts({ paidFrom: from, paidTo: now })}) op on op.product_id = c.product_id
    group by c.product_id, c.no_quality_returns`.execute(tx);

  const flags = candidates.rows.flatMap(({ productId, ...input }) => {
    const decision = freightAbuse(input, policy);
    if (decision.outcome !== 'flag') return [];
    const inputs = {
      rule: decision.rule,
      ...decision.inputs,
      explanation: decision.explanation,
      configVersion: version,
      evaluatedAt: now,
    };
    return [{ productId, inputs, detectedAt: now }];
  });

  let flagged = 0;
  for (let i = 0; i < flags.length; i += CHUNK) {
    const written = await tx
      .insertInto('freightAbuseProducts')
      .values(flags.slice(i, i + CHUNK))
      .onConflict((oc) => oc.column('productId').doUpdateSet((eb) => ({ inputs: eb.ref('excluded.inputs') })))
      .returning(sql<boolean>`xmax = 0`.as('inserted'))
      .execute();
    flagged += written.filter((row) => row.inserted).length;
  }

  const kept = flags.map((f) => f.productId);
  const unflagged = await tx
    .deleteFrom('freightAbuseProducts')
    .where(sql<boolean>`product_id <> all(${kept}::bigint[])`)
    .executeTakeFirst();
  return { flagged, unflagged: Number(unflagged.numDeletedRows) };
}

export interface FreightAbuseProduct {
  productId: number;
  shopId: number;
  title: string;
  /** The rule's figures, explanation and configuration version at the last detection. */
  inputs: Record<string, unknown>;
  detectedAt: Date;
}

/** Flagged products, most recently detected first, for ops (optionally one shop's). */
export async function listFreightAbuseProducts(
  db: Executor,
  query: { shopId?: number; limit: number; offset: number },
): Promise<{ items: FreightAbuseProduct[]; total: number; limit: number; offset: number }> {
  const shop = query.shopId === undefined ? sql`` : sql`where p.shop_id = ${query.shopId}`;
  const from = sql`freight_abuse_products f join (${productOwners()}) p on p.product_id = f.product_id ${shop}`;
  const [items, total] = await Promise.all([
    sql<FreightAbuseProduct>`
      select f.product_id, p.shop_id, p.title, f.inputs, f.detected_at from ${from}
      order by f.detected_at desc, f.product_id desc
      limit ${query.limit} offset ${query.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from ${from}`.execute(db),
  ]);
  return { items: items.rows, total: total.rows[0]!.n, limit: query.limit, offset: query.offset };
}
