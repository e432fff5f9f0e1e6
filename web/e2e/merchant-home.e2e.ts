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
const MERCHANT = 'merchant21'; // 家电优选馆: electronics (server/src/seed/demo-shops.ts)
const BUYER = 'buyer48';

interface ToDo {
  toShip: { count: number; dueSoon: number; soonestShipByAt: string | null };
  aftersales: { count: number; soonestDeadlineAt: string | null };
  violations: { count: number; soonestFixBy: string | null };
  deposit: { shortfallFen: number; topUpDueAt: string | null };
  chat: { waiting: number; longestWaitingSince: string | null };
}

/** A paid order of one unit of the shop's n-th listed product, bought through checkout. */
async function paidOrder(merchant: ApiSession, buyer: ApiSession, shopId: number, n: number) {
  const listed = await merchant.call<{ items: { id: number }[] }>(
    'GET',
    `/shops/${shopId}/products?state=listed&limit=100`,
  );
  const product = await merchant.call<{ skus: { id: number; stock: number }[] }>(
    'GET',
    `/shops/${shopId}/products/${listed.items[n]!.id}`,
  );
  const sku = product.skus.find((s) => s.stock > 0)!;
  const checkout = await buyer.call<{ orders: { id: number }[] }>(
    'POST',
    '/checkout',
    { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
    { 'idempotency-key': `home-${n}-${Date.now()}` },
  );
  return { orderId: checkout.orders[0]!.id, productId: listed.items[n]!.id };
}

describe('merchant home', () => {
  it('shows what waits for the shop, and each to-do links to its list filtered to it', async () => {
    const merchant = await apiLogin(MERCHANT);
    const buyer = await apiLogin(BUYER);
    const admin = await apiLogin('admin');
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const shopId = shop!.id;

    // Something in each list: an order to ship; a delivered order whose buyer asks to return it as
    // faulty (waiting for the merchant); a warning from ops with 72 h to fix the listing.
    const toShip = await paidOrder(merchant, buyer, shopId, 0);
    const delivered = await paidOrder(merchant, buyer, shopId, 1);
    const shipped = await merchant.call<{ shipment: { id: number } }>(
      'POST',
      `/shops/${shopId}/orders/${delivered.orderId}/shipment`,
      { carrier: 'sandbox', trackingNumber: `HOME${Date.now()}` },
    );
    for (const event of ['picked_up', 'in_transit', 'delivered'])
      await merchant.call('POST', `/shipments/${shipped.shipment.id}/sandbox-events`, { event });
    const order = await buyer.call<{ lines: { id: number }[] }>('GET', `/orders/${delivered.orderId}`);
    const request = await buyer.call<{ id: number; state: string }>(
      'POST',
      '/aftersales/requests',
      {
        orderId: delivered.orderId,
        orderLineId: order.lines[0]!.id,
        type: 'return_refund',
        reason: 'quality_issue',
        quantity: 1,
        description: '开机后没有反应',
      },
      { 'idempotency-key': `home-as-${delivered.orderId}` },
    );
    expect(request.state).toBe('pending_merchant');
    const violation = await admin.call<{ id: number; state: string }>('POST', '/ops/violations', {
      shopId,
      code: 'false_advertising',
      subject: { type: 'product', id: toShip.productId },
      evidence: { text: '宣称“全网最低价”无依据' },
    });
    expect(violation.state).toBe('warned');
    const { todo } = await merchant.call<{ todo: ToDo }>('GET', `/shops/${shopId}/dashboard?days=7`);
    expect(todo.toShip.count).toBeGreaterThanOrEqual(1);
    expect(todo.aftersales.count).toBeGreaterThanOrEqual(1);
    expect(todo.violations.count).toBeGreaterThanOrEqual(1);

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    const panel = page.getByRole('region', { name: '待办事项' });
    const item = (name: string) => panel.getByRole('link', { name: new RegExp(`^${name}`) });
    await item('待发货').getByText(`${todo.toShip.count} 单`).waitFor();
    await item('待发货')
      .getByText(/^最早一单 .+ 前发货$/)
      .waitFor();
    await item('售后待处理').getByText(`${todo.aftersales.count} 件`).waitFor();
    await item('售后待处理')
      .getByText(/^最早一件 .+ 截止，到期系统自动处理$/)
      .waitFor();
    await item('违规待整改').getByText(`${todo.violations.count} 条`).waitFor();
    await item('违规待整改')
      .getByText(/^最早一条 .+ 前整改$/)
      .waitFor();
    await item('保证金待补缴').waitFor();
    // Nobody waits in this shop's workstation: the item says so, and links to it.
    expect(todo.chat.waiting).toBe(0);
    await item('客服待接入').getByText('暂无').waitFor();
    // Today against yesterday, and the shop's live sessions today (or what to do about none).
    await page
      .getByRole('region', { name: '今日' })
      .getByText(/^较昨日 |^昨日无数据可比$/)
      .first()
      .waitFor();
    await page.getByRole('region', { name: '今日直播' }).waitFor();
    // The period's figures say how they compare with the period before.
    await page
      .getByText(/^较前 30 天 |^前 30 天无数据可比$/)
      .first()
      .waitFor();
    await page.getByText('当天付款订单少于 5 单时不画当天的比率', { exact: false }).waitFor();
    await expect.poll(() => page.locator('.skeleton').count()).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'merchant-home-todo');

    // To ship: the order desk on its 待发货 tab; our order is there, the one shipped since is not.
    await item('待发货').click();
    await page.waitForURL(/\/merchant\/orders\?view=to_ship$/);
    await page
      .locator(`tr[data-order-id="${toShip.orderId}"]`)
      .getByText(`订单 #${toShip.orderId}`)
      .waitFor();
    // the order shipped since is not among them
    await expect(page.locator(`tr[data-order-id="${delivered.orderId}"]`).count()).resolves.toBe(0);
    await expect.poll(() => page.locator('.skeleton, .loading').count()).toBe(0);
    await expectCleanText(page);

    // After-sales: only what waits for the merchant; our request is there, nothing else is.
    await page.goBack();
    await item('售后待处理').click();
    await page.waitForURL(/\/merchant\/aftersales\?waiting=merchant$/);
    await page.getByRole('heading', { name: '售后处理' }).waitFor();
    await expect(page.getByLabel('只看待我处理的').isChecked()).resolves.toBe(true);
    await page.getByRole('link', { name: `售后单 #${request.id}` }).waitFor();
    const states = await page.locator('tbody .badge').allInnerTexts();
    expect(states.length).toBe(todo.aftersales.count);
    expect(states.filter((s) => !['待商家处理', '买家已寄回', '待商家寄出'].includes(s))).toEqual([]);
    await expectCleanText(page);

    // Violations: only the warnings still to fix; ours is there.
    await page.goBack();
    await item('违规待整改').click();
    await page.waitForURL(/\/merchant\/governance\?state=warned$/);
    await page.getByRole('heading', { name: '违规与申诉' }).waitFor();
    await expect(page.getByLabel('只看待整改的').isChecked()).resolves.toBe(true);
    await page
      .getByRole('article', { name: `违规 #${violation.id}` })
      .getByText('警告（待整改）')
      .waitFor();
    await expect(page.getByRole('article').count()).resolves.toBe(todo.violations.count);
    await expectCleanText(page);

    // Deposit: the deposit section of the onboarding page.
    await page.goBack();
    await item('保证金待补缴').click();
    await page.waitForURL(/\/merchant\/onboarding#deposit$/);
    await page.locator('#deposit').getByRole('heading', { name: '保证金' }).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('reads in English too', async () => {
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    const panel = page.getByRole('region', { name: 'To do' });
    await panel
      .getByRole('link', { name: /^To ship/ })
      .getByText(/^Ship the first by /)
      .waitFor();
    await panel.getByRole('link', { name: /^After-sales waiting for you/ }).waitFor();
    await page
      .getByText(/vs the previous 30 days|nothing to compare in the previous 30 days/)
      .first()
      .waitFor();
    await expect.poll(() => page.locator('.skeleton').count()).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'merchant-en-home-todo');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
