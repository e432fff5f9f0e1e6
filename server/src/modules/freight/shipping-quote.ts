import type { Executor } from '../../platform/db.ts';
import { freightFee } from './freight-fee.rule.ts';
import { regionLabel } from './region-codes.ts';

export interface ShippingItem {
  /** The product's template; null → the shop's default template. */
  templateId: number | null;
  quantity: number;
  weightGrams: number;
  lineFen: number;
}
export interface ShippingWant {
  shopId: number;
  /** The delivery address's county code. */
  regionCode: string;
  items: ShippingItem[];
}
export type ShippingQuote =
  | { ok: true; fen: number; free: boolean; remote: boolean }
  | { ok: false; reason: 'not_delivered'; regionName: string };

/**
 * One answer per want (one query for all of them): items grouped by template (null, or a template
 * that is not the shop's → the shop's default; no default → free), the fee of each group summed.
 * Not delivered when any group's template excludes the region.
 */
export async function quoteShipping(db: Executor, wants: readonly ShippingWant[]): Promise<ShippingQuote[]> {
  if (wants.length === 0) return [];
  const shopIds = [...new Set(wants.map((w) => w.shopId))];
  const templateIds = [
    ...new Set(
      wants.flatMap((w) => w.items.map((i) => i.templateId).filter((id): id is number => id !== null)),
    ),
  ];
  const rows = await db
    .selectFrom('freightTemplates')
    .select([
      'id',
      'shopId',
      'mode',
      'firstUnits',
      'firstFen',
      'extraUnits',
      'extraFen',
      'freeOverFen',
      'isDefault',
      'regions',
      'excludedCodes',
    ])
    .where('shopId', 'in', shopIds)
    .where((eb) =>
      templateIds.length > 0
        ? eb.or([eb('isDefault', '=', true), eb('id', 'in', templateIds)])
        : eb('isDefault', '=', true),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const defaults = new Map(rows.filter((r) => r.isDefault).map((r) => [r.shopId, r]));

  return wants.map((want): ShippingQuote => {
    const groups = new Map<number, ShippingItem[]>();
    for (const item of want.items) {
      const own = item.templateId !== null ? byId.get(item.templateId) : undefined;
      const template = own && own.shopId === want.shopId ? own : defaults.get(want.shopId);
      if (!template) continue; // no template at all: ships free
      groups.set(template.id, [...(groups.get(template.id) ?? []), item]);
    }
    let fen = 0;
    let remote = false;
    for (const [templateId, items] of groups) {
      const result = freightFee(byId.get(templateId)!, items, want.regionCode);
      if (!result.ok)
        return { ok: false, reason: 'not_delivered', regionName: regionLabel(result.excludedCode) };
      fen += result.fen;
      remote ||= result.remote;
    }
    return { ok: true, fen, free: fen === 0, remote };
  });
}

/** Whether the template exists and is the shop's (a product may only use its own shop's templates). */
export async function templateBelongsToShop(
  db: Executor,
  templateId: number,
  shopId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('freightTemplates')
    .select('id')
    .where('id', '=', templateId)
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  return row !== undefined;
}
