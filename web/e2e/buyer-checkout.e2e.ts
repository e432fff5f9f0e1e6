import { describe, expect, it } from 'vitest';
import { addressMessages } from '../src/i18n/addresses.ts';
import { buyerMessages } from '../src/i18n/buyer.ts';
import { checkoutMessages } from '../src/i18n/checkout.ts';
import {
  type ApiSession,
  apiLogin,
  baseUrl,
  browserForFile,
  DESKTOP,
  expectCleanText,
  type Lang,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
// 云岭茶园 (server/src/seed/demo-shops.ts): the standard template (¥8 the first piece, free from ¥99,
// 新疆 remote at ¥20); no other browser test buys there.
const MERCHANT = 'merchant6';
// 刻字匠人定制: its first listed product is a pre-sale (ships within 10 days of payment).
const PRESALE_MERCHANT = 'merchant25';

type Key = keyof typeof checkoutMessages.zh;
const q = (lang: Lang, key: Key, vars: Record<string, string | number> = {}) =>
  checkoutMessages[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));
const b = (lang: Lang, key: keyof typeof buyerMessages.zh) => buyerMessages[lang][key];
const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

let keySeq = 0;
const key = (what: string) => `buyer-checkout-${what}-${Date.now()}-${++keySeq}`;

interface Listed {
  items: { id: number; title: string; skus: { id: number; priceFen: number; stock: number }[] }[];
}

async function shopOf(merchant: ApiSession) {
  const [shop] = await merchant.call<{ id: number; name: string }[]>('GET', '/me/shops');
  return shop!;
}

/** A listed product of the shop with a SKU in [min, max) fen and stock, not a pre-sale unless asked. */
async function productOf(shopId: number, merchant: ApiSession, min: number, max: number, presale = false) {
  const listed = await merchant.call<Listed>('GET', `/shops/${shopId}/products?state=listed&limit=100`);
  for (const p of listed.items) {
    const sku = p.skus.find((s) => s.stock > 5 && s.priceFen >= min && s.priceFen < max);
    if (!sku) continue;
    const detail = (await (await fetch(`${baseUrl()}/api/v1/products/${p.id}`)).json()) as {
      presaleShipDays: number | null;
    };
    if ((detail.presaleShipDays !== null) === presale)
      return { ...p, sku, presaleShipDays: detail.presaleShipDays };
  }
  throw new Error(`shop ${shopId} lists no product between ${min} and ${max} fen`);
}

/** A shop coupon of ¥5 off from ¥20, claimed by the buyer. */
async function claimShopCoupon(merchant: ApiSession, shopId: number, buyer: ApiSession, title: string) {
  const now = Date.now();
  const campaign = await merchant.call<{ id: number }>('POST', `/shops/${shopId}/coupons`, {
    title,
    kind: 'threshold',
    thresholdFen: 2_000,
    discountFen: 500,
    claimStartsAt: new Date(now - 60_000).toISOString(),
    claimEndsAt: new Date(now + 24 * 3600_000).toISOString(),
    validDays: 7,
    perBuyerLimit: 1,
    issueCap: 1_000,
  });
  await buyer.call('POST', `/coupons/${campaign.id}/claim`, {}, { 'idempotency-key': key('claim') });
}

const breakdown = (page: import('playwright-core').Page, lang: Lang) =>
  page.getByRole('region', { name: q(lang, 'buyer.quote.title') });

describe('buying from the product page: address, coupon, shipping and the breakdown', () => {
  it('preselects the default address and the best coupon, re-quotes on a remote address and without the coupon, and pays (Chinese)', async () => {
    const lang = 'zh';
    const merchant = await apiLogin(MERCHANT);
    const buyer = await apiLogin('buyer25');
    const shop = await shopOf(merchant);
    // ¥30–¥60: under the free-shipping amount, above the coupon's threshold
    const product = await productOf(shop.id, merchant, 3_000, 6_000);
    await buyer.call('POST', '/me/addresses', {
      recipient: '林小满',
      phone: '13700001234',
      regionCode: '330106',
      detail: '文三路 90 号 3 幢 501',
      isDefault: true,
    });
    const couponTitle = `满20减5·${Date.now() % 10_000}`;
    await claimShopCoupon(merchant, shop.id, buyer, couponTitle);
    const items = [{ skuId: product.sku.id, quantity: 1 }];
    const quote = await buyer.call<{
      payableFen: number;
      orders: { shippingFen: number; shopDiscountFen: number; platformDiscountFen: number }[];
    }>('POST', '/checkout/quote', { items });
    const order = quote.orders[0]!;
    expect(order.shippingFen).toBe(800);
    expect(order.shopDiscountFen).toBeGreaterThanOrEqual(500);

    const context = await newContext(browser(), { lang });
    await signInAs(context, 'buyer', 'buyer25');
    const page = await newPage(context);
    await page.goto(`/products/${product.id}`);
    await page.getByRole('button', { name: b(lang, 'buyer.product.buyNow') }).click();
    const sheet = page.getByRole('dialog', { name: product.title });
    await sheet.waitFor();
    // The default address, the best coupon, ¥8 shipping and what is paid, as the server quoted them.
    await sheet
      .getByRole('button', { name: q(lang, 'buyer.quote.changeAddress') })
      .getByText('林小满')
      .waitFor();
    const prices = breakdown(page, lang);
    await expect.poll(() => prices.innerText()).toContain(yuan(quote.payableFen));
    const first = await prices.innerText();
    expect(first).toContain(q(lang, 'buyer.quote.shipping'));
    expect(first).toContain(yuan(800));
    expect(first).toContain(q(lang, 'buyer.quote.shopDiscount'));
    expect(first).toContain(`−${yuan(order.shopDiscountFen)}`);
    await sheet.getByText(q(lang, 'buyer.quote.couponBest')).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'buyer-zh-buy-sheet-breakdown');

    // A new address in 新疆, typed in place: remote, so shipping is ¥20 (偏远地区).
    await sheet.getByRole('button', { name: q(lang, 'buyer.quote.changeAddress') }).click();
    await sheet.getByRole('heading', { name: q(lang, 'buyer.quote.chooseAddress') }).waitFor();
    await sheet.getByRole('button', { name: q(lang, 'buyer.quote.addAddress') }).click();
    const a = addressMessages.zh;
    await sheet.getByLabel(a['address.recipient']).fill('古丽');
    await sheet.getByLabel(a['address.phone']).fill('139 0000 5678');
    await sheet.getByLabel(a['region.province']).selectOption({ label: '新疆维吾尔自治区' });
    await sheet.getByLabel(a['region.city']).selectOption({ label: '乌鲁木齐市' });
    await sheet.getByLabel(a['region.county']).selectOption({ label: '天山区' });
    await sheet.getByLabel(a['address.detail']).fill('解放北路 192 号');
    await sheet.getByRole('button', { name: a['address.save'] }).click();
    await sheet
      .getByRole('button', { name: q(lang, 'buyer.quote.changeAddress') })
      .getByText('古丽')
      .waitFor();
    await expect.poll(() => prices.innerText()).toContain(q(lang, 'buyer.quote.remote'));
    expect(await prices.innerText()).toContain(yuan(2_000));

    // No coupon: the shop discount goes; then the coupon again.
    await sheet.getByRole('button', { name: q(lang, 'buyer.quote.couponChange') }).click();
    await sheet.getByRole('button', { name: q(lang, 'buyer.quote.couponNone') }).click();
    await sheet.getByRole('button', { name: q(lang, 'buyer.quote.couponDone') }).click();
    await expect.poll(() => prices.innerText()).not.toContain(q(lang, 'buyer.quote.shopDiscount'));
    await sheet.getByRole('button', { name: q(lang, 'buyer.quote.couponChange') }).click();
    await sheet.getByRole('checkbox', { name: new RegExp(couponTitle) }).check();
    await expect.poll(() => sheet.getByText(q(lang, 'buyer.quote.updating')).count()).toBe(0);
    await sheet.getByRole('button', { name: q(lang, 'buyer.quote.couponDone') }).click();
    await expect.poll(() => prices.innerText()).toContain(q(lang, 'buyer.quote.shopDiscount'));
    await expect.poll(() => prices.innerText()).toContain(`−${yuan(500)}`);
    await expectCleanText(page);

    await sheet.getByRole('button', { name: b(lang, 'buyer.buy.payNow') }).click();
    await sheet.getByText(b(lang, 'buyer.checkout.paid')).waitFor();
    const orders = await buyer.call<{
      items: {
        id: number;
        state: string;
        shippingFen: number;
        shopDiscountFen: number;
        platformDiscountFen: number;
        totalFen: number;
      }[];
    }>('GET', '/orders?limit=1');
    const placed = orders.items[0]!;
    expect(placed).toMatchObject({ state: 'paid', shippingFen: 2_000, shopDiscountFen: 500 });
    expect(placed.totalFen).toBe(product.sku.priceFen + 2_000 - 500 - placed.platformDiscountFen);

    // The order keeps the address and the amounts.
    await sheet.getByRole('link', { name: new RegExp(`#${placed.id}`) }).click();
    await page.getByRole('heading', { name: q(lang, 'buyer.quote.receiver') }).waitFor();
    await page.getByText('新疆维吾尔自治区 乌鲁木齐市 天山区').waitFor();
    const amounts = await page.getByRole('region', { name: q(lang, 'buyer.quote.amounts') }).innerText();
    expect(amounts).toContain(yuan(2_000));
    expect(amounts).toContain(`−${yuan(500)}`);
    expect(amounts).toContain(yuan(placed.totalFen));
    await expectCleanText(page);
    await screenshot(page, 'buyer-zh-order-amounts');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('checks out a cart of two shops with a breakdown per shop and in total, says when a pre-sale ships, and refuses a region not delivered to (English)', async () => {
    const lang = 'en';
    const merchant = await apiLogin(MERCHANT);
    const presaleMerchant = await apiLogin(PRESALE_MERCHANT);
    const buyer = await apiLogin('buyer26');
    const [tea, engraved] = [
      await productOf((await shopOf(merchant)).id, merchant, 1_000, 9_000),
      await productOf((await shopOf(presaleMerchant)).id, presaleMerchant, 100, 100_000_00, true),
    ];
    const context = await newContext(browser(), { lang });
    await signInAs(context, 'buyer', 'buyer26');
    // the cart lives in the browser: two lines of two shops, as the product pages would add them
    const lines = [tea, engraved].map((p) => ({
      skuId: p.sku.id,
      productId: p.id,
      title: p.title,
      spec: '',
      priceFen: p.sku.priceFen,
      quantity: 1,
    }));
    await context.addInitScript(
      ([k, v]) => {
        if (!localStorage.getItem(k!)) localStorage.setItem(k!, v!);
      },
      [`xinren.cart.${buyer.account.id}`, JSON.stringify(lines)],
    );
    const quote = await buyer.call<{ payableFen: number; orders: { shopName: string }[] }>(
      'POST',
      '/checkout/quote',
      { items: lines.map((l) => ({ skuId: l.skuId, quantity: 1 })) },
    );
    expect(quote.orders).toHaveLength(2);

    const page = await newPage(context);
    await page.goto('/checkout');
    await page.getByRole('heading', { name: b(lang, 'buyer.checkout.title') }).waitFor();
    const prices = breakdown(page, lang);
    await expect.poll(() => prices.innerText()).toContain(q(lang, 'buyer.quote.totalPayable'));
    for (const o of quote.orders)
      await prices
        .getByRole('region', { name: q(lang, 'buyer.quote.shopOrder', { shop: o.shopName }) })
        .waitFor();
    const text = await prices.innerText();
    expect(text).toContain(yuan(quote.payableFen));
    expect(text).toContain(q(lang, 'buyer.quote.presale', { days: engraved.presaleShipDays! }));
    await expectCleanText(page);
    await screenshot(page, 'buyer-en-checkout-breakdown');

    // An address in Hong Kong, where the shops do not deliver: the reason is shown and paying is not offered.
    await buyer.call('POST', '/me/addresses', {
      recipient: '陈大文',
      phone: '13800138000',
      regionCode: '810101',
      detail: '皇后大道中 99 号',
    });
    const pay = page.getByRole('button', { name: b(lang, 'buyer.checkout.submit') });
    await page.getByRole('button', { name: q(lang, 'buyer.quote.changeAddress') }).click();
    await page.getByRole('radio', { name: /陈大文/ }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'does not deliver to' }).first();
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('choose another address');
    await expect(pay.isDisabled()).resolves.toBe(true);
    await expectCleanText(page);
    // Back to the default address (listed first).
    await page.getByRole('button', { name: q(lang, 'buyer.quote.changeAddress') }).click();
    await page.getByRole('radio').first().click();
    await expect.poll(() => prices.innerText()).toContain(yuan(quote.payableFen));
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);

    await pay.click();
    await page.getByText(b(lang, 'buyer.checkout.paid')).waitFor();
    const orders = await buyer.call<{ items: { state: string; totalFen: number }[] }>(
      'GET',
      '/orders?limit=2',
    );
    expect(orders.items.map((o) => o.state)).toEqual(['paid', 'paid']);
    expect(orders.items.reduce((n, o) => n + o.totalFen, 0)).toBe(quote.payableFen);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('the merchant ships to the receiver', () => {
  it('sees the receiver in full on the order to ship, and the phone masked once shipped (Chinese)', async () => {
    const merchant = await apiLogin(MERCHANT);
    const buyer = await apiLogin('buyer27');
    const shop = await shopOf(merchant);
    const product = await productOf(shop.id, merchant, 1_000, 9_000);
    const address = await buyer.call<{ id: number }>('POST', '/me/addresses', {
      recipient: '赵一鸣',
      phone: '13611112222',
      regionCode: '110105',
      detail: '建国路 88 号 SOHO 现代城 2 号楼 1203',
    });
    const placed = await buyer.call<{ orders: { id: number }[]; payment: { state: string } }>(
      'POST',
      '/checkout',
      { items: [{ skuId: product.sku.id, quantity: 1 }], addressId: address.id, pay: { method: 'sandbox' } },
      { 'idempotency-key': key('order') },
    );
    expect(placed.payment.state).toBe('succeeded');
    const orderId = placed.orders[0]!.id;
    const m = checkoutMessages.zh;

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto(`/merchant/orders?view=to_ship&q=${orderId}`);
    const row = page.locator(`tr[data-order-id="${orderId}"]`);
    await row.waitFor();
    const receiver = row.locator('address');
    await receiver.getByText('赵一鸣').waitFor();
    await receiver.getByText('13611112222').waitFor();
    await receiver.getByText('北京市 朝阳区 建国路 88 号 SOHO 现代城 2 号楼 1203').waitFor();
    await row.getByRole('button', { name: m['merchant.receiver.copy'] }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-zh-to-ship-receiver');

    await row.getByRole('link', { name: `查看订单 #${orderId}` }).click();
    await page.getByRole('heading', { name: m['merchant.receiver.title'], exact: true }).waitFor();
    await page.locator('address').getByText('13611112222').waitFor();
    await expectCleanText(page);

    // Shipped: the order is no longer waiting, so the phone is masked.
    await merchant.call('POST', `/shops/${shop.id}/orders/${orderId}/shipment`, {
      carrier: 'sf',
      trackingNumber: `SF${String(Date.now()).slice(-10)}`,
    });
    await page.reload();
    await page.locator('address').getByText('136****2222').waitFor();
    await page.getByText(m['merchant.receiver.masked']).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('13611112222');
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
