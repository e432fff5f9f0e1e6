import { sql } from 'kysely';
import type { Tx } from '../platform/db.ts';
import type { Random } from './random.ts';
import type { SeededProduct } from './seed-products.ts';
import type { SeededShop } from './seed-shops.ts';

// 新疆 and 西藏 are remote (their fee whatever the amount); 内蒙古, 甘肃, 青海 and 宁夏 cost more;
// 港澳台 are not delivered to (mainland express only).
const REMOTE = ['650000', '540000'];
const FAR = ['150000', '620000', '630000', '640000'];
const NOT_DELIVERED = ['710000', '810000', '820000'];

/** ¥8 the first piece, ¥2 each more, free from ¥99. */
const standard = {
  name: '标准快递',
  mode: 'piece' as const,
  firstUnits: 1,
  firstFen: 800,
  extraUnits: 1,
  extraFen: 200,
  freeOverFen: 9_900,
  regions: [
    { codes: REMOTE, firstFen: 2_000, extraFen: 500, remote: true },
    { codes: FAR, firstFen: 1_200, extraFen: 300, remote: false },
  ],
  excludedCodes: NOT_DELIVERED,
};

/** Fresh and frozen goods by weight, cold chain: first kilogram ¥12, each further kilogram ¥4, free from ¥199. */
const coldChain = {
  name: '生鲜冷链（按重量）',
  mode: 'weight' as const,
  firstUnits: 1_000,
  firstFen: 1_200,
  extraUnits: 1_000,
  extraFen: 400,
  freeOverFen: 19_900,
  regions: [
    { codes: ['650000'], firstFen: 3_000, extraFen: 1_000, remote: true },
    { codes: FAR, firstFen: 2_000, extraFen: 600, remote: false },
  ],
  // Cold chain does not reach 西藏 in time.
  excludedCodes: [...NOT_DELIVERED, '540000'],
};

const SECTOR_GRAMS: Record<string, number> = {
  fresh: 2_500,
  food: 500,
  frozen: 1_500,
  beauty: 300,
  apparel: 600,
  electronics: 1_200,
  used_phone: 400,
  virtual: 0,
  custom: 300,
};

const UNIT_GRAMS: Record<string, number> = { 斤: 500, kg: 1_000, 千克: 1_000, g: 1, 克: 1 };

/** A SKU's weight from its spec ('10斤装' → 5,000 g, '单果 4-5斤' → 2,500 g, '6个装 单果250g+' → 1,500 g), else the sector's. */
export function demoWeightGrams(spec: string, sector: string): number {
  if (sector === 'virtual') return 0;
  const m = /(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?\s*(斤|kg|千克|g|克)/.exec(spec);
  if (!m) return SECTOR_GRAMS[sector] ?? 500;
  const grams = Number(m[2] ?? m[1]) * UNIT_GRAMS[m[3]!]!;
  const count = /^(\d+)个/.exec(spec);
  return Math.round(grams * (count && UNIT_GRAMS[m[3]!] === 1 ? Number(count[1]) : 1));
}

// Pre-sales (DOMAIN.md §2: ship within 4–45 days): the coming harvest, made-to-order engraving.
const PRESALE_DAYS: Record<string, number> = { 赣南脐橙合作社: 15, 刻字匠人定制: 10, 海南热带果坊: 7 };

/**
 * Freight templates for the demo shops (every shop but the virtual one gets the standard template as
 * its default; fresh and frozen shops ship on a cold-chain template by weight), SKU weights, and a
 * pre-sale product in a few shops.
 */
export async function insertFreight(
  tx: Tx,
  random: Random,
  now: Date,
  shops: readonly SeededShop[],
  products: readonly SeededProduct[],
): Promise<{ freightTemplates: number }> {
  const physical = shops.filter((s) => s.def.sector !== 'virtual');
  const coldShops = physical.filter((s) => s.def.sector === 'fresh' || s.def.sector === 'frozen');
  const rows = [
    ...physical.map((s) => ({ shopId: s.id, ...standard, isDefault: true })),
    ...coldShops.map((s) => ({ shopId: s.id, ...coldChain, isDefault: false })),
  ];
  const inserted = await tx
    .insertInto('freightTemplates')
    .values(
      rows.map(({ regions, ...r }) => ({
        ...r,
        regions: JSON.stringify(regions),
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning(['id', 'shopId', 'mode'])
    .execute();

  // Cold-chain shops ship on the weight template; the others' products use their shop's default.
  for (const t of inserted.filter((t) => t.mode === 'weight')) {
    await tx
      .updateTable('products')
      .set({ freightTemplateId: t.id })
      .where('shopId', '=', t.shopId)
      .execute();
  }
  const skus = await tx
    .selectFrom('skus')
    .select(['id', 'productId', 'spec'])
    .where(
      'productId',
      'in',
      products.map((p) => p.id),
    )
    .execute();
  const sectorOf = new Map(products.map((p) => [p.id, shops.find((s) => s.id === p.shopId)!.def.sector]));
  // Packaging: a little more, rounded to 10 g. One statement for all SKUs.
  const weights = skus.map((sku) => {
    const grams = demoWeightGrams(sku.spec, sectorOf.get(sku.productId)!);
    return grams === 0 ? 0 : Math.round((grams * (1 + random.int(5, 15) / 100)) / 10) * 10;
  });
  await sql`
    update skus s set weight_grams = v.grams
    from unnest(${skus.map((k) => k.id)}::bigint[], ${weights}::int[]) as v(id, grams)
    where s.id = v.id`.execute(tx);

  for (const shop of shops) {
    const days = PRESALE_DAYS[shop.def.name];
    const first = products.find((p) => p.shopId === shop.id && p.state === 'listed');
    if (days && first) {
      await tx.updateTable('products').set({ presaleShipDays: days }).where('id', '=', first.id).execute();
    }
  }
  return { freightTemplates: inserted.length };
}
