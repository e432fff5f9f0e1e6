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
const MERCHANT = 'merchant11';
const ABUSER = 'buyer15'; // labelled high-refund here: no other browser test uses this buyer
const BUYER = 'buyer16';

/** A delivered order of one unit of the shop's first listed product with stock, bought through checkout. */
async function deliveredOrder(merchant: ApiSession, buyer: ApiSession, shopId: number) {
  const listed = await merchant.call<{ items: { id: number }[] }>(
    'GET',
    `/shops/${shopId}/products?state=listed&limit=100`,
  );
  for (const item of listed.items) {
    const product = await merchant.call<{ skus: { id: number; stock: number }[] }>(
      'GET',
      `/shops/${shopId}/products/${item.id}`,
    );
    const sku = product.skus.find((s) => s.stock > 0);
    if (!sku) continue;
    const checkout = await buyer.call<{ orders: { id: number }[] }>(
      'POST',
      '/checkout',
      { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
      { 'idempotency-key': `good-buyers-${Date.now()}` },
    );
    const orderId = checkout.orders[0]!.id;
    const shipped = await merchant.call<{ shipment: { id: number } }>(
      'POST',
      `/shops/${shopId}/orders/${orderId}/shipment`,
      { carrier: 'sandbox', trackingNumber: `GB${Date.now()}` },
    );
    for (const event of ['picked_up', 'in_transit', 'delivered'])
      await merchant.call('POST', `/shipments/${shipped.shipment.id}/sandbox-events`, { event });
    return orderId;
  }
  throw new Error(`shop ${shopId} has nothing in stock`);
}

describe('good buyers and metrics without abusers (product rules §7.6)', () => {
  it('the merchant dashboard says which requests its rates left out and why', async () => {
    const merchant = await apiLogin(MERCHANT);
    const abuser = await apiLogin(ABUSER);
    const admin = await apiLogin('admin');
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const shopId = shop!.id;
    const orderId = await deliveredOrder(merchant, abuser, shopId);
    const order = await abuser.call<{ lines: { id: number }[] }>('GET', `/orders/${orderId}`);
    await abuser.call(
      'POST',
      '/aftersales/requests',
      {
        orderId,
        orderLineId: order.lines[0]!.id,
        type: 'return_refund',
        reason: 'quality_issue',
        quantity: 1,
        description: '用了一天就坏了',
      },
      { 'idempotency-key': `good-buyers-as-${orderId}` },
    );
    await admin.call('PUT', `/ops/buyers/${abuser.account.id}/labels/high_refund`, {
      reason: '多次恶意退款',
    });
    const { exclusions } = await merchant.call<{
      exclusions: { highRefundRequests: number; freightAbuseReturns: number };
    }>('GET', `/shops/${shopId}/dashboard?days=30`);
    expect(exclusions.highRefundRequests).toBeGreaterThanOrEqual(1);

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    const panel = page.getByRole('region', { name: '未计入指标的售后' });
    await panel
      .getByText(
        `${exclusions.highRefundRequests} 个申请来自被标记为高退款的买家，${exclusions.freightAbuseReturns} 个为薅运费退货，未计入退款率和品退率。`,
      )
      .waitFor();
    await panel.getByText('订单本身仍然计入', { exact: false }).waitFor();
    await expect.poll(() => page.locator('.skeleton').count()).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'merchant-metric-exclusions');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the buyer sees their tier on their page, each condition with its figures', async () => {
    const buyer = await apiLogin(BUYER);
    const tier = await buyer.call<{ tier: 'good' | 'standard'; conditions: { holds: boolean }[] }>(
      'GET',
      '/me/buyer-tier',
    );
    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', BUYER);
    const page = await newPage(context);
    await page.goto('/me');
    const card = page.getByTestId('buyer-tier');
    await card.getByText('我的买家等级').waitFor();
    await card.getByText(tier.tier === 'good' ? '优质买家: 理赔更快' : '普通买家', { exact: true }).waitFor();
    if (tier.tier === 'good') await card.getByText('提交后立即退款', { exact: false }).waitFor();
    for (const name of ['无风险标记', '退款率低', '账号注册时长', '已完成订单'])
      await card.getByText(name, { exact: true }).first().waitFor();
    await card.getByText(/近180天退款率/).waitFor();
    await expect
      .poll(() => card.locator('li.holds').count())
      .toBe(tier.conditions.filter((c) => c.holds).length);
    // The page around the card shows the demo login (an id); the card itself has no English or code.
    expect((await card.innerText()).replace('UTC', '')).not.toMatch(/[A-Za-z_]{2,}/);
    await screenshot(page, 'buyer-tier');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('ops compare the claim success rate of good buyers with the others', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'admin');
    const page = await newPage(context);
    await page.goto('/ops');
    await page.getByRole('navigation').getByRole('link', { name: '优质买家理赔' }).click();
    await page.waitForURL(/\/ops\/buyers\/claims$/);
    await page.getByRole('heading', { name: '优质买家理赔成功率' }).waitFor();
    await page.getByText(/目标：优质买家理赔成功率不低于 84(\.0)?%/).waitFor();
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await rows.nth(0).getByText('优质买家').waitFor();
    await rows.nth(1).getByText('其他买家').waitFor();
    await page
      .getByRole('img', { name: '理赔成功率对比' })
      .or(page.getByText('理赔成功率对比'))
      .first()
      .waitFor();
    // Another period reloads the report.
    await page.getByLabel('统计周期').selectOption('90');
    await expect.poll(() => page.getByLabel('统计周期').inputValue()).toBe('90');
    await rows.nth(0).getByText('优质买家').waitFor();
    await expect.poll(() => page.locator('.skeleton').count()).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'ops-claim-success');
    // The thresholds are the configuration's section 优质买家, edited like every other part of the rules.
    await page.goto('/ops/configuration');
    await page.getByText('优质买家（§7.6）').waitFor();
    await expect.poll(() => page.getByLabel(/^优质买家快速理赔金额上限/).inputValue()).toBe('200.00');
    await expect.poll(() => page.getByLabel(/^优质买家：已完成订单至少/).inputValue()).toBe('5');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
