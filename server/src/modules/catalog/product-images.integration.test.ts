import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildListedProduct, buildShop, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { getProductSummaries } from './index.ts';

const V = '/api/v1';
let ctx: TestContext;
let shop: { shopId: number; categoryId: number; owner: TestUser };
let other: { shopId: number; categoryId: number; owner: TestUser };

beforeAll(async () => {
  ctx = await createTestContext();
  shop = await buildShop(ctx);
  other = await buildShop(ctx);
});

/** A real picture: `size` pixels square of noise (so it does not compress to nothing). */
async function photo(size: number, format: 'png' | 'jpeg' | 'webp' = 'png'): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919 + size * 31 + format.length) % 251;
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } })
    .toFormat(format)
    .toBuffer();
}

async function upload(
  user: TestUser,
  productId: number,
  type: string,
  bytes: Buffer | string,
  shopId = shop.shopId,
) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `${V}/shops/${shopId}/products/${productId}/images`,
    headers: { authorization: `Bearer ${user.token}`, 'content-type': type },
    payload: bytes,
  });
  return { status: res.statusCode, body: res.json() };
}

type Product = { state: string; images: { id: number; url: string; thumbnailUrl: string; width: number }[] };

async function draftProduct(): Promise<number> {
  const res = await api(ctx.app, shop.owner.token).post(`${V}/shops/${shop.shopId}/products`, {
    title: '手工陶瓷杯',
    categoryId: shop.categoryId,
    skus: [{ code: 'CUP', priceFen: 3_900, stock: 10 }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as { id: number }).id;
}

describe('product images', () => {
  it('stores three uploads in order, the first as main, with thumbnails smaller than the originals', async () => {
    const productId = await draftProduct();
    const originals = [await photo(1200), await photo(900, 'jpeg'), await photo(640, 'webp')];
    const types = ['image/png', 'image/jpeg', 'image/webp'];
    let product: Product | undefined;
    for (const [i, bytes] of originals.entries()) {
      const res = await upload(shop.owner, productId, types[i]!, bytes);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      product = res.body as Product;
    }
    expect(product!.images.map((i) => i.width)).toEqual([1200, 900, 640]);

    for (const [i, image] of product!.images.entries()) {
      const original = await ctx.app.inject({ method: 'GET', url: image.url });
      expect(original.statusCode).toBe(200);
      expect(original.headers['content-type']).toBe(types[i]);
      expect(original.rawPayload.equals(originals[i]!)).toBe(true);
      const thumb = await ctx.app.inject({ method: 'GET', url: image.thumbnailUrl });
      expect(thumb.statusCode).toBe(200);
      expect(thumb.headers['content-type']).toBe('image/webp');
      expect(thumb.rawPayload.length).toBeLessThan(original.rawPayload.length);
      const meta = await sharp(thumb.rawPayload).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(320);
    }

    // Same bytes again: the image already there, no second copy.
    const again = await upload(shop.owner, productId, 'image/png', originals[0]!);
    expect(again.status).toBe(200);
    expect((again.body as Product).images).toHaveLength(3);
  });

  it('serves images for good with an ETag, and answers 304 to a browser that has it', async () => {
    const productId = await draftProduct();
    const res = await upload(shop.owner, productId, 'image/png', await photo(400));
    const { thumbnailUrl } = (res.body as Product).images[0]!;
    const first = await ctx.app.inject({ method: 'GET', url: thumbnailUrl });
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const second = await ctx.app.inject({
      method: 'GET',
      url: thumbnailUrl,
      headers: { 'if-none-match': etag },
    });
    expect(second.statusCode).toBe(304);
    expect(second.rawPayload.length).toBe(0);
    expect((await ctx.app.inject({ method: 'GET', url: `${V}/product-images/999999` })).statusCode).toBe(404);
  });

  it('reorders, sets the main image, removes; product cards show the main thumbnail', async () => {
    const { productId } = await buildListedProduct(ctx, shop.shopId, { title: '排序测试商品' });
    const ids: number[] = [];
    for (const size of [300, 301, 302]) {
      const res = await upload(shop.owner, productId, 'image/png', await photo(size));
      ids.push((res.body as Product).images.at(-1)!.id);
    }
    const owner = api(ctx.app, shop.owner.token);
    const base = `${V}/shops/${shop.shopId}/products/${productId}/images`;

    const reordered = await owner.put(`${base}/order`, { imageIds: [ids[2], ids[0], ids[1]] });
    expect(reordered.status, JSON.stringify(reordered.body)).toBe(200);
    expect((reordered.body as Product).images.map((i) => i.id)).toEqual([ids[2], ids[0], ids[1]]);

    const main = await owner.post(`${base}/${ids[1]}/main`);
    expect(main.status).toBe(200);
    expect((main.body as Product).images.map((i) => i.id)).toEqual([ids[1], ids[2], ids[0]]);

    const list = await owner.get(`${V}/shops/${shop.shopId}/products?q=${encodeURIComponent('排序测试')}`);
    const item = (list.body as { items: { id: number; imageUrl: string | null }[] }).items[0]!;
    expect(item.imageUrl).toBe(`${V}/product-images/${ids[1]}/thumbnail`);
    // What live rooms and orders read about a product (its pinned card) shows the same thumbnail.
    const [summary] = await getProductSummaries(ctx.db, [productId]);
    expect(summary!.imageUrl).toBe(`${V}/product-images/${ids[1]}/thumbnail`);

    const removed = await owner.delete(`${base}/${ids[1]}`);
    expect((removed.body as Product).images.map((i) => i.id)).toEqual([ids[2], ids[0]]);

    // Not a permutation of the product's images: 400 naming the field, nothing moved.
    const bad = await owner.put(`${base}/order`, { imageIds: [ids[2]] });
    expect(bad.status).toBe(400);
    expect(
      (bad.body as { error: { details: { fields: { field: string }[] } } }).error.details.fields[0]!.field,
    ).toBe('imageIds');
    const stolen = await owner.put(`${base}/order`, { imageIds: [ids[2], ids[0], 999_999] });
    expect(stolen.status).toBe(400);
    const now = await owner.get(`${V}/shops/${shop.shopId}/products/${productId}`);
    expect((now.body as Product).images.map((i) => i.id)).toEqual([ids[2], ids[0]]);
    // A listed product whose images changed is back in review, like any content edit.
    expect((now.body as Product).state).toBe('in_review');
  });

  it('refuses a file that is not an image of the declared type (415 naming the body) and writes nothing', async () => {
    const productId = await draftProduct();
    const text = await upload(shop.owner, productId, 'image/png', 'not a picture at all');
    expect(text.status).toBe(415);
    expect(text.body.error.details.fields[0].field).toBe('body');
    const pdf = await upload(shop.owner, productId, 'application/pdf', Buffer.from('%PDF-1.4 ...'));
    expect(pdf.status).toBe(415);
    const liar = await upload(shop.owner, productId, 'image/jpeg', await photo(50, 'png'));
    expect(liar.status).toBe(415);
    expect(liar.body.error.details.fields[0].reason).toContain('they are image/png');
    // The magic bytes of a PNG and nothing decodable after them.
    const broken = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(40),
    ]);
    const undecodable = await upload(shop.owner, productId, 'image/png', broken);
    expect(undecodable.status).toBe(400);
    expect(undecodable.body.error.details.fields[0].field).toBe('body');
    const product = await api(ctx.app, shop.owner.token).get(
      `${V}/shops/${shop.shopId}/products/${productId}`,
    );
    expect((product.body as Product).images).toEqual([]);
  });

  it('refuses an image over 5 MiB with 413', async () => {
    const productId = await draftProduct();
    const big = Buffer.concat([await photo(10), Buffer.alloc(5 * 1024 * 1024)]);
    const res = await upload(shop.owner, productId, 'image/png', big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it("answers 404 to another shop's member and 403 to a buyer", async () => {
    const productId = await draftProduct();
    const bytes = await photo(64);
    expect((await upload(other.owner, productId, 'image/png', bytes, other.shopId)).status).toBe(404);
    expect((await upload(other.owner, productId, 'image/png', bytes)).status).toBe(404);
    const buyer = await buildBuyer(ctx);
    expect((await upload(buyer, productId, 'image/png', bytes)).status).toBe(403);
  });
});
