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

/** An order of a no-reason product by `login`, shipped with the sandbox carrier and delivered. */
async function deliveredOrder(login: string) {
  const product = await noReasonProduct();
  const sku = product.skus.find((s) => s.stock > 0)!;
  const buyer = await apiLogin(login);
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
  return { orderId, buyer, merchant };
}

describe('buyer after-sales: a no-reason return from the order page to the refund, explained', () => {
  it('opens the request with a photo, ships the return, and sees the refund with every decision explained', async () => {
    // Setup a buyer would not do here: an order of a no-reason product, shipped and delivered.
    const { orderId, buyer, merchant } = await deliveredOrder('buyer32');

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

describe('buyer after-sales: a rejected request taken to the platform', () => {
  it('shows the rejection, escalates with a reason, and follows the arbitration (English)', async () => {
    const { orderId, buyer, merchant } = await deliveredOrder('buyer33');
    const order = await buyer.call<{ lines: { id: number }[] }>('GET', `/orders/${orderId}`);
    const context = await newContext(browser(), { lang: 'en' });
    await signInAs(context, 'buyer', 'buyer33');
    const page = await newPage(context);

    // A quality refund: the shop must answer, with a deadline shown as a countdown.
    await page.goto(`/orders/${orderId}/aftersales/new?item=${order.lines[0]!.id}`);
    await page.getByLabel(en['buyer.aftersales.type']).selectOption('refund_only');
    await page.getByLabel(en['buyer.aftersales.reason']).selectOption('quality_issue');
    await page.getByLabel(en['buyer.aftersales.description']).fill('The lid does not close.');
    await page.getByRole('button', { name: en['buyer.aftersales.submit'] }).click();
    await page.waitForURL(/\/aftersales\/\d+$/);
    const requestId = Number(new URL(page.url()).pathname.split('/').at(-1));
    await page.getByText(en['buyer.asState.pending_merchant']).first().waitFor();
    await page.getByRole('timer').first().waitFor();

    // The shop calls the buyer and rejects.
    const call = await merchant.call<{ id: number }>(
      'POST',
      `/aftersales/requests/${requestId}/communications`,
      { channel: 'phone', summary: 'Called the buyer: the lid closes when pressed firmly.' },
    );
    await merchant.call('POST', `/aftersales/requests/${requestId}/reject`, {
      communicationId: call.id,
      reason: 'The lid works as designed.',
    });
    await page.reload();
    await page.getByText(en['buyer.asState.rejected']).first().waitFor();
    await page
      .getByLabel(en['buyer.aftersales.escalateReason'])
      .fill('The lid is broken; photos attached earlier.');
    await page.getByRole('button', { name: en['buyer.aftersales.escalate'] }).click();
    await page.getByText(en['buyer.asState.in_arbitration']).first().waitFor();
    await page.getByRole('heading', { name: en['buyer.arbitration.title'] }).waitFor();
    await page.getByText(en['buyer.arbState.awaiting_evidence']).waitFor();
    const escalated = await buyer.call<{ state: string; timeline: { explanation: { en: string } }[] }>(
      'GET',
      `/aftersales/requests/${requestId}`,
    );
    expect(escalated.state).toBe('in_arbitration');
    for (const step of escalated.timeline) await page.getByText(step.explanation.en).first().waitFor();
    // more evidence for the arbitration, in words
    await page.getByLabel(en['buyer.aftersales.evidenceText']).fill('The hinge is cracked on the left side.');
    await page.getByRole('button', { name: en['buyer.aftersales.sendEvidence'] }).click();
    await page
      .getByRole('region', { name: en['buyer.aftersales.evidence'] })
      .getByText('The hinge is cracked on the left side.')
      .waitFor();
    await expectCleanText(page);
    await screenshot(page, 'buyer-aftersales-en-arbitration');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
