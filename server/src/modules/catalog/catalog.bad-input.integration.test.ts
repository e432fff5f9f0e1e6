import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCategory,
  buildListedProduct,
  buildOps,
  buildShop,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';

const V = '/api/v1';
let ctx: TestContext;
let admin: TestUser;
let owner: TestUser;
let shopId: number;
let categoryId: number;
let draftId: number;
let skuId: number;
let regulatedDraftId: number;
let reviewId: number;
let listedId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await buildOps(ctx, ['super_admin']);
  ({ shopId, categoryId, owner } = await buildShop(ctx));
  const create = (body: object) =>
    api(ctx.app, owner.token).post(`${V}/shops/${shopId}/products`, {
      title: '羊毛围巾',
      categoryId,
      skus: [
        { code: 'GREY', priceFen: 19_900, stock: 5 },
        { code: 'RED', priceFen: 19_900, stock: 3 },
      ],
      ...body,
    });
  const draft = await create({});
  draftId = draft.body.id;
  skuId = draft.body.skus[0].id;
  const food = await buildCategory(ctx, { regulatedType: 'food', defaultGuarantees: [] });
  regulatedDraftId = (await create({ categoryId: food.id })).body.id;
  reviewId = (await create({})).body.id;
  await api(ctx.app, owner.token).post(`${V}/shops/${shopId}/products/${reviewId}/submit`);
  listedId = (await buildListedProduct(ctx, shopId)).productId;
});

const product = (id: number, rest = '') => `${V}/shops/${shopId}/products/${id}${rest}`;
const sku = (rest = '') => product(draftId, `/skus/${skuId}${rest}`);
const long = (n: number) => '长'.repeat(n);
// Bodies that need ids made in beforeAll are functions, called when the case runs.
const newCategory = (extra: object) => () => ({
  name: 'c',
  nameEn: 'x',
  depositFen: 0,
  commissionBp: 1,
  ...extra,
});
const newProduct =
  (extra: object = {}) =>
  () => ({
    title: '围巾',
    categoryId,
    skus: [{ code: 'A', priceFen: 100, stock: 1 }],
    ...extra,
  });
const newSku = (extra: object) => newProduct({ skus: [{ code: 'A', priceFen: 100, stock: 1, ...extra }] });

type Body = object | (() => object);
/** [what is wrong, body, the field the error must name (or the resource of a 404), status] */
type Case = [name: string, body: Body, field: string, status?: number];
interface Route {
  /** method and path, e.g. 'POST /ops/categories' */
  route: string;
  url: () => string;
  cases: Case[];
}

const routes: Route[] = [
  {
    route: 'POST /ops/categories',
    url: () => `${V}/ops/categories`,
    cases: [
      ['no name', { nameEn: 'x', depositFen: 0, commissionBp: 1 }, 'name'],
      ['a name too long', newCategory({ name: long(41) }), 'name'],
      ['a blank name', newCategory({ name: '   ' }), 'name'],
      ['a negative deposit', newCategory({ depositFen: -1 }), 'depositFen'],
      ['a fractional deposit', newCategory({ depositFen: 10.5 }), 'depositFen'],
      ['a commission above 100%', newCategory({ commissionBp: 10_001 }), 'commissionBp'],
      ['an unknown regulated type', newCategory({ regulatedType: 'tobacco' }), 'regulatedType'],
      ['a regulated type of ""', newCategory({ regulatedType: '' }), 'regulatedType'],
      ['an unknown guarantee', newCategory({ defaultGuarantees: ['free_lunch'] }), 'defaultGuarantees.0'],
      [
        'a repeated guarantee',
        newCategory({ defaultGuarantees: ['authenticity', 'authenticity'] }),
        'defaultGuarantees',
      ],
      [
        'an unknown qualification',
        newCategory({ regulatedType: 'food', requiredQualifications: ['fishing_licence'] }),
        'requiredQualifications.0',
      ],
      ['an unknown parent', newCategory({ parentId: 999_999 }), 'parentId'],
      ['a flag of the wrong type', newCategory({ perishable: 'sometimes' }), 'perishable'],
      ['an extra field', newCategory({ colour: 'red' }), 'colour'],
    ],
  },
  {
    route: 'PATCH /ops/categories/:id',
    url: () => `${V}/ops/categories/${categoryId}`,
    cases: [
      ['nothing to change', {}, 'body'],
      ['a negative deposit', { depositFen: -100 }, 'depositFen'],
      ['a move under itself', () => ({ parentId: categoryId }), 'parentId'],
      ['a move under parent 0', { parentId: 0 }, 'parentId'],
      ['a move under an unknown parent', { parentId: 999_999 }, 'parentId'],
    ],
  },
  {
    route: 'PATCH /ops/categories/abc',
    url: () => `${V}/ops/categories/abc`,
    cases: [['a category id that is not a number', { depositFen: 1 }, 'id']],
  },
  {
    route: 'POST /ops/brands',
    url: () => `${V}/ops/brands`,
    cases: [
      ['no name', {}, 'name'],
      ['a name too long', { name: long(61) }, 'name'],
      ['a name of the wrong type', { name: { zh: '安踏' } }, 'name'],
      ['an extra field', { name: 'Anta', logo: 'x' }, 'logo'],
    ],
  },
  {
    route: 'POST /shops/:id/products',
    url: () => `${V}/shops/${shopId}/products`,
    cases: [
      ['a negative price', newSku({ priceFen: -100 }), 'skus.0.priceFen'],
      ['a zero price', newSku({ priceFen: 0 }), 'skus.0.priceFen'],
      ['a price above ¥1,000,000', newSku({ priceFen: 100_000_001 }), 'skus.0.priceFen'],
      ['a price in yuan with decimals', newSku({ priceFen: 99.9 }), 'skus.0.priceFen'],
      ['a price in words', newSku({ priceFen: 'cheap' }), 'skus.0.priceFen'],
      ['negative stock', newSku({ stock: -1 }), 'skus.0.stock'],
      ['stock beyond 10,000,000', newSku({ stock: 10_000_001 }), 'skus.0.stock'],
      ['a purchase limit of 0', newSku({ purchaseLimit: 0 }), 'skus.0.purchaseLimit'],
      ['a SKU code with spaces', newSku({ code: 'A B' }), 'skus.0.code'],
      ['an extra SKU field', newSku({ colour: 'red' }), 'skus.0.colour'],
      // 划线价 (product rules §6.3): whole fen above the price, and a new SKU has no other price to show
      ['a negative original price', newSku({ originalPriceFen: -100 }), 'skus.0.originalPriceFen'],
      [
        'an original price in yuan with decimals',
        newSku({ originalPriceFen: 150.5 }),
        'skus.0.originalPriceFen',
      ],
      ['an original price below the price', newSku({ originalPriceFen: 50 }), 'skus.0.originalPriceFen'],
      ['a new SKU claiming an original price', newSku({ originalPriceFen: 200 }), 'skus.0.originalPriceFen'],
      ['an empty SKU list', newProduct({ skus: [] }), 'skus'],
      ['no SKU list', () => ({ title: '围巾', categoryId }), 'skus'],
      ['a SKU list of the wrong type', newProduct({ skus: 'A' }), 'skus'],
      [
        'duplicate SKU codes',
        newProduct({
          skus: [
            { code: 'A', priceFen: 100, stock: 1 },
            { code: 'A', priceFen: 200, stock: 1 },
          ],
        }),
        'skus.1.code',
      ],
      ['an unknown category', newProduct({ categoryId: 999_999 }), 'categoryId'],
      ['an unknown brand', newProduct({ brandId: 999_999 }), 'brandId'],
      ['brand 0', newProduct({ brandId: 0 }), 'brandId'],
      ['a title too long', newProduct({ title: long(61) }), 'title'],
      ['a blank title', newProduct({ title: '  ' }), 'title'],
      ['a description too long', newProduct({ description: long(5_001) }), 'description'],
      ['an image that is not a web address', newProduct({ imageUrl: 'javascript:alert(1)' }), 'imageUrl'],
      ['an empty image address', newProduct({ imageUrl: '' }), 'imageUrl'],
      ['an empty qualification number', newProduct({ qualificationNo: '' }), 'qualificationNo'],
      ['a creator commission above 100%', newProduct({ creatorCommissionBp: 10_001 }), 'creatorCommissionBp'],
      ['an unknown guarantee', newProduct({ guarantees: ['free_lunch'] }), 'guarantees.0'],
      ['a guarantee the category refuses', newProduct({ guarantees: ['allergy_refund'] }), 'guarantees'],
      ['a state', newProduct({ state: 'listed' }), 'state'],
    ],
  },
  {
    route: 'POST /shops/abc/products',
    url: () => `${V}/shops/abc/products`,
    cases: [['a shop id that is not a number', newProduct(), 'id']],
  },
  {
    route: 'POST /shops/999999/products',
    url: () => `${V}/shops/999999/products`,
    cases: [['an unknown shop', newProduct(), 'shop', 404]],
  },
  {
    route: 'PATCH /shops/:id/products/:productId',
    url: () => product(draftId),
    cases: [
      ['nothing to change', {}, 'body'],
      ['an unknown category', { categoryId: 999_999 }, 'categoryId'],
      ['category 0', { categoryId: 0 }, 'categoryId'],
      ['an unknown brand', { brandId: 999_999 }, 'brandId'],
      ['a title too long', { title: long(61) }, 'title'],
      ['a guarantee the category refuses', { guarantees: ['spoiled_refund'] }, 'guarantees'],
      ['a state', { state: 'listed' }, 'state'],
      ['SKUs', { skus: [] }, 'skus'],
    ],
  },
  {
    route: 'PATCH /shops/:id/products/NaN',
    url: () => product(Number.NaN),
    cases: [['a product id that is not a number', { title: 'x' }, 'productId']],
  },
  {
    route: 'PATCH /shops/:id/products/999999',
    url: () => product(999_999),
    cases: [['an unknown product', { title: 'x' }, 'product', 404]],
  },
  {
    route: 'POST /shops/:id/products/:productId/skus',
    url: () => product(draftId, '/skus'),
    cases: [
      ['a zero price', { code: 'B', priceFen: 0, stock: 1 }, 'priceFen'],
      ['no stock', { code: 'B', priceFen: 100 }, 'stock'],
      ['a code the product already has', { code: 'GREY', priceFen: 100, stock: 1 }, 'code', 409],
      ['a spec too long', { code: 'B', priceFen: 100, stock: 1, spec: long(201) }, 'spec'],
    ],
  },
  {
    route: 'PATCH /shops/:id/products/:productId/skus/:skuId',
    url: () => sku(),
    cases: [
      ['a negative price', { priceFen: -1 }, 'priceFen'],
      ['stock (only adjusted by delta)', { stock: 100 }, 'stock'],
      ['a purchase limit of 0', { purchaseLimit: 0 }, 'purchaseLimit'],
      ['an original price of 0', { originalPriceFen: 0 }, 'originalPriceFen'],
      ['an original price never charged', { originalPriceFen: 99_900 }, 'originalPriceFen'],
      ['nothing to change', {}, 'body'],
    ],
  },
  {
    route: 'PATCH /shops/:id/products/:productId/skus/999999',
    url: () => product(draftId, '/skus/999999'),
    cases: [['an unknown SKU', { priceFen: 100 }, 'sku', 404]],
  },
  {
    route: 'POST /shops/:id/products/:productId/skus/:skuId/stock',
    url: () => sku('/stock'),
    cases: [
      ['a change of 0', { delta: 0 }, 'delta'],
      ['stock falling below 0', { delta: -6 }, 'delta'],
      ['stock rising beyond 10,000,000', { delta: 9_999_996 }, 'delta'],
      ['a change beyond range', { delta: 20_000_000 }, 'delta'],
      ['a change in words', { delta: 'lots' }, 'delta'],
    ],
  },
  {
    route: 'POST /shops/:id/products/:productId/submit',
    url: () => product(regulatedDraftId, '/submit'),
    cases: [['a regulated product without a qualification number', {}, 'qualificationNo']],
  },
  {
    route: 'POST /shops/:id/products/:productId/delist',
    url: () => product(listedId, '/delist'),
    cases: [
      ['a reason too long', { reason: long(501) }, 'reason'],
      ['an extra field', { at: 'now' }, 'at'],
    ],
  },
  {
    route: 'POST /ops/products/:id/reject',
    url: () => `${V}/ops/products/${reviewId}/reject`,
    cases: [
      ['no reason', {}, 'reason'],
      ['a blank reason', { reason: ' ' }, 'reason'],
    ],
  },
  {
    route: 'POST /ops/products/:id/approve',
    url: () => `${V}/ops/products/${reviewId}/approve`,
    cases: [['a state', { state: 'listed' }, 'state']],
  },
  {
    route: 'POST /ops/products/:id/block',
    url: () => `${V}/ops/products/${listedId}/block`,
    cases: [['no reason', {}, 'reason']],
  },
  {
    route: 'POST /ops/products/999999/block',
    url: () => `${V}/ops/products/999999/block`,
    cases: [['an unknown product', { reason: 'x' }, 'product', 404]],
  },
];

const cases = routes.flatMap((route) =>
  route.cases.map(
    ([name, body, field, status]) =>
      [`${route.route} with ${name}`, route, body, field, status ?? 400] as const,
  ),
);

async function snapshot() {
  const rows = await ctx.db.selectFrom('products').selectAll().orderBy('id').execute();
  const skus = await ctx.db.selectFrom('skus').selectAll().orderBy('id').execute();
  const categories = await ctx.db.selectFrom('categories').selectAll().orderBy('id').execute();
  return { counts: await tableCounts(ctx.db), rows, skus, categories };
}

describe('bad input to catalog writes', () => {
  it.each(cases)('%s → refused, nothing written', async (_name, route, body, field, status) => {
    const before = await snapshot();
    const url = route.url();
    const token = url.includes('/ops/') ? admin.token : owner.token;
    const method = route.route.startsWith('PATCH') ? 'patch' : 'post';
    const res = await api(ctx.app, token)[method](url, typeof body === 'function' ? body() : body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status === 404) {
      expect(res.body.error.details.resource).toBe(field);
    } else {
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('left the products as they were', async () => {
    const seen = await api(ctx.app, owner.token).get(product(draftId));
    expect(seen.body).toMatchObject({ state: 'draft', title: '羊毛围巾' });
    expect(seen.body.skus.map((s: { stock: number }) => s.stock)).toEqual([5, 3]);
  });
});
