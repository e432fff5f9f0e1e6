import { describe, expect, it } from 'vitest';
import {
  baseUrl,
  browserForFile,
  DESKTOP,
  expectCleanText,
  newContext,
  newPage,
  openUnverifiedShop,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();

describe('merchant review', () => {
  it('a shop opened without a verified identity waits in the merchant queue; ops resolve it and suspend the shop', async () => {
    // a new merchant opens a shop without identity documents: onboarding sends it to review
    const { account, shop } = await openUnverifiedShop('e2e-shop-', '新店主小周', '小周杂货铺');
    expect(shop.onboarding.outcome).toBe('review');

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'admin');
    const page = await newPage(context);
    await page.goto('/ops/reviews/merchants');
    await page.getByRole('link', { name: `案件 #${shop.onboarding.caseId}` }).click();
    // the queue's rows carry the same reason: wait for the case's own page before reading it
    await page.waitForURL(`**/ops/cases/${shop.onboarding.caseId}`);
    await page.getByText('身份或营业执照未核验').waitFor();
    await page.getByText(`用户 #${account.account.id}`).waitFor();
    await page.getByLabel('处理说明').fill('电话核实后仍无法提供身份证明');
    await page.getByRole('button', { name: '确认违规' }).click();
    await page.getByText('该案件已处理。').waitFor();
    await expectCleanText(page);

    // a super admin changes the shop's state, with the reason
    await page.getByRole('navigation', { name: '运营导航' }).getByRole('link', { name: '商家审核' }).click();
    await page.getByLabel('店铺编号').fill(String(shop.id));
    await page.getByRole('button', { name: '查找店铺' }).click();
    await page.getByText(shop.name).waitFor();
    await page.getByLabel('新状态').selectOption('suspended');
    await page.getByLabel('原因').fill('入驻资料无法核实');
    await screenshot(page, 'ops-merchants');
    await page.getByRole('button', { name: '调整状态' }).click();
    await page.locator('.badge', { hasText: '暂停' }).waitFor();
    const after = await (await fetch(`${baseUrl()}/api/v1/shops/${shop.id}`)).json();
    expect(after.state).toBe('suspended');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
