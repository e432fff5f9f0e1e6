import { beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../test/harness.ts';
import { lowestPriceBefore } from '../modules/catalog/original-price.rule.ts';
import { seedIfEmpty } from './index.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedIfEmpty(ctx.db, ctx.clock, { info: () => {} });
});

describe('demo original prices (划线价)', () => {
  it('some listed goods show one, each backed by its own price history of the 7 days before', async () => {
    const claims = await ctx.db
      .selectFrom('skus')
      .select(['id', 'priceFen', 'originalPriceFen'])
      .where('originalPriceFen', 'is not', null)
      .execute();
    expect(claims.length).toBeGreaterThanOrEqual(5);
    for (const sku of claims) {
      const history = await ctx.db
        .selectFrom('skuPrices')
        .select(['priceFen', 'fromAt as from'])
        .where('skuId', '=', sku.id)
        .orderBy('fromAt')
        .execute();
      expect(history.at(-1)!.priceFen).toBe(sku.priceFen);
      expect(sku.originalPriceFen!).toBeGreaterThan(sku.priceFen);
      expect(sku.originalPriceFen!).toBeLessThanOrEqual(
        lowestPriceBefore(history, sku.priceFen, ctx.clock.now()),
      );
    }
    // Every SKU has a price history.
    const without = await ctx.db
      .selectFrom('skus as k')
      .select('k.id')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('skuPrices as h').select('h.id').whereRef('h.skuId', '=', 'k.id'))),
      )
      .execute();
    expect(without).toEqual([]);
    const listed = await api(ctx.app).get('/api/v1/products?limit=100');
    const shown = (listed.body.items as { minPriceFen: number; originalPriceFen: number | null }[]).filter(
      (p) => p.originalPriceFen !== null,
    );
    expect(shown.length).toBeGreaterThan(0);
    for (const p of shown) expect(p.originalPriceFen!).toBeGreaterThan(p.minPriceFen);
  });
});
