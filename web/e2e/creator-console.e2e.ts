import { describe, expect, it } from 'vitest';
import { merchantMessages } from '../src/i18n/merchant.ts';
import { screensMessages } from '../src/i18n/screens.ts';
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
const zh = { ...merchantMessages.zh, ...screensMessages.zh };
const en = { ...merchantMessages.en, ...screensMessages.en };
const CREATOR = 'creator1'; // live now in the demo data, pinning other shops' goods

describe('creator console', () => {
  it('a creator signed in to the merchant console sees their sessions, the products to pin with their commission, and their commission', async () => {
    const creator = await apiLogin(CREATOR);
    const sessions = await creator.call<{ items: { id: number; title: string; state: string }[] }>(
      'GET',
      '/me/live/sessions?limit=100',
    );
    const live = sessions.items.find((s) => s.state === 'live')!;
    expect(live).toBeTruthy();
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', CREATOR);
    const page = await newPage(context);

    // Sessions, not "no shops": the live one with its pinned products and the commission of each.
    await page.goto('/merchant');
    await page.getByRole('heading', { name: zh['merchant.creator.sessions.title'] }).waitFor();
    expect(await page.getByText(zh['merchant.shop.none']).count()).toBe(0);
    // (an ended session may share the live one's title)
    const card = page
      .getByRole('article', { name: live.title })
      .filter({ hasText: zh['merchant.liveState.live'] });
    await card.getByText(zh['merchant.liveState.live']).waitFor();
    await card.getByRole('button', { name: zh['merchant.creator.pins.show'] }).click();
    const pins = card.getByRole('table', { name: zh['merchant.creator.pins.caption'] });
    await pins.getByRole('row').nth(1).waitFor();
    expect(await pins.getByRole('cell', { name: /^\d+(\.\d)?%$/ }).count()).toBeGreaterThan(0);
    await expectCleanText(page);
    await screenshot(page, 'creator-sessions');

    // Schedule the next session in the creator's own room (the time read in Beijing time).
    const title = `达人宠粉专场 ${Date.now() % 10000}`;
    const at = new Date(Date.now() + 2 * 3600_000);
    const local = at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).replace(' ', 'T').slice(0, 16);
    const form = page.getByRole('form', { name: zh['merchant.live.schedule'] });
    await form.getByLabel(zh['merchant.live.sessionTitle']).fill(title);
    await form.getByLabel(zh['merchant.live.scheduledAt'], { exact: false }).fill(local);
    await form.getByRole('button', { name: zh['merchant.live.schedule'] }).click();
    const next = page.getByRole('article', { name: title });
    await next.getByText(zh['merchant.liveState.scheduled']).waitFor();
    await next.getByRole('button', { name: zh['merchant.live.goLive'] }).waitFor();
    const mine = await creator.call<{ items: { title: string; scheduledAt: string }[] }>(
      'GET',
      '/me/live/sessions',
    );
    const scheduled = mine.items.find((s) => s.title === title)!;
    expect(Math.abs(new Date(scheduled.scheduledAt).getTime() - at.getTime())).toBeLessThan(60_000);

    // Products to pin, with the commission offered; pin one to the live session.
    await page.getByRole('link', { name: zh['merchant.creator.nav.offers'] }).click();
    await page.getByRole('heading', { name: zh['merchant.creator.offers.title'] }).waitFor();
    const offers = page.getByRole('table', { name: zh['merchant.creator.offers.title'] });
    await offers.getByRole('row').nth(1).waitFor();
    const detail = await creator.call<{ pins: { productId: number }[] }>('GET', `/live/sessions/${live.id}`);
    const pinned = new Set(detail.pins.map((p) => p.productId));
    const offerList = await creator.call<{ items: { id: number; title: string; shopName: string }[] }>(
      'GET',
      '/products/commission-offers?limit=100',
    );
    const fresh = offerList.items.find((o) => !pinned.has(o.id))!;
    // (two shops may sell products of one title)
    const row = offers
      .getByRole('row')
      .filter({ hasText: fresh.title })
      .filter({ hasText: fresh.shopName })
      .first();
    await row
      .getByLabel(zh['merchant.creator.offers.session'].replace('{title}', fresh.title))
      .selectOption(String(live.id));
    await row.getByRole('button', { name: zh['merchant.creator.offers.pin'] }).click();
    await page
      .getByRole('status')
      .getByText(
        zh['merchant.creator.offers.pinned'].replace('{title}', fresh.title).replace('{session}', live.title),
      )
      .waitFor();
    const after = await creator.call<{ pins: { productId: number }[] }>('GET', `/live/sessions/${live.id}`);
    expect(after.pins.map((p) => p.productId)).toContain(fresh.id);
    await expectCleanText(page);
    await screenshot(page, 'creator-offers');

    // Commission: the balance, earned and withdrawn, by order, with what to do when there is none.
    await page.getByRole('link', { name: zh['merchant.creator.nav.commission'] }).click();
    await page.getByRole('heading', { name: zh['merchant.creator.commission.title'] }).waitFor();
    const summary = await creator.call<{ balanceFen: number; earnedFen: number }>('GET', '/me/commission');
    const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    await page.getByText(zh['merchant.creator.commission.balance'], { exact: true }).waitFor();
    await page.getByText(yuan(summary.balanceFen)).first().waitFor();
    const earnings = await creator.call<{ total: number }>('GET', '/me/commission/earnings');
    if (earnings.total === 0) await page.getByText(zh['merchant.creator.commission.noEarnings']).waitFor();
    else await page.getByRole('table', { name: zh['merchant.creator.commission.earnings'] }).waitFor();
    await page.getByText(zh['merchant.creator.commission.withdrawals'], { exact: true }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'creator-commission');

    // The same console in English.
    await page.evaluate(() => localStorage.setItem('xinren.lang', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: en['merchant.creator.commission.title'] }).waitFor();
    await expectCleanText(page);
    expect(await page.locator('main').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
