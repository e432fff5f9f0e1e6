import { beforeAll, describe, expect, it } from 'vitest';
import { buildShop } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { guaranteeRefusal } from './category-guarantees.rule.ts';
import { TRUST_GUARANTEES, trustGuaranteeCoverage, uncoveredProducts } from './trust-guarantees.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const bools = [false, true];
const traitsCases = bools.flatMap((noReasonReturn) =>
  bools.flatMap((perishable) =>
    bools.flatMap((customMade) =>
      bools.map((isVirtual) => ({ noReasonReturn, perishable, customMade, isVirtual })),
    ),
  ),
);
const offers: string[][] = [
  [],
  ['no_reason_7d'],
  ['freight_insurance'],
  ['no_reason_7d', 'freight_insurance'],
];

describe('trust guarantee coverage (the SQL twin of guaranteeRefusal)', () => {
  it('agrees with the rule for every kind of category and every offer, by default or by opt-in', async () => {
    const shop = await buildShop(ctx);
    const expected: { productId: number; missing: string[] }[] = [];
    let n = 0;
    for (const traits of traitsCases) {
      for (const offer of offers) {
        for (const viaDefault of bools) {
          n += 1;
          const category = await ctx.db
            .insertInto('categories')
            .values({
              name: `类目-覆盖-${shop.shopId}-${n}`,
              nameEn: `cover-${shop.shopId}-${n}`,
              parentId: null,
              regulatedType: null,
              ...traits,
              defaultGuarantees: viaDefault ? offer : [],
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const product = await ctx.db
            .insertInto('products')
            .values({
              shopId: shop.shopId,
              categoryId: category.id,
              brandId: null,
              title: `商品-${n}`,
              imageUrl: null,
              state: 'listed',
              guarantees: viaDefault ? [] : offer,
              qualificationNo: null,
              creatorCommissionBp: null,
              stateReason: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const rule = { ...traits, regulatedType: null };
          const missing = TRUST_GUARANTEES.filter(
            (g) => guaranteeRefusal(rule, g) === null && !offer.includes(g),
          );
          expected.push({ productId: product.id, missing });
        }
      }
    }
    const coverage = (await trustGuaranteeCoverage(ctx.db, [shop.shopId])).get(shop.shopId);
    expect(coverage).toEqual({ listed: n, covered: expected.filter((e) => e.missing.length === 0).length });
    const uncovered = await uncoveredProducts(ctx.db, shop.shopId, 1_000);
    expect(uncovered.map(({ productId, missing }) => ({ productId, missing }))).toEqual(
      expected.filter((e) => e.missing.length > 0),
    );
  });
});
