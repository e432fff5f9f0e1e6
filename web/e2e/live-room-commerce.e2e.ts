import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buyerMessages } from '../src/i18n/buyer.ts';
import { checkoutMessages } from '../src/i18n/checkout.ts';
import { commonMessages } from '../src/i18n/common.ts';
import { couponMessages } from '../src/i18n/coupons.ts';
import { liveRoomMessages } from '../src/i18n/live-room.ts';
import {
  type ApiSession,
  apiLogin,
  browserForFile,
  DESKTOP,
  expectCleanText,
  fill,
  type Lang,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
// 赣南脐橙合作社 (demo shop of merchant2): no other browser test sells there.
const MERCHANT = 'merchant2';
const BUYER = 'buyer43';

type Vars = Record<string, string | number>;
const room = (lang: Lang, key: keyof typeof liveRoomMessages.zh, vars: Vars = {}) =>
  fill(liveRoomMessages[lang][key], vars);
const q = (lang: Lang, key: keyof typeof checkoutMessages.zh, vars: Vars = {}) =>
  fill(checkoutMessages[lang][key], vars);
const c = (lang: Lang, key: keyof typeof couponMessages.zh, vars: Vars = {}) =>
  fill(couponMessages[lang][key], vars);
const b = (lang: Lang, key: keyof typeof buyerMessages.zh) => buyerMessages[lang][key];
const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

interface Listed {
  items: { id: number; title: string; skus: { id: number; priceFen: number; stock: number }[] }[];
}

/** The merchant's shop goes live with one of its products pinned (¥20 or more, with stock). */
async function liveRoomOf(merchant: ApiSession, title: string) {
  const [shop] = await merchant.call<{ id: number; name: string }[]>('GET', '/me/shops');
  const listed = await merchant.call<Listed>('GET', `/shops/${shop!.id}/products?state=listed&limit=100`);
  const product = listed.items.find((p) => p.skus.some((s) => s.stock > 30 && s.priceFen >= 2_000));
  if (!product) throw new Error(`shop ${shop!.id} lists nothing to sell in the room`);
  const sku = product.skus.find((s) => s.stock > 30 && s.priceFen >= 2_000)!;
  const session = await merchant.call<{ id: number; title: string }>('POST', '/live/sessions', {
    title,
    scheduledAt: new Date(Date.now() + 60_000).toISOString(),
    shopId: shop!.id,
  });
  await merchant.call('POST', `/live/sessions/${session.id}/start`, {});
  await merchant.call('POST', `/live/sessions/${session.id}/pins`, { productId: product.id });
  return { shop: shop!, session, product, sku };
}

/** The 讲解中 card's countdown, in seconds ("秒杀 00:09:58 后结束" → 598). */
async function secondsLeft(page: Page, lang: Lang, title: string): Promise<number> {
  const text = await page
    .getByRole('region', { name: room(lang, 'buyer.room.presentingNamed', { title }) })
    .getByRole('timer')
    .innerText();
  const [h, m, s] = text
    .match(/(\d+):(\d{2}):(\d{2})/)!
    .slice(1)
    .map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
}

describe('the live room: claim a live coupon, buy the presented product in its flash sale, see the breakdown', () => {
  it('on a phone, in Chinese, with everything arriving while the buyer watches', async () => {
    const lang = 'zh';
    const merchant = await apiLogin(MERCHANT);
    const buyer = await apiLogin(BUYER);
    const stamp = Date.now() % 100_000;
    const { session, product, sku } = await liveRoomOf(merchant, `脐橙直播间 ${stamp}`);
    // The buyer's address (the address book's own journey is addresses.e2e.ts).
    await buyer.call('POST', '/me/addresses', {
      recipient: '周晓雨',
      phone: '13600005678',
      regionCode: '330106',
      detail: '天目山路 148 号 2 幢 1203',
      isDefault: true,
    });

    const context = await newContext(browser(), { lang });
    await signInAs(context, 'buyer', BUYER);
    const page = await newPage(context);
    await page.goto(`/live/${session.id}`);
    await page.getByRole('heading', { name: session.title }).waitFor();

    // The host presents the product: its card pops up above the bar without a reload.
    await merchant.call('PUT', `/live/sessions/${session.id}/featured`, { productId: product.id });
    const card = page.getByRole('region', {
      name: room(lang, 'buyer.room.presentingNamed', { title: product.title }),
    });
    await card.waitFor();

    // 上架秒杀: ¥5 off the SKU for 10 minutes; the countdown appears on the card and runs.
    const flashFen = sku.priceFen - 500;
    await merchant.call('POST', `/live/sessions/${session.id}/flash-sales`, {
      skuId: sku.id,
      priceFen: flashFen,
      stockCap: 20,
      perBuyerLimit: 2,
      durationSeconds: 600,
    });
    await card.getByRole('timer').waitFor();
    await expect.poll(() => card.innerText()).toContain(yuan(flashFen));
    const first = await secondsLeft(page, lang, product.title);
    expect(first).toBeGreaterThan(540);
    expect(first).toBeLessThanOrEqual(600);
    await expect.poll(() => secondsLeft(page, lang, product.title), { timeout: 5_000 }).toBeLessThan(first);

    // A live coupon: ¥3 off from ¥20; the 领券 chip appears, and the buyer claims it in place.
    const couponTitle = `直播专享满20减3·${stamp}`;
    await merchant.call('POST', `/live/sessions/${session.id}/coupons`, {
      title: couponTitle,
      kind: 'threshold',
      thresholdFen: 2_000,
      discountFen: 300,
      validDays: 3,
      perBuyerLimit: 1,
      issueCap: 100,
    });
    await page.getByRole('button', { name: room(lang, 'buyer.room.couponChip') }).click();
    const coupons = page.getByRole('dialog', { name: room(lang, 'buyer.room.couponsTitle') });
    await coupons
      .getByRole('button', { name: c(lang, 'buyer.coupons.claimNamed', { title: couponTitle }) })
      .click();
    await coupons.getByText(c(lang, 'buyer.coupons.claimed'), { exact: true }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'live-room-zh-coupon-claimed');
    await coupons.getByRole('button', { name: commonMessages[lang]['common.close'] }).click();

    // What the server will charge: the flash price, the room's coupon, the shop's shipping.
    const quote = await buyer.call<{
      payableFen: number;
      itemsFen: number;
      shippingFen: number;
      orders: { shopDiscountFen: number; lines: { unitPriceFen: number; flashSaleId: number | null }[] }[];
    }>('POST', '/checkout/quote', { items: [{ skuId: sku.id, quantity: 1 }], liveSessionId: session.id });
    expect(quote.orders[0]!.lines[0]).toMatchObject({ unitPriceFen: flashFen });
    expect(quote.orders[0]!.shopDiscountFen).toBe(300);

    // 抢购 on the card: the buy sheet opens on the sale's SKU, with address, coupon and the breakdown.
    await card
      .getByRole('button', { name: room(lang, 'buyer.room.buyFeatured', { title: product.title }) })
      .click();
    const sheet = page.getByRole('dialog', { name: product.title });
    await sheet.waitFor();
    await sheet
      .getByRole('button', { name: q(lang, 'buyer.quote.changeAddress') })
      .getByText('周晓雨')
      .waitFor();
    const prices = page.getByRole('region', { name: q(lang, 'buyer.quote.title') });
    await expect.poll(() => prices.innerText()).toContain(yuan(quote.payableFen));
    const breakdown = await prices.innerText();
    expect(breakdown).toContain(q(lang, 'buyer.quote.items'));
    expect(breakdown).toContain(yuan(quote.itemsFen));
    expect(breakdown).toContain(q(lang, 'buyer.quote.shipping'));
    expect(breakdown).toContain(q(lang, 'buyer.quote.shopDiscount'));
    expect(breakdown).toContain(`−${yuan(300)}`);
    expect(breakdown).toContain(q(lang, 'buyer.quote.payable'));
    // the countdown is still running behind the sheet
    expect(await secondsLeft(page, lang, product.title)).toBeGreaterThan(0);
    await expectCleanText(page);
    await screenshot(page, 'live-room-zh-buy-sheet');

    await sheet.getByRole('button', { name: b(lang, 'buyer.buy.payNow') }).click();
    await sheet.getByText(b(lang, 'buyer.checkout.paid')).waitFor();
    const orders = await buyer.call<{
      items: {
        id: number;
        state: string;
        liveSessionId: number | null;
        totalFen: number;
        shopDiscountFen: number;
      }[];
    }>('GET', '/orders?limit=1');
    const order = orders.items[0]!;
    expect(order).toMatchObject({ state: 'paid', liveSessionId: session.id, shopDiscountFen: 300 });
    expect(order.totalFen).toBe(quote.payableFen);
    const detail = await buyer.call<{ lines: { skuId: number; unitPriceFen?: number; priceFen?: number }[] }>(
      'GET',
      `/orders/${order.id}`,
    );
    const line = detail.lines[0]!;
    expect(line.skuId).toBe(sku.id);
    expect(line.unitPriceFen ?? line.priceFen).toBe(flashFen);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
    await merchant.call('POST', `/live/sessions/${session.id}/end`, {});
  });

  it('on a desktop, in English, the room is a phone-width column and the bag lists the sale', async () => {
    const lang = 'en';
    // 北国冰淇淋工坊: a host of its own (one live session per host)
    const merchant = await apiLogin('merchant9');
    const { session, product, sku } = await liveRoomOf(merchant, `Orange live ${Date.now() % 100_000}`);
    await merchant.call('POST', `/live/sessions/${session.id}/flash-sales`, {
      skuId: sku.id,
      priceFen: sku.priceFen - 300,
      stockCap: 10,
      perBuyerLimit: 1,
      durationSeconds: 300,
    });
    const context = await newContext(browser(), { lang, viewport: DESKTOP });
    await signInAs(context, 'buyer', 'buyer18');
    const page = await newPage(context);
    await page.goto(`/live/${session.id}`);
    await page.getByRole('heading', { name: session.title }).waitFor();
    const column = await page.locator('.lr').boundingBox();
    expect(column!.width).toBeLessThanOrEqual(430);
    expect(column!.height).toBeGreaterThan(800);
    await page.getByRole('button', { name: room(lang, 'buyer.room.bag', { n: 1 }) }).click();
    const bag = page.getByRole('list', { name: b(lang, 'buyer.live.pinned') });
    const item = bag.getByRole('listitem').filter({ hasText: product.title });
    await item.getByRole('timer').waitFor();
    expect(await item.innerText()).toContain(yuan(sku.priceFen - 300));
    await expectCleanText(page);
    await screenshot(page, 'live-room-en-desktop-bag');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
    await merchant.call('POST', `/live/sessions/${session.id}/end`, {});
  });
});
