import { beforeAll, describe, expect, it } from 'vitest';
import { buildCategory, buildShop, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let shop: { shopId: number; owner: TestUser };
let foodCategoryId: number;
let plainCategoryId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  plainCategoryId = (await buildCategory(ctx)).id;
  foodCategoryId = (
    await buildCategory(ctx, { regulatedType: 'food', noReasonReturn: false, defaultGuarantees: [] })
  ).id;
  await ctx.db
    .updateTable('categories')
    .set({ requiredQualifications: ['food_production_licence'] })
    .where('id', '=', foodCategoryId)
    .execute();
  shop = await buildShop(ctx, { categoryId: plainCategoryId });
});

const as = () => api(ctx.app, shop.owner.token);
const url = (rest = '') => `/api/v1/shops/${shop.shopId}/products${rest}`;

async function submitNew(body: Record<string, unknown>) {
  const created = await as().post(url(), {
    title: '手工牛轧糖 500g',
    categoryId: plainCategoryId,
    skus: [{ code: 'A', spec: '500g', priceFen: 3_900, stock: 10 }],
    ...body,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await as().post(url(`/${created.body.id}/submit`));
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return submitted.body as { id: number; state: string; stateReason: string | null };
}

describe('listing checkpoint on the real submit path (product rules §6)', () => {
  it('an ordinary product passes the machine review and is listed at once', async () => {
    const product = await submitNew({ title: '纯棉圆领T恤 白色' });
    expect(product.state).toBe('listed');
    expect(product.stateReason).toMatch(/automatic review passed/);
    const events = await as().get(url(`/${product.id}/events`));
    expect(events.body.map((e: { toState: string }) => e.toState)).toEqual(['draft', 'in_review', 'listed']);
  });

  it('food with a revoked licence is rejected with the reason; a valid licence lists it', async () => {
    const product = await submitNew({ categoryId: foodCategoryId, qualificationNo: 'SC12437010200088' });
    expect(product.state).toBe('rejected');
    expect(product.stateReason).toContain('吊销');
    expect(product.stateReason).toContain('revoked');
    expect((await api(ctx.app).get(`/api/v1/products/${product.id}`)).status).toBe(404);

    const fixed = await as().patch(url(`/${product.id}`), { qualificationNo: 'SC10632058300312' });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    const again = await as().post(url(`/${product.id}/submit`));
    expect(again.body.state).toBe('listed');
    expect((await api(ctx.app).get(`/api/v1/products/${product.id}`)).status).toBe(200);
  });

  it.each([
    ['a number not in the registry', 'SC99999999999999', '查无此号'],
    ['an expired licence', 'SC10344010600052', '过期'],
    ['a number of the wrong shape', 'SC123', '格式不正确'],
  ])('food with %s is rejected', async (_what, number, words) => {
    const product = await submitNew({ categoryId: foodCategoryId, qualificationNo: number });
    expect(product.state).toBe('rejected');
    expect(product.stateReason).toContain(words);
  });

  it('a regulated product without any number cannot be submitted (the field is named)', async () => {
    const created = await as().post(url(), {
      title: '手工牛轧糖',
      categoryId: foodCategoryId,
      skus: [{ code: 'A', spec: '500g', priceFen: 3_900, stock: 10 }],
    });
    const submitted = await as().post(url(`/${created.body.id}/submit`));
    expect(submitted.status).toBe(400);
    expect(submitted.body.error.details.fields[0].field).toBe('qualificationNo');
  });

  it('absolute terms and medical claims on food are rejected, naming the words', async () => {
    const absolute = await submitNew({ title: '全网第一 最好吃的牛轧糖' });
    expect(absolute.state).toBe('rejected');
    expect(absolute.stateReason).toMatch(/第一|最好/);
    const medical = await submitNew({
      categoryId: foodCategoryId,
      qualificationNo: 'SC10632058300312',
      title: '降血压 治疗糖尿病 的养生糖',
    });
    expect(medical.state).toBe('rejected');
  });

  it('every decision is stored with the policy version and the facts it saw', async () => {
    const product = await submitNew({ title: '羊毛围巾 灰色' });
    const decision = await ctx.db
      .selectFrom('trustDecisions')
      .select(['outcome', 'policyVersion', 'checkpoint'])
      .where('checkpoint', '=', 'product_listing')
      .where('subjectId', '=', product.id)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ outcome: 'allow', policyVersion: 1 });
  });
});
