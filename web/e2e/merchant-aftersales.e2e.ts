import { describe, expect, it } from 'vitest';
import {
  type ApiSession,
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
const MERCHANT = 'merchant15'; // 李宁官方旗舰店: shoes and clothes (server/src/seed/demo-shops.ts)
const BUYER = 'buyer46';

/** A delivered order of one item of the shop (set up through the API: checkout, shipment, sandbox carrier). */
async function deliveredOrder(merchant: ApiSession, buyer: ApiSession, shopId: number, n: number) {
  const listed = await merchant.call<{ items: { id: number; minPriceFen: number }[] }>(
    'GET',
    `/shops/${shopId}/products?state=listed&limit=100`,
  );
  const product = await merchant.call<{ skus: { id: number; stock: number }[] }>(
    'GET',
    `/shops/${shopId}/products/${listed.items[n]!.id}`,
  );
  const sku = product.skus.find((s) => s.stock > 0)!;
  const checkout = await buyer.call<{ orders: { id: number; lines: { id?: number }[] }[] }>(
    'POST',
    '/checkout',
    { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
    { 'idempotency-key': `as-${n}-${Date.now()}` },
  );
  const orderId = checkout.orders[0]!.id;
  const shipped = await merchant.call<{ shipment: { id: number } }>(
    'POST',
    `/shops/${shopId}/orders/${orderId}/shipment`,
    {
      carrier: 'sandbox',
      trackingNumber: `AS${n}${Date.now()}`,
    },
  );
  for (const event of ['picked_up', 'in_transit', 'delivered'])
    await merchant.call('POST', `/shipments/${shipped.shipment.id}/sandbox-events`, { event });
  const order = await buyer.call<{ lines: { id: number }[] }>('GET', `/orders/${orderId}`);
  return { orderId, lineId: order.lines[0]!.id };
}

describe('merchant after-sales inbox', () => {
  it('rejects a refund only after recording the talk with the buyer, and approves a quality return', async () => {
    const merchant = await apiLogin(MERCHANT);
    const buyer = await apiLogin(BUYER);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const a = await deliveredOrder(merchant, buyer, shop!.id, 0);
    const b = await deliveredOrder(merchant, buyer, shop!.id, 1);
    const open = (order: { orderId: number; lineId: number }, type: string, reason: string) =>
      buyer.call<{ id: number; state: string }>(
        'POST',
        '/aftersales/requests',
        {
          orderId: order.orderId,
          orderLineId: order.lineId,
          type,
          reason,
          quantity: 1,
          description: '鞋底开胶',
        },
        { 'idempotency-key': `as-open-${order.orderId}` },
      );
    const refundOnly = await open(a, 'refund_only', 'not_as_described');
    const qualityReturn = await open(b, 'return_refund', 'quality_issue');
    expect([refundOnly.state, qualityReturn.state]).toEqual(['pending_merchant', 'pending_merchant']);

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant/aftersales');
    await page.getByRole('heading', { name: '售后处理' }).waitFor();
    // Both wait for the merchant, each with its deadline and what happens at it; the earlier deadline first.
    await page.locator(`tr[data-request-id="${qualityReturn.id}"]`).waitFor();
    const order = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-request-id'))));
    expect(order.indexOf(refundOnly.id)).toBeLessThan(order.indexOf(qualityReturn.id));
    for (const id of [refundOnly.id, qualityReturn.id]) {
      const row = page.locator(`tr[data-request-id="${id}"]`);
      await row.getByText('待商家处理').waitFor();
      await row.getByText('到期未处理将自动同意').waitFor();
      await expect(row.getByRole('timer').innerText()).resolves.toMatch(/^剩余 1天23小时|^剩余 \d+小时/);
    }
    await expectCleanText(page);

    // Rejecting the refund only: the form records the communication first, then rejects with the reason.
    await page.getByRole('link', { name: `售后单 #${refundOnly.id}` }).click();
    await page.getByTestId('deadline').getByText('商家需在48小时内处理，逾期自动同意').waitFor();
    await page.getByLabel('沟通方式').selectOption({ label: '电话' });
    await page.getByLabel('沟通内容').fill('电话联系买家，说明鞋底是正常的设计纹路，买家表示理解。');
    await page.getByLabel('拒绝理由（买家可见）').fill('商品与描述一致，鞋底纹路为设计效果。');
    await page.getByRole('button', { name: '记录沟通并拒绝' }).click();
    await page.locator('.badge', { hasText: '已拒绝' }).first().waitFor();
    await page.getByText('电话 ·').waitFor();
    await page.getByText('这张售后单现在不需要你处理。').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-aftersales-rejected');

    // Approving the quality return: the buyer gets the return address.
    await page.getByRole('link', { name: '返回售后列表' }).click();
    await page.getByRole('link', { name: `售后单 #${qualityReturn.id}` }).click();
    await page.getByRole('button', { name: '同意退货' }).click();
    // It asks first, naming what follows (common/feedback.tsx).
    await page
      .getByRole('dialog', { name: '同意退货？' })
      .getByText('买家将看到退货地址并寄回商品')
      .waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '同意', exact: true }).click();
    await page.locator('.badge', { hasText: '待买家退货' }).first().waitFor();
    await page.getByText('等待买家寄回').waitFor();
    await expectCleanText(page);

    const [rejected, approved] = await Promise.all(
      [refundOnly.id, qualityReturn.id].map((id) =>
        merchant.call<{ state: string; communications: { channel: string }[] }>(
          'GET',
          `/aftersales/requests/${id}`,
        ),
      ),
    );
    expect(rejected).toMatchObject({ state: 'rejected', communications: [{ channel: 'phone' }] });
    expect(approved!.state).toBe('awaiting_return');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
