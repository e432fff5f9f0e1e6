import { describe, expect, it } from 'vitest';
import { voiceMessages } from '../src/i18n/voice.ts';
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
const zh = voiceMessages.zh;
const en = voiceMessages.en;
// 薇诺娜官方旗舰店 (merchant12) sells nothing in any other journey; buyer1–5 are in no other journey.
const MERCHANT = 'merchant12';
const BUYERS = ['buyer1', 'buyer2', 'buyer3', 'buyer4', 'buyer5'];

/** The demo's feedback is read by the voice deadline at start: wait until ops see it. */
async function ingested(admin: ApiSession) {
  await expect
    .poll(async () => (await admin.call('GET', '/ops/voice/overview?days=30')).feedback.current as number, {
      timeout: 60_000,
      interval: 1_000,
    })
    .toBeGreaterThan(0);
}

/** A listed SKU of the shop with at least `units` in stock and no limit below 4 a buyer, and its product's title. */
async function skuInStock(merchant: ApiSession, shopId: number, units: number) {
  const listed = await merchant.call<{ items: { id: number }[] }>(
    'GET',
    `/shops/${shopId}/products?state=listed&limit=100`,
  );
  for (const item of listed.items) {
    const product = await merchant.call<{
      title: string;
      skus: { id: number; stock: number; purchaseLimit: number | null }[];
    }>('GET', `/shops/${shopId}/products/${item.id}`);
    // Each buyer orders 4 units: a SKU limited to fewer per buyer would refuse the fourth.
    const sku = product.skus.find((s) => s.stock >= units && (s.purchaseLimit ?? 4) >= 4);
    if (sku) return { skuId: sku.id, title: product.title };
  }
  throw new Error(`shop ${shopId} has no SKU with ${units} in stock`);
}

/** An order of one unit, paid, shipped and delivered; its line. */
async function deliveredOrder(
  merchant: ApiSession,
  buyer: ApiSession,
  shopId: number,
  skuId: number,
  n: number,
) {
  const checkout = await buyer.call<{ orders: { id: number }[] }>(
    'POST',
    '/checkout',
    { items: [{ skuId, quantity: 1 }], pay: { method: 'sandbox' } },
    { 'idempotency-key': `voice-e2e-${Date.now()}-${buyer.account.login}-${n}` },
  );
  const orderId = checkout.orders[0]!.id;
  const shipped = await merchant.call<{ shipment: { id: number } }>(
    'POST',
    `/shops/${shopId}/orders/${orderId}/shipment`,
    { carrier: 'sandbox', trackingNumber: `VO${Date.now()}${n}` },
  );
  for (const event of ['picked_up', 'in_transit', 'delivered'])
    await merchant.call('POST', `/shipments/${shipped.shipment.id}/sandbox-events`, { event });
  const order = await buyer.call<{ lines: { id: number }[] }>('GET', `/orders/${orderId}`);
  return { orderId, lineId: order.lines[0]!.id };
}

describe('用户之声 (product rules §8.4)', () => {
  it('ops read the platform’s topics, the shops and SKUs behind them and the buyers’ words, filtered by topic', async () => {
    const admin = await apiLogin('admin');
    await ingested(admin);
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'reviewer');
    const page = await newPage(context);
    await page.goto('/ops');
    await page
      .getByRole('navigation', { name: '运营导航' })
      .getByRole('link', { name: zh['ops.nav.voice'] })
      .click();
    await page.getByRole('heading', { name: zh['voice.title'], level: 2 }).waitFor();
    await page.getByLabel(zh['voice.window']).selectOption('30');
    const logistics = page.getByTestId('voice-topic-logistics');
    await logistics.getByText(zh['voice.topic.logistics']).waitFor();
    await page.getByRole('img', { name: zh['voice.chart.days'] }).waitFor();
    await page.getByTestId('voice-top-shops').getByText('鲜丰果园').first().waitFor();
    await page.getByTestId('voice-top-skus').waitFor();

    // Examples in the buyers' words; a topic filter keeps only that topic's.
    const examples = page.getByTestId('voice-examples');
    await examples.getByTestId('voice-example').first().waitFor();
    await examples.getByLabel(zh['voice.examples.filterTopic']).selectOption('logistics');
    await expect
      .poll(async () => {
        const items = examples.getByTestId('voice-example');
        const n = await items.count();
        const tagged = await items.filter({ hasText: zh['voice.topic.logistics'] }).count();
        return n > 0 && n === tagged;
      })
      .toBe(true);
    // What the buyer wrote, as written.
    await examples.getByTestId('voice-example').first().locator('p[data-user-text]').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'ops-voice');

    // The same page in English.
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: en['voice.title'], level: 2 }).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a merchant reads its own shop’s topics and examples', async () => {
    await ingested(await apiLogin('admin'));
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', 'merchant1');
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('link', { name: zh['merchant.nav.voice'] }).click();
    await page.getByRole('heading', { name: zh['voice.title'], level: 2 }).waitFor();
    await page.getByLabel(zh['voice.window']).selectOption('30');
    await page.getByTestId('voice-topic-quality').waitFor();
    await page.getByTestId('voice-examples').getByTestId('voice-example').first().waitFor();
    expect(await page.getByTestId('voice-top-shops').count()).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'merchant-voice');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('平台主动保障 (product rules §8.5)', () => {
  it('a SKU whose quality refunds spike is protected, its merchant sees it, and an ops user clears it with a reason', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const shopId = shop!.id;
    const { skuId, title } = await skuInStock(merchant, shopId, 25);
    // 20 delivered orders of one SKU, 5 of them refunded for quality: 25%, far above its category.
    const buyers = await Promise.all(BUYERS.map((login) => apiLogin(login)));
    let n = 0;
    for (const buyer of buyers) {
      const orders = [];
      for (let i = 0; i < 4; i += 1) orders.push(await deliveredOrder(merchant, buyer, shopId, skuId, n++));
      await buyer.call(
        'POST',
        '/aftersales/requests',
        {
          orderId: orders[0]!.orderId,
          orderLineId: orders[0]!.lineId,
          type: 'refund_only',
          reason: 'quality_issue',
          quantity: 1,
        },
        { 'idempotency-key': `voice-e2e-request-${Date.now()}-${buyer.account.login}` },
      );
    }

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'arbiter');
    const page = await newPage(context);
    await page.goto('/ops');
    await page
      .getByRole('navigation', { name: '运营导航' })
      .getByRole('link', { name: zh['ops.nav.skuProtection'] })
      .click();
    await page.getByRole('heading', { name: zh['skuProtection.title'], level: 2 }).waitFor();
    await page.getByRole('button', { name: zh['skuProtection.detect'] }).click();
    await page
      .getByRole('status')
      .getByText(/检测完成，新增 \d+ 个受保障规格/)
      .waitFor();
    const row = page.getByTestId('sku-protection-row').filter({ hasText: title });
    await row.getByText(zh['skuProtection.state.active']).waitFor();
    await row.getByText('25.0%（5/20 单）').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'ops-sku-protection');

    // The merchant is told on the after-sales list.
    const merchantContext = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(merchantContext, 'merchant', MERCHANT);
    const m = await newPage(merchantContext);
    await m.goto('/merchant/aftersales');
    const notice = m.getByTestId('sku-protection-notice');
    await notice.getByText(zh['skuProtection.banner.title']).waitFor();
    await notice.getByText(title).waitFor();
    await expectCleanText(m);
    await merchantContext.close();

    // Clearing asks why, then confirms naming what stops.
    await row.getByRole('button', { name: zh['skuProtection.clear'] }).click();
    await row.getByText(zh['skuProtection.noteNeeded']).waitFor();
    await row.getByLabel(zh['skuProtection.clearNote']).fill('商家已下架问题批次并补发，核实后解除');
    await row.getByRole('button', { name: zh['skuProtection.clear'] }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: zh['skuProtection.clearTitle'] });
    await dialog.getByText(/此操作不可撤销/).waitFor();
    expect(await dialog.innerText()).toContain(title);
    await dialog.getByRole('button', { name: zh['skuProtection.clear'] }).click();
    await page.getByRole('status').getByText(zh['skuProtection.cleared']).waitFor();
    await expect
      .poll(() => page.getByTestId('sku-protection-row').filter({ hasText: title }).count())
      .toBe(0);
    await page.getByLabel(zh['skuProtection.filterState']).selectOption('cleared');
    const cleared = page.getByTestId('sku-protection-row').filter({ hasText: title });
    await cleared.getByText('商家已下架问题批次并补发，核实后解除').first().waitFor();
    await expectCleanText(page);
    const after = await (await apiLogin('arbiter')).call<{ items: { skuId: number; state: string }[] }>(
      'GET',
      `/ops/aftersales/sku-protections?shopId=${shopId}&state=active`,
    );
    expect(after.items.filter((p) => p.skuId === skuId)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  }, 180_000);
});
