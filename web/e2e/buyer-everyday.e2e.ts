import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buyerMessages } from '../src/i18n/buyer.ts';
import { buyerEverydayMessages } from '../src/i18n/buyer-everyday.ts';
import { commonMessages } from '../src/i18n/common.ts';
import {
  type ApiSession,
  apiLogin,
  baseUrl,
  browserForFile,
  expectCleanText,
  newContext,
  newPage,
  PHONE,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const zh = { ...commonMessages.zh, ...buyerMessages.zh, ...buyerEverydayMessages.zh };

interface Product {
  id: number;
  shopId: number;
  title: string;
  guarantees: string[];
  minPriceFen: number;
  skus: { id: number; stock: number; priceFen: number }[];
}

/** A listed phone-like product: not perishable, with the 7-day no-reason guarantee, below ¥1,000. */
async function everydayProduct(): Promise<Product> {
  for (let offset = 0; offset < 400; offset += 100) {
    const res = await fetch(`${baseUrl()}/api/v1/products?limit=100&offset=${offset}`);
    const page = (await res.json()) as { items: Product[] };
    const found = page.items.find(
      (p) =>
        p.guarantees.includes('no_reason_7d') &&
        !p.guarantees.includes('melted_refund') &&
        !p.guarantees.includes('spoiled_refund') &&
        p.minPriceFen >= 1_000 &&
        p.minPriceFen <= 50_000,
    );
    if (found) return (await (await fetch(`${baseUrl()}/api/v1/products/${found.id}`)).json()) as Product;
  }
  throw new Error('the demo data has no non-perishable product with the 7-day no-reason guarantee');
}

async function paidOrder(buyer: ApiSession, product: Product) {
  const sku = product.skus.find((s) => s.stock > 0)!;
  const placed = await buyer.call<{
    orders: { id: number; totalFen: number; lines: { lineFen: number }[] }[];
  }>(
    'POST',
    '/checkout',
    { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
    { 'idempotency-key': crypto.randomUUID() },
  );
  return placed.orders[0]!;
}

async function deliver(product: Product, orderId: number) {
  const merchant = await apiLogin(`merchant${product.shopId}`);
  const shipped = await merchant.call<{ shipment: { id: number } }>(
    'POST',
    `/shops/${product.shopId}/orders/${orderId}/shipment`,
    { carrier: 'sandbox', trackingNumber: `SBX${Date.now()}` },
  );
  for (const event of ['picked_up', 'in_transit', 'delivered'])
    await merchant.call('POST', `/shipments/${shipped.shipment.id}/sandbox-events`, {
      event,
      location: '杭州',
    });
}

/** No amount on the page written without its thousands separator (¥2499.00 beside ¥2,499.00). */
async function expectMoneyGrouped(page: Page) {
  const text = (await page.locator('body').innerText()) as string;
  expect(text.match(/¥\d{4,}/g) ?? []).toEqual([]);
}

/** Every time on the page keeps its zone's name (北京时间) on one line: it may wrap before it, not inside it. */
async function expectZoneNamesWhole(page: Page) {
  const split = await page.evaluate(() => {
    const out: string[] = [];
    for (const time of document.querySelectorAll('time')) {
      const node = time.firstChild;
      const at = node?.textContent?.indexOf('北京时间') ?? -1;
      if (!node || at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 4);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) out.push(time.textContent ?? '');
    }
    return out;
  });
  expect(split).toEqual([]);
}

/** ¥1,234.50, as the page shows money. */
const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe('buyer after-sales form: what fits the order (Chinese, 390 px)', () => {
  it('an unshipped order offers no melted or spoiled reason; a delivered one defaults to return-and-refund with the refund previewed', async () => {
    const product = await everydayProduct();
    const buyer = await apiLogin('buyer27');
    const unshipped = await paidOrder(buyer, product);
    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', 'buyer27');
    const page = await newPage(context);

    // Before shipping: only a refund before shipping, only reasons that can be true of it.
    await page.goto(`/orders/${unshipped.id}/aftersales/new`);
    const type = page.getByLabel(zh['buyer.aftersales.type']);
    await expect(type.inputValue()).resolves.toBe('refund_only_unshipped');
    const typeOptions = await type.locator('option').allTextContents();
    expect(typeOptions).toEqual([zh['buyer.asType.refund_only_unshipped']]);
    const reasons = await page.getByLabel(zh['buyer.aftersales.reason']).locator('option').allTextContents();
    expect(reasons).toContain(zh['buyer.asReason.not_shipped_yet']);
    for (const never of ['melted', 'spoiled', 'damaged', 'allergy'] as const)
      expect(reasons).not.toContain(zh[`buyer.asReason.${never}`]);
    const preview = page.getByRole('region', { name: zh['buyer.asForm.refundTitle'] });
    await preview.getByText(yuan(unshipped.lines[0]!.lineFen)).waitFor();
    await preview.getByText(zh['buyer.asForm.original_payment']).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'buyer-everyday-zh-aftersales-unshipped');

    // Delivered: return-and-refund by default, the refund and where it goes shown before submitting.
    const delivered = await paidOrder(buyer, product);
    await deliver(product, delivered.id);
    await page.goto(`/orders/${delivered.id}/aftersales/new`);
    await expect(page.getByLabel(zh['buyer.aftersales.type']).inputValue()).resolves.toBe('return_refund');
    const after = await page.getByLabel(zh['buyer.aftersales.reason']).locator('option').allTextContents();
    expect(after).toContain(zh['buyer.asReason.no_reason']);
    expect(after).not.toContain(zh['buyer.asReason.melted']);
    await preview.getByText(yuan(delivered.lines[0]!.lineFen)).waitFor();
    await preview.getByText(zh['buyer.asForm.original_payment']).waitFor();
    // An exchange refunds nothing, and says so.
    await page.getByLabel(zh['buyer.aftersales.type']).selectOption('exchange');
    await preview.getByText(zh['buyer.asForm.noRefund']).waitFor();
    await expectCleanText(page);
    await expectMoneyGrouped(page);
    await screenshot(page, 'buyer-everyday-zh-aftersales-delivered');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('buyer withdraws an after-sales request', () => {
  it('asks first, naming what is given up; cancelling keeps the request', async () => {
    const product = await everydayProduct();
    const buyer = await apiLogin('buyer28');
    const order = await paidOrder(buyer, product);
    await deliver(product, order.id);
    const detail = await buyer.call<{ lines: { id: number }[] }>('GET', `/orders/${order.id}`);
    const request = await buyer.call<{ id: number; requestedFen: number }>(
      'POST',
      '/aftersales/requests',
      {
        orderId: order.id,
        orderLineId: detail.lines[0]!.id,
        type: 'refund_only',
        reason: 'quality_issue',
        quantity: 1,
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', 'buyer28');
    const page = await newPage(context);
    await page.goto(`/aftersales/${request.id}`);

    await page.getByRole('button', { name: zh['buyer.aftersales.cancel'] }).click();
    const dialog = page.getByRole('dialog', { name: zh['buyer.withdraw.title'] });
    await dialog.getByText(yuan(request.requestedFen), { exact: false }).waitFor();
    await screenshot(page, 'buyer-everyday-zh-withdraw-confirm');
    await dialog.getByRole('button', { name: zh['common.cancel'] }).click();
    await dialog.waitFor({ state: 'hidden' });
    const kept = await buyer.call<{ state: string }>('GET', `/aftersales/requests/${request.id}`);
    expect(kept.state).toBe('pending_merchant');

    await page.getByRole('button', { name: zh['buyer.aftersales.cancel'] }).click();
    await dialog.getByRole('button', { name: zh['buyer.withdraw.confirm'] }).click();
    await page.getByText(zh['buyer.asState.closed']).first().waitFor();
    const closed = await buyer.call<{ state: string }>('GET', `/aftersales/requests/${request.id}`);
    expect(closed.state).toBe('closed');
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('buyer order list: cards and tabs as the shopping apps have them (390 px)', () => {
  it('shows the shop and the items on each card, and tabs named as buyers name them, all on screen', async () => {
    const product = await everydayProduct();
    const buyer = await apiLogin('buyer29');
    const order = await paidOrder(buyer, product);
    const shop = await (await fetch(`${baseUrl()}/api/v1/shops/${product.shopId}`)).json();
    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', 'buyer29');
    const page = await newPage(context);
    await page.goto('/orders');

    const tabs = page.getByRole('navigation', { name: zh['buyer.tabs.label'] });
    const names = ['all', 'to_pay', 'to_ship', 'to_receive', 'to_review', 'aftersales'] as const;
    // all six on screen at once, none cut off at the edge (no scrolling to find 售后)
    for (const name of names) {
      const tab = tabs.getByRole('link', { name: zh[`buyer.tab.${name}`], exact: true });
      const box = (await tab.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await tabs.textContent()).not.toContain(zh['buyer.orderState.paid']);

    // 待发货 holds the order just paid, as a card with its shop, item, amount and state.
    await tabs.getByRole('link', { name: zh['buyer.tab.to_ship'], exact: true }).click();
    await page.waitForURL(/tab=to_ship/);
    const card = page.getByRole('article', {
      name: zh['buyer.orders.number'].replace('{id}', String(order.id)),
      exact: true,
    });
    await card.getByText(shop.name, { exact: true }).waitFor();
    await card.getByText(product.title, { exact: true }).waitFor();
    await card.getByText(zh['buyer.stage.paid']).waitFor();
    await card.locator('.order-total').getByText(yuan(order.totalFen)).waitFor();
    await expectCleanText(page);
    await expectMoneyGrouped(page);
    await screenshot(page, 'buyer-everyday-zh-orders-to-ship');

    // 待付款 does not hold it.
    // (the 待发货 cards stay on screen until the 待付款 list arrives: wait for it, then look)
    const toPay = page.waitForResponse((r) => r.url().includes('stage=to_pay') && r.ok());
    await tabs.getByRole('link', { name: zh['buyer.tab.to_pay'], exact: true }).click();
    await page.waitForURL(/tab=to_pay/);
    await toPay;
    await page.getByText(zh['buyer.orders.none']).or(page.getByRole('article').first()).waitFor();
    await page.waitForTimeout(300);
    await expect(card.count()).resolves.toBe(0);

    // Its page: the time left to ship reads on one line (剩余 1天23小时, not split after 1).
    await page.goto(`/orders/${order.id}`);
    const left = page.getByRole('timer');
    await left.waitFor();
    const lines = await left.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
    await expectZoneNamesWhole(page);
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('buyer everyday pages: checkout title, review sheet, upcoming live cards (390 px)', () => {
  it('titles the checkout 订单已支付 once paid, opens the review at the bottom of the screen, keeps start times on one line', async () => {
    const product = await everydayProduct();
    const sku = product.skus.find((s) => s.stock > 0)!;
    const buyer = await apiLogin('buyer30');
    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', 'buyer30');
    const page = await newPage(context);

    // Checkout: after paying the page no longer says 确认订单.
    await page.goto(`/checkout?product=${product.id}&sku=${sku.id}&qty=1`);
    await page.getByRole('heading', { name: zh['buyer.checkout.title'] }).waitFor();
    await page.getByRole('button', { name: zh['buyer.checkout.submit'] }).click();
    await page.getByRole('heading', { name: zh['buyer.checkout.paidTitle'] }).waitFor();
    await expect(page.getByRole('heading', { name: zh['buyer.checkout.title'] }).count()).resolves.toBe(0);
    await expectMoneyGrouped(page);

    // A completed order: the review form is a sheet anchored to the bottom of the screen.
    const orders = await buyer.call<{ items: { id: number }[] }>('GET', '/orders?limit=1');
    const orderId = orders.items[0]!.id;
    await deliver(product, orderId);
    // 待收货: the card's 查看物流 opens the order at its parcel.
    await page.goto('/orders?tab=to_receive');
    const card = page.getByRole('article', {
      name: zh['buyer.orders.number'].replace('{id}', String(orderId)),
      exact: true,
    });
    await card.getByRole('link', { name: zh['buyer.card.track'] }).click();
    await page.waitForURL(/#logistics$/);
    const parcel = page.getByRole('heading', { name: zh['buyer.logistics.title'] });
    await parcel.waitFor();
    const top = (await parcel.boundingBox())!.y;
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(PHONE.height);
    await page.locator('time').first().waitFor();
    await expectZoneNamesWhole(page);
    await buyer.call('POST', `/orders/${orderId}/confirm-receipt`);
    await page.goto(`/orders/${orderId}`);
    await page.getByRole('button', { name: zh['buyer.review.write'] }).click();
    const sheet = page.getByRole('dialog', { name: zh['buyer.review.write'] });
    await sheet.getByLabel(zh['buyer.review.text']).waitFor();
    const box = (await sheet.boundingBox())!;
    expect(Math.round(box.y + box.height)).toBe(844);
    await screenshot(page, 'buyer-everyday-zh-review-sheet');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    // Reviewed: the item says so (已评价) instead of offering a second review.
    await page.getByRole('button', { name: zh['buyer.review.write'] }).click();
    await sheet.getByLabel(zh['buyer.review.text']).fill('很好用，包装完好，发货也快');
    await sheet.getByRole('button', { name: zh['buyer.review.submit'] }).click();
    await sheet.getByText(zh['buyer.review.published']).waitFor();
    await sheet.getByRole('button', { name: zh['common.close'] }).last().click();
    await sheet.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: zh['buyer.review.reviewed'] }).waitFor();
    await expect(page.getByRole('button', { name: zh['buyer.review.write'] }).count()).resolves.toBe(0);

    // Upcoming live cards: the start time fits on one line, its zone named under it.
    await page.goto('/');
    const upcoming = page.getByRole('region', { name: zh['buyer.home.upcoming'] });
    const times = upcoming.locator('.session-when .badge');
    await times.first().waitFor();
    for (const badge of await times.all()) {
      const { height } = (await badge.boundingBox())!;
      expect(height).toBeLessThan(30);
    }
    await upcoming.getByText('北京时间', { exact: false }).first().waitFor();
    await expectCleanText(page);
    await screenshot(page, 'buyer-everyday-zh-home-upcoming');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('buyer 待评价: an order with one of two items reviewed (390 px)', () => {
  it('shows only the item still to review, and no item count that leaves the other out', async () => {
    // two products of one shop in one order
    const first = await everydayProduct();
    let otherId: number | undefined;
    for (let offset = 0; offset < 400 && !otherId; offset += 100) {
      const res = await fetch(`${baseUrl()}/api/v1/products?limit=100&offset=${offset}`);
      const listed = (await res.json()) as { items: (Product & { totalStock: number })[] };
      otherId = listed.items.find(
        (p) => p.shopId === first.shopId && p.id !== first.id && p.totalStock > 0,
      )?.id;
    }
    expect(otherId).toBeDefined();
    const second = (await (await fetch(`${baseUrl()}/api/v1/products/${otherId}`)).json()) as Product;
    const buyer = await apiLogin('buyer31');
    const placed = await buyer.call<{ orders: { id: number }[] }>(
      'POST',
      '/checkout',
      {
        items: [first, second].map((p) => ({ skuId: p.skus.find((s) => s.stock > 0)!.id, quantity: 1 })),
        pay: { method: 'sandbox' },
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(placed.orders).toHaveLength(1);
    const orderId = placed.orders[0]!.id;
    await deliver(first, orderId);
    await buyer.call('POST', `/orders/${orderId}/confirm-receipt`);
    const detail = await buyer.call<{ lines: { id: number; title: string }[] }>('GET', `/orders/${orderId}`);
    const [reviewed, waiting] = detail.lines;
    await buyer.call('POST', `/orders/${orderId}/reviews`, {
      orderLineId: reviewed!.id,
      rating: 5,
      text: '很好用，包装完好，发货也快',
      evidenceFileIds: [],
    });

    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', 'buyer31');
    const page = await newPage(context);
    await page.goto('/orders?tab=to_review');
    const card = page.getByRole('article', {
      name: zh['buyer.orders.number'].replace('{id}', String(orderId)),
      exact: true,
    });
    await card.getByText(waiting!.title, { exact: true }).waitFor();
    await expect(card.getByText(reviewed!.title, { exact: true }).count()).resolves.toBe(0);
    // "共 1 件商品" beside the whole order's amount would misstate the order
    await expect(card.getByText(/共 \d+ 件商品/).count()).resolves.toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'buyer-everyday-zh-to-review-partial');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
