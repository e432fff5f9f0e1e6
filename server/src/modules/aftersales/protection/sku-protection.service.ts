import { sql } from 'kysely';
import type { Executor, Tx } from '../../../platform/db.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { transitionRow } from '../../../platform/state-machine.ts';
import { notify } from '../../audience/index.ts';
import { getSkuStocks, productOwners } from '../../catalog/index.ts';
import { currentPolicy } from '../../configuration/index.ts';
import { paidSkuLines } from '../../orders/index.ts';
import { highRefundBuyerIds } from '../../risk/index.ts';
import { shopMemberIds, shopNames } from '../../shops/index.ts';
import { QUALITY_REASONS, REFUND_TYPES } from './refund-requests.ts';
import { skuProtectionTransitions } from './sku-protection.machine.ts';
import { skuQualitySpike } from './sku-protection.rule.ts';
import type { SkuProtectionState } from './sku-protection.tables.ts';

/** The notification a shop's members get when one of its SKUs is protected. */
export const SKU_PROTECTION_NOTIFICATION = 'sku_protection';

interface Candidate {
  skuId: number;
  productId: number;
  shopId: number;
  categoryId: number;
  eligible: number;
  qualityRefunds: number;
  categoryEligible: number;
  categoryQualityRefunds: number;
}

/**
 * Finds SKUs whose quality-refund rate spiked (product rules §8.5) and protects them, one statement over
 * the platform's order lines of the baseline window: each line's first refund request (high-refund
 * buyers' requests left out, as in the merchant's metrics), eligible and quality as the 品退率 counts
 * them, per SKU over the protection window (only orders paid after the SKU's last clear) and per
 * category over the baseline window, less the SKU itself. A SKU already protected is skipped. The shop's
 * members are told in the same transaction.
 * @returns the protections opened.
 */
export async function detectSkuSpikes(tx: Tx, now: Date): Promise<number> {
  const { version, policy } = await currentPolicy(tx);
  const { windowMs, baselineWindowMs, minQualityRefunds } = policy.skuProtection;
  const spikeFrom = new Date(now.getTime() - windowMs);
  const baselineFrom = new Date(now.getTime() - Math.max(windowMs, baselineWindowMs));
  const within = `${policy.qualityRefundWindowMs} milliseconds`;

  const candidates = await sql<Candidate>`
    with lines as (
      select l.order_line_id, l.sku_id, l.product_id, l.paid_at, l.delivered_at, p.shop_id, p.category_id
      from (${paidSkuLines({ paidFrom: baselineFrom, paidTo: now })}) l
      join (${productOwners()}) p on p.product_id = l.product_id
    ),
    firsts as (
      select distinct on (r.order_line_id) r.order_line_id, r.type, r.reason, r.state, r.created_at
      from aftersales_requests r
      where r.order_line_id in (select order_line_id from lines)
        and r.type = any(${REFUND_TYPES}::text[])
        and r.buyer_id not in (${highRefundBuyerIds()})
      order by r.order_line_id, r.created_at, r.id
    ),
    scored as (
      select l.sku_id, l.product_id, l.shop_id, l.category_id, l.paid_at,
        f.created_at <= l.paid_at + ${within}::interval as asked_within,
        coalesce(f.type = 'guarantee_claim' and f.state in ('refunded', 'resolved'), false) as guaranteed,
        l.delivered_at is not null and l.delivered_at <= l.paid_at + ${within}::interval as delivered_within,
        f.reason = any(${QUALITY_REASONS}::text[]) as quality_reason
      from lines l left join firsts f on f.order_line_id = l.order_line_id
    ),
    counted as (
      select sku_id, product_id, shop_id, category_id, paid_at,
        delivered_within and not coalesce(asked_within and guaranteed, false) as eligible,
        delivered_within and not coalesce(asked_within and guaranteed, false)
          and coalesce(asked_within and quality_reason, false) as quality
      from scored
    ),
    cleared as (
      select sku_id, max(cleared_at) as cleared_at from sku_protections where state = 'cleared' group by sku_id
    ),
    spikes as (
      select c.sku_id, c.product_id, c.shop_id, c.category_id,
        count(*) filter (where c.eligible)::int as eligible,
        count(*) filter (where c.quality)::int as quality_refunds
      from counted c left join cleared x on x.sku_id = c.sku_id
      where c.paid_at > ${spikeFrom} and (x.cleared_at is null or c.paid_at > x.cleared_at)
        and c.sku_id not in (select sku_id from sku_protections where state = 'active')
      group by c.sku_id, c.product_id, c.shop_id, c.category_id
      having count(*) filter (where c.quality) >= ${minQualityRefunds}
    ),
    base_sku as (
      select sku_id, category_id, count(*) filter (where eligible)::int as eligible,
        count(*) filter (where quality)::int as quality_refunds
      from counted group by sku_id, category_id
    ),
    base_category as (
      select category_id, sum(eligible)::int as eligible, sum(quality_refunds)::int as quality_refunds
      from base_sku group by category_id
    )
    select s.sku_id, s.product_id, s.shop_id, s.category_id, s.eligible, s.quality_refunds,
      bc.eligible - bs.eligible as category_eligible,
      bc.quality_refunds - bs.quality_refunds as category_quality_refunds
    from spikes s
    join base_sku bs on bs.sku_id = s.sku_id
    join base_category bc on bc.category_id = s.category_id
    order by s.sku_id`.execute(tx);

  let opened = 0;
  for (const c of candidates.rows) {
    const decision = skuQualitySpike(
      {
        sku: { eligible: c.eligible, qualityRefunds: c.qualityRefunds },
        category: { eligible: c.categoryEligible, qualityRefunds: c.categoryQualityRefunds },
      },
      policy,
    );
    if (decision.outcome !== 'protect') continue;
    const inserted = await tx
      .insertInto('skuProtections')
      .values({
        skuId: c.skuId,
        productId: c.productId,
        shopId: c.shopId,
        categoryId: c.categoryId,
        rateBp: decision.inputs.rateBp as number,
        baselineBp: decision.inputs.baselineBp as number,
        eligibleOrders: c.eligible,
        qualityRefunds: c.qualityRefunds,
        inputs: JSON.stringify({
          rule: decision.rule,
          ...decision.inputs,
          configVersion: version,
          evaluatedAt: now,
        }),
        explanationZh: decision.explanation.zh,
        explanationEn: decision.explanation.en,
        detectedAt: now,
      })
      .onConflict((oc) => oc.column('skuId').where('state', '=', 'active').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    opened += 1;
    const members = await shopMemberIds(tx, c.shopId);
    await notify(
      tx,
      [...members.keys()],
      SKU_PROTECTION_NOTIFICATION,
      {
        protectionId: inserted.id,
        shopId: c.shopId,
        productId: c.productId,
        skuId: c.skuId,
        explanation: decision.explanation,
      },
      now,
    );
  }
  return opened;
}

/** The active protection of a SKU, if any (read when a request is opened, in its transaction). */
export async function activeSkuProtection(db: Executor, skuId: number) {
  return db
    .selectFrom('skuProtections')
    .select(['id', 'rateBp', 'baselineBp', 'detectedAt'])
    .where('skuId', '=', skuId)
    .where('state', '=', 'active')
    .executeTakeFirst();
}

/** Counts a request the protection approved at once. */
export async function noteProtectedApproval(tx: Tx, protectionId: number): Promise<void> {
  await tx
    .updateTable('skuProtections')
    .set({ autoApproved: sql`auto_approved + 1` })
    .where('id', '=', protectionId)
    .execute();
}

export interface SkuProtectionView {
  id: number;
  skuId: number;
  productId: number;
  shopId: number;
  shopName: string;
  title: string;
  spec: string;
  state: SkuProtectionState;
  rateBp: number;
  baselineBp: number;
  eligibleOrders: number;
  qualityRefunds: number;
  explanationZh: string;
  explanationEn: string;
  detectedAt: Date;
  autoApproved: number;
  clearedAt: Date | null;
  clearNote: string | null;
}

/** Protections, newest first: ops see every shop's (or one's), a shop its own; by state. */
export async function listSkuProtections(
  db: Executor,
  query: { shopId?: number; state?: SkuProtectionState; limit: number; offset: number },
): Promise<{ items: SkuProtectionView[]; total: number; limit: number; offset: number }> {
  const shop = query.shopId === undefined ? sql`` : sql`and sp.shop_id = ${query.shopId}`;
  const state = query.state === undefined ? sql`` : sql`and sp.state = ${query.state}`;
  const where = sql`where true ${shop} ${state}`;
  const [items, total] = await Promise.all([
    sql<Omit<SkuProtectionView, 'shopName' | 'spec'>>`
      select sp.id, sp.sku_id, sp.product_id, sp.shop_id, p.title,
        sp.state, sp.rate_bp, sp.baseline_bp, sp.eligible_orders, sp.quality_refunds, sp.explanation_zh,
        sp.explanation_en, sp.detected_at, sp.auto_approved, sp.cleared_at, sp.clear_note
      from sku_protections sp join (${productOwners()}) p on p.product_id = sp.product_id
      ${where}
      order by sp.state = 'active' desc, sp.detected_at desc, sp.id desc
      limit ${query.limit} offset ${query.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from sku_protections sp ${where}`.execute(db),
  ]);
  const [names, skus] = await Promise.all([
    shopNames(db, [...new Set(items.rows.map((r) => r.shopId))]),
    getSkuStocks(db, [...new Set(items.rows.map((r) => r.productId))]),
  ]);
  const specs = new Map(skus.map((k) => [k.skuId, k.spec]));
  return {
    items: items.rows.map((r) => ({
      ...r,
      shopName: names.get(r.shopId) ?? '',
      spec: specs.get(r.skuId) ?? '',
    })),
    total: total.rows[0]!.n,
    limit: query.limit,
    offset: query.offset,
  };
}

/**
 * Ops clear a protection (product rules §8.5): active → cleared, with who, when and why. The SKU's
 * quality refunds wait for the merchant again; a new spike, counted over orders paid after the clear,
 * protects it anew.
 */
export async function clearSkuProtection(
  tx: Tx,
  input: { id: number; opsUserId: number; note: string; now: Date },
): Promise<void> {
  const row = await tx
    .selectFrom('skuProtections')
    .select(['state'])
    .where('id', '=', input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('sku_protection', input.id);
  if (row.state !== 'active')
    throw new AppError('invalid_transition', `sku protection ${input.id} is already cleared`, {
      from: row.state,
      to: 'cleared',
    });
  await transitionRow(tx, 'skuProtections', {
    machine: skuProtectionTransitions,
    what: `sku protection ${input.id}`,
    key: { id: input.id },
    from: 'active',
    to: 'cleared',
    set: { clearedBy: input.opsUserId, clearedAt: input.now, clearNote: input.note },
  });
}
