import { describe, expect, it } from 'vitest';
import { reputationMessages } from '../src/i18n/reputation.ts';
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
// The demo's "poor" shop (late shipping, quality refunds): no other browser test uses this merchant.
const MERCHANT = 'merchant9';
const zh = reputationMessages.zh as Record<string, string>;

interface Score {
  score: number | null;
  band: string;
  completedOrders: number;
  drags: { metric: string; advice: string }[];
}

describe('experience score (体验分, product rules §7.1)', () => {
  it('a merchant reads its score, what pulled it down and how to fix it, and the trend', async () => {
    const merchant = await apiLogin(MERCHANT);
    const admin = await apiLogin('admin');
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const shopId = shop!.id;
    await admin.call('POST', `/ops/reputation/shops/${shopId}/recompute`, {});
    const score = await merchant.call<Score>('GET', `/shops/${shopId}/reputation`);

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('navigation').getByRole('link', { name: '体验分', exact: true }).click();
    await page.waitForURL(/\/merchant\/reputation$/);
    await page.getByRole('heading', { name: '商家体验分' }).waitFor();
    const band = zh[`reputation.band.${score.band}`]!;
    await page
      .getByTestId('reputation-score')
      .getByText(score.score === null ? band : score.score.toFixed(2))
      .waitFor();
    for (const dim of ['商品体验', '物流体验', '服务体验'])
      await page.getByText(dim, { exact: true }).first().waitFor();
    await page.getByText('品质退款率', { exact: true }).first().waitFor();
    await page.getByText('会话好评率计入服务体验', { exact: false }).waitFor();

    if (score.score === null) {
      await page.getByText(`近 30 天完成订单 ${score.completedOrders} 单`, { exact: false }).waitFor();
    } else {
      const drags = page.getByRole('region', { name: '哪些指标拉低了分数，怎么改进' });
      if (score.drags.length === 0) await drags.getByText('各项指标都是满分').waitFor();
      for (const drag of score.drags) {
        await drags.getByText(zh[`reputation.metric.${drag.metric}`]!, { exact: false }).first().waitFor();
        await drags.getByText(zh[`reputation.advice.${drag.advice}`]!).waitFor();
      }
    }
    await page.getByRole('region', { name: '不计入体验分的售后申请' }).waitFor();
    await page.getByRole('img', { name: '近 30 天体验分走势图' }).waitFor();
    await page.getByRole('heading', { name: '历史记录' }).waitFor();
    await page.getByRole('cell', { name: band }).first().waitFor();

    await page.getByRole('button', { name: '重新计算' }).click();
    await page.getByText('体验分已重新计算').waitFor();
    await expect.poll(() => page.locator('.skeleton').count()).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'merchant-reputation');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('ops list shops by score and see a wrong curve point named at its field', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'admin');
    const page = await newPage(context);
    await page.goto('/ops');
    await page.getByRole('navigation').getByRole('link', { name: '体验分', exact: true }).click();
    await page.getByRole('heading', { name: '店铺体验分' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();

    await page.getByRole('navigation').getByRole('link', { name: '体验分规则' }).click();
    await page.getByRole('heading', { name: '体验分规则', level: 2 }).waitFor();
    const before = await page.getByText(/当前版本 \d+/).textContent();
    await page.locator('input[name="changes.reputation.metrics.product.0.curve.0.score"]').fill('6');
    await page.getByLabel('修改说明').fill('测试一个超出范围的得分');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await page.getByText('不能大于 5', { exact: false }).first().waitFor();
    await expect
      .poll(() =>
        page
          .locator('input[name="changes.reputation.metrics.product.0.curve.0.score"]')
          .getAttribute('aria-invalid'),
      )
      .toBe('true');
    expect(await page.getByText(/当前版本 \d+/).textContent()).toBe(before);
    await expectCleanText(page);
    await screenshot(page, 'ops-reputation-rules');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
