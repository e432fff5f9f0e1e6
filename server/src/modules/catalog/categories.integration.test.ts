import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps, buildShop, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';

const V = '/api/v1';
let ctx: TestContext;
let ruleAdmin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  ruleAdmin = await buildOps(ctx, ['rule_admin']);
});

const as = (user: TestUser) => api(ctx.app, user.token);

describe('category tree', () => {
  let food: number;
  let fresh: number;

  it('lets a rule admin build a regulated branch with its rules', async () => {
    const root = await as(ruleAdmin).post(`${V}/ops/categories`, {
      name: '食品',
      nameEn: 'Food',
      regulatedType: 'food',
      requiredQualifications: ['food_production_licence', 'food_business_licence'],
      defaultGuarantees: ['no_reason_7d'],
      depositFen: 2_000_000,
      commissionBp: 300,
      zeroDepositEligible: false,
    });
    expect(root.status).toBe(201);
    food = root.body.id;
    const child = await as(ruleAdmin).post(`${V}/ops/categories`, {
      name: '生鲜水果',
      nameEn: 'Fresh fruit',
      parentId: food,
      regulatedType: 'food',
      requiredQualifications: ['food_business_licence'],
      noReasonReturn: false,
      perishable: true,
      defaultGuarantees: ['spoiled_refund', 'damage_refund'],
      depositFen: 2_000_000,
      commissionBp: 300,
    });
    expect(child.status).toBe(201);
    fresh = child.body.id;
    expect(child.body).toMatchObject({ parentId: food, perishable: true, zeroDepositEligible: true });

    const tree = await api(ctx.app).get(`${V}/categories`);
    const branch = tree.body.find((n: { category: { id: number } }) => n.category.id === food);
    expect(branch.category).toMatchObject({ name: '食品', depositFen: 2_000_000, commissionBp: 300 });
    expect(branch.children.map((n: { category: { name: string } }) => n.category.name)).toEqual(['生鲜水果']);

    const detail = await api(ctx.app).get(`${V}/categories/${fresh}`);
    expect(detail.body.path).toEqual([
      { id: food, name: '食品' },
      { id: fresh, name: '生鲜水果' },
    ]);
    expect(detail.body.guarantees.map((g: { zh: string }) => g.zh)).toEqual(['坏了包退', '破损包退']);
  });

  it.each([
    [
      'no_reason_7d on perishable goods',
      { perishable: true, defaultGuarantees: ['no_reason_7d'] },
      'defaultGuarantees',
      'no_reason_7d: not for perishable goods',
    ],
    [
      'no_reason_7d where returns do not apply',
      { noReasonReturn: false, defaultGuarantees: ['no_reason_7d'] },
      'defaultGuarantees',
      'no_reason_7d: the category has no 7-day no-reason returns',
    ],
    [
      'a regulated type without a qualification',
      { regulatedType: 'cosmetic' },
      'requiredQualifications',
      'a cosmetic category must require at least one qualification',
    ],
    [
      'a qualification of another type',
      { regulatedType: 'drug', requiredQualifications: ['cosmetic_filing'] },
      'requiredQualifications',
      'cosmetic_filing is a cosmetic document, not drug',
    ],
  ])('refuses %s, writing nothing', async (_name, attrs, field, reason) => {
    const before = await tableCounts(ctx.db);
    const res = await as(ruleAdmin).post(`${V}/ops/categories`, {
      name: '不合规类目',
      nameEn: 'x',
      depositFen: 0,
      commissionBp: 500,
      ...attrs,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field, reason }]);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('edits a category, checking the result against its rules', async () => {
    const edited = await as(ruleAdmin).patch(`${V}/ops/categories/${fresh}`, {
      depositFen: 1_000_000,
      commissionBp: 250,
    });
    expect(edited.body).toMatchObject({ depositFen: 1_000_000, commissionBp: 250, perishable: true });
    const refused = await as(ruleAdmin).patch(`${V}/ops/categories/${fresh}`, {
      defaultGuarantees: ['no_reason_7d'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].field).toBe('defaultGuarantees');
    const cycle = await as(ruleAdmin).patch(`${V}/ops/categories/${food}`, { parentId: fresh });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details.fields[0]).toEqual({
      field: 'parentId',
      reason: 'a category cannot move under itself or its descendants',
    });
    expect((await api(ctx.app).get(`${V}/categories/${food}`)).body.parentId).toBeNull();
  });

  it('refuses a second root or sibling of the same name', async () => {
    const body = { name: '食品', nameEn: 'Food again', depositFen: 0, commissionBp: 500 };
    const root = await as(ruleAdmin).post(`${V}/ops/categories`, body);
    expect(root.status).toBe(409);
    expect(root.body.error.details.fields[0].field).toBe('name');
    const sibling = await as(ruleAdmin).post(`${V}/ops/categories`, {
      ...body,
      name: '生鲜水果',
      parentId: food,
    });
    expect(sibling.status).toBe(409);
    const cousin = await as(ruleAdmin).post(`${V}/ops/categories`, {
      ...body,
      name: '生鲜水果',
      parentId: fresh,
    });
    expect(cousin.status).toBe(201);
  });

  it('answers 404 for an unknown category', async () => {
    expect((await api(ctx.app).get(`${V}/categories/999999`)).status).toBe(404);
    expect((await as(ruleAdmin).patch(`${V}/ops/categories/999999`, { commissionBp: 1 })).status).toBe(404);
  });

  it('lets only a rule admin or super admin change categories', async () => {
    const body = { name: '服饰', nameEn: 'Apparel', depositFen: 500_000, commissionBp: 500 };
    const reviewer = await buildOps(ctx, ['reviewer']);
    const { owner } = await buildShop(ctx);
    expect((await as(reviewer).post(`${V}/ops/categories`, body)).status).toBe(403);
    expect((await as(owner).post(`${V}/ops/categories`, body)).status).toBe(403);
    expect((await api(ctx.app).post(`${V}/ops/categories`, body)).status).toBe(401);
    expect((await as(await buildOps(ctx, ['super_admin'])).post(`${V}/ops/categories`, body)).status).toBe(
      201,
    );
  });
});

describe('brands', () => {
  it('are created by ops with unique names, whatever the case, and listed publicly', async () => {
    expect(
      (await as(ruleAdmin).post(`${V}/ops/brands`, { name: 'Anta', nameEn: 'ANTA Sports' })).status,
    ).toBe(201);
    expect((await as(ruleAdmin).post(`${V}/ops/brands`, { name: '李宁' })).status).toBe(201);
    const again = await as(ruleAdmin).post(`${V}/ops/brands`, { name: 'ANTA' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.fields).toEqual([{ field: 'name', reason: 'already taken' }]);
    const list = await api(ctx.app).get(`${V}/brands`);
    expect(list.body.map((b: { name: string }) => b.name)).toEqual(['Anta', '李宁']);
    expect(list.body[1].nameEn).toBeNull();
  });
});

describe('guarantees', () => {
  it('are listed publicly with their labels', async () => {
    const res = await api(ctx.app).get(`${V}/guarantees`);
    expect(res.body).toHaveLength(10);
    expect(res.body.find((g: { code: string }) => g.code === 'used_phone_warranty').zh).toBe(
      '二手手机180天质保',
    );
  });
});

describe('OpenAPI document', () => {
  it('describes the catalog routes with their request schemas', async () => {
    const doc = (await api(ctx.app).get('/openapi.json')).body;
    const create = doc.paths['/api/v1/shops/{id}/products'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['title', 'categoryId', 'skus']));
    expect(body.properties.skus).toMatchObject({ minItems: 1, maxItems: 100 });
    expect(body.properties.skus.items.properties.priceFen).toMatchObject({
      minimum: 1,
      maximum: 100_000_000,
    });
    expect(body.properties.brandId.type).toEqual(['integer', 'null']);
    expect(create['x-access']).toBe('merchant');
    expect(doc.paths['/api/v1/products'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'categoryId', 'shopId', 'limit', 'offset']),
    );
    expect(doc.paths['/api/v1/ops/products/{id}/block'].post['x-access']).toBe('ops: super_admin');
  });
});
