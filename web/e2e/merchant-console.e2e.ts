import { describe, expect, it } from 'vitest';
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
const MERCHANT = 'merchant19'; // 小米官方旗舰店: electronics open with zero deposit (server/src/seed/demo-shops.ts)
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;

describe('the merchant console in English', () => {
  it('signs in, draws the dashboard charts, switches shops, pays the deposit and manages a product', async () => {
    const owner = await apiLogin(MERCHANT);
    const [first] = await owner.call<{ id: number; name: string }[]>('GET', '/me/shops');
    // A second shop, opened through onboarding: it starts on probation.
    const balances = await owner.call<{ depositFen: number; requiredDepositFen: number }>(
      'GET',
      `/shops/${first!.id}/balances`,
    );
    expect(balances.depositFen).toBeLessThan(balances.requiredDepositFen);
    const second = await owner.call<{ id: number; name: string }>('POST', '/shops', {
      name: `二号店${Date.now() % 1000}`,
      type: 'individual',
      mainCategoryId: (await owner.call<{ mainCategoryId: number }>('GET', `/shops/${first!.id}`))
        .mainCategoryId,
    });

    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    const page = await newPage(context);
    // Signing in through the console's own form, on the page asked for.
    await page.goto('/merchant/onboarding');
    await page.getByRole('heading', { name: 'Merchant console' }).waitFor();
    await page.getByLabel('Login').fill(MERCHANT);
    await page.getByLabel('Password').fill('xinren-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Onboarding & deposit' }).waitFor();

    // The shop picker lists both shops; the probation shop shows its limit.
    const picker = page.getByLabel('Shop', { exact: true });
    await expect(picker.locator('option').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining([first!.name, second.name]),
    );
    await picker.selectOption({ label: second.name });
    await page.getByText('On probation').first().waitFor();
    await page
      .getByText(/Probation limit \(risk tier: High\): 0 products listed or in review of at most 10/)
      .waitFor();
    await expectCleanText(page);

    // Back to the first shop: apparel opens with zero deposit, built up from settlements; the owner may pay it now.
    await picker.selectOption({ label: first!.name });
    await page.getByText('Deposit required').waitFor();
    await page.getByText('Zero-deposit opening:').waitFor();
    const required = yuan(balances.requiredDepositFen);
    await page.getByText(`Deposit ${yuan(balances.depositFen)} of ${required}`).waitFor();
    await page.getByRole('button', { name: 'Pay deposit' }).click();
    await page.getByText(`Deposit ${required} of ${required}`).waitFor();
    await expect(page.getByText('Still owed').locator('..').innerText()).resolves.toContain('¥0.00');
    await expect(page.getByRole('button', { name: 'Pay deposit' }).count()).resolves.toBe(0);
    await screenshot(page, 'merchant-en-onboarding');

    // The dashboard draws its charts (ECharts on canvas) and shows the balances.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: `${first!.name} · Dashboard` }).waitFor();
    await page.getByText('Sales and paid orders per day').waitFor();
    await page.locator('.m-chart canvas').nth(2).waitFor();
    await expect(page.locator('.m-chart canvas').count()).resolves.toBeGreaterThanOrEqual(3);
    await page.getByText('Pending (in escrow)').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-en-dashboard');

    // A product: stock added to its first SKU, then delisted with a reason.
    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await page.getByLabel('Filter by state').selectOption({ label: 'Listed' });
    await page.getByText(/^1–\d+ of \d+$/).waitFor();
    const firstRow = page.locator('tbody tr').first();
    await firstRow.getByText('Listed').waitFor();
    await expect(page.locator('tbody').getByText('In review').count()).resolves.toBe(0);
    await firstRow.getByRole('link').click();
    await page.getByText('Review result').waitFor();
    const sku = page.locator('.m-sku-table tbody tr').first();
    const before = Number(await sku.locator('td').nth(3).innerText());
    await sku.getByRole('textbox', { name: /Stock change for/ }).fill('5');
    await sku.getByRole('button', { name: 'Apply' }).click();
    await sku
      .locator('td')
      .nth(3)
      .getByText(String(before + 5), { exact: true })
      .waitFor();
    await page.getByLabel('Reason for delisting (optional)').fill('Out of season');
    await page.getByRole('button', { name: 'Delist', exact: true }).click();
    await page.getByText('The product is delisted and hidden from buyers').waitFor();
    await page.locator('.m-timeline').getByText('Out of season').waitFor();
    await expectCleanText(page);

    // Every page of the console opens cleanly.
    for (const [link, heading] of [
      ['Orders', 'Orders'],
      ['After-sales', 'After-sales'],
      ['Live sessions', 'Live sessions'],
      ['Violations & appeals', 'Violations & appeals'],
    ] as const) {
      await page.getByRole('navigation').getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await expect.poll(() => page.locator('.loading, .skeleton').count()).toBe(0);
      await expectCleanText(page);
    }
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('asks a visitor to sign in and keeps the page', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', 'merchant1');
    const page = await newPage(context);
    await page.goto('/merchant/aftersales');
    await page.getByRole('heading', { name: '售后处理' }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByLabel('账号').fill('merchant1');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('账号或密码不正确。').waitFor();
    await expect(page.url()).toMatch(/\/merchant\/aftersales$/);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
