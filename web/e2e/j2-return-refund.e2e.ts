import { describe, expect, it } from 'vitest';
import {
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
const MERCHANT = 'merchant17'; // 棉里棉气基础款: basic apparel, 7-day no-reason returns (server/src/seed/demo-shops.ts)
const BUYER = 'buyer47';

interface ProductDetail {
  id: number;
  title: string;
  guarantees: { code: string }[];
  skus: { id: number; priceFen: number; stock: number }[];
}

/** A paid order of one item the buyer may return without a reason (at most ¥1,000: a lightning return). */
async function paidOrder() {
  const merchant = await apiLogin(MERCHANT);
  const buyer = await apiLogin(BUYER);
  const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
  const listed = await merchant.call<{ items: { id: number; guarantees: string[]; minPriceFen: number }[] }>(
    'GET',
    `/shops/${shop!.id}/products?state=listed&limit=100`,
  );
  const pick = listed.items.find((p) => p.guarantees.includes('no_reason_7d') && p.minPriceFen <= 100_000)!;
  const product = await merchant.call<ProductDetail>('GET', `/shops/${shop!.id}/products/${pick.id}`);
  const sku = product.skus.find((s) => s.stock > 0 && s.priceFen <= 100_000)!;
  const checkout = await buyer.call<{
    orders: { id: number; totalFen: number }[];
    payment: { state: string };
  }>(
    'POST',
    '/checkout',
    { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
    { 'idempotency-key': `j2-${Date.now()}` },
  );
  expect(checkout.payment.state).toBe('succeeded');
  return {
    merchant,
    buyer,
    shopId: shop!.id,
    orderId: checkout.orders[0]!.id,
    product,
    priceFen: sku.priceFen,
  };
}

describe('journey 2: ship, deliver, lightning return, receipt confirmed, buyer refunded', () => {
  it('goes through the merchant console and the buyer app', async () => {
    const { merchant, shopId, orderId, product, priceFen } = await paidOrder();
    const yuan = `¥${(priceFen / 100).toFixed(2)}`;

    // The merchant ships it from the orders to ship (the 待发货 tab of 订单管理), with the sandbox carrier.
    const desk = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(desk, 'merchant', MERCHANT);
    const m = await newPage(desk);
    await m.goto('/merchant/orders');
    await m.getByRole('heading', { name: '订单管理' }).waitFor();
    await m.getByRole('tab', { name: '待发货' }).click();
    await m.getByRole('searchbox', { name: '订单号' }).fill(String(orderId));
    await m.getByRole('button', { name: '筛选', exact: true }).click();
    const row = m.locator(`tr[data-order-id="${orderId}"]`);
    await row.getByText(`订单 #${orderId}`).waitFor();
    await row.getByRole('timer').waitFor(); // the ship-by countdown
    await expect(row.getByRole('timer').innerText()).resolves.toMatch(/^剩余 /);
    await row.getByRole('button', { name: '发货', exact: true }).click();
    await row.getByLabel('快递公司').selectOption({ label: '沙箱快递（演示）' });
    const waybill = `SB${Date.now()}`;
    await row.getByLabel('运单号').fill(waybill);
    await screenshot(m, 'j2-merchant-ship');
    await row.getByRole('button', { name: '确认发货' }).click();
    await m.getByText(`已发货：#${orderId}`).waitFor();
    // the list reloads after the toast: the shipped order leaves 待发货
    await expect.poll(() => m.locator(`tr[data-order-id="${orderId}"]`).count()).toBe(0);
    await expectCleanText(m);

    // The sandbox carrier picks it up, carries it and delivers it (the carrier is not a user of the apps).
    const fulfilment = await merchant.call<{ shipment: { id: number; trackingNumber: string } }>(
      'GET',
      `/shops/${shopId}/orders/${orderId}/shipment`,
    );
    expect(fulfilment.shipment.trackingNumber).toBe(waybill);
    for (const event of ['picked_up', 'in_transit', 'delivered'])
      await merchant.call('POST', `/shipments/${fulfilment.shipment.id}/sandbox-events`, { event });

    // The buyer opens a no-reason return on the delivered order: approved at once (闪电退货).
    const phone = await newContext(browser(), { lang: 'zh' });
    await signInAs(phone, 'buyer', BUYER);
    const b = await newPage(phone);
    await b.goto(`/orders/${orderId}`);
    await b.getByText(product.title).first().waitFor();
    await b.getByRole('link', { name: '申请售后' }).first().click();
    await b.getByLabel('售后类型').selectOption({ label: '退货退款' });
    await b.getByLabel('申请原因').selectOption({ label: '七天无理由' });
    await b.getByRole('button', { name: '提交申请' }).click();
    await b.waitForURL(/\/aftersales\/\d+$/);
    const requestId = Number(b.url().split('/').at(-1));
    await b.getByText('已自动同意退货').first().waitFor();
    await b.getByText('待寄回商品').first().waitFor();

    // It goes back with the sandbox carrier.
    await b.getByLabel('快递公司').selectOption({ label: '沙箱快递' });
    await b.getByLabel('快递单号').fill(`RT${Date.now()}`);
    await b.getByRole('button', { name: '寄回商品' }).click();
    await b.getByText('退货已寄出').first().waitFor();
    await expectCleanText(b);
    await screenshot(b, 'j2-buyer-return');

    // The merchant's inbox has it, with its receipt deadline; the merchant confirms the parcel arrived.
    await m.goto('/merchant/aftersales');
    const item = m.locator(`tr[data-request-id="${requestId}"]`);
    await item.getByText('买家已寄回').waitFor();
    await item.getByText('到期将自动退款').waitFor();
    await expectCleanText(m);
    await screenshot(m, 'j2-merchant-inbox');
    await item.getByRole('link', { name: `售后单 #${requestId}` }).click();
    await m.getByText('闪电退货：七天无理由退货，系统已直接同意退货').waitFor();
    await m.getByRole('button', { name: '确认收到退货' }).click();
    await m
      .getByRole('dialog', { name: '确认收到退货？' })
      .getByText(/买家将立即收到退款 ¥/)
      .waitFor();
    await m.getByRole('dialog').getByRole('button', { name: '确认收到退货' }).click();
    await m.getByText('商家确认收到退货，已退款').first().waitFor();
    await m.locator('.badge', { hasText: '已退款' }).first().waitFor();
    await expectCleanText(m);

    // The buyer sees the refund and why it happened.
    await b.reload();
    await b.getByText('商家确认收到退货，已退款').first().waitFor();
    const money = b.locator('section', { has: b.getByRole('heading', { name: '退款与赔付' }) });
    await expect(money.innerText()).resolves.toContain(yuan);
    await money.getByText('已退款').first().waitFor();
    await b.getByText('商家确认收到退货，已退款').first().scrollIntoViewIfNeeded();
    await expectCleanText(b);
    await screenshot(b, 'j2-buyer-refunded');

    const request = await merchant.call<{
      state: string;
      autoRule: string;
      refunds: { amountFen: number }[];
    }>('GET', `/aftersales/requests/${requestId}`);
    expect(request).toMatchObject({ state: 'refunded', autoRule: 'lightning_return' });
    expect(request.refunds.map((r) => r.amountFen)).toEqual([priceFen]);
    expect(pageErrors(m)).toEqual([]);
    expect(pageErrors(b)).toEqual([]);
    await desk.close();
    await phone.close();
  });
});
