import type { ProductState, QualificationCode } from '../modules/catalog/index.ts';
import { DAY, HOUR, MINUTE } from '../platform/clock.ts';
import type { Tx } from '../platform/db.ts';
import { productPool, SECTOR_TRAITS } from './demo-products.ts';
import { demoQualificationNo } from './qualification-number.ts';
import type { Random } from './random.ts';
import type { SeededCatalog, SeededLeaf } from './seed-catalog.ts';
import type { SeededShop } from './seed-shops.ts';

export interface SeededProduct {
  id: number;
  shopId: number;
  sector: SeededLeaf['sector'];
  state: ProductState;
  creatorCommissionBp: number | null;
}

type DemoState = Extract<ProductState, 'draft' | 'in_review' | 'listed'>;

// Probation shops have more goods still waiting for review.
function pickState(random: Random, shop: SeededShop): DemoState {
  const roll = random.next();
  const [review, draft] = shop.def.state === 'probation' ? [0.15, 0.05] : [0.04, 0.03];
  return roll < draft ? 'draft' : roll < draft + review ? 'in_review' : 'listed';
}

// Merchant opt-in on top of the category defaults: brand shops guarantee authenticity and 假一赔十.
function optInGuarantees(random: Random, shop: SeededShop, leaf: SeededLeaf): string[] {
  const wanted =
    shop.def.type === 'flagship'
      ? ['authenticity', 'fake_pays_n']
      : leaf.sector === 'electronics' && random.chance(0.5)
        ? ['freight_insurance']
        : leaf.sector === 'beauty' && random.chance(0.3)
          ? ['fake_pays_n']
          : [];
  return [...wanted, ...(shop.def.optIn ?? [])].filter((code) => !leaf.defaultGuarantees.includes(code));
}

const roundTo50 = (bp: number) => Math.round(bp / 50) * 50;

/** Products with their SKUs and review history; most listed, some in review or draft. */
export async function insertProducts(
  tx: Tx,
  random: Random,
  now: Date,
  catalog: SeededCatalog,
  shops: SeededShop[],
  reviewerId: number,
): Promise<{ products: SeededProduct[]; skuCount: number; eventCount: number }> {
  const plans = shops.flatMap((shop) => {
    const pool = productPool(shop.def);
    const chosen = shop.def.brand ? pool.slice(0, shop.def.products) : random.sample(pool, shop.def.products);
    // Food licences (SC, JY) belong to the producer or seller; cosmetics filings to each product.
    const licences = new Map<string, string>();
    return chosen.map((template, index) => {
      const leaf = catalog.leaves.get(template.leaf)!;
      const traits = SECTOR_TRAITS[leaf.sector];
      const kind = leaf.requiredQualifications[0];
      let qualificationNo: string | null = null;
      if (kind) {
        const licenceKey = kind.startsWith('food') ? `${kind}:${template.leaf}` : `${index}`;
        qualificationNo = licences.get(licenceKey) ?? demoQualificationNo(kind, template.leaf, random);
        licences.set(licenceKey, qualificationNo);
      }
      const state: DemoState = index === 0 ? 'listed' : pickState(random, shop);
      const createdAt = new Date(
        Math.max(
          shop.openedAt.getTime() + DAY,
          now.getTime() - random.int(2, 300) * DAY - random.int(0, 23) * HOUR,
        ),
      );
      // Minutes from creation to the last state change: submitted after 10, reviewed within 4 h.
      const steps = { draft: [0], in_review: [0, 10], listed: [0, 10, random.int(30, 240)] }[state];
      return {
        shop,
        template,
        state,
        createdAt,
        steps,
        row: {
          shopId: shop.id,
          categoryId: leaf.id,
          brandId: template.brand ? (catalog.brands.get(template.brand) ?? null) : null,
          title: template.title,
          description: `${template.title}。${traits.blurb}`,
          imageUrl: null,
          state,
          guarantees: optInGuarantees(random, shop, leaf),
          qualificationNo,
          creatorCommissionBp: random.chance(traits.offerChance)
            ? roundTo50(random.int(...traits.commissionBp))
            : null,
          stateReason: null,
          createdAt,
          updatedAt: new Date(createdAt.getTime() + steps.at(-1)! * MINUTE),
        },
        skus: template.skus.map(([spec, priceFen], i) => ({
          code: `${shop.id}-${index + 1}-${i + 1}`,
          spec,
          priceFen,
          stock: random.int(...traits.stock),
          purchaseLimit: leaf.sector === 'virtual' ? 5 : random.chance(0.1) ? random.int(2, 5) : null,
          createdAt,
        })),
      };
    });
  });

  const rows = await tx
    .insertInto('products')
    .values(plans.map((p) => p.row))
    .returning(['id', 'shopId', 'title'])
    .execute();
  // One multi-row INSERT returns its rows in VALUES order; check it rather than assume it.
  rows.forEach((r, i) => {
    if (r.shopId !== plans[i]!.row.shopId || r.title !== plans[i]!.row.title) {
      throw new Error('seed: inserted products came back out of order');
    }
  });

  // The registry (product rules §6) knows the demo shops' licences and filings: their goods pass the check.
  const registered = new Map<string, { number: string; kind: QualificationCode; holder: string }>();
  for (const p of plans) {
    const kind = catalog.leaves.get(p.template.leaf)!.requiredQualifications[0];
    if (p.row.qualificationNo && kind)
      registered.set(p.row.qualificationNo, { number: p.row.qualificationNo, kind, holder: p.shop.def.name });
  }
  if (registered.size > 0) {
    await tx
      .insertInto('qualificationRegistry')
      .values(
        [...registered.values()].map((r) => ({
          ...r,
          status: 'valid' as const,
          validUntil: new Date('2030-12-31'),
        })),
      )
      .onConflict((oc) => oc.column('number').doNothing())
      .execute();
  }

  // Some listed goods are on a price cut with an honest 划线价 (product rules §6.3): sold at the higher
  // price since they were listed, cut a few days ago. Chosen by position, not by the random stream.
  const cuts = plans.map((p, i) => {
    const daysOn = (now.getTime() - p.createdAt.getTime()) / DAY;
    return p.state === 'listed' && i % 7 === 3 && daysOn > 20
      ? { cutAt: new Date(now.getTime() - (2 + (i % 4)) * DAY) }
      : null;
  });
  const skus = plans.flatMap((p, i) =>
    p.skus.map((sku, k) => {
      const cut = cuts[i] && k === 0;
      // The old price about a fifth above, in whole yuan.
      const oldFen = Math.ceil((sku.priceFen * 1.25) / 100) * 100;
      return { ...sku, productId: rows[i]!.id, originalPriceFen: cut ? oldFen : null };
    }),
  );
  const skuRows = await tx
    .insertInto('skus')
    .values(skus)
    .returning(['id', 'priceFen', 'originalPriceFen', 'createdAt'])
    .execute();
  // Every price each SKU was offered at, from when: the old price until the cut, then the price now.
  const cutAt = new Map<number, Date>();
  cuts.forEach((cut, i) => {
    if (cut) cutAt.set(rows[i]!.id, cut.cutAt);
  });
  await tx
    .insertInto('skuPrices')
    .values(
      skuRows.flatMap((k, j) => {
        const at = cutAt.get(skus[j]!.productId);
        return k.originalPriceFen !== null && at
          ? [
              { skuId: k.id, priceFen: k.originalPriceFen, fromAt: k.createdAt },
              { skuId: k.id, priceFen: k.priceFen, fromAt: at },
            ]
          : [{ skuId: k.id, priceFen: k.priceFen, fromAt: k.createdAt }];
      }),
    )
    .execute();

  // draft → in_review → listed, the approval by the demo reviewer.
  const events = plans.flatMap((p, i) => {
    const path: DemoState[] = ['draft', 'in_review', 'listed'];
    return p.steps.map((minutes, step) => ({
      productId: rows[i]!.id,
      fromState: step === 0 ? null : path[step - 1]!,
      toState: path[step]!,
      actorId: step === 2 ? reviewerId : p.shop.ownerId,
      reason: step === 2 ? 'approved' : null,
      at: new Date(p.createdAt.getTime() + minutes * MINUTE),
    }));
  });
  await tx.insertInto('productEvents').values(events).execute();

  return {
    products: plans.map((p, i) => ({
      id: rows[i]!.id,
      shopId: p.shop.id,
      sector: catalog.leaves.get(p.template.leaf)!.sector,
      state: p.state,
      creatorCommissionBp: p.row.creatorCommissionBp,
    })),
    skuCount: skus.length,
    eventCount: events.length,
  };
}
