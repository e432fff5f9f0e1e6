import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiLogin,
  browserForFile,
  DESKTOP,
  expectCleanText,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const MERCHANT = 'merchant25'; // 刻字匠人定制: an active shop no other journey uses (server/src/seed/demo-shops.ts)
const run = Date.now() % 100000;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** A `size`×`size` PNG in one colour with a diagonal stripe: what a phone photo would be to the upload. */
function png(size: number, [r, g, b]: [number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const at = y * (size * 3 + 1) + 1 + x * 3;
      const stripe = Math.abs(x - y) < size / 10;
      raw[at] = stripe ? 255 - r : r;
      raw[at + 1] = stripe ? 255 - g : g;
      raw[at + 2] = stripe ? 255 - b : b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Product {
  id: number;
  state: string;
  images: { id: number; thumbnailUrl: string }[];
  skus: { id: number; priceFen: number }[];
}

async function shopOf(merchant: ApiSession) {
  const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
  const { mainCategoryId } = await merchant.call<{ mainCategoryId: number }>('GET', `/shops/${shop!.id}`);
  return { shopId: shop!.id, categoryId: mainCategoryId };
}

async function createProduct(
  merchant: ApiSession,
  title: string,
  more: { description?: string; submit?: boolean; priceFen?: number } = {},
): Promise<Product> {
  const { shopId, categoryId } = await shopOf(merchant);
  const product = await merchant.call<Product>('POST', `/shops/${shopId}/products`, {
    title,
    description: more.description ?? '',
    categoryId,
    skus: [{ code: 'STD', spec: '标准款', priceFen: more.priceFen ?? 5_900, stock: 20 }],
  });
  if (!more.submit) return product;
  return merchant.call<Product>('POST', `/shops/${shopId}/products/${product.id}/submit`);
}

describe('merchant products: images, table, bulk actions, price in place, text check', () => {
  it('uploads three product images, makes the third the main one and sees it as the thumbnail in the table', async () => {
    const merchant = await apiLogin(MERCHANT);
    const title = `图片测试钥匙扣 ${run}`;
    const product = await createProduct(merchant, title);
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto(`/merchant/products/${product.id}`);
    await page.getByRole('heading', { name: '商品图片' }).waitFor();
    await page.getByText('还没有图片。上传后第一张会成为主图。').waitFor();

    await page.getByLabel('选择要上传的商品图片').setInputFiles([
      { name: 'red.png', mimeType: 'image/png', buffer: png(600, [200, 40, 40]) },
      { name: 'green.png', mimeType: 'image/png', buffer: png(600, [40, 160, 60]) },
      { name: 'blue.png', mimeType: 'image/png', buffer: png(600, [40, 60, 200]) },
    ]);
    await page.getByText('已上传 3 张图片').waitFor();
    const images = page.locator('.m-images li');
    await expect.poll(() => images.count()).toBe(3);
    // The first upload is the main image until another is chosen.
    await images.nth(0).getByText('主图').waitFor();

    const uploaded = await merchant.call<Product>(
      'GET',
      `/shops/${(await shopOf(merchant)).shopId}/products/${product.id}`,
    );
    const third = uploaded.images[2]!;
    await page
      .getByRole('group', { name: '第 3 张图片的操作' })
      .getByRole('button', { name: '设为主图' })
      .click();
    await page.getByText('已设为主图').waitFor();
    await expect
      .poll(() => images.nth(0).locator('img').getAttribute('src'))
      .toBe(`/api/v1/product-images/${third.id}/thumbnail`);
    await images.nth(0).getByText('主图').waitFor();
    // The thumbnail really loads (served by the platform, not another origin).
    await expect
      .poll(() =>
        images
          .nth(0)
          .locator('img')
          .evaluate((img) => (img as HTMLImageElement).naturalWidth),
      )
      .toBeGreaterThan(0);
    await expectCleanText(page);
    await screenshot(page, 'merchant-zh-product-images');

    // The table shows the main image as the product's thumbnail.
    await page.getByRole('navigation').getByRole('link', { name: '商品管理' }).click();
    await page.getByRole('heading', { name: '商品管理' }).waitFor();
    await page.getByLabel('搜索商品标题').fill(title);
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    const row = page.locator('tbody tr', { hasText: title });
    await row.waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    const thumb = row.locator('img.m-thumb');
    await expect(thumb.getAttribute('src')).resolves.toBe(`/api/v1/product-images/${third.id}/thumbnail`);
    await expect
      .poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();

    // Once listed, buyers see the main image on the product card and first in the product page's gallery.
    const { shopId } = await shopOf(merchant);
    const listed = await merchant.call<Product>('POST', `/shops/${shopId}/products/${product.id}/submit`);
    expect(listed.state).toBe('listed');
    const buyerContext = await newContext(browser(), { lang: 'zh' });
    const buyerPage = await newPage(buyerContext);
    await buyerPage.goto(`/search?q=${encodeURIComponent(title)}`);
    const card = buyerPage.locator('a', { hasText: title }).first();
    await card.waitFor();
    await expect(card.locator('img').getAttribute('src')).resolves.toBe(
      `/api/v1/product-images/${third.id}/thumbnail`,
    );
    await card.click();
    const hero = buyerPage.getByRole('img', { name: '商品图片（第 1 张，共 3 张）' });
    await expect(hero.getAttribute('src')).resolves.toBe(`/api/v1/product-images/${third.id}`);
    await buyerPage.getByRole('button', { name: '查看第 2 张图片' }).click();
    await expect
      .poll(() => buyerPage.getByRole('img', { name: '商品图片（第 2 张，共 3 张）' }).getAttribute('src'))
      .toBe(`/api/v1/product-images/${uploaded.images[0]!.id}`);
    await expectCleanText(buyerPage);
    await screenshot(buyerPage, 'buyer-zh-product-gallery');
    expect(pageErrors(buyerPage)).toEqual([]);
    await buyerContext.close();
  });

  it('delists and lists products in bulk with a result per product, and edits a price in the table', async () => {
    const merchant = await apiLogin(MERCHANT);
    const prefix = `批量测试 ${run}`;
    const one = await createProduct(merchant, `${prefix} 黄铜书签`, { submit: true });
    const two = await createProduct(merchant, `${prefix} 木质笔筒`, { submit: true });
    expect([one.state, two.state]).toEqual(['listed', 'listed']);

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant/products');
    await page.getByRole('heading', { name: '商品管理' }).waitFor();
    await page.getByLabel('搜索商品标题').fill(prefix);
    await page.getByLabel('搜索商品标题').press('Enter');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);

    await page.getByLabel('全选本页').check();
    await page.getByText('已选 2 件').waitFor();
    await page.getByRole('button', { name: '下架所选' }).click();
    // Delisting asks first, naming what buyers lose.
    const dialog = page.getByRole('dialog');
    await dialog.getByText('买家将立即看不到这些商品；重新上架需要再次审核。').waitFor();
    await dialog.getByRole('button', { name: '下架' }).click();
    const results = page.getByRole('region', { name: '批量操作结果' });
    await results.getByText('2 件成功').or(page.getByText('2 件成功，0 件未成功')).first().waitFor();
    await expect(results.locator('li').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining([
        `${prefix} 黄铜书签 成功，现为“已下架”`,
        `${prefix} 木质笔筒 成功，现为“已下架”`,
      ]),
    );
    await expect.poll(() => page.locator('tbody').getByText('已下架').count()).toBe(2);

    // Listing them again sends them to review, which passes them at once.
    await page.getByLabel(`选择“${prefix} 黄铜书签”`).check();
    await page.getByLabel(`选择“${prefix} 木质笔筒”`).check();
    await page.getByRole('button', { name: '上架所选' }).click();
    await expect
      .poll(() => results.locator('li').allInnerTexts())
      .toEqual(
        expect.arrayContaining([
          `${prefix} 黄铜书签 成功，现为“已上架”`,
          `${prefix} 木质笔筒 成功，现为“已上架”`,
        ]),
      );
    await expect.poll(() => page.locator('tbody').getByText('已上架').count()).toBe(2);

    // The price of one product, changed in the table; it stays listed.
    const row = page.locator('tbody tr', { hasText: `${prefix} 黄铜书签` });
    await row.getByRole('button', { name: '改价 / 库存' }).click();
    const editor = page.getByRole('group', { name: `“${prefix} 黄铜书签”的价格和库存` });
    await editor.getByLabel('标准款 的价格（元）').fill('88.80');
    await editor.getByLabel('标准款 的库存').fill('35');
    await editor.getByRole('button', { name: '保存' }).click();
    await page.getByText('标准款 已保存').waitFor();
    await row.getByText('¥88.80').waitFor();
    await row.getByRole('cell', { name: '35', exact: true }).waitFor();
    await row.getByText('已上架').waitFor();
    const { shopId } = await shopOf(merchant);
    const saved = await merchant.call<Product & { skus: { stock: number }[] }>(
      'GET',
      `/shops/${shopId}/products/${one.id}`,
    );
    expect(saved.skus[0]).toMatchObject({ priceFen: 8_880, stock: 35 });
    expect(saved.state).toBe('listed');

    // A price that is not one is refused next to the field, nothing sent.
    await editor.getByLabel('标准款 的价格（元）').fill('abc');
    await editor.getByRole('button', { name: '保存' }).click();
    await editor.getByText('请填写大于 0 的金额，最多两位小数').first().waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-zh-product-table');

    // The "updated" column sorts (defect 9): oldest change first after one press.
    await page.getByLabel('搜索商品标题').fill('');
    await page.getByLabel('搜索商品标题').press('Enter');
    const updated = page.getByRole('columnheader', { name: /更新时间/ });
    await expect(updated.getAttribute('aria-sort')).resolves.toBe('descending');
    await expect.poll(() => page.locator('tbody tr').first().innerText()).toContain(`${prefix} 黄铜书签`);
    await updated.getByRole('button').click();
    await expect.poll(() => updated.getAttribute('aria-sort')).toBe('ascending');
    const times = () =>
      page
        .locator('tbody tr td time')
        .evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
    await expect.poll(async () => (await times()).length).toBeGreaterThan(1);
    await expect
      .poll(async () => {
        const shown = await times();
        return shown.every((at, i) => i === 0 || shown[i - 1]! <= at);
      })
      .toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('names the matched words of a rejected listing, highlighted in their field, in both languages', async () => {
    const merchant = await apiLogin(MERCHANT);
    const rejected = await createProduct(merchant, `手工刻字牛轧糖 加微信下单 ${run}`, {
      description: '老配方，每天两块可以降血压。',
      submit: true,
    });
    expect(rejected.state).toBe('rejected');

    for (const lang of ['zh', 'en'] as const) {
      const context = await newContext(browser(), { lang, viewport: DESKTOP });
      await signInAs(context, 'merchant', MERCHANT);
      const page = await newPage(context);
      await page.goto(`/merchant/products/${rejected.id}`);
      const check = page.getByTestId('text-check');
      await check.waitFor();
      // 加微信 and 微信下单 both match and overlap: one mark over both.
      await expect(check.locator('[data-field="title"] mark').allInnerTexts()).resolves.toEqual([
        '加微信下单',
      ]);
      await expect(check.locator('[data-field="description"] mark').allInnerTexts()).resolves.toEqual([
        '降血压',
      ]);
      if (lang === 'zh') {
        await check.getByText('文案检测命中的词').waitFor();
        await check.getByText('“加微信”：站外交易引导（高风险，直接驳回）').waitFor();
        await check.getByText('“微信下单”：站外交易引导（高风险，直接驳回）').waitFor();
        await check.getByText('“降血压”：医疗功效宣称（高风险，直接驳回）').waitFor();
        await check.getByText('标题', { exact: true }).waitFor();
      } else {
        await check.getByText('Words the text check matched').waitFor();
        await check.getByText('“加微信”: Off-platform trade(high risk: rejected)').waitFor();
        await check.getByText('“降血压”: Medical claim(high risk: rejected)').waitFor();
        await check.getByText('Description', { exact: true }).waitFor();
      }
      await expectCleanText(page);
      await screenshot(page, `merchant-${lang}-text-check`);
      expect(pageErrors(page)).toEqual([]);
      await context.close();
    }
  });

  it("keeps the product editor's SKU section inside its card (defect 9)", async () => {
    const merchant = await apiLogin(MERCHANT);
    const product = await createProduct(merchant, `规格布局测试 ${run}`);
    for (const viewport of [DESKTOP, { width: 1440, height: 900 }, { width: 1280, height: 800 }]) {
      const context = await newContext(browser(), { lang: 'zh', viewport });
      await signInAs(context, 'merchant', MERCHANT);
      const page = await newPage(context);
      for (const [url, section] of [
        [`/merchant/products/${product.id}`, 'section[aria-labelledby="skus-title"]'],
        ['/merchant/products/new', 'form fieldset:has(.m-sku-row)'],
      ] as const) {
        await page.goto(url);
        const card = page.locator(section);
        await card.locator('input').first().waitFor();
        const overflow = await card.evaluate((el) => {
          // the card the section sits in (the new-product form's fieldset sits in the form's card)
          const box = (el.closest('.card') ?? el).getBoundingClientRect();
          const sticking = [...el.querySelectorAll('*')]
            .filter((child) => {
              const r = child.getBoundingClientRect();
              return r.width > 0 && r.right > box.right + 1;
            })
            .map((child) => `${child.tagName.toLowerCase()}.${child.className}`);
          return { scroll: el.scrollWidth - el.clientWidth, sticking };
        });
        expect(overflow, `${url} at ${viewport.width}px`).toEqual({ scroll: 0, sticking: [] });
      }
      await context.close();
    }
  });
});
