import { describe, expect, it } from 'vitest';
import { commonMessages } from '../src/i18n/common.ts';
import { flashSalesMessages } from '../src/i18n/flash-sales.ts';
import {
  apiLogin,
  browserForFile,
  DESKTOP,
  expectCleanText,
  fill,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const zh = { ...commonMessages.zh, ...flashSalesMessages.zh };
const MERCHANT = 'merchant7'; // a shop with listed products and no flash sale in the demo data
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

/** `datetime-local` text for a moment in the platform's time zone (the contexts run in Asia/Shanghai). */
function localInput(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).replace(' ', 'T').slice(0, 16);
}

interface ShopProduct {
  id: number;
  title: string;
  skus: { id: number; spec: string; priceFen: number; stock: number }[];
}

describe('merchant flash sales (秒杀)', () => {
  it('creates a flash sale (price checked below the SKU price at the field), sees it running with its countdown, and cancels it after a confirmation naming the consequence', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const products = await merchant.call<{ items: ShopProduct[] }>(
      'GET',
      `/shops/${shop!.id}/products?state=listed&limit=100`,
    );
    const product = products.items.find((p) => p.skus.some((s) => s.stock >= 5 && s.priceFen > 100))!;
    const sku = product.skus.find((s) => s.stock >= 5 && s.priceFen > 100)!;

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('link', { name: zh['merchant.nav.flashSales'] }).click();
    await page.getByRole('heading', { name: zh['flash.title'] }).waitFor();
    await page.getByText(zh['flash.empty']).waitFor();

    const form = page.getByRole('form', { name: zh['flash.form.title'] });
    await form.getByLabel(zh['flash.form.product']).selectOption(String(product.id));
    await form.getByLabel(zh['flash.form.sku'], { exact: true }).selectOption(String(sku.id));
    await form.getByText(fill(zh['flash.form.priceHint'], { price: yuan(sku.priceFen) })).waitFor();
    // The price of the SKU itself is not a flash price: refused beside the field, nothing sent.
    await form.getByLabel(zh['flash.form.price']).fill((sku.priceFen / 100).toFixed(2));
    await form.getByLabel(zh['flash.form.stockCap']).fill('5');
    await form.getByLabel(zh['flash.form.perBuyerLimit']).fill('2');
    await form.getByLabel(zh['flash.form.endsAt']).fill(localInput(new Date(Date.now() + 2 * 3600_000)));
    await form.getByRole('button', { name: zh['flash.form.submit'] }).click();
    await form
      .getByText(`须低于该规格原价 ${yuan(sku.priceFen)}`)
      .first()
      .waitFor();
    await expectCleanText(page);
    expect((await merchant.call<{ total: number }>('GET', `/shops/${shop!.id}/flash-sales`)).total).toBe(0);

    // A price below: created; it starts now and the list shows it running with the time left.
    const flashFen = Math.floor(sku.priceFen / 2);
    await form.getByLabel(zh['flash.form.price']).fill((flashFen / 100).toFixed(2));
    await form.getByRole('button', { name: zh['flash.form.submit'] }).click();
    await page.getByRole('status').getByText(zh['flash.form.created']).waitFor();
    const table = page.getByRole('table', { name: zh['flash.title'] });
    const row = table.getByRole('row').filter({ hasText: product.title });
    await row.getByText(zh['flash.state.running']).waitFor();
    await row.getByText(zh['flash.endsIn']).waitFor();
    await row.getByRole('timer').waitFor();
    expect(await row.getByRole('timer').innerText()).toMatch(/^0[01]:\d\d:\d\d$/);
    await row.getByText(yuan(flashFen)).waitFor();
    await row.getByText('0 / 5').waitFor();
    await row.getByText('北京时间').first().waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-flash-sales');

    // The buyer's product page shows the flash price and its countdown.
    const buyerPage = await newPage(context);
    await buyerPage.goto(`/products/${product.id}`);
    const banner = buyerPage.getByRole('region', { name: '秒杀' });
    await banner.getByText(yuan(flashFen)).waitFor();
    await banner.getByRole('timer').waitFor();
    expect(await banner.getByRole('timer').innerText()).toMatch(/距结束 0[01]:\d\d:\d\d/);
    await buyerPage.close();

    // Cancelling asks first and says what happens; dismissing changes nothing.
    await row.getByRole('button', { name: fill(zh['flash.cancelNamed'], { title: product.title }) }).click();
    const dialog = page.getByRole('dialog', {
      name: fill(zh['flash.cancelTitle'], { title: product.title }),
    });
    await dialog.getByText(fill(zh['flash.cancelBodyRunning'], { price: yuan(flashFen), sold: 0 })).waitFor();
    await dialog.getByRole('button', { name: zh['common.cancel'], exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText(zh['flash.state.running']).waitFor();

    await row.getByRole('button', { name: fill(zh['flash.cancelNamed'], { title: product.title }) }).click();
    await dialog.getByRole('button', { name: zh['flash.cancelConfirm'] }).click();
    await page.getByRole('status').getByText(zh['flash.cancelled']).waitFor();
    await row.getByText(zh['flash.state.cancelled']).waitFor();
    const list = await merchant.call<{ items: { state: string }[] }>('GET', `/shops/${shop!.id}/flash-sales`);
    expect(list.items.map((s) => s.state)).toEqual(['cancelled']);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
