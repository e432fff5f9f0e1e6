import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { couponMessages } from '../src/i18n/coupons.ts';
import { flashSalesMessages } from '../src/i18n/flash-sales.ts';
import { liveRoomMessages } from '../src/i18n/live-room.ts';
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
// 舟山海鲜码头 (demo shop of merchant4): no other browser test sells or goes live there.
const MERCHANT = 'merchant4';
const zh = { ...liveRoomMessages.zh, ...flashSalesMessages.zh, ...couponMessages.zh };
const m = (key: keyof typeof zh, vars: Record<string, string | number> = {}) =>
  zh[key].replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n]));

interface Listed {
  items: { id: number; title: string; skus: { id: number; priceFen: number; stock: number }[] }[];
}

/** A figure of the console's tiles, as a number ("1,234" → 1234; "—" → NaN). */
async function figure(page: Page, label: string): Promise<number> {
  const text = await page.locator('.m-tile').filter({ hasText: label }).locator('.m-tile-value').innerText();
  return Number(text.replace(/[^\d.]/g, '') || Number.NaN);
}

describe('the merchant live console (Chinese, desktop)', () => {
  it('presents a product, starts a flash sale, issues a live coupon, and sees viewers and likes as they happen', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const listed = await merchant.call<Listed>('GET', `/shops/${shop!.id}/products?state=listed&limit=100`);
    const [a, other] = listed.items.filter((p) => p.skus.some((s) => s.stock > 20 && s.priceFen > 1_000));
    if (!a || !other) throw new Error('the shop has too few products to sell live');
    const session = await merchant.call<{ id: number; title: string }>('POST', '/live/sessions', {
      title: `海鲜开箱 ${Date.now() % 100_000}`,
      scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      shopId: shop!.id,
    });
    await merchant.call('POST', `/live/sessions/${session.id}/start`, {});
    for (const p of [a, other])
      await merchant.call('POST', `/live/sessions/${session.id}/pins`, { productId: p.id });

    // A viewer watches the room (the console counts them) and taps like.
    const viewerContext = await newContext(browser(), { lang: 'zh' });
    await signInAs(viewerContext, 'buyer', 'buyer19');
    const viewer = await newPage(viewerContext);
    await viewer.goto(`/live/${session.id}`);
    await viewer.getByRole('heading', { name: session.title }).waitFor();
    const buyer = await apiLogin('buyer19');
    await buyer.call('POST', `/live/sessions/${session.id}/likes`, { count: 7 });

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant/live');
    const card = page.getByRole('article', { name: session.title });
    const console_ = card.getByRole('region', { name: m('merchant.liveConsole.title') });
    await console_.waitFor();
    await expect
      .poll(() => figure(page, m('merchant.liveConsole.viewersNow')), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => figure(page, m('merchant.liveConsole.likes')), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(7);

    // 讲解: the row is marked, and the viewer's room shows the card.
    await console_
      .getByRole('button', { name: m('merchant.liveConsole.featureNamed', { title: a.title }) })
      .click();
    await console_
      .getByRole('row')
      .filter({ hasText: a.title })
      .getByText(m('merchant.liveConsole.featuring'))
      .waitFor();
    const presented = viewer.getByRole('region', {
      name: m('buyer.room.presentingNamed', { title: a.title }),
    });
    await presented.waitFor();

    // 上架秒杀 on that row: the form offers only that product; the sale shows with its countdown.
    await console_
      .getByRole('button', { name: m('merchant.liveConsole.flashSaleNamed', { title: a.title }) })
      .click();
    const flashForm = console_.getByRole('form', { name: m('flash.form.liveTitle') });
    await flashForm.getByLabel(m('flash.form.product')).selectOption({ label: a.title });
    const sku = a.skus.find((s) => s.stock > 20 && s.priceFen > 1_000)!;
    await flashForm.getByLabel(m('flash.form.sku')).selectOption(String(sku.id));
    await flashForm.getByLabel(m('flash.form.price')).fill(((sku.priceFen - 500) / 100).toFixed(2));
    await flashForm.getByLabel(m('flash.form.stockCap')).fill('10');
    await flashForm.getByLabel(m('flash.form.perBuyerLimit')).fill('1');
    await flashForm.getByLabel(m('flash.form.duration')).fill('10');
    await flashForm.getByRole('button', { name: m('flash.form.liveSubmit'), exact: true }).click();
    // It asks first, naming what the viewers will see.
    const startFlash = page.getByRole('dialog', { name: m('flash.form.liveConfirmTitle') });
    await startFlash.getByText('10 件', { exact: false }).waitFor();
    await startFlash.getByRole('button', { name: m('flash.form.liveSubmit'), exact: true }).click();
    const sales = console_.getByRole('region', { name: m('merchant.liveConsole.flashSales') });
    await sales.getByRole('row').filter({ hasText: a.title }).getByRole('timer').waitFor();
    await presented.getByRole('timer').waitFor();

    // A live coupon: issued from the console, claimable in the room at once.
    const couponTitle = `直播间满50减5·${Date.now() % 10_000}`;
    await console_.getByRole('button', { name: m('merchant.liveConsole.issueCoupon') }).click();
    const couponForm = console_.getByRole('form', { name: m('coupon.form.liveTitle') });
    await couponForm.getByLabel(m('coupon.form.name')).fill(couponTitle);
    await couponForm.getByLabel(m('coupon.form.threshold')).fill('50');
    await couponForm.getByLabel(m('coupon.form.discount')).fill('5');
    await couponForm.getByLabel(m('coupon.form.issueCap')).fill('200');
    await couponForm.getByRole('button', { name: m('coupon.form.liveSubmit'), exact: true }).click();
    const issue = page.getByRole('dialog', { name: m('coupon.form.liveConfirmTitle') });
    await issue.getByText(couponTitle, { exact: false }).waitFor();
    await issue.getByRole('button', { name: m('coupon.form.liveSubmit'), exact: true }).click();
    await console_
      .getByRole('region', { name: m('merchant.liveConsole.coupons') })
      .getByRole('cell', { name: couponTitle })
      .waitFor();
    await viewer.getByRole('button', { name: m('buyer.room.couponChip') }).waitFor();

    // Stopping the presentation takes the card away in the room.
    await console_.getByRole('button', { name: m('merchant.liveConsole.stopFeature') }).click();
    await presented.waitFor({ state: 'detached' });
    await expectCleanText(page);
    await screenshot(page, 'merchant-zh-live-console');
    await expectCleanText(viewer);
    await screenshot(viewer, 'live-room-zh-console-offers');
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(viewer)).toEqual([]);
    await context.close();
    await viewerContext.close();
    await merchant.call('POST', `/live/sessions/${session.id}/end`, {});
  });
});
