import { describe, expect, it } from 'vitest';
import { buyerMessages } from '../src/i18n/buyer.ts';
import {
  type ApiSession,
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

/** A SKU in stock of a listed product of shop 1 (merchant1's). */
async function shopOneSku(): Promise<{ skuId: number }> {
  const list = (await (await fetch(`${baseUrl()}/api/v1/products?shopId=1&limit=50`)).json()) as {
    items: { id: number; title: string; totalStock: number }[];
  };
  const product = list.items.find((p) => p.totalStock > 5)!;
  const detail = (await (await fetch(`${baseUrl()}/api/v1/products/${product.id}`)).json()) as {
    skus: { id: number; stock: number }[];
  };
  return { skuId: detail.skus.find((s) => s.stock > 0)!.id };
}

async function order(buyer: ApiSession, skuId: number, sandboxOutcome: 'succeed' | 'fail'): Promise<number> {
  const placed = await buyer.call<{ orders: { id: number }[] }>(
    'POST',
    '/checkout',
    { items: [{ skuId, quantity: 1 }], pay: { method: 'sandbox', sandboxOutcome } },
    { 'idempotency-key': crypto.randomUUID() },
  );
  return placed.orders[0]!.id;
}

describe('buyer orders (Chinese)', () => {
  it('pays an order whose payment failed, and cancels another', async () => {
    const { skuId } = await shopOneSku();
    const buyer = await apiLogin('buyer34');
    const unpaid = await order(buyer, skuId, 'fail');
    const other = await order(buyer, skuId, 'fail');
    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', 'buyer34');
    const page = await newPage(context);

    await page.goto(`/orders/${unpaid}`);
    await page.getByText(zh['buyer.orderState.pending_payment']).first().waitFor();
    await page.getByRole('timer').waitFor();
    await page.getByRole('button', { name: zh['buyer.orders.pay'] }).click();
    await page.getByText(zh['buyer.orderState.paid']).first().waitFor();
    expect((await buyer.call<{ state: string }>('GET', `/orders/${unpaid}`)).state).toBe('paid');

    await page.goto(`/orders/${other}`);
    await page.getByRole('button', { name: zh['buyer.orders.cancel'] }).click();
    await page.getByText(zh['buyer.orderState.cancelled']).first().waitFor();
    expect((await buyer.call<{ state: string }>('GET', `/orders/${other}`)).state).toBe('cancelled');
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('confirms receipt of a delivered order and reviews it', async () => {
    const { skuId } = await shopOneSku();
    const buyer = await apiLogin('buyer35');
    const merchant = await apiLogin('merchant1');
    const orderId = await order(buyer, skuId, 'succeed');
    const shipped = await merchant.call<{ shipment: { id: number } }>(
      'POST',
      `/shops/1/orders/${orderId}/shipment`,
      {
        carrier: 'sandbox',
        trackingNumber: `SBX${Date.now()}`,
      },
    );
    for (const event of ['picked_up', 'in_transit', 'delivered'])
      await merchant.call('POST', `/shipments/${shipped.shipment.id}/sandbox-events`, {
        event,
        location: '赣州',
      });

    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', 'buyer35');
    const page = await newPage(context);
    await page.goto(`/orders/${orderId}`);
    // the tracking timeline, newest first
    await page.getByText(zh['buyer.parcel.delivered']).first().waitFor();
    await page.getByText(zh['buyer.parcel.picked_up']).waitFor();
    await screenshot(page, 'buyer-zh-order-delivered');
    await page.getByRole('button', { name: zh['buyer.orders.confirmReceipt'] }).click();
    await page.getByText(zh['buyer.orderState.completed']).first().waitFor();

    await page.getByRole('button', { name: zh['buyer.review.write'] }).click();
    await page.getByRole('radio', { name: zh['buyer.review.stars'].replace('{n}', '4') }).check();
    await page.getByLabel(zh['buyer.review.text']).fill('果子新鲜，包装很好，物流也快。');
    await page.getByRole('button', { name: zh['buyer.review.submit'] }).click();
    await page.getByText(zh['buyer.review.published']).waitFor();

    await page.goto('/reviews');
    await page.getByRole('heading', { name: zh['buyer.review.mine'] }).waitFor();
    const review = page
      .getByRole('listitem')
      .filter({ hasText: zh['buyer.orders.number'].replace('{id}', String(orderId)) });
    await review.getByText('果子新鲜，包装很好，物流也快。').waitFor();
    await review.getByText(zh['buyer.reviewState.visible']).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'buyer-zh-reviews');
    const mine = await buyer.call<{ items: { rating: number; state: string }[] }>('GET', '/me/reviews');
    expect(mine.items[0]).toMatchObject({ rating: 4, state: 'visible' });
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
