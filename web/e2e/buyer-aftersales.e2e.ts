import { describe, expect, it } from 'vitest';
import { buyerMessages } from '../src/i18n/buyer.ts';
import {
  apiLogin,
  baseUrl,
  browserForFile,
  expectCleanText,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const zh = buyerMessages.zh;
const en = buyerMessages.en;

// A 1×1 PNG: the evidence photo the buyer uploads.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface Product {
  id: number;
  shopId: number;
  guarantees: string[];
  minPriceFen: number;
  skus?: { id: number; stock: number }[];
}

/** A product with the 7-day no-reason guarantee, cheap enough for a lightning return (≤ ¥1,000). */
async function noReasonProduct(): Promise<Product & { skus: { id: number; stock: number }[] }> {
  for (let offset = 0; offset < 400; offset += 100) {
    const res = await fetch(`${baseUrl()}/api/v1/products?limit=100&offset=${offset}`);
    const page = (await res.json()) as { items: Product[] };
    const found = page.items.find(
      (p) => p.guarantees.includes('no_reason_7d') && p.minPriceFen <= 50_000 && p.minPriceFen >= 1_000,
    );
    if (found) return (await (await fetch(`${baseUrl()}/api/v1/products/${found.id}`)).json()) as never;
  }
  throw new Error('the demo data has no product with the 7-day no-reason guarantee');
}

describe('buyer after-sales: a no-reason return from the order page to the refund, explained', () => {
  it('opens the request with a photo, ships the return, and sees the refund with every decision explained', async () => {
    // Setup a buyer would not do here: an order of a no-reason product, shipped and delivered.
    const product = await noReasonProduct();
    const sku = product.skus.find((s) => s.stock > 0)!;
    const buyer = await apiLogin('buyer32');
    const merchant = await apiLogin(`merchant${product.shopId}`);
    const placed = await buyer.call<{ orders: { id: number }[] }>(
      'POST',
      '/checkout',
      { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
      { 'idempotency-key': crypto.randomUUID() },
    );
    const orderId = placed.orders[0]!.id;
    const shipped = await merchant.call<{ shipment: { id: number } }>(
      'POST',
      `/shops/${product.shopId}/orders/${orderId}/shipment`,
      { carrier: 'sandbox', trackingNumber: `SBX${Date.now()}` },
    );
    for (const event of ['picked_up', 'in_transit', 'delivered'])
      await merchant.call('POST', `/shipments/${shipped.shipment.id}/sandbox-events`, {
        event,
        location: '上海',
      });

    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', 'buyer32');
    const page = await newPage(context);

    // The order page shows the delivery timeline and the after-sales entry of the line.
    await page.goto(`/orders/${orderId}`);
    await page.getByRole('heading', { name: zh['buyer.logistics.title'] }).waitFor();
    await page.getByText(zh['buyer.parcel.delivered']).first().waitFor();
    await page.getByRole('link', { name: zh['buyer.aftersales.open'] }).click();

    // Open a no-reason return with a photo (previewed before sending).
    await page.getByLabel(zh['buyer.aftersales.type']).selectOption('return_refund');
    await page.getByLabel(zh['buyer.aftersales.reason']).selectOption('no_reason');
    await page.getByLabel(zh['buyer.evidence.photos']).setInputFiles({
      name: 'box.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page
      .getByRole('img', { name: zh['buyer.evidence.preview'].replace('{name}', 'box.png') })
      .waitFor();
    await expectCleanText(page);
    await screenshot(page, 'buyer-aftersales-zh-new');
    await page.getByRole('button', { name: zh['buyer.aftersales.submit'] }).click();

    // Lightning return: approved at once, the buyer is asked to ship it back, with a deadline.
    await page.waitForURL(/\/aftersales\/\d+$/);
    const requestId = Number(new URL(page.url()).pathname.split('/').at(-1));
    await page.getByText(zh['buyer.asState.awaiting_return']).first().waitFor();
    await page.getByRole('timer').first().waitFor();
    const opened = await buyer.call<{ timeline: { explanation: { zh: string } }[]; evidence: unknown[] }>(
      'GET',
      `/aftersales/requests/${requestId}`,
    );
    expect(opened.evidence).toHaveLength(1);
    for (const step of opened.timeline) await page.getByText(step.explanation.zh).first().waitFor();

    // Ship the return.
    await page.getByLabel(zh['buyer.aftersales.carrier']).selectOption('sandbox');
    await page.getByLabel(zh['buyer.aftersales.trackingNumber']).fill(`RT${Date.now()}`);
    await page.getByRole('button', { name: zh['buyer.aftersales.shipReturn'] }).click();
    await page.getByText(zh['buyer.asState.return_shipped']).first().waitFor();
    await screenshot(page, 'buyer-aftersales-zh-return-shipped');

    // The shop confirms the parcel; the buyer sees the refund and why, in either language.
    await merchant.call('POST', `/aftersales/requests/${requestId}/confirm-receipt`, {});
    await page.reload();
    await page.getByText(zh['buyer.asState.refunded']).first().waitFor();
    await page.getByRole('heading', { name: zh['buyer.aftersales.refunds'] }).waitFor();
    const done = await buyer.call<{ timeline: { explanation: { zh: string; en: string } }[] }>(
      'GET',
      `/aftersales/requests/${requestId}`,
    );
    expect(done.timeline.length).toBeGreaterThanOrEqual(3);
    for (const step of done.timeline) await page.getByText(step.explanation.zh).first().waitFor();
    await expectCleanText(page);
    await screenshot(page, 'buyer-aftersales-zh-refunded');
    await page.getByLabel('语言').selectOption('en');
    await page.getByText(en['buyer.asState.refunded']).first().waitFor();
    for (const step of done.timeline) await page.getByText(step.explanation.en).first().waitFor();
    await expectCleanText(page);

    // It is listed under my after-sales.
    await page.getByRole('link', { name: en['buyer.nav.aftersales'] }).click();
    await page.getByRole('link', { name: new RegExp(`#${requestId}\\b`) }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
