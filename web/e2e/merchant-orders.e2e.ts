import { readFileSync } from 'node:fs';
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
// 川味坊调味 (server/src/seed/demo-shops.ts): cheap goods, and no other browser test ships its orders.
const MERCHANT = 'merchant7';

interface Listed {
  items: { id: number; title: string; skus: { id: number; priceFen: number; stock: number }[] }[];
}

let keySeq = 0;

/** A SKU of each of two products under ¥150 with stock (a line of one is refunded at once: 极速退款). */
async function cheapSkus(merchant: ApiSession, shopId: number) {
  const listed = await merchant.call<Listed>('GET', `/shops/${shopId}/products?state=listed&limit=100`);
  const picks = listed.items
    .map((p) => ({ title: p.title, sku: p.skus.find((s) => s.stock > 5 && s.priceFen < 15_000) }))
    .filter((p) => p.sku !== undefined)
    .slice(0, 2);
  expect(picks).toHaveLength(2);
  return picks.map((p) => ({ title: p.title, sku: p.sku! }));
}

async function paidOrder(buyer: ApiSession, skuIds: number[]) {
  const checkout = await buyer.call<{
    orders: { id: number; totalFen: number }[];
    payment: { state: string };
  }>(
    'POST',
    '/checkout',
    { items: skuIds.map((skuId) => ({ skuId, quantity: 1 })), pay: { method: 'sandbox' } },
    { 'idempotency-key': `merchant-orders-${Date.now()}-${++keySeq}` },
  );
  expect(checkout.payment.state).toBe('succeeded');
  return checkout.orders[0]!;
}

describe('merchant order desk', () => {
  it('finds an old order by its number and opens it in full', async () => {
    const merchant = await apiLogin('merchant1');
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const all = await merchant.call<{ total: number }>('GET', `/shops/${shop!.id}/order-desk?limit=1`);
    expect(all.total).toBeGreaterThan(20);
    // The oldest order of the shop's sales history: far beyond the first page.
    const oldest = await merchant.call<{ items: { id: number; buyer: { displayName: string } }[] }>(
      'GET',
      `/shops/${shop!.id}/order-desk?limit=1&offset=${all.total - 1}`,
    );
    const old = oldest.items[0]!;

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', 'merchant1');
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('navigation').getByRole('link', { name: '订单管理' }).click();
    await page.getByRole('heading', { name: '订单管理', exact: true }).waitFor();
    await page.locator('tr[data-order-id]').first().waitFor();
    await expect(page.locator(`tr[data-order-id="${old.id}"]`).count()).resolves.toBe(0);
    await page.getByRole('searchbox', { name: '订单号' }).fill(String(old.id));
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect.poll(() => page.locator('tr[data-order-id]').count()).toBe(1);
    const row = page.locator(`tr[data-order-id="${old.id}"]`);
    // the buyer's own cell (the receiver beside it is often the same person)
    await row.getByRole('cell', { name: old.buyer.displayName, exact: true }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-orders-search');

    // Export with the filter applied: the file holds that one order.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^orders-\d+-\d+\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[0]).toMatch(/^订单号,状态,下单时间/);
    expect(csv[1]!.startsWith(`${old.id},`)).toBe(true);
    await page.getByText('导出完成，文件已开始下载').waitFor();

    await row.getByRole('link', { name: `查看订单 #${old.id}` }).click();
    await page.getByRole('heading', { name: `订单 #${old.id}` }).waitFor();
    for (const section of ['商品', '金额', '支付', '发货与物流', '售后', '订单进度', '买家'])
      await page.getByRole('heading', { name: section, exact: true }).waitFor();
    await page.getByText(old.buyer.displayName).first().waitFor();
    await page.getByText('已支付').first().waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-order-detail');

    // The same page in English.
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: `Order #${old.id}` }).waitFor();
    await page.getByRole('heading', { name: 'Shipping and tracking' }).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('ships orders from a file, reports the bad row with its reason, and shows partial refunds to ship', async () => {
    const merchant = await apiLogin(MERCHANT);
    const buyer = await apiLogin('buyer50');
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const [a, b] = await cheapSkus(merchant, shop!.id);
    const first = await paidOrder(buyer, [a!.sku.id]);
    const second = await paidOrder(buyer, [b!.sku.id]);
    // A two-line order whose second line the buyer had refunded before shipment (极速退款).
    const split = await paidOrder(buyer, [a!.sku.id, b!.sku.id]);
    const detail = await merchant.call<{ lines: { id: number; skuId: number; lineFen: number }[] }>(
      'GET',
      `/shops/${shop!.id}/orders/${split.id}`,
    );
    const refundedLine = detail.lines.find((l) => l.skuId === b!.sku.id)!;
    const request = await buyer.call<{ state: string }>(
      'POST',
      '/aftersales/requests',
      {
        orderId: split.id,
        orderLineId: refundedLine.id,
        type: 'refund_only_unshipped',
        reason: 'not_shipped_yet',
        quantity: 1,
      },
      { 'idempotency-key': `merchant-orders-refund-${Date.now()}` },
    );
    expect(request.state).toBe('refunded');

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    // The shop's orders to ship from this buyer (the soonest ship-by first, so today's may be far down).
    await page.goto(`/merchant/orders?view=to_ship&buyer=${buyer.account.id}`);
    await page.getByRole('tab', { name: '待发货', selected: true }).waitFor();

    // To ship: the refunded line is marked, and the amount still to be paid out leaves it out.
    const splitRow = page.locator(`tr[data-order-id="${split.id}"]`);
    await splitRow.getByText('已退 1 件').waitFor();
    const payout = split.totalFen - refundedLine.lineFen;
    const yuan = (fen: number) =>
      `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    await splitRow.getByText(`待结算 ${yuan(payout)}`).waitFor();
    await splitRow.getByRole('timer').waitFor();

    await page.getByRole('button', { name: '批量发货' }).click();
    const stamp = String(Date.now()).slice(-8);
    const csv = [
      '订单号,快递公司,运单号',
      `${first.id},顺丰,SF${stamp}01`,
      '99999999,中通,ZT00000000',
      `${second.id},zto,ZT${stamp}02`,
    ].join('\n');
    // The file control speaks the page's language, not the browser's ("Choose File", "No file chosen").
    const picker = page.locator('.m-bulk-ship .file-picker');
    await expect(picker.innerText()).resolves.toMatch(/CSV 文件\s*选择文件\s*未选择文件/);
    await expect(picker.innerText()).resolves.not.toMatch(/choose|no file/i);
    // Tabbing to the (visually hidden) input rings the button that stands for it.
    await page.getByRole('button', { name: '关闭批量发货' }).focus();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('type'))).resolves.toBe('file');
    const pickButton = picker.getByText('选择文件', { exact: true });
    await expect(pickButton.evaluate((el) => getComputedStyle(el).outlineStyle)).resolves.toBe('solid');
    await page.getByLabel('CSV 文件').setInputFiles({
      name: 'ship.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await picker.getByText('ship.csv', { exact: true }).waitFor();
    await expect(picker.getByText('未选择文件').count()).resolves.toBe(0);
    await page.getByRole('button', { name: '上传并发货' }).click();
    const results = page.getByRole('table', { name: '每行结果' });
    await results.waitFor();
    await expect(results.locator('tr[data-outcome="shipped"]').count()).resolves.toBe(2);
    const bad = results.locator('tr[data-line="3"]');
    await bad.getByText('未发货').waitFor();
    await bad.getByText('本店没有这个订单').waitFor();
    await page.getByText('2 单已发货，0 单此前已发货，1 行未成功').first().waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-orders-bulk-ship');

    // The good rows shipped: they left the orders to ship; the partly refunded order is still there.
    await expect.poll(() => page.locator(`tr[data-order-id="${first.id}"]`).count()).toBe(0);
    await expect(page.locator(`tr[data-order-id="${second.id}"]`).count()).resolves.toBe(0);
    await splitRow.waitFor();
    const shipped = await merchant.call<{ shipment: { carrier: string; trackingNumber: string } }>(
      'GET',
      `/shops/${shop!.id}/orders/${first.id}/shipment`,
    );
    expect(shipped.shipment).toMatchObject({ carrier: 'sf', trackingNumber: `SF${stamp}01` });
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
