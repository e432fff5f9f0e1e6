import { describe, expect, it } from 'vitest';
import {
  apiLogin,
  baseUrl,
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

describe('review reports', () => {
  it('a reviewer reads the reported review beside the report and dismisses it with a note', async () => {
    // merchant1 reports a review of one of its products as malicious
    const merchant = await apiLogin('merchant1');
    const shops = await merchant.call('GET', '/me/shops');
    const shopId: number = (shops.items ?? shops)[0].id;
    // a buyer's low review on a completed order of one of its products
    const products = await merchant.call('GET', `/shops/${shopId}/products?limit=50`);
    const listed = (products.items as { id: number; state: string }[]).find((p) => p.state === 'listed')!;
    const detail = await (await fetch(`${baseUrl()}/api/v1/products/${listed.id}`)).json();
    const sku = (detail.skus as { id: number; stock: number }[]).find((k) => k.stock > 0)!;
    const buyer = await apiLogin('buyer49');
    const checkout = await buyer.call(
      'POST',
      '/checkout',
      { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
      { 'idempotency-key': crypto.randomUUID() },
    );
    const orderId: number = checkout.orders[0].id;
    const shipped = await merchant.call('POST', `/shops/${shopId}/orders/${orderId}/shipment`, {
      carrier: 'sandbox',
      trackingNumber: `SBRR${Date.now()}`,
    });
    for (const event of ['picked_up', 'in_transit', 'delivered'])
      await merchant.call('POST', `/shipments/${shipped.shipment?.id ?? shipped.id}/sandbox-events`, {
        event,
      });
    await buyer.call('POST', `/orders/${orderId}/confirm-receipt`);
    const order = await buyer.call('GET', `/orders/${orderId}`);
    const reviewText = `味道一般，包装有点旧 ${Date.now() % 100000}`;
    const review = await buyer.call('POST', `/orders/${orderId}/reviews`, {
      orderLineId: order.lines[0].id,
      rating: 1,
      text: reviewText,
    });
    const reportText = `同行恶意差评，账号无购买记录 ${Date.now() % 100000}`;
    const report = await merchant.call('POST', `/reviews/${review.id}/reports`, {
      reason: 'competitor',
      text: reportText,
    });

    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(context, 'ops', 'reviewer');
    const page = await newPage(context);
    await page.goto('/ops/reviews/reviews');
    const card = page.getByRole('article', { name: `Report #${report.id}` });
    await card.getByText(reportText).waitFor();
    await card.getByText(reviewText).waitFor();
    await card.getByText('Competitor', { exact: false }).waitFor();
    expect(await card.getByRole('button', { name: 'Dismiss' }).isDisabled()).toBe(true);
    await card.getByLabel('Note').fill('The reviewer bought and received the item');
    await expectCleanText(page);
    await screenshot(page, 'ops-review-reports');
    await card.getByRole('button', { name: 'Dismiss' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByLabel('State').selectOption('dismissed');
    await page
      .getByRole('article', { name: `Report #${report.id}` })
      .getByText('The reviewer bought and received the item')
      .waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
