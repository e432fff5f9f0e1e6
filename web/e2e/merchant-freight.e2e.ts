import { describe, expect, it } from 'vitest';
import { commonMessages } from '../src/i18n/common.ts';
import { freightMessages } from '../src/i18n/freight.ts';
import { merchantMessages } from '../src/i18n/merchant.ts';
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
const zh = { ...commonMessages.zh, ...merchantMessages.zh, ...freightMessages.zh };
const MERCHANT = 'merchant18'; // 温州鞋城: a shop no other journey uses (server/src/seed/demo-shops.ts)
const run = Date.now() % 100000;

interface Template {
  id: number;
  name: string;
  mode: string;
  firstUnits: number;
  firstFen: number;
  extraUnits: number;
  extraFen: number;
  freeOverFen: number | null;
  isDefault: boolean;
  regions: { codes: string[]; firstFen: number; extraFen: number; remote: boolean }[];
  excludedCodes: string[];
}
interface Product {
  id: number;
  title: string;
  state: string;
  freightTemplateId: number | null;
  presaleShipDays: number | null;
  skus: { id: number; code: string; weightGrams: number }[];
}

describe('merchant shipping fees (运费模板)', () => {
  it('sets a template by weight with a remote region and a region not delivered to, puts a product on it with a weight and pre-sale days, and the buyer sees the terms; deleting confirms and names the consequence', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const shopId = shop!.id;
    const name = `偏远加价${run}`;

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('link', { name: zh['merchant.nav.freight'] }).click();
    await page.getByRole('heading', { name: zh['freight.title'] }).waitFor();
    // The demo default: ¥8 a piece, 新疆/西藏 remote, 港澳台 not delivered.
    const table = page.getByRole('table', { name: zh['freight.title'] });
    const standard = table.getByRole('row').filter({ hasText: '标准快递' });
    await standard.getByText(zh['freight.default']).waitFor();
    await standard.getByText(fill(zh['freight.summary.remote'], { names: '新疆、西藏' })).waitFor();
    await standard.getByText(fill(zh['freight.summary.excluded'], { names: '台湾、香港、澳门' })).waitFor();
    await expectCleanText(page);

    // A new template by weight: 1 kg ¥10, each 0.5 kg more ¥3, free from ¥199.
    await page.getByRole('link', { name: zh['freight.new'] }).click();
    const form = page.getByRole('form', { name: zh['freight.editor.label'] });
    await form.getByLabel(zh['freight.field.name']).fill(name);
    await form.getByLabel(zh['freight.field.mode']).selectOption('weight');
    await form.getByLabel(zh['freight.field.firstUnitsWeight']).fill('1');
    await form.getByLabel(zh['freight.field.firstFee'], { exact: true }).fill('10');
    await form.getByLabel(zh['freight.field.extraUnitsWeight']).fill('0.5');
    await form.getByLabel(zh['freight.field.extraFee'], { exact: true }).fill('3');
    await form.getByLabel(zh['freight.field.freeOver']).fill('199');

    // 新疆 and 西藏 remote at ¥25 + ¥8; 台湾 not delivered.
    await form.getByRole('button', { name: zh['freight.regions.add'] }).click();
    const rule = form.getByRole('group', { name: fill(zh['freight.regions.rule'], { n: 1 }) });
    await rule.locator('summary').click();
    await rule.getByLabel('新疆维吾尔自治区').check();
    await rule.getByLabel('西藏自治区').check();
    const ruleFirst = `${fill(zh['freight.regions.rule'], { n: 1 })} · ${zh['freight.field.firstFee']}`;
    const ruleExtra = `${fill(zh['freight.regions.rule'], { n: 1 })} · ${zh['freight.field.extraFee']}`;
    await rule.getByLabel(ruleFirst).fill('二十五');
    await rule.getByLabel(ruleExtra).fill('8');
    await rule.getByLabel(zh['freight.regions.remote']).check();
    const excluded = form.getByRole('group', { name: zh['freight.excluded.title'] }).first();
    await excluded.locator('summary').click();
    // A region already given a fee cannot also be not delivered.
    expect(await excluded.getByLabel('新疆维吾尔自治区').isDisabled()).toBe(true);
    await excluded.getByLabel('台湾省').check();

    // A fee that is not an amount is named beside its field; nothing is sent.
    await form.getByRole('button', { name: zh['freight.create'] }).click();
    await rule.getByText(zh['freight.amountInvalid']).waitFor();
    await expectCleanText(page);
    expect(
      (await merchant.call<{ items: Template[] }>('GET', `/shops/${shopId}/freight-templates`)).items.some(
        (t) => t.name === name,
      ),
    ).toBe(false);

    await rule.getByLabel(ruleFirst).fill('25');
    await form.getByRole('button', { name: zh['freight.create'] }).click();
    await page.getByRole('heading', { name: zh['freight.title'] }).waitFor();
    const row = table.getByRole('row').filter({ hasText: name });
    await row
      .getByText(
        fill(zh['freight.fees.weight'], { first: 1, firstFee: '¥10.00', extra: 0.5, extraFee: '¥3.00' }),
      )
      .waitFor();
    await row.getByText(fill(zh['freight.freeOver'], { amount: '¥199.00' })).waitFor();
    await row.getByText(fill(zh['freight.summary.remote'], { names: '新疆、西藏' })).waitFor();
    await row.getByText(fill(zh['freight.summary.excluded'], { names: '台湾' })).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-freight-templates');
    const saved = (
      await merchant.call<{ items: Template[] }>('GET', `/shops/${shopId}/freight-templates`)
    ).items.find((t) => t.name === name)!;
    expect(saved).toMatchObject({
      mode: 'weight',
      firstUnits: 1000,
      firstFen: 1000,
      extraUnits: 500,
      extraFen: 300,
      freeOverFen: 19_900,
      isDefault: false,
      regions: [{ codes: ['650000', '540000'], firstFen: 2500, extraFen: 800, remote: true }],
      excludedCodes: ['710000'],
    });

    // The product editor: the template, pre-sale days (4–45) and a SKU's weight.
    const listed = await merchant.call<{ items: { id: number }[] }>(
      'GET',
      `/shops/${shopId}/products?state=listed&limit=1`,
    );
    const productId = listed.items[0]!.id;
    await page.goto(`/merchant/products/${productId}`);
    const editor = page.getByRole('form', { name: zh['merchant.product.formLabel'] });
    await editor.getByLabel(zh['merchant.product.freightTemplate']).selectOption(String(saved.id));
    await editor.getByLabel(zh['merchant.product.presaleDays']).fill('3');
    await editor.getByRole('button', { name: zh['common.save'] }).click();
    await editor.getByText(zh['merchant.product.presaleInvalid'], { exact: true }).waitFor();
    await editor.getByLabel(zh['merchant.product.presaleDays']).fill('15');
    await editor.getByRole('button', { name: zh['common.save'] }).click();
    await editor.getByText(zh['common.saved']).waitFor();
    const before = await merchant.call<Product>('GET', `/shops/${shopId}/products/${productId}`);
    const sku = before.skus[0]!;
    const weight = page.getByRole('form', { name: fill(zh['merchant.sku.weightFor'], { code: sku.code }) });
    await weight.getByLabel(fill(zh['merchant.sku.weightFor'], { code: sku.code })).fill('800');
    await weight.getByRole('button', { name: zh['common.save'] }).click();
    await expect
      .poll(
        async () =>
          (await merchant.call<Product>('GET', `/shops/${shopId}/products/${productId}`)).skus[0]!
            .weightGrams,
      )
      .toBe(800);
    const after = await merchant.call<Product>('GET', `/shops/${shopId}/products/${productId}`);
    // Shipping terms are not what review judges: the product stays listed.
    expect(after).toMatchObject({ freightTemplateId: saved.id, presaleShipDays: 15, state: 'listed' });
    await expectCleanText(page);

    // The buyer's product page: where it ships from, the fee, remote regions, not delivered, pre-sale.
    const buyer = await newPage(context);
    await buyer.goto(`/products/${productId}`);
    await buyer.getByText(fill(freightMessages.zh['buyer.shipping.presale'], { days: 15 })).waitFor();
    await buyer.getByText('¥10.00 起 · 满¥199.00包邮').waitFor();
    await buyer.getByText(freightMessages.zh['buyer.shipping.remote'], { exact: false }).waitFor();
    await buyer
      .getByText(fill(freightMessages.zh['buyer.shipping.excluded'], { names: '台湾' }), { exact: false })
      .waitFor();
    await buyer.getByText('浙江省 温州市').waitFor();
    await expectCleanText(buyer);
    await buyer.close();

    // Deleting the template a product uses: asked first, then refused with the reason.
    await page.goto('/merchant/freight');
    await row.getByRole('button', { name: fill(zh['freight.deleteNamed'], { name }) }).click();
    const dialog = page.getByRole('dialog', { name: fill(zh['freight.deleteTitle'], { name }) });
    await dialog.getByText(zh['freight.deleteBody']).waitFor();
    await dialog.getByRole('button', { name: zh['freight.deleteConfirm'] }).click();
    await page.getByText(zh['error.key.freight_template_in_use']).waitFor();

    // Moved back to the shop's default, it can go.
    await merchant.call('PATCH', `/shops/${shopId}/products/${productId}`, {
      freightTemplateId: null,
      presaleShipDays: null,
    });
    await row.getByRole('button', { name: fill(zh['freight.deleteNamed'], { name }) }).click();
    await dialog.getByRole('button', { name: zh['freight.deleteConfirm'] }).click();
    await page.getByRole('status').getByText(zh['freight.deleted']).waitFor();
    await row.waitFor({ state: 'detached' });
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
