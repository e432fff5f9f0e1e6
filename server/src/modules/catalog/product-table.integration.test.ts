import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildPaidOrder, buildShop, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { HOUR } from '../../platform/clock.ts';

// The merchant's product table (issue 12): search, sort by a column, units sold, bulk list/delist.
const V = '/api/v1';
let ctx: TestContext;
let shop: { shopId: number; categoryId: number; owner: TestUser };
let other: { shopId: number; categoryId: number; owner: TestUser };

beforeAll(async () => {
  ctx = await createTestContext();
  shop = await buildShop(ctx);
  other = await buildShop(ctx);
});

type Item = { id: number; title: string; minPriceFen: number; unitsSold: number; skus: { id: number }[] };
const list = async (query: string) => {
  const res = await api(ctx.app, shop.owner.token).get(`${V}/shops/${shop.shopId}/products?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Item[]; total: number };
};

describe("the shop's product table", () => {
  it('lists the latest change first (defect 9: "updated" was not the order), and sorts by any column', async () => {
    const a = await buildListedProduct(ctx, shop.shopId, {
      title: '排序-甲',
      skus: [{ priceFen: 300, stock: 5 }],
    });
    const b = await buildListedProduct(ctx, shop.shopId, {
      title: '排序-乙',
      skus: [{ priceFen: 100, stock: 9 }],
    });
    const at = (ago: number) => new Date(ctx.clock.now().getTime() - ago);
    await ctx.db
      .updateTable('products')
      .set({ updatedAt: at(2 * HOUR) })
      .where('id', '=', a.productId)
      .execute();
    await ctx.db
      .updateTable('products')
      .set({ updatedAt: at(HOUR) })
      .where('id', '=', b.productId)
      .execute();
    // The older product is edited last: it comes first, although its id is lower.
    const edited = await api(ctx.app, shop.owner.token).patch(
      `${V}/shops/${shop.shopId}/products/${a.productId}/skus/${a.skuIds[0]}`,
      { spec: '大号' },
    );
    expect(edited.status).toBe(200);
    // A SKU change counts as the product's latest change.
    const touched = await ctx.db
      .selectFrom('products')
      .select('updatedAt')
      .where('id', '=', a.productId)
      .executeTakeFirstOrThrow();
    expect(touched.updatedAt.toISOString()).toBe(ctx.clock.now().toISOString());
    await api(ctx.app, shop.owner.token).patch(`${V}/shops/${shop.shopId}/products/${a.productId}`, {
      creatorCommissionBp: 500,
    });
    const q = `q=${encodeURIComponent('排序-')}`;
    expect((await list(q)).items.map((p) => p.id)).toEqual([a.productId, b.productId]);
    expect((await list(`${q}&sort=updated&order=asc`)).items.map((p) => p.id)).toEqual([
      b.productId,
      a.productId,
    ]);
    expect((await list(`${q}&sort=price&order=asc`)).items.map((p) => p.minPriceFen)).toEqual([100, 300]);
    expect((await list(`${q}&sort=stock&order=desc`)).items.map((p) => p.id)).toEqual([
      b.productId,
      a.productId,
    ]);
    expect((await list(`${q}&sort=title&order=asc`)).items.map((p) => p.title)).toEqual(
      ['排序-乙', '排序-甲'].sort(),
    );
    const bad = await api(ctx.app, shop.owner.token).get(`${V}/shops/${shop.shopId}/products?sort=colour`);
    expect(bad.status).toBe(400);
  });

  it('searches by title and shows units sold in paid orders, with each product’s SKUs', async () => {
    const sold = await buildListedProduct(ctx, shop.shopId, {
      title: '销量-保温杯',
      skus: [{ priceFen: 900, stock: 50 }],
    });
    await buildPaidOrder(ctx, { shopId: shop.shopId, skuId: sold.skuIds[0]!, quantity: 3 });
    await buildPaidOrder(ctx, { shopId: shop.shopId, skuId: sold.skuIds[0]!, quantity: 2 });
    const page = await list(`q=${encodeURIComponent('保温杯')}`);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: sold.productId, unitsSold: 5, skus: [{ id: sold.skuIds[0] }] });
  });

  it('delists and lists in bulk, answering each product on its own', async () => {
    const one = await buildListedProduct(ctx, shop.shopId, { title: '批量-一' });
    const two = await buildListedProduct(ctx, shop.shopId, { title: '批量-二' });
    const theirs = await buildListedProduct(ctx, other.shopId, { title: '别家商品' });
    const as = api(ctx.app, shop.owner.token);
    const url = `${V}/shops/${shop.shopId}/products/bulk-state`;

    const delisted = await as.post(url, {
      action: 'delist',
      productIds: [one.productId, theirs.productId, two.productId],
    });
    expect(delisted.status, JSON.stringify(delisted.body)).toBe(200);
    expect(delisted.body.results).toMatchObject([
      { productId: one.productId, ok: true, state: 'delisted', error: null },
      { productId: theirs.productId, ok: false, state: null, error: { code: 'not_found' } },
      { productId: two.productId, ok: true, state: 'delisted', error: null },
    ]);
    // The other shop's product is untouched.
    const still = await ctx.db
      .selectFrom('products')
      .select('state')
      .where('id', '=', theirs.productId)
      .executeTakeFirstOrThrow();
    expect(still.state).toBe('listed');

    const again = await as.post(url, { action: 'delist', productIds: [one.productId] });
    expect(again.body.results[0]).toMatchObject({
      ok: false,
      state: 'delisted',
      error: { code: 'invalid_transition' },
    });

    const relisted = await as.post(url, { action: 'list', productIds: [one.productId, two.productId] });
    expect(relisted.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    expect(relisted.body.results.map((r: { state: string }) => r.state)).toEqual(['listed', 'listed']);

    const empty = await as.post(url, { action: 'list', productIds: [] });
    expect(empty.status).toBe(400);
  });
});
