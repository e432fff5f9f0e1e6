import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildShop, buildStaff, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { quoteShipping, templateBelongsToShop } from './index.ts';

const V = '/api/v1';
let ctx: TestContext;
let shopA: { shopId: number; categoryId: number; owner: TestUser };
let staffA: TestUser;
let shopB: { shopId: number; categoryId: number; owner: TestUser };

beforeAll(async () => {
  ctx = await createTestContext();
  shopA = await buildShop(ctx);
  staffA = await buildStaff(ctx, shopA.shopId);
  shopB = await buildShop(ctx);
});

const as = (user: TestUser) => api(ctx.app, user.token);
const url = (shopId: number, rest = '') => `${V}/shops/${shopId}/freight-templates${rest}`;

/** ¥8 first piece, ¥2 each more, free from ¥99; 新疆 remote ¥20/¥5; 西藏 and 港澳台 not delivered. */
const standard = (over: Record<string, unknown> = {}) => ({
  name: '标准快递',
  mode: 'piece',
  firstUnits: 1,
  firstFen: 800,
  extraUnits: 1,
  extraFen: 200,
  freeOverFen: 9_900,
  isDefault: true,
  regions: [{ codes: ['650000'], firstFen: 2_000, extraFen: 500, remote: true }],
  excludedCodes: ['540000', '710000', '810000', '820000'],
  ...over,
});

async function create(user: TestUser, shopId: number, body: Record<string, unknown>) {
  const res = await as(user).post(url(shopId), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; isDefault: boolean };
}

describe('freight templates', () => {
  it('staff create, list, read and edit the templates of their shop; other tenants see nothing', async () => {
    const created = await create(staffA, shopA.shopId, standard({ name: '模板一' }));
    expect(created).toMatchObject({ shopId: shopA.shopId, firstFen: 800, isDefault: true });
    const list = await as(shopA.owner).get(url(shopA.shopId));
    expect(list.body.items.map((t: { id: number }) => t.id)).toContain(created.id);
    expect((await as(shopB.owner).get(url(shopA.shopId, `/${created.id}`))).status).toBe(404);
    expect((await as(shopB.owner).get(url(shopB.shopId, `/${created.id}`))).status).toBe(404);
    expect((await as(shopB.owner).put(url(shopB.shopId, `/${created.id}`), standard())).status).toBe(404);

    const edited = await as(staffA).put(
      url(shopA.shopId, `/${created.id}`),
      standard({ name: '模板一', firstFen: 1_000 }),
    );
    expect(edited.status).toBe(200);
    expect(edited.body.firstFen).toBe(1_000);
  });

  it('a new default takes over from the old one: one default per shop', async () => {
    const first = await create(shopA.owner, shopA.shopId, standard({ name: '默认甲' }));
    const second = await create(shopA.owner, shopA.shopId, standard({ name: '默认乙' }));
    const items = (await as(shopA.owner).get(url(shopA.shopId))).body.items as {
      id: number;
      isDefault: boolean;
    }[];
    expect(items.filter((t) => t.isDefault).map((t) => t.id)).toEqual([second.id]);
    expect(items.find((t) => t.id === first.id)?.isDefault).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an unknown province',
      { regions: [{ codes: ['990000'], firstFen: 1, extraFen: 1, remote: false }] },
      'regions.0.codes',
    ],
    ['an unknown excluded county', { excludedCodes: ['330199'] }, 'excludedCodes'],
    ['a region both excluded and ruled', { excludedCodes: ['650000'] }, 'excludedCodes'],
    ['a negative first fee', { firstFen: -1 }, 'firstFen'],
    ['zero extra units', { extraUnits: 0 }, 'extraUnits'],
    ['a free-over amount of 0', { freeOverFen: 0 }, 'freeOverFen'],
    ['an unknown mode', { mode: 'volume' }, 'mode'],
    ['a blank name', { name: '  ' }, 'name'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_name, over, field) => {
    const before = await tableCounts(ctx.db);
    const res = await as(shopA.owner).post(url(shopA.shopId), standard({ name: '坏模板', ...over }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain(field);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('refuses a second template of the same name (409 naming name)', async () => {
    await create(shopA.owner, shopA.shopId, standard({ name: '同名', isDefault: false }));
    const res = await as(shopA.owner).post(url(shopA.shopId), standard({ name: '同名', isDefault: false }));
    expect(res.status).toBe(409);
    expect(res.body.error.details.fields[0].field).toBe('name');
  });
});

describe('products on templates', () => {
  const product = (over: Record<string, unknown>) => ({
    title: '按重量计费的大米',
    categoryId: shopA.categoryId,
    skus: [{ code: 'RICE-5KG', spec: '5kg', priceFen: 5_900, stock: 10, weightGrams: 5_000 }],
    ...over,
  });

  it('a product ships on a template of its own shop only, with its weight and pre-sale days', async () => {
    const own = await create(
      shopA.owner,
      shopA.shopId,
      standard({ name: '大米专用', mode: 'weight', firstUnits: 1_000, extraUnits: 1_000, isDefault: false }),
    );
    const foreign = await create(shopB.owner, shopB.shopId, standard({ name: '别家模板' }));
    const products = `${V}/shops/${shopA.shopId}/products`;

    const refused = await as(staffA).post(products, product({ freightTemplateId: foreign.id }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].field).toBe('freightTemplateId');
    for (const days of [3, 46]) {
      const res = await as(staffA).post(products, product({ presaleShipDays: days }));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain('presaleShipDays');
    }

    const created = await as(staffA).post(
      products,
      product({ freightTemplateId: own.id, presaleShipDays: 15 }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ freightTemplateId: own.id, presaleShipDays: 15 });
    expect(created.body.skus[0].weightGrams).toBe(5_000);
    expect(created.body.shipping).toMatchObject({ mode: 'weight', firstFen: 800, remoteCodes: ['650000'] });

    // The template cannot go while the product uses it; moved to the default, it can.
    const inUse = await as(shopA.owner).delete(url(shopA.shopId, `/${own.id}`));
    expect(inUse.status, JSON.stringify(inUse.body)).toBe(409);
    expect(inUse.body.error.details.key).toBe('freight_template_in_use');
    const moved = await as(staffA).patch(`${products}/${created.body.id}`, {
      freightTemplateId: null,
      presaleShipDays: null,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ freightTemplateId: null, presaleShipDays: null, state: 'draft' });
    expect((await as(shopA.owner).delete(url(shopA.shopId, `/${own.id}`))).status).toBe(200);
    expect(await templateBelongsToShop(ctx.db, own.id, shopA.shopId)).toBe(false);

    const sku = created.body.skus[0].id;
    const reweighed = await as(staffA).patch(`${products}/${created.body.id}/skus/${sku}`, {
      weightGrams: 2_500,
    });
    expect(reweighed.body.weightGrams).toBe(2_500);
    const negative = await as(staffA).patch(`${products}/${created.body.id}/skus/${sku}`, {
      weightGrams: -1,
    });
    expect(negative.status).toBe(400);
  });
});

describe('quoteShipping', () => {
  it('answers every want: own template, the default, free without one, remote, not delivered', async () => {
    const shop = await buildShop(ctx);
    const bare = await buildShop(ctx);
    const byPiece = await create(shop.owner, shop.shopId, standard({ name: '件数默认' }));
    const byWeight = await create(
      shop.owner,
      shop.shopId,
      standard({
        name: '重量',
        mode: 'weight',
        firstUnits: 1_000,
        firstFen: 1_000,
        extraUnits: 500,
        extraFen: 300,
        freeOverFen: null,
        isDefault: false,
        regions: [],
        excludedCodes: [],
      }),
    );
    const item = (templateId: number | null, quantity: number, lineFen: number, weightGrams = 0) => ({
      templateId,
      quantity,
      lineFen,
      weightGrams,
    });
    const 杭州 = '330106';
    const quotes = await quoteShipping(ctx.db, [
      { shopId: shop.shopId, regionCode: 杭州, items: [item(null, 3, 3_000)] },
      {
        shopId: shop.shopId,
        regionCode: 杭州,
        items: [item(null, 1, 1_000), item(byWeight.id, 2, 2_000, 800)],
      },
      { shopId: shop.shopId, regionCode: 杭州, items: [item(byPiece.id, 1, 9_900)] },
      { shopId: shop.shopId, regionCode: '650102', items: [item(null, 1, 20_000)] },
      { shopId: shop.shopId, regionCode: '540102', items: [item(byWeight.id, 1, 100), item(null, 1, 100)] },
      { shopId: bare.shopId, regionCode: '540102', items: [item(null, 5, 100)] },
      // Another shop's template is not this shop's: its default applies.
      { shopId: bare.shopId, regionCode: 杭州, items: [item(byPiece.id, 1, 100)] },
    ]);
    expect(quotes).toEqual([
      { ok: true, fen: 1_200, free: false, remote: false },
      { ok: true, fen: 800 + 1_600, free: false, remote: false },
      { ok: true, fen: 0, free: true, remote: false },
      { ok: true, fen: 2_000, free: false, remote: true },
      { ok: false, reason: 'not_delivered', regionName: '西藏自治区' },
      { ok: true, fen: 0, free: true, remote: false },
      { ok: true, fen: 0, free: true, remote: false },
    ]);
  });

  it('the buyer product page shows the shipping terms and the pre-sale promise', async () => {
    const shop = await buildShop(ctx);
    const { productId } = await buildListedProduct(ctx, shop.shopId);
    const before = await api(ctx.app).get(`${V}/products/${productId}`);
    expect(before.body).toMatchObject({
      shipping: null,
      presaleShipDays: null,
      freightTemplateId: null,
      shipsFrom: null,
    });
    await create(shop.owner, shop.shopId, standard({ name: '默认' }));
    await ctx.db.updateTable('products').set({ presaleShipDays: 15 }).where('id', '=', productId).execute();
    // a write straight to the database reaches the read cache through its notification
    await ctx.pubsub.sync();
    const after = await api(ctx.app).get(`${V}/products/${productId}`);
    expect(after.body.presaleShipDays).toBe(15);
    expect(after.body.shipping).toMatchObject({
      mode: 'piece',
      firstFen: 800,
      freeOverFen: 9_900,
      excludedCodes: ['540000', '710000', '810000', '820000'],
    });
  });
});
