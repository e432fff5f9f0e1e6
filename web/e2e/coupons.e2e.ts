import { describe, expect, it } from 'vitest';
import { commonMessages } from '../src/i18n/common.ts';
import { couponMessages } from '../src/i18n/coupons.ts';
import { merchantMessages } from '../src/i18n/merchant.ts';
import {
  browserForFile,
  DESKTOP,
  expectCleanText,
  fill,
  newContext,
  newPage,
  PHONE,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const zh = { ...commonMessages.zh, ...merchantMessages.zh, ...couponMessages.zh };

/** `datetime-local` text for a moment in the platform's time zone (the contexts run in Asia/Shanghai). */
function localInput(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).replace(' ', 'T').slice(0, 16);
}

describe('coupons', () => {
  it('a merchant sees the shop’s coupons with claimed and used counts, creates one (terms checked beside the fields), and stops it after a confirmation naming the consequence', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    const merchant = await signInAs(context, 'merchant', 'merchant1');
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('link', { name: zh['merchant.nav.coupons'] }).click();
    await page.getByRole('heading', { name: zh['coupon.title.shop'] }).waitFor();
    const table = page.getByRole('table', { name: zh['coupon.title.shop'] });
    // The demo data: 满199减20, claimed by 8 demo buyers of 1,000, and the live room's coupon.
    const seeded = table.getByRole('row').filter({ hasText: '满199减20' });
    await seeded.getByText('8 / 1000').waitFor();
    await seeded.getByText('满¥199.00减¥20.00').waitFor();
    await table.getByText(zh['coupon.liveRoom']).first().waitFor();

    const form = page.getByRole('form', { name: zh['coupon.form.shopTitle'] });
    await form.getByLabel(zh['coupon.form.name']).fill('满50减50');
    await form.getByLabel(zh['coupon.form.threshold']).fill('50');
    await form.getByLabel(zh['coupon.form.discount']).fill('50');
    await form.getByLabel(/结束领取/).fill(localInput(new Date(Date.now() + 3 * 86_400_000)));
    await form.getByLabel(zh['coupon.form.issueCap']).fill('300');
    await form.getByRole('button', { name: zh['coupon.form.submit'] }).click();
    // The server refuses a threshold not above the discount, beside the field, in Chinese.
    await form.getByText('须大于减免金额（订单不能免费）').first().waitFor();
    await expectCleanText(page);

    await form.getByLabel(zh['coupon.form.name']).fill('满50减5');
    await form.getByLabel(zh['coupon.form.discount']).fill('5');
    await form.getByRole('button', { name: zh['coupon.form.submit'] }).click();
    await page.getByRole('status').getByText(zh['coupon.form.created']).waitFor();
    const row = table.getByRole('row').filter({ hasText: '满50减5' });
    await row.getByText('0 / 300').waitFor();
    await row.getByText(zh['coupon.state.active']).waitFor();
    await row.getByText('北京时间').first().waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-coupons');

    await row.getByRole('button', { name: fill(zh['coupon.stopNamed'], { title: '满50减5' }) }).click();
    const dialog = page.getByRole('dialog', { name: fill(zh['coupon.stopTitle'], { title: '满50减5' }) });
    await dialog.getByText(fill(zh['coupon.stopBody'], { issued: 0 })).waitFor();
    await dialog.getByRole('button', { name: zh['coupon.stopConfirm'] }).click();
    await page.getByRole('status').getByText(zh['coupon.stopped']).waitFor();
    await row.getByText(zh['coupon.state.stopped']).waitFor();
    const list = await merchant.call<{ items: { title: string; state: string }[] }>(
      'GET',
      `/shops/${shop!.id}/coupons`,
    );
    expect(list.items.find((c) => c.title === '满50减5')?.state).toBe('stopped');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a rule admin creates a platform coupon on the 平台券 screen', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'ruleadmin');
    const page = await newPage(context);
    await page.goto('/ops');
    await page.getByRole('link', { name: zh['ops.nav.coupons'] }).click();
    const table = page.getByRole('table', { name: zh['coupon.title.platform'] });
    await table
      .getByRole('row')
      .filter({ hasText: '满100减10' })
      .getByText(zh['coupon.state.active'])
      .waitFor();

    const form = page.getByRole('form', { name: zh['coupon.form.platformTitle'] });
    await form.getByLabel(zh['coupon.form.name']).fill('全场9折');
    await form.getByLabel(zh['coupon.form.kind']).selectOption('percent');
    await form.getByLabel(zh['coupon.form.rate']).fill('9');
    await form.getByLabel(zh['coupon.form.cap']).fill('30');
    await form.getByLabel(/结束领取/).fill(localInput(new Date(Date.now() + 7 * 86_400_000)));
    await form.getByRole('button', { name: zh['coupon.form.submit'] }).click();
    await page.getByRole('status').getByText(zh['coupon.form.created']).waitFor();
    const row = table.getByRole('row').filter({ hasText: '全场9折' });
    await row.getByText('9折，最高减¥30.00').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'ops-platform-coupons');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a buyer claims in the coupon centre and finds the coupon under 我的优惠券 可用', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: PHONE });
    await signInAs(context, 'buyer', 'buyer40');
    const page = await newPage(context);
    await page.goto('/me');
    await page.getByRole('link', { name: zh['buyer.me.couponCentre'] }).click();
    await page.getByRole('heading', { name: zh['buyer.coupons.centre'] }).waitFor();
    const card = page.getByRole('article', { name: '满100减10' });
    await card.getByText(zh['buyer.coupons.funder.platform']).waitFor();
    await card
      .getByRole('button', { name: fill(zh['buyer.coupons.claimNamed'], { title: '满100减10' }) })
      .click();
    await page.getByRole('status').getByText(zh['buyer.coupons.claimedToast']).waitFor();
    await card.getByText(zh['buyer.coupons.claimed']).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'buyer-coupon-centre');

    await page.getByRole('link', { name: new RegExp(zh['buyer.coupons.mine']) }).click();
    await page.getByRole('heading', { name: zh['buyer.coupons.mine'] }).waitFor();
    const mine = page.getByRole('article', { name: '满100减10' });
    await mine.getByText('¥10.00', { exact: true }).waitFor();
    await mine.getByText(/有效期至/).waitFor();
    await page.getByRole('link', { name: zh['buyer.coupons.tab.expired'] }).click();
    await page.getByText(zh['buyer.coupons.empty.expired']).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'buyer-my-coupons');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
