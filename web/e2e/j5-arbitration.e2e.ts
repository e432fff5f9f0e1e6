import { describe, expect, it } from 'vitest';
import {
  type ApiSession,
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

interface Listed {
  id: number;
  shopId: number;
  title: string;
  minPriceFen: number;
  guarantees: string[];
}

/** The owner of a demo shop: merchant<n> owns the n-th shop, checked through GET /me/shops. */
async function ownerOf(shopId: number): Promise<ApiSession> {
  for (const n of [shopId, ...Array.from({ length: 25 }, (_, i) => i + 1)]) {
    const merchant = await apiLogin(`merchant${n}`);
    const shops = await merchant.call('GET', '/me/shops');
    const list: { id: number }[] = shops.items ?? shops;
    if (list.some((s) => s.id === shopId)) return merchant;
  }
  throw new Error(`no demo merchant owns shop ${shopId}`);
}

/**
 * A buyer paid for a 假一赔十 product, it was shipped and delivered (sandbox carrier), and the buyer
 * claims it is counterfeit: the claim goes straight to arbitration. The shop answers with evidence.
 */
async function counterfeitClaimInArbitration() {
  const products = await (await fetch(`${baseUrl()}/api/v1/products?limit=100`)).json();
  const product = (products.items as Listed[]).find(
    (p) => p.guarantees.includes('fake_pays_n') && p.minPriceFen <= 100_000,
  );
  if (!product) throw new Error('the demo data has no 假一赔十 product');
  const detail = await (await fetch(`${baseUrl()}/api/v1/products/${product.id}`)).json();
  const sku = (detail.skus as { id: number; stock: number; priceFen: number }[]).find((s) => s.stock > 0)!;
  const buyer = await apiLogin('buyer44');
  const checkout = await buyer.call(
    'POST',
    '/checkout',
    { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
    { 'idempotency-key': crypto.randomUUID() },
  );
  const orderId: number = checkout.orders[0].id;
  const merchant = await ownerOf(product.shopId);
  const shipped = await merchant.call('POST', `/shops/${product.shopId}/orders/${orderId}/shipment`, {
    carrier: 'sandbox',
    trackingNumber: `SBJ5${Date.now()}`,
  });
  const shipmentId: number = shipped.shipment?.id ?? shipped.id;
  for (const event of ['picked_up', 'in_transit', 'delivered'])
    await merchant.call('POST', `/shipments/${shipmentId}/sandbox-events`, { event });
  const order = await buyer.call('GET', `/orders/${orderId}`);
  expect(order.state).toBe('delivered');
  const request = await buyer.call(
    'POST',
    '/aftersales/requests',
    {
      orderId,
      orderLineId: order.lines[0].id,
      type: 'refund_only',
      reason: 'counterfeit',
      quantity: 1,
      evidence: { text: '防伪码查询无效，包装印刷模糊' },
    },
    { 'idempotency-key': crypto.randomUUID() },
  );
  expect(request.state).toBe('in_arbitration');
  // the shop's side: evidence before the window ends (ops may decide before it ends too)
  await merchant.call('POST', `/aftersales/requests/${request.id}/evidence`, {
    text: '我们有品牌授权书和进货单',
  });
  return { requestId: request.id as number, priceFen: sku.priceFen, product };
}

describe('journey 5: ops resolve an arbitration case and the buyer sees the outcome', () => {
  it('the arbiter reads both sides, decides full with a confirmed counterfeit, and the buyer sees it with the 假一赔十 payout', async () => {
    const { requestId, priceFen, product } = await counterfeitClaimInArbitration();
    const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

    const ops = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(ops, 'ops', 'arbiter');
    const page = await newPage(ops);
    await page.goto('/ops/arbitrations');
    await page.getByRole('link', { name: `售后 #${requestId}` }).click();
    await page.getByRole('heading', { name: `售后 #${requestId}` }).waitFor();
    // both parties' evidence and the timeline
    await page.getByText('防伪码查询无效，包装印刷模糊').waitFor();
    await page.getByText('我们有品牌授权书和进货单').waitFor();
    await page.getByRole('heading', { name: '处理记录' }).waitFor();
    await page.getByText(product.title, { exact: false }).first().waitFor();

    // a partial award must be below what was asked: the server says so at the amount field, in Chinese
    const form = page.getByRole('form', { name: '仲裁裁决' });
    await form.getByLabel('部分支持').check();
    await form.getByLabel('裁决金额（元）').fill(String(priceFen / 100));
    await form.getByLabel('裁决理由').fill('品牌方鉴定为假货');
    await form.getByRole('button', { name: '提交裁决' }).click();
    await form
      .locator('.field-invalid')
      .getByRole('alert')
      .getByText(`部分支持的金额须在 ¥0.01 到 ¥${((priceFen - 1) / 100).toFixed(2)} 之间`, { exact: false })
      .waitFor();

    await form.getByLabel('全额支持买家').check();
    await form.getByLabel(/确认为假货/).check();
    await expectCleanText(page);
    await screenshot(page, 'j5-ops-decide');
    await form.getByRole('button', { name: '提交裁决' }).click();
    // Money moves: the arbiter confirms, told the amount and where it comes from (defect 3).
    const amount = yuan(priceFen);
    const dialog = page.getByRole('dialog', { name: `确认裁决：买家获得 ${amount}？` });
    await dialog.getByText(`买家将立即获得退款 ${amount}，原路退回`, { exact: false }).waitFor();
    await dialog.getByText('另按“假一赔N”向买家赔付，由商家承担', { exact: false }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'j5-ops-confirm');
    // Cancelling leaves the request undecided; confirming decides it.
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('status').filter({ hasText: '已裁决' }).count()).toBe(0);
    await form.getByRole('button', { name: '提交裁决' }).click();
    await dialog.getByRole('button', { name: `裁决并退款 ${amount}` }).click();
    const outcome = page.getByRole('status').filter({ hasText: '已裁决' });
    await outcome.waitFor();
    await outcome.getByText('全额支持买家').waitFor();
    await outcome.getByText(yuan(priceFen * 10)).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await ops.close();

    const buyerContext = await newContext(browser(), { lang: 'zh' });
    await signInAs(buyerContext, 'buyer', 'buyer44');
    const buyerPage = await newPage(buyerContext);
    await buyerPage.goto(`/aftersales/${requestId}`);
    const arbitration = buyerPage.locator('section', {
      has: buyerPage.getByRole('heading', { name: '平台仲裁' }),
    });
    await arbitration.getByText('支持买家，全额退款').waitFor();
    await arbitration.getByText('品牌方鉴定为假货').waitFor();
    await arbitration.getByText('认定为假货').waitFor();
    // the refund and the 10× compensation paid by the merchant
    await buyerPage
      .getByText(yuan(priceFen * 10))
      .first()
      .waitFor();
    await buyerPage.getByText(yuan(priceFen)).first().waitFor();
    await expectCleanText(buyerPage);
    await screenshot(buyerPage, 'j5-buyer-outcome');
    expect(pageErrors(buyerPage)).toEqual([]);
    await buyerContext.close();
  });
});
