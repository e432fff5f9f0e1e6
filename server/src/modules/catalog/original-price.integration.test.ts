import { beforeAll, describe, expect, it } from 'vitest';
import { buildShop, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY, HOUR } from '../../platform/clock.ts';

// Product rules §6.3: a 划线价 must be a price the SKU was actually offered at in the 7 days before.
const V = '/api/v1';
let ctx: TestContext;
let owner: TestUser;
let shopId: number;
let categoryId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ shopId, categoryId, owner } = await buildShop(ctx));
  // These tests move the clock by months; the merchant's session outlives them.
  await ctx.db
    .updateTable('authTokens')
    .set({ expiresAt: new Date('2099-01-01') })
    .where('userId', '=', owner.id)
    .execute();
});

const as = () => api(ctx.app, owner.token);
const products = (rest = '') => `${V}/shops/${shopId}/products${rest}`;

async function product(priceFen: number, code = 'STD') {
  const res = await as().post(products(), {
    title: '真丝围巾',
    categoryId,
    skus: [
      { code, spec: '米白', priceFen, stock: 50 },
      { code: `${code}-2`, spec: '藏青', priceFen, stock: 50 },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const body = res.body as { id: number; skus: { id: number }[] };
  return { productId: body.id, skuId: body.skus[0]!.id, otherSkuId: body.skus[1]!.id };
}

const patchSku = (p: { productId: number; skuId: number }, body: object) =>
  as().patch(products(`/${p.productId}/skus/${p.skuId}`), body);

const skuRow = (skuId: number) =>
  ctx.db
    .selectFrom('skus')
    .select(['priceFen', 'originalPriceFen'])
    .where('id', '=', skuId)
    .executeTakeFirstOrThrow();
const history = async (skuId: number) =>
  (
    await ctx.db
      .selectFrom('skuPrices')
      .select(['priceFen'])
      .where('skuId', '=', skuId)
      .orderBy('fromAt')
      .orderBy('id')
      .execute()
  ).map((r) => r.priceFen);

type Problem = { field: string; reason: string };
const problems = (body: { error: { details: { fields?: Problem[] } } }) => body.error.details.fields ?? [];

describe('original price (划线价) against the SKU’s own price history', () => {
  it('refuses the old higher price after a raise: the price before the raise is the reference', async () => {
    const p = await product(100_00);
    ctx.clock.advance(30 * DAY);
    expect((await patchSku(p, { priceFen: 150_00 })).status).toBe(200);
    ctx.clock.advance(2 * DAY);
    const res = await patchSku(p, { priceFen: 100_00, originalPriceFen: 150_00 });
    expect(res.status).toBe(400);
    expect(problems(res.body)).toEqual([
      { field: 'originalPriceFen', reason: 'above the lowest price charged in the 7 days before, 10000 fen' },
    ]);
    // Nothing half-written: the price and its history stay as they were.
    expect(await skuRow(p.skuId)).toEqual({ priceFen: 150_00, originalPriceFen: null });
    expect(await history(p.skuId)).toEqual([100_00, 150_00]);
  });

  it('accepts the old price once it was charged for 7 days, and buyers see it struck through', async () => {
    const p = await product(150_00);
    ctx.clock.advance(8 * DAY);
    const res = await patchSku(p, { priceFen: 99_00, originalPriceFen: 150_00 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ priceFen: 99_00, originalPriceFen: 150_00 });
    expect(await history(p.skuId)).toEqual([150_00, 99_00]);
    // The claim can also come a while after the price cut: judged at the cut.
    ctx.clock.advance(3 * DAY);
    expect((await patchSku(p, { originalPriceFen: 140_00 })).status).toBe(200);
    expect((await patchSku(p, { originalPriceFen: 150_00 })).status).toBe(200);
    const seen = await as().get(products(`/${p.productId}`));
    expect(seen.body.skus[0]).toMatchObject({ priceFen: 99_00, originalPriceFen: 150_00 });
    // Clearing it is always allowed.
    expect((await patchSku(p, { originalPriceFen: null })).body.originalPriceFen).toBeNull();
  });

  it('refuses a price that was never charged', async () => {
    const p = await product(100_00);
    ctx.clock.advance(30 * DAY);
    const res = await patchSku(p, { originalPriceFen: 200_00 });
    expect(res.status).toBe(400);
    expect(problems(res.body)[0]).toMatchObject({ field: 'originalPriceFen' });
    expect(await skuRow(p.skuId)).toEqual({ priceFen: 100_00, originalPriceFen: null });
  });

  it('a raise above the claimed original price must drop or change the claim', async () => {
    const p = await product(150_00);
    ctx.clock.advance(8 * DAY);
    expect((await patchSku(p, { priceFen: 100_00, originalPriceFen: 150_00 })).status).toBe(200);
    ctx.clock.advance(DAY);
    const res = await patchSku(p, { priceFen: 160_00 });
    expect(res.status).toBe(400);
    expect(problems(res.body)).toEqual([
      { field: 'originalPriceFen', reason: 'must be above the price of 16000 fen' },
    ]);
    // A raise within the discount is a new promotion: its reference is the discounted price.
    const raised = await patchSku(p, { priceFen: 120_00 });
    expect(problems(raised.body)).toEqual([
      { field: 'originalPriceFen', reason: 'above the lowest price charged in the 7 days before, 10000 fen' },
    ]);
    expect((await patchSku(p, { priceFen: 120_00, originalPriceFen: null })).status).toBe(200);
  });

  it('a new product or SKU cannot claim an original price above its own price', async () => {
    const created = await as().post(products(), {
      title: '真丝围巾',
      categoryId,
      skus: [{ code: 'A', priceFen: 100_00, originalPriceFen: 199_00, stock: 5 }],
    });
    expect(created.status).toBe(400);
    expect(problems(created.body)).toEqual([
      {
        field: 'skus.0.originalPriceFen',
        reason: 'above the lowest price charged in the 7 days before, 10000 fen',
      },
    ]);
    const p = await product(100_00, 'NEWSKU');
    const added = await as().post(products(`/${p.productId}/skus`), {
      code: 'EXTRA',
      priceFen: 100_00,
      originalPriceFen: 120_00,
      stock: 1,
    });
    expect(added.status).toBe(400);
    expect(problems(added.body)[0]).toMatchObject({ field: 'originalPriceFen' });
    // Without a claim both write the first row of the price history.
    const ok = await as().post(products(`/${p.productId}/skus`), {
      code: 'EXTRA',
      priceFen: 88_00,
      stock: 1,
    });
    expect(ok.status).toBe(201);
    expect(await history(ok.body.id)).toEqual([88_00]);
    expect(await history(p.skuId)).toEqual([100_00]);
  });

  it.each([
    ['negative', -100, 'originalPriceFen'],
    ['not whole fen', 100.5, 'originalPriceFen'],
    ['zero', 0, 'originalPriceFen'],
    ['text', '150', 'originalPriceFen'],
    ['below the price', 50_00, 'originalPriceFen'],
    ['equal to the price', 100_00, 'originalPriceFen'],
  ])('bad input (%s) → 400 naming the field', async (_name, value, field) => {
    const p = await product(100_00, `BAD${String(Math.random()).slice(2, 8)}`);
    ctx.clock.advance(8 * DAY);
    const res = await patchSku(p, { originalPriceFen: value });
    expect(res.status).toBe(400);
    expect(problems(res.body).map((f) => f.field.replace(/^\//, ''))).toContain(field);
    expect(await skuRow(p.skuId)).toEqual({ priceFen: 100_00, originalPriceFen: null });
  });
});

describe('bulk price edit', () => {
  it('refuses all when one claim was never charged, naming it; applies all when each holds', async () => {
    const a = await product(150_00, 'BULKA');
    const b = await product(80_00, 'BULKB');
    ctx.clock.advance(8 * DAY);
    const refused = await as().post(products('/bulk-prices'), {
      skus: [
        { productId: a.productId, skuId: a.skuId, priceFen: 120_00, originalPriceFen: 150_00 },
        { productId: b.productId, skuId: b.skuId, priceFen: 60_00, originalPriceFen: 99_00 },
      ],
    });
    expect(refused.status).toBe(400);
    expect(problems(refused.body)).toEqual([
      {
        field: 'skus.1.originalPriceFen',
        reason: 'above the lowest price charged in the 7 days before, 8000 fen',
      },
    ]);
    expect(await skuRow(a.skuId)).toEqual({ priceFen: 150_00, originalPriceFen: null });
    expect(await history(a.skuId)).toEqual([150_00]);

    const applied = await as().post(products('/bulk-prices'), {
      skus: [
        { productId: a.productId, skuId: a.skuId, priceFen: 120_00, originalPriceFen: 150_00 },
        { productId: a.productId, skuId: a.otherSkuId, priceFen: 130_00 },
        { productId: b.productId, skuId: b.skuId, priceFen: 60_00, originalPriceFen: 80_00 },
      ],
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(await skuRow(b.skuId)).toEqual({ priceFen: 60_00, originalPriceFen: 80_00 });
    expect(await history(a.otherSkuId)).toEqual([150_00, 130_00]);
    expect(await history(b.skuId)).toEqual([80_00, 60_00]);
  });

  it('names a SKU of another shop or product and a duplicate', async () => {
    const mine = await product(50_00, 'BULKC');
    const other = await buildShop(ctx);
    const theirs = await api(ctx.app, other.owner.token).post(`${V}/shops/${other.shopId}/products`, {
      title: '别家商品',
      categoryId: other.categoryId,
      skus: [{ code: 'X', priceFen: 10_00, stock: 1 }],
    });
    const foreign = await as().post(products('/bulk-prices'), {
      skus: [{ productId: theirs.body.id, skuId: theirs.body.skus[0].id, priceFen: 1_00 }],
    });
    expect(foreign.status).toBe(400);
    expect(problems(foreign.body)[0]).toMatchObject({ field: 'skus.0.productId' });
    const wrongProduct = await as().post(products('/bulk-prices'), {
      skus: [{ productId: mine.productId, skuId: theirs.body.skus[0].id, priceFen: 1_00 }],
    });
    expect(problems(wrongProduct.body)[0]).toMatchObject({ field: 'skus.0.skuId' });
    const twice = await as().post(products('/bulk-prices'), {
      skus: [
        { productId: mine.productId, skuId: mine.skuId, priceFen: 40_00 },
        { productId: mine.productId, skuId: mine.skuId, priceFen: 45_00 },
      ],
    });
    expect(problems(twice.body)[0]).toMatchObject({ field: 'skus.1.skuId' });
    const bad = await as().post(products('/bulk-prices'), {
      skus: [{ productId: mine.productId, skuId: mine.skuId, originalPriceFen: -1 }],
    });
    expect(bad.status).toBe(400);
    expect(await skuRow(mine.skuId)).toEqual({ priceFen: 50_00, originalPriceFen: null });
  });
});

describe('the listing checkpoint', () => {
  it('refuses a listing whose 划线价 was never charged (a claim written past the edit rules)', async () => {
    const p = await product(100_00, 'GATE');
    // An imported or legacy claim: straight into the table, as no edit route would allow.
    await ctx.db.updateTable('skus').set({ originalPriceFen: 300_00 }).where('id', '=', p.skuId).execute();
    ctx.clock.advance(HOUR);
    const res = await as().post(products(`/${p.productId}/submit`));
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('rejected');
    expect(res.body.stateReason).toContain('划线价高于近7日最低售价');
    const decision = await ctx.db
      .selectFrom('trustDecisions')
      .select(['features', 'fired'])
      .where('subjectId', '=', p.productId)
      .where('checkpoint', '=', 'product_listing')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // (the JSON column comes back camel-cased)
    expect(decision.features).toMatchObject({ originalPriceRatio: 3 });
    expect(decision.fired.map((f) => f.id)).toContain('original-price-not-charged');
  });

  it('lists a product whose 划线价 is a price it was sold at', async () => {
    const p = await product(150_00, 'GATEOK');
    ctx.clock.advance(8 * DAY);
    expect((await patchSku(p, { priceFen: 120_00, originalPriceFen: 150_00 })).status).toBe(200);
    ctx.clock.advance(9 * DAY);
    const res = await as().post(products(`/${p.productId}/submit`));
    expect(res.body.stateReason ?? '').not.toContain('划线价');
    expect(res.body.state).not.toBe('rejected');
  });
});
