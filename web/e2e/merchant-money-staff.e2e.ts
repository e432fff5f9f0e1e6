import { describe, expect, it } from 'vitest';
import { commonMessages } from '../src/i18n/common.ts';
import { merchantMessages } from '../src/i18n/merchant.ts';
import { screensMessages } from '../src/i18n/screens.ts';
import {
  apiLogin,
  browserForFile,
  DESKTOP,
  expectCleanText,
  fill,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const zh = { ...commonMessages.zh, ...merchantMessages.zh, ...screensMessages.zh };
const en = { ...commonMessages.en, ...merchantMessages.en, ...screensMessages.en };
const MERCHANT = 'merchant1'; // 鲜丰果园: 60 days of sales history, settled money to withdraw
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

describe('merchant money, staff and reviews', () => {
  it('withdraws after a confirmation naming the amount and account; settlement history is listed', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number; name: string }[]>('GET', '/me/shops');
    // The demo shop's settlements wait for its deposit (below the requirement): the owner pays it up,
    // which releases them into the available balance.
    const held = await merchant.call<{ depositShortfallFen: number }>('GET', `/shops/${shop!.id}/balances`);
    if (held.depositShortfallFen > 0)
      await merchant.call(
        'POST',
        `/shops/${shop!.id}/deposit/payments`,
        { amountFen: held.depositShortfallFen },
        { 'idempotency-key': `e2e-money-${Date.now()}` },
      );
    const before = await merchant.call<{ availableFen: number }>('GET', `/shops/${shop!.id}/balances`);
    expect(before.availableFen).toBeGreaterThan(100);
    const count = async () =>
      (await merchant.call<{ total: number }>('GET', `/shops/${shop!.id}/withdrawals`)).total;
    const withdrawalsBefore = await count();

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('link', { name: zh['merchant.nav.money'] }).click();
    await page.getByRole('heading', { name: zh['merchant.money.title'] }).waitFor();
    await page
      .getByRole('table', { name: zh['merchant.money.settlements'] })
      .getByRole('row')
      .nth(1)
      .waitFor();
    await page.getByText(yuan(before.availableFen)).first().waitFor();

    // Cancelling the confirmation withdraws nothing.
    await page.getByLabel(zh['merchant.money.amount']).fill('1.00');
    await page.getByRole('button', { name: zh['merchant.money.withdraw'], exact: true }).click();
    const dialog = page.getByRole('dialog', { name: zh['merchant.money.confirmTitle'] });
    await dialog
      .getByText(fill(zh['merchant.money.confirmBody'], { amount: '¥1.00', shop: shop!.name }))
      .waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-withdraw-confirm');
    await dialog.getByRole('button', { name: zh['common.cancel'] }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await count()).toBe(withdrawalsBefore);

    // Confirmed: the money leaves the available balance and the withdrawal is listed.
    await page.getByRole('button', { name: zh['merchant.money.withdraw'], exact: true }).click();
    await dialog
      .getByRole('button', { name: fill(zh['merchant.money.confirmWithdraw'], { amount: '¥1.00' }) })
      .click();
    await page
      .getByRole('status')
      .getByText(fill(zh['merchant.money.withdrawn'], { amount: '¥1.00' }))
      .waitFor();
    expect(await count()).toBe(withdrawalsBefore + 1);
    const after = await merchant.call<{ availableFen: number }>('GET', `/shops/${shop!.id}/balances`);
    expect(after.availableFen).toBe(before.availableFen - 100);
    const withdrawals = page.getByRole('table', { name: zh['merchant.money.withdrawals'] });
    await withdrawals.getByRole('cell', { name: '¥1.00' }).first().waitFor();
    await page.getByText(yuan(after.availableFen)).first().waitFor();
    await expectCleanText(page);

    // The same page in English.
    await page.evaluate(() => localStorage.setItem('xinren.lang', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: en['merchant.money.title'] }).waitFor();
    await page
      .getByRole('table', { name: en['merchant.money.settlements'] })
      .getByRole('row')
      .nth(1)
      .waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('adds a staff member and removes them after a confirmation naming them', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    const merchant = await signInAs(context, 'merchant', MERCHANT);
    const [shop] = await merchant.call<{ id: number; name: string }[]>('GET', '/me/shops');
    const page = await newPage(context);
    await page.goto('/merchant/staff');
    await page.getByRole('heading', { name: zh['merchant.staff.title'] }).waitFor();
    const login = `helper${Date.now() % 1_000_000}`;
    const name = `店员小${login.slice(-3)}`;
    await page.getByLabel(zh['merchant.staff.displayName']).fill(name);
    await page.getByLabel(zh['merchant.staff.login'], { exact: true }).fill(login);
    await page.getByLabel(zh['merchant.staff.password']).fill('helper-password-1');
    await page.getByRole('button', { name: zh['merchant.staff.addSubmit'] }).click();
    const row = page.getByRole('row').filter({ hasText: login });
    await row.getByText(zh['merchant.shop.role.staff']).waitFor();
    // The new account signs in and works for the shop.
    const helper = await apiLogin(login, 'helper-password-1');
    expect((await helper.call<{ id: number }[]>('GET', '/me/shops')).map((s) => s.id)).toContain(shop!.id);
    await expectCleanText(page);
    await screenshot(page, 'merchant-staff');

    await row.getByRole('button', { name: fill(zh['merchant.staff.removeNamed'], { name }) }).click();
    const dialog = page.getByRole('dialog', { name: fill(zh['merchant.staff.removeTitle'], { name }) });
    await dialog.getByText(fill(zh['merchant.staff.removeBody'], { name, shop: shop!.name })).waitFor();
    await dialog.getByRole('button', { name: zh['merchant.staff.removeConfirm'] }).click();
    await page.getByRole('status').getByText(fill(zh['merchant.staff.removed'], { name })).waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: login }).count()).toBe(0);
    expect(await helper.call<unknown[]>('GET', '/me/shops')).toEqual([]);
    await page.evaluate(() => localStorage.setItem('xinren.lang', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: en['merchant.staff.title'], exact: true }).waitFor();
    await page.getByRole('form', { name: en['merchant.staff.add'] }).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('reports a malicious review and sees the report under review', async () => {
    // A buyer of the shop's history reviews a completed order badly.
    const buyer = await apiLogin('buyer44');
    const completed = await buyer.call<{ items: { id: number }[] }>(
      'GET',
      '/orders?state=completed&limit=50',
    );
    const text = `水果一半都是烂的，客服也不理人，差评 ${Date.now() % 10000}`;
    let posted = false;
    for (const { id } of completed.items) {
      const order = await buyer.call<{ lines: { id: number }[] }>('GET', `/orders/${id}`);
      for (const line of order.lines) {
        try {
          await buyer.call('POST', `/orders/${id}/reviews`, { orderLineId: line.id, rating: 1, text });
          posted = true;
          break;
        } catch {}
      }
      if (posted) break;
    }
    expect(posted).toBe(true);

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('link', { name: zh['merchant.nav.reviews'] }).click();
    await page.getByRole('heading', { name: zh['merchant.reviews.title'] }).waitFor();
    await page.getByLabel(zh['merchant.reviews.filter']).selectOption('2');
    const card = page.getByRole('article').filter({ hasText: text });
    await card.getByRole('button', { name: zh['merchant.reviews.report'] }).click();
    await card.getByLabel(zh['merchant.reviews.reasonLabel']).selectOption('extortion');
    await card
      .getByLabel(zh['merchant.reviews.text'])
      .fill('买家私信索要返现 20 元，不给就差评，聊天记录可查');
    await card.getByRole('button', { name: zh['merchant.reviews.submit'] }).click();
    await page.getByRole('status').getByText(zh['merchant.reviews.reported']).waitFor();
    await card.getByText(zh['merchant.reviews.reportState.open']).waitFor();
    await card.getByText(zh['merchant.reviews.reason.extortion'], { exact: false }).waitFor();
    // The report waits in the ops queue.
    const reviewer = await apiLogin('reviewer');
    const queue = await reviewer.call<{ items: { review: { text: string } }[] }>(
      'GET',
      '/review-reports?limit=100',
    );
    expect(queue.items.map((r) => r.review.text)).toContain(text);
    await expectCleanText(page);
    await screenshot(page, 'merchant-review-report');
    await page.evaluate(() => localStorage.setItem('xinren.lang', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: en['merchant.reviews.title'] }).waitFor();
    await page
      .getByRole('article')
      .filter({ hasText: text })
      .getByText(en['merchant.reviews.reportState.open'])
      .waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
