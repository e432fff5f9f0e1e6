import { beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../test/harness.ts';
import { quoteShipping } from '../modules/freight/index.ts';
import { seedIfEmpty } from './index.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedIfEmpty(ctx.db, ctx.clock, { info: () => {} });
});

describe('demo shipping', () => {
  it('every shop that ships goods has one default template; the virtual shop ships free', async () => {
    const shops = await ctx.db.selectFrom('shops').select(['id', 'name']).execute();
    const defaults = await ctx.db
      .selectFrom('freightTemplates')
      .select(['shopId', 'name'])
      .where('isDefault', '=', true)
      .execute();
    expect(defaults.length).toBe(shops.length - 1);
    const virtual = shops.find((s) => s.name === '充值快车')!;
    expect(defaults.map((d) => d.shopId)).not.toContain(virtual.id);
  });

  it('prices the demo shops as the README says: ¥8, free from ¥99, 新疆 remote, 港澳台 not delivered', async () => {
    const shop = await ctx.db
      .selectFrom('shops')
      .select('id')
      .where('name', '=', '小米官方旗舰店')
      .executeTakeFirstOrThrow();
    const one = { templateId: null, quantity: 1, weightGrams: 500, lineFen: 5_000 };
    const rich = { ...one, lineFen: 20_000 };
    const quotes = await quoteShipping(ctx.db, [
      { shopId: shop.id, regionCode: '330106', items: [one] },
      { shopId: shop.id, regionCode: '330106', items: [rich] },
      { shopId: shop.id, regionCode: '650102', items: [rich] },
      { shopId: shop.id, regionCode: '810101', items: [one] },
    ]);
    expect(quotes).toEqual([
      { ok: true, fen: 800, free: false, remote: false },
      { ok: true, fen: 0, free: true, remote: false },
      { ok: true, fen: 2_000, free: false, remote: true },
      { ok: false, reason: 'not_delivered', regionName: '香港特别行政区' },
    ]);
  });

  it('fresh goods ship by weight, SKUs weigh something, and a pre-sale is on the product page', async () => {
    const fresh = await ctx.db
      .selectFrom('products as p')
      .innerJoin('freightTemplates as t', 't.id', 'p.freightTemplateId')
      .select(['p.id', 't.mode'])
      .execute();
    expect(fresh.length).toBeGreaterThan(0);
    expect(new Set(fresh.map((f) => f.mode))).toEqual(new Set(['weight']));
    const weightless = await ctx.db.selectFrom('skus').select('id').where('weightGrams', '=', 0).execute();
    const skus = await ctx.db.selectFrom('skus').select('id').execute();
    expect(weightless.length).toBeLessThan(skus.length / 5);

    const presale = await ctx.db
      .selectFrom('products')
      .select(['id', 'presaleShipDays'])
      .where('presaleShipDays', 'is not', null)
      .where('state', '=', 'listed')
      .execute();
    expect(presale.length).toBeGreaterThanOrEqual(2);
    const page = await api(ctx.app).get(`/api/v1/products/${presale[0]!.id}`);
    expect(page.body.presaleShipDays).toBe(presale[0]!.presaleShipDays);
    expect(page.body.shipping).not.toBeNull();
    // The pre-sale shops (赣南脐橙合作社, 海南热带果坊, 刻字匠人定制) ship from their warehouses.
    expect(page.body.shipsFrom).toMatch(/^江西省 赣州市$|^海南省|^浙江省/);
  });
});
