import { beforeAll, describe, expect, it } from 'vitest';
import { buildShop, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';

// Defect 5 (issue 12): a listing rejected as 商品文案高风险 must say which words, in which field.
let ctx: TestContext;
let shop: { shopId: number; categoryId: number; owner: TestUser };
let other: { shopId: number; categoryId: number; owner: TestUser };

beforeAll(async () => {
  ctx = await createTestContext();
  shop = await buildShop(ctx);
  other = await buildShop(ctx);
});

type Field = {
  field: string;
  text: string;
  hits: { category: string; severity: string; match: string; span: [number, number] }[];
};

describe('GET /shops/:id/products/:productId/screening', () => {
  it('names the matched words of a rejected listing per field, with their category and place', async () => {
    const as = api(ctx.app, shop.owner.token);
    const title = '手工牛轧糖 加微信下单';
    const description = '老配方，每天两块可以降血压。';
    const created = await as.post(`/api/v1/shops/${shop.shopId}/products`, {
      title,
      description,
      categoryId: shop.categoryId,
      skus: [{ code: 'A', priceFen: 3_900, stock: 10 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const productId = created.body.id as number;
    const submitted = await as.post(`/api/v1/shops/${shop.shopId}/products/${productId}/submit`);
    expect(submitted.body.state).toBe('rejected');
    expect(submitted.body.stateReason).toContain('商品文案高风险');

    const res = await as.get(`/api/v1/shops/${shop.shopId}/products/${productId}/screening`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const fields = res.body.fields as Field[];
    const byField = Object.fromEntries(fields.map((f) => [f.field, f]));
    expect(byField.title!.text).toBe(title);
    expect(byField.description!.text).toBe(description);
    const titleHit = byField.title!.hits.find((h) => h.category === 'off_platform')!;
    expect(title.slice(...titleHit.span)).toBe('加微信');
    expect(titleHit.severity).toBe('high');
    const descriptionHit = byField.description!.hits.find((h) => h.category === 'medical_claim')!;
    expect(description.slice(...descriptionHit.span)).toBe('降血压');
    expect(res.body.risk).toBe('high');
  });

  it('a clean listing has no hits', async () => {
    const as = api(ctx.app, shop.owner.token);
    const created = await as.post(`/api/v1/shops/${shop.shopId}/products`, {
      title: '纯棉圆领T恤',
      categoryId: shop.categoryId,
      skus: [{ code: 'A', priceFen: 3_900, stock: 10 }],
    });
    const res = await as.get(`/api/v1/shops/${shop.shopId}/products/${created.body.id}/screening`);
    expect(res.status).toBe(200);
    expect((res.body.fields as Field[]).flatMap((f) => f.hits)).toEqual([]);
    expect(res.body.risk).toBe('none');
  });

  it("answers 404 for another shop's product", async () => {
    const created = await api(ctx.app, shop.owner.token).post(`/api/v1/shops/${shop.shopId}/products`, {
      title: '羊毛围巾',
      categoryId: shop.categoryId,
      skus: [{ code: 'A', priceFen: 3_900, stock: 10 }],
    });
    const theirs = api(ctx.app, other.owner.token);
    expect(
      (await theirs.get(`/api/v1/shops/${other.shopId}/products/${created.body.id}/screening`)).status,
    ).toBe(404);
    expect(
      (await theirs.get(`/api/v1/shops/${shop.shopId}/products/${created.body.id}/screening`)).status,
    ).toBe(404);
  });
});
