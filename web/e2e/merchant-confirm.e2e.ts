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

// Irreversible actions of the merchant console ask first and name the consequence (defect 3); the
// after-sales inbox adds finished requests to the open ones on request (defect 2).
const browser = browserForFile();
const MERCHANT = 'merchant20'; // 华强北数码港: electronics (server/src/seed/demo-shops.ts)
const BUYER = 'buyer49';
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;

interface Request {
  id: number;
  state: string;
  requestedFen: number;
}

/** A paid, unshipped order of the shop's most expensive product, and a refund asked on it (¥300 and more: the merchant decides). */
async function refundAsked(merchant: ApiSession, buyer: ApiSession, shopId: number, key: string) {
  const listed = await merchant.call<{ items: { id: number; minPriceFen: number }[] }>(
    'GET',
    `/shops/${shopId}/products?state=listed&limit=100`,
  );
  const dearest = [...listed.items].sort((a, b) => b.minPriceFen - a.minPriceFen)[0]!;
  const product = await merchant.call<{ skus: { id: number; stock: number }[] }>(
    'GET',
    `/shops/${shopId}/products/${dearest.id}`,
  );
  const sku = product.skus.find((s) => s.stock > 0)!;
  const checkout = await buyer.call<{ orders: { id: number }[] }>(
    'POST',
    '/checkout',
    { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
    { 'idempotency-key': `confirm-${key}-${Date.now()}` },
  );
  const orderId = checkout.orders[0]!.id;
  const order = await buyer.call<{ lines: { id: number }[] }>('GET', `/orders/${orderId}`);
  const request = await buyer.call<Request>(
    'POST',
    '/aftersales/requests',
    {
      orderId,
      orderLineId: order.lines[0]!.id,
      type: 'refund_only_unshipped',
      reason: 'not_shipped_yet',
      quantity: 1,
    },
    { 'idempotency-key': `confirm-as-${orderId}` },
  );
  expect(request.state).toBe('pending_merchant');
  return request;
}

describe('merchant console: confirmations that name the consequence', () => {
  it('approving a refund asks first with the amount; cancel and Esc change nothing; the inbox adds finished requests to open ones', async () => {
    const merchant = await apiLogin(MERCHANT);
    const buyer = await apiLogin(BUYER);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const refund = await refundAsked(merchant, buyer, shop!.id, 'a');
    const stillOpen = await refundAsked(merchant, buyer, shop!.id, 'b');
    const stateOf = async (id: number) =>
      (await merchant.call<Request>('GET', `/aftersales/requests/${id}`)).state;

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto(`/merchant/aftersales/${refund.id}`);
    const approve = page.getByRole('button', { name: '同意退款' });
    await approve.click();
    const dialog = page.getByRole('dialog', { name: '同意退款？' });
    await dialog
      .getByText(`买家将立即收到退款 ${yuan(refund.requestedFen)}（原路退回），此操作不可撤销。`)
      .waitFor();
    // Focus starts on 取消: Enter on a dangerous dialog does not confirm by accident.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('取消');
    await expectCleanText(page);
    await screenshot(page, 'merchant-confirm-refund');
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect(approve.isVisible()).resolves.toBe(true);
    expect(await stateOf(refund.id)).toBe('pending_merchant');

    // Esc cancels too, and the focus goes back to the button.
    await approve.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    // focus goes back to the button that asked once the page enables it again
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('同意退款');
    expect(await stateOf(refund.id)).toBe('pending_merchant');

    // Confirmed: the buyer is refunded, and the page says so.
    await approve.click();
    await dialog.getByRole('button', { name: '同意并退款' }).click();
    await page
      .getByRole('status')
      .getByText(`已同意，买家已收到退款 ${yuan(refund.requestedFen)}`)
      .waitFor();
    await page.locator('.badge', { hasText: '已退款' }).first().waitFor();
    expect(await stateOf(refund.id)).toBe('refunded');

    // The inbox: the open request by default; "include finished" adds the refunded one to it.
    await page.goto('/merchant/aftersales');
    const row = (id: number) => page.locator(`tr[data-request-id="${id}"]`);
    await row(stillOpen.id).waitFor();
    await expect(row(refund.id).count()).resolves.toBe(0);
    // The box follows the address (?closed=1), which the router updates in a transition: click it and
    // wait for the list it brings rather than for the box's state right after the click.
    await page.getByLabel('包含已结束的').click();
    await row(refund.id).getByText('已退款').waitFor();
    await row(stillOpen.id).getByText('待商家处理').waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('ending a live session asks first: the room closes for every viewer and cannot be resumed', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const title = `确认测试直播${Date.now() % 10_000}`;
    const session = await merchant.call<{ id: number }>('POST', '/live/sessions', {
      title,
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      shopId: shop!.id,
    });
    await merchant.call('POST', `/live/sessions/${session.id}/start`, {});
    const stateOf = async () =>
      (await merchant.call<{ state: string }>('GET', `/live/sessions/${session.id}`)).state;

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant/live');
    const card = page.getByRole('article', { name: title });
    await card.getByText('直播中').waitFor();
    await card.getByRole('button', { name: '结束直播' }).click();
    const dialog = page.getByRole('dialog', { name: '结束直播？' });
    await dialog.getByText('直播间将立即对所有观众关闭，结束后不能恢复，只能另开一场。').waitFor();
    await expectCleanText(page);
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await card.getByText('直播中').waitFor();
    expect(await stateOf()).toBe('live');

    await card.getByRole('button', { name: '结束直播' }).click();
    await dialog.getByRole('button', { name: '结束直播' }).click();
    await page.getByRole('status').getByText('直播已结束').waitFor();
    await card.getByText('已结束').waitFor();
    expect(await stateOf()).toBe('ended');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
