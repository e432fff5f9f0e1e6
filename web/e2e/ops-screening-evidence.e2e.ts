import { describe, expect, it } from 'vitest';
import {
  apiLogin,
  baseUrl,
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

describe('ops read why a text was held (issue 17)', () => {
  it('a hidden live comment shows the lexicon entries and the model scores that fired at the time', async () => {
    // An evasive contact with no contact word: the penguin emoji stands for QQ.
    const live = await (await fetch(`${baseUrl()}/api/v1/live/sessions?state=live`)).json();
    const viewer = await apiLogin('buyer48');
    const text = `有需要的🐧 2345 67${String(Date.now() % 100).padStart(2, '0')}`;
    const comment = await viewer.call('POST', `/live/sessions/${live.items[0].id}/comments`, { text });
    expect(comment.state).not.toBe('visible');

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'reviewer');
    const page = await newPage(context);
    await page.goto(`/ops/reviews/content/live_comment/${comment.id}`);
    const evidence = page.getByRole('region', { name: '判定时的检测结果' });
    await evidence.waitFor();
    const kept = evidence.getByRole('article', { name: /^判定 #\d+ · / });
    await kept.first().waitFor();
    const finding = kept.first();
    // the surface, the versions and the verdict
    await finding.getByText('直播评论', { exact: true }).waitFor();
    await finding.getByText(/词库第 \d+ 版/).waitFor();
    await finding.getByText('站外交易引导', { exact: false }).first().waitFor();
    // the lexicon entry, its place in the text marked, counted
    const hits = finding.getByRole('table', { name: '命中的词库条目' });
    const qq = hits.getByRole('row').filter({ hasText: '内置规则：QQ 号' });
    await qq.waitFor();
    await qq.getByText('计入', { exact: true }).waitFor();
    expect(await qq.locator('mark').innerText()).toContain('🐧');
    // the model: the category with its score and the surface's thresholds
    const model = finding.getByRole('table', { name: '模型判断' });
    await model.getByRole('columnheader', { name: '标记阈值' }).waitFor();
    const offPlatform = model.getByRole('row').filter({ hasText: '站外交易引导' });
    await offPlatform.waitFor();
    const cells = await offPlatform.getByRole('cell').allInnerTexts();
    const [score, flagAt] = [Number(cells[1]), Number(cells[2])];
    expect(score).toBeGreaterThanOrEqual(flagAt);
    await offPlatform.getByText(/达到(标记|拦截)阈值/).waitFor();
    // today's lexicon says the same: no second screening shown
    await finding.getByText('用今天的词库和模型重新检测，结论与判定时相同。').waitFor();
    expect(await evidence.getByRole('article', { name: '今日词库重新检测' }).count()).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'ops-screening-evidence');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('试一试 screens a text for the surface chosen: an honest opinion counts in a listing, not in a review', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'ruleadmin');
    const page = await newPage(context);
    await page.goto('/ops/lexicon');
    const tryIt = page.getByRole('form', { name: '试一试' });
    await tryIt.getByLabel('输入一段文字，看现行词库命中什么').fill('今年买过最好的东西，质量没得说');
    await tryIt.getByLabel('场景').selectOption({ label: '商品评价' });
    await tryIt.getByRole('button', { name: '检测' }).click();
    const result = page.getByRole('article', { name: '试一试' });
    const hit = result.getByRole('table', { name: '命中的词库条目' }).getByRole('row').filter({
      hasText: '极限用语',
    });
    await hit.getByText('不计入：不适用于此场景').waitFor();
    await result.getByText('商品评价', { exact: true }).waitFor();
    await result.getByText(/词库：无风险/).waitFor();

    await tryIt.getByLabel('场景').selectOption({ label: '商品文案' });
    await tryIt.getByRole('button', { name: '检测' }).click();
    await result.getByText('商品文案', { exact: true }).waitFor();
    await hit.getByText('计入', { exact: true }).waitFor();
    const model = result.getByRole('table', { name: '模型判断' });
    await model.getByRole('row').filter({ hasText: '极限用语' }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'ops-lexicon-try-surface');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
