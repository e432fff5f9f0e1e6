import { describe, expect, it } from 'vitest';
import {
  apiLogin,
  baseUrl,
  browserForFile,
  DESKTOP,
  expectCleanText,
  newContext,
  newPage,
  PHONE,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

// Product rules §6.3: a 划线价 must be a price the SKU was sold at in the 7 days before.
const browser = browserForFile();
const MERCHANT = 'merchant24'; // 充值快车: a shop no other journey edits (server/src/seed/demo-shops.ts)
const run = Date.now() % 100000;

interface Sku {
  id: number;
  code: string;
  priceFen: number;
  originalPriceFen: number | null;
  stock: number;
}
const yuan = (fen: number) => (fen / 100).toFixed(2);

describe('original prices (划线价)', () => {
  it('the storefront shows a seeded honest 划线价 struck through beside the price', async () => {
    const list = (await (await fetch(`${baseUrl()}/api/v1/products?limit=100`)).json()) as {
      items: { id: number; originalPriceFen: number | null }[];
    };
    let shown: { id: number; sku: Sku } | undefined;
    for (const item of list.items.filter((p) => p.originalPriceFen !== null)) {
      const detail = (await (await fetch(`${baseUrl()}/api/v1/products/${item.id}`)).json()) as {
        skus: Sku[];
      };
      const selected = detail.skus.find((s) => s.stock > 0);
      if (selected?.originalPriceFen) {
        shown = { id: item.id, sku: selected };
        break;
      }
    }
    expect(shown, 'the demo data has a listed product with a 划线价').toBeDefined();
    const context = await newContext(browser(), { lang: 'zh', viewport: PHONE });
    const page = await newPage(context);
    await page.goto(`/products/${shown!.id}`);
    const struck = page.getByTestId('original-price');
    await struck.waitFor();
    expect(await struck.textContent()).toContain(yuan(shown!.sku.originalPriceFen!));
    expect(await struck.textContent()).toContain('划线价');
    // Struck through, beside the price that is charged.
    expect(await struck.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
    expect(await page.locator('.price').first().textContent()).toContain(yuan(shown!.sku.priceFen));
    await expectCleanText(page);
    await screenshot(page, 'original-price-storefront');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the merchant form refuses a 划线价 never charged, in Chinese, and saves nothing', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const { mainCategoryId } = await merchant.call<{ mainCategoryId: number }>('GET', `/shops/${shop!.id}`);
    const product = await merchant.call<{ id: number; skus: Sku[] }>('POST', `/shops/${shop!.id}/products`, {
      title: `划线价测试话费充值 ${run}`,
      categoryId: mainCategoryId,
      skus: [{ code: 'STD', spec: '50元', priceFen: 4_900, stock: 100 }],
    });
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto(`/merchant/products/${product.id}`);
    const field = page.getByLabel('STD 的划线价（元）');
    await field.waitFor();
    await page.getByText('须为近7日内实际售价，且高于现价；留空则不显示划线价。').first().waitFor();
    await field.fill('99');
    await page.getByRole('form', { name: 'STD 的价格（元）' }).getByRole('button', { name: '保存' }).click();
    await page.getByText('划线价高于近7日最低售价 ¥49.00，须为近7日内实际售价').first().waitFor();
    await expectCleanText(page);
    await screenshot(page, 'original-price-refused');
    const after = await merchant.call<{ skus: Sku[] }>('GET', `/shops/${shop!.id}/products/${product.id}`);
    expect(after.skus[0]).toMatchObject({ priceFen: 4_900, originalPriceFen: null });
    // Below the price is refused on the page too, naming the field.
    await field.fill('10');
    await page.getByRole('form', { name: 'STD 的价格（元）' }).getByRole('button', { name: '保存' }).click();
    await page.getByText('须高于现价 ¥49.00').first().waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
