import { describe, expect, it } from 'vitest';
import { commonMessages } from '../src/i18n/common.ts';
import { growthMessages } from '../src/i18n/growth.ts';
import { merchantMessages } from '../src/i18n/merchant.ts';
import { opsMessages } from '../src/i18n/ops.ts';
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
const zh = { ...commonMessages.zh, ...merchantMessages.zh, ...opsMessages.zh, ...growthMessages.zh };
// The demo's new shop partway up 新商启航 (海南热带果坊): three steps done, the third one's reward waiting.
const MERCHANT = 'merchant3';

interface GrowthView {
  creditBalance: number;
  ladder: {
    steps: {
      code: string;
      metric: string;
      threshold: number;
      done: boolean;
      claimedAt: string | null;
      rewardCredits: number;
    }[];
  };
  boosts: { targetId: number; active: boolean }[];
}

describe('成长计划 (growth programmes)', () => {
  it('a merchant claims a completed step’s reward and spends credits on a boost, confirming its cost and end', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const before = await merchant.call<GrowthView>('GET', `/shops/${shop!.id}/growth`);
    const waiting = before.ladder.steps.find((s) => s.done && !s.claimedAt)!;
    expect(waiting).toBeDefined();
    const stepName = fill(zh[`growth.step.${waiting.metric}` as 'growth.step.listed_products'], {
      n: waiting.threshold,
    });

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('link', { name: zh['merchant.nav.growth'] }).click();
    await page.getByRole('heading', { name: zh['growth.title'] }).waitFor();
    await page.getByRole('heading', { name: zh['growth.ladder.title'] }).waitFor();
    const balance = page.getByTestId('credit-balance');
    expect(await balance.innerText()).toBe(before.creditBalance.toLocaleString('zh-CN'));

    // 领取奖励 on the done step: the credits arrive and the step says 已领取.
    const step = page.getByRole('listitem', { name: stepName });
    await step.getByRole('button', { name: fill(zh['growth.step.claimNamed'], { step: stepName }) }).click();
    await page
      .getByRole('status')
      .getByText(fill(zh['growth.step.claimedToast'], { credits: waiting.rewardCredits }))
      .waitFor();
    await step.getByText(zh['growth.step.claimed']).waitFor();
    const claimed = before.creditBalance + waiting.rewardCredits;
    await page.getByTestId('credit-balance').getByText(claimed.toLocaleString('zh-CN')).waitFor();
    await expectCleanText(page);

    // One-click boost: a product not boosted yet, 1 hour; the confirmation names the cost and the end.
    const boostCard = page.getByRole('region', { name: zh['growth.boost.title'] });
    const picker = boostCard.getByLabel(zh['growth.boost.type.product'], { exact: true });
    const options = await picker
      .locator('option')
      .evaluateAll((els) =>
        els.map((e) => ({ value: (e as HTMLOptionElement).value, text: e.textContent ?? '' })),
      );
    const boosted = new Set(before.boosts.filter((b) => b.active).map((b) => String(b.targetId)));
    const target = options.find((o) => o.value !== '' && !boosted.has(o.value))!;
    await picker.selectOption(target.value);
    await boostCard.getByRole('button', { name: zh['growth.boost.submit'] }).click();
    const dialog = page.getByRole('dialog', {
      name: fill(zh['growth.boost.confirmTitle'], { credits: 100, title: target.text, hours: 1 }),
    });
    await dialog
      .getByText(/积分立即扣除、不能退回；助推从现在开始，到 .+（北京时间 UTC\+8） ?结束。/)
      .waitFor();
    await dialog.getByRole('button', { name: zh['growth.boost.confirm'] }).click();
    await page
      .getByRole('status')
      .getByText(/助推已开始，到 .+（北京时间 UTC\+8） ?结束/)
      .waitFor();
    await page
      .getByTestId('credit-balance')
      .getByText((claimed - 100).toLocaleString('zh-CN'))
      .waitFor();
    const row = boostCard.getByRole('row').filter({ hasText: target.text });
    await row.getByText(zh['growth.boost.active']).waitFor();
    await row.getByText(/北京时间 UTC\+8/).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await screenshot(page, 'merchant-growth');

    const after = await merchant.call<GrowthView>('GET', `/shops/${shop!.id}/growth`);
    expect(after.creditBalance).toBe(claimed - 100);
    expect(after.boosts.some((b) => String(b.targetId) === target.value && b.active)).toBe(true);
    await context.close();
  });

  it('ops see the programme versions and the 斗金 payouts', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'admin');
    const page = await newPage(context);
    await page.goto('/ops');
    await page.getByRole('link', { name: zh['ops.nav.growth'] }).click();
    await page.getByRole('heading', { name: zh['growth.ops.title'], level: 2 }).waitFor();
    await page.getByRole('heading', { name: zh['growth.ops.versions'] }).waitFor();
    await page.getByText(zh['growth.ops.programme.new_merchant']).first().waitFor();
    await page.getByText(zh['growth.ops.programme.active_seller']).first().waitFor();
    await page.getByRole('heading', { name: zh['growth.payouts.title'] }).waitFor();
    await page.getByText(zh['growth.payouts.none']).or(page.getByRole('table')).first().waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await screenshot(page, 'ops-growth');
    await context.close();
  });
});
