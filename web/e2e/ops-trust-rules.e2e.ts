import { describe, expect, it } from 'vitest';
import {
  apiLogin,
  browserForFile,
  DESKTOP,
  expectCleanText,
  newContext,
  newPage,
  openUnverifiedShop,
  pageErrors,
  post,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();

describe('trust rules (product rules §6.2)', () => {
  it('the policy editor refuses a rule comparing a feature to a value it cannot take, in Chinese', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'ruleadmin');
    const page = await newPage(context);
    await page.goto('/ops/policies?checkpoint=live_comment');
    await page.getByRole('link', { name: '版本 1' }).waitFor();
    await page.getByRole('button', { name: '新建版本' }).click();
    const rule1 = page.getByRole('group', { name: '规则 1' });
    await rule1
      .getByLabel('条件（JSON）')
      .fill(
        '{ "all": [{ "feature": "buyer.comments_1h", "op": ">", "value": 3 }, { "feature": "screening_risk", "op": "==", "value": "严重" }] }',
      );
    await page.getByRole('button', { name: '保存草稿' }).click();
    const refusal = rule1.getByText(
      '"严重" 不是文本风险等级能取到的值，这样的规则永远不会按预期触发（可取值：无、低、中、高）',
    );
    await refusal.waitFor();
    // the path names the comparison inside the condition
    await rule1.getByText('rules[0].when.all[1].value').waitFor();
    await expectCleanText(page);
    await refusal.scrollIntoViewIfNeeded();
    await screenshot(page, 'ops-policy-domain-refusal');
    // nothing was stored: the checkpoint still has its one version
    const admin = await apiLogin('ruleadmin');
    const versions = await admin.call<{ items: unknown[] }>(
      'GET',
      '/ops/trust/policies?checkpoint=live_comment',
    );
    expect(versions.items.length).toBeGreaterThanOrEqual(1);
    expect((versions.items as { note: string | null }[]).every((p) => !p.note?.includes('严重'))).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a rule sending too much to review is flagged next to it; the case shows its hit count and hits', async () => {
    // a new merchant without identity documents: onboarding sends the shop to review (unverified-identity)
    const { account, shop } = await openUnverifiedShop('e2e-share-', '新店主小吴', '小吴杂货铺');
    expect(shop.onboarding.outcome).toBe('review');
    // a second shop of the same unverified merchant joins the same case (same rule, same subject)
    const second = await post(
      '/shops',
      { name: `小吴二店${Date.now() % 10000}`, type: 'individual', mainCategoryId: 2 },
      account.token,
    );
    expect(second.onboarding).toMatchObject({ outcome: 'review', caseId: shop.onboarding.caseId });

    // ops make the alert sensitive enough for a demo's handful of decisions, and put it back after
    const admin = await apiLogin('admin');
    const before = (await admin.call('GET', '/configuration')).config.risk.reviewShareAlert;
    await admin.call('POST', '/ops/configuration', {
      changes: { risk: { reviewShareAlert: { shareBp: 1, minDecisions: 1 } } },
      note: '演示：送审比例告警阈值调低',
    });
    try {
      const active = await admin.call<{ items: { id: number }[] }>(
        'GET',
        '/ops/trust/policies?checkpoint=merchant_onboarding&status=active',
      );
      const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
      await signInAs(context, 'ops', 'admin');
      const page = await newPage(context);
      await page.goto(`/ops/policies/${active.items[0]!.id}`);
      const row = page.getByRole('row').filter({ hasText: '身份或营业执照未核验' });
      const flag = row.getByText(/^送审比例过高：本规则近24小时使 \d+% 的决策进入人工复核$/);
      await flag.waitFor();
      // a rule that sent nothing to review is not flagged
      const quiet = page.getByRole('row').filter({ hasText: '关联黑名单主体，禁止入驻' });
      await quiet.getByText(/^0\.0% \(0\/\d+\)$/).waitFor();
      await page.getByText(/近 24 小时本检查点共 \d+ 次决策/).waitFor();
      await flag.scrollIntoViewIfNeeded();
      await screenshot(page, 'ops-policy-review-share');

      // the merchant queue lists the case with its hit count
      await page.goto('/ops/reviews/merchants');
      const listed = page.getByRole('row').filter({
        has: page.getByRole('link', { name: `案件 #${shop.onboarding.caseId}`, exact: true }),
      });
      await listed.getByRole('cell', { name: /^2 · 最近命中/ }).waitFor();

      await page.goto(`/ops/cases/${shop.onboarding.caseId}`);
      const hits = page.getByRole('region', { name: '命中记录' });
      await hits.waitFor();
      await page.getByText('unverified-identity').waitFor();
      expect(await hits.getByRole('row').count()).toBe(3);
      expect(await hits.getByRole('cell', { name: `用户 #${account.account.id}` }).count()).toBe(2);
      expect(await hits.getByRole('cell', { name: '待处理' }).count()).toBe(2);
      await expectCleanText(page);
      await screenshot(page, 'ops-case-hits');
      expect(pageErrors(page)).toEqual([]);
      await context.close();
    } finally {
      await admin.call('POST', '/ops/configuration', {
        changes: { risk: { reviewShareAlert: before } },
        note: '恢复送审比例告警阈值',
      });
    }
  });
});
