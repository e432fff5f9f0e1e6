import { describe, expect, it } from 'vitest';
import { serviceMessages } from '../src/i18n/service.ts';
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
const zh = serviceMessages.zh;
// 鲜丰果园: the demo's customer service (settings, keyword replies, a week of sessions).
const MERCHANT = 'merchant1';

interface Metrics {
  total: { responseRate3mBp: number | null; sessions: number };
  agents: { name: string }[];
}

describe('customer service settings and metrics (客服设置, 客服数据; product rules §8.3)', () => {
  it('the owner reads the settings, adds, edits and deletes a keyword reply, and saves the off-hours reply', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: zh['merchant.nav.serviceSettings'], exact: true })
      .click();
    await page.waitForURL(/\/merchant\/service\/settings$/);
    await page.getByRole('heading', { name: zh['service.settings.title'] }).waitFor();
    await expect
      .poll(() => page.getByLabel(zh['service.settings.welcome']).inputValue())
      .toContain('鲜丰果园');
    await page.getByRole('cell', { name: '包邮、运费' }).waitFor();

    // A keyword reply: added, edited, deleted after a confirmation naming what stops.
    const keyword = `礼盒${Date.now() % 100000}`;
    const form = page.getByRole('form', { name: zh['service.keywords.addTitle'] });
    await form.getByLabel(zh['service.keywords.keywords']).fill(`${keyword}、送礼`);
    await form.getByLabel(zh['service.keywords.answer']).fill('礼盒装另配手提袋，可代写贺卡。');
    await form.getByRole('button', { name: zh['service.keywords.add'] }).click();
    await page.getByText(zh['service.keywords.saved']).first().waitFor();
    const row = page.getByRole('row').filter({ hasText: keyword });
    await row.waitFor();
    await row.getByRole('button', { name: zh['service.keywords.edit'] }).click();
    const edit = page.getByRole('form', { name: zh['service.keywords.editTitle'] });
    await edit.getByLabel(zh['service.keywords.answer']).fill('礼盒装另配手提袋。');
    await edit.getByRole('button', { name: zh['service.keywords.update'] }).click();
    await page.getByRole('row').filter({ hasText: '礼盒装另配手提袋。' }).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: keyword })
      .getByRole('button', { name: zh['service.keywords.delete'] })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText(fill(zh['service.keywords.deleteBody'], { keywords: `${keyword}、送礼` }))
      .waitFor();
    await dialog.getByRole('button', { name: zh['service.keywords.delete'] }).click();
    await page.getByText(zh['service.keywords.deleted']).first().waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: keyword }).count()).toBe(0);

    // The off-hours reply, saved with the rest of the settings (the hours and the bot as they were).
    const offHours = page.getByLabel(zh['service.settings.offHours']);
    await offHours.fill('客服已下班（服务时间 09:00–22:00），留言后我们上班第一时间回复您。');
    await page.getByRole('button', { name: zh['service.settings.save'] }).click();
    await page.getByText(zh['service.settings.saved']).first().waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-service-settings');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the metrics: the week against the targets, per day in charts and per agent', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const metrics = await merchant.call<Metrics>('GET', `/shops/${shop!.id}/chat/metrics`);
    expect(metrics.total.sessions).toBeGreaterThan(0);

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: zh['merchant.nav.serviceMetrics'], exact: true })
      .click();
    await page.waitForURL(/\/merchant\/service\/metrics$/);
    await page.getByRole('heading', { name: zh['service.metrics.title'] }).waitFor();
    // The figure as the page shows it: a waiting buyer may pass the 3 minutes between two reads.
    const percent = (m: Metrics) =>
      m.total.responseRate3mBp === null ? '—' : `${Number((m.total.responseRate3mBp / 100).toFixed(1))}%`;
    const shown = page.getByTestId('svc-rate');
    await shown.getByText(/%|—/).waitFor();
    const after = await merchant.call<Metrics>('GET', `/shops/${shop!.id}/chat/metrics`);
    expect([percent(metrics), percent(after)]).toContain(await shown.textContent());
    await page.getByText(fill(zh['service.metrics.target'], { v: '85%' })).waitFor();
    await page.getByRole('img', { name: zh['service.metrics.ratesChart'] }).waitFor();
    await page.getByRole('img', { name: zh['service.metrics.timesChart'] }).waitFor();
    const agents = page.getByRole('region', { name: zh['service.metrics.byAgent'] });
    for (const agent of metrics.agents) await agents.getByRole('rowheader', { name: agent.name }).waitFor();
    await expect.poll(() => page.locator('.skeleton').count()).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'merchant-service-metrics');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('ops read the platform’s metrics with the shops side by side', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'admin');
    const page = await newPage(context);
    await page.goto('/ops');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: zh['ops.nav.chatMetrics'], exact: true })
      .click();
    await page.waitForURL(/\/ops\/chat-metrics$/);
    await page.getByRole('heading', { name: zh['ops.chatMetrics.title'] }).waitFor();
    await page.getByTestId('svc-rate').getByText(/%|—/).waitFor();
    await page.getByRole('img', { name: zh['service.metrics.ratesChart'] }).waitFor();
    const shops = page.getByRole('region', { name: zh['ops.chatMetrics.byShop'] });
    await shops.getByRole('rowheader', { name: '鲜丰果园' }).waitFor();
    await expect.poll(() => page.locator('.skeleton').count()).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'ops-chat-metrics');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('in English: both pages in English words only', async () => {
    const en = serviceMessages.en;
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant/service/settings');
    await page.getByRole('heading', { name: en['service.settings.title'] }).waitFor();
    await page.getByRole('heading', { name: en['service.keywords.title'] }).waitFor();
    await expect.poll(() => page.locator('.skeleton').count()).toBe(0);
    await expectCleanText(page);
    await page.goto('/merchant/service/metrics');
    await page.getByRole('heading', { name: en['service.metrics.title'] }).waitFor();
    await page.getByRole('img', { name: en['service.metrics.timesChart'] }).waitFor();
    await expect.poll(() => page.locator('.skeleton').count()).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'merchant-service-metrics-en');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
