import { describe, expect, it } from 'vitest';
import { PAGES } from '../src/ops/access.ts';
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

describe('ops console', () => {
  it('shows each ops role only the pages its routes allow', async () => {
    const expected: [string, string[], string[]][] = [
      [
        'reviewer',
        ['商品审核', '内容审核', '评价举报', '风控策略', '直播监控'],
        ['售后仲裁', '违规申诉', '账务核对'],
      ],
      ['arbiter', ['售后仲裁', '违规申诉', '直播监控', '账务核对'], ['商品审核', '内容审核', '风控策略']],
      ['ruleadmin', ['风控策略', '平台配置'], ['商品审核', '售后仲裁', '直播监控', '账务核对']],
      [
        'admin',
        [
          '商品审核',
          '商家审核',
          '内容审核',
          '评价举报',
          '售后仲裁',
          '违规申诉',
          '风控策略',
          '直播监控',
          '平台配置',
          '账务核对',
        ],
        [],
      ],
    ];
    for (const [login, shown, hidden] of expected) {
      const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
      await signInAs(context, 'ops', login);
      const page = await newPage(context);
      await page.goto('/ops');
      const nav = page.getByRole('navigation', { name: '运营导航' });
      await nav.getByRole('link', { name: '总览' }).waitFor();
      for (const name of shown)
        expect(await nav.getByRole('link', { name }).count(), `${login}: ${name}`).toBe(1);
      for (const name of hidden)
        expect(await nav.getByRole('link', { name }).count(), `${login}: ${name}`).toBe(0);
      // the overview counts only the queues this role works on
      const tiles = page.getByRole('list', { name: '各队列的待处理数量' });
      await tiles.waitFor();
      expect(await tiles.getByRole('link', { name: /售后仲裁/ }).count()).toBe(
        login === 'arbiter' || login === 'admin' ? 1 : 0,
      );
      expect(await tiles.getByRole('link', { name: /影子运行中的策略/ }).count()).toBe(
        login === 'arbiter' ? 0 : 1,
      );
      await expectCleanText(page);
      if (login === 'admin') await screenshot(page, 'ops-overview');
      expect(pageErrors(page)).toEqual([]);
      await context.close();
    }
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`every page of the admin's navigation opens cleanly (${lang})`, async () => {
      const context = await newContext(browser(), { lang, viewport: DESKTOP });
      await signInAs(context, 'ops', 'admin');
      const page = await newPage(context);
      await page.goto('/ops');
      const nav = page.getByRole('navigation', { name: lang === 'zh' ? '运营导航' : 'Ops navigation' });
      const links = nav.getByRole('link');
      await links.first().waitFor();
      const count = await links.count();
      // The admin sees every page of the console's list (access.ts), whoever adds one.
      expect(count).toBe(PAGES.length);
      for (let i = 0; i < count; i++) {
        await links.nth(i).click();
        await page.getByRole('heading', { level: 2 }).first().waitFor();
        await page.waitForFunction(() => !document.querySelector('main .loading'));
        await expectCleanText(page);
        expect(await page.locator('main .error').count(), page.url()).toBe(0);
      }
      expect(pageErrors(page)).toEqual([]);
      await context.close();
    });
  }

  it('a page the role may not use says so instead of failing', async () => {
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(context, 'ops', 'ruleadmin');
    const page = await newPage(context);
    await page.goto('/ops/arbitrations');
    await page.getByText('Your ops roles do not include this page.').waitFor();
    await context.close();
  });

  it('signs in on the page asked for', async () => {
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    const page = await newPage(context);
    await page.goto('/ops/ledger');
    await page.getByLabel('Login').fill('arbiter');
    await page.getByLabel('Password').fill('xinren-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Ledger check' }).waitFor();
    await page.getByRole('status').getByText('Balanced').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'ops-ledger');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('reviews a listing in the queue: a rejection needs a reason, approval lists it', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'reviewer');
    const page = await newPage(context);
    await page.goto('/ops/reviews/listings');
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    const title = (await rows.first().locator('td').first().innerText()).trim();
    await rows.first().getByRole('link').click();
    const detail = page.getByRole('complementary', { name: '商品详情' });
    await detail.getByRole('heading', { name: title }).waitFor();
    expect(await detail.getByRole('button', { name: '驳回' }).isDisabled()).toBe(true);
    await expectCleanText(page);
    await screenshot(page, 'ops-listing-review');
    await detail.getByRole('button', { name: '通过' }).click();
    await detail.getByText('已上架').first().waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the platform configuration shows ¥, minutes, hours and days for every part of the rules, refuses a minimum above its maximum at the field, and keeps versions', async () => {
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    const ruleadmin = await signInAs(context, 'ops', 'ruleadmin');
    const restore = async () => {
      const current = await ruleadmin.call('GET', '/configuration/aftersales');
      if (current.policy.lateShipment.minFen !== 500)
        await ruleadmin.call('POST', '/ops/configuration/aftersales', {
          changes: { lateShipment: { minFen: 500 } },
          note: 'e2e: the demo value again',
        });
    };
    await restore();
    const page = await newPage(context);
    await page.goto('/ops/configuration');
    const min = page.getByLabel('Late shipment minimum (¥)');
    expect(await min.inputValue()).toBe('5.00');
    expect(await page.getByLabel('Merchant answers a request (hours)').inputValue()).toBe('48');
    // every part of the product rules has its numbers here: §2, §3 and §6 too
    expect(await page.getByLabel('Unpaid order cancelled after (minutes)').inputValue()).toBe('15');
    expect(await page.getByLabel('Probation listings (high risk) (items)').inputValue()).toBe('10');
    expect(await page.getByLabel('Appeal within (days)').inputValue()).toBe('7');
    expect(await page.getByLabel('Restriction 1: points (points)').inputValue()).toBe('12');
    await min.fill('999');
    await page.getByLabel('Why it changes').fill('e2e: a minimum above the maximum');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    const field = page.locator('.field', { has: page.getByLabel('Late shipment minimum (¥)') });
    // the server's reason in words, without its field code (maxFen)
    await field.getByRole('alert').getByText('must not exceed the maximum').waitFor();
    await field.scrollIntoViewIfNeeded();
    await screenshot(page, 'ops-configuration-error');
    const yuan = (600 + (Date.now() % 90)) / 100;
    await min.fill(String(yuan));
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page
      .getByRole('status')
      .getByText(/Saved: version \d+ is in force now/)
      .waitFor();
    await page.getByRole('cell', { name: `Late shipment minimum: 5.00 → ${yuan.toFixed(2)} ¥` }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'ops-configuration');
    await restore();
    expect(pageErrors(page)).toEqual([]);
    await context.close();

    // the same page in Chinese: every part named in Chinese, no field code left
    const zh = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(zh, 'ops', 'ruleadmin');
    const zhPage = await newPage(zh);
    await zhPage.goto('/ops/configuration');
    expect(await zhPage.getByLabel('申诉期限 (天)').inputValue()).toBe('7');
    expect(await zhPage.getByLabel('未付款自动取消 (分钟)').inputValue()).toBe('15');
    await zhPage.getByRole('group', { name: '违规处置与申诉（§6）' }).waitFor();
    await expectCleanText(zhPage);
    expect(pageErrors(zhPage)).toEqual([]);
    await zh.close();
  });

  it('the policy editor names each invalid field, then a draft is backtested', async () => {
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(context, 'ops', 'ruleadmin');
    const page = await newPage(context);
    await page.goto('/ops/policies?checkpoint=live_comment');
    await page.getByRole('link', { name: 'Version 1' }).waitFor();
    await page.getByRole('button', { name: 'New version' }).click();
    const rule1 = page.getByRole('group', { name: 'Rule 1' });
    await rule1.getByLabel('Rule id').fill('Bad Id!');
    await rule1
      .getByLabel('Condition (JSON)')
      .fill('{ "feature": "no_such_feature", "op": "==", "value": 1 }');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await rule1.getByText(/must be 1–64 characters/).waitFor();
    await rule1
      .getByText(/is not a feature of this checkpoint/)
      .first()
      .waitFor();
    await expectCleanText(page);
    await rule1.scrollIntoViewIfNeeded();
    await screenshot(page, 'ops-policy-errors');
    await rule1.getByLabel('Rule id').fill('screening-high');
    await rule1
      .getByLabel('Condition (JSON)')
      .fill('{ "feature": "screening_risk", "op": "in", "value": ["high", "low"] }');
    await page.getByLabel('Note').fill('e2e: low risk too');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByText('Draft', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Run the backtest' }).click();
    await page.getByRole('table', { name: 'Before and after' }).waitFor();
    await page.getByRole('heading', { name: 'Backtest' }).scrollIntoViewIfNeeded();
    // (the rules table shows velocity features such as buyer.comments_1h, which look like message keys)
    await screenshot(page, 'ops-policy-backtest');
    await page.getByRole('button', { name: 'Start shadow run' }).click();
    await page.getByRole('heading', { name: 'Shadow results' }).waitFor();
    await page.getByRole('button', { name: 'Stop shadow run' }).click();
    await page.getByText('Retired', { exact: true }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the live monitor lists rooms on air; an emergency stop needs a reason and ends the room', async () => {
    // a room of its own (the demo rooms stay on air for the other journeys)
    const creator = await apiLogin('creator9');
    const title = `e2e 深夜好物 ${Date.now() % 100000}`;
    const scheduled = await creator.call('POST', '/live/sessions', {
      title,
      scheduledAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await creator.call('POST', `/live/sessions/${scheduled.id}/start`, {});

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'reviewer');
    const page = await newPage(context);
    await page.goto('/ops/live');
    const row = page.getByRole('row').filter({ hasText: title });
    await row.getByRole('button', { name: '紧急关播…' }).click();
    const form = page.getByRole('form', { name: `关停直播「${title}」` });
    expect(await form.getByRole('button', { name: '紧急关播' }).isDisabled()).toBe(true);
    await form.getByLabel('原因').fill('e2e：主播展示违禁品');
    await screenshot(page, 'ops-live-monitor');
    await form.getByRole('button', { name: '紧急关播' }).click();
    await row.waitFor({ state: 'detached' });
    await expectCleanText(page);
    const after = await (await fetch(`${baseUrl()}/api/v1/live/sessions/${scheduled.id}`)).json();
    expect(after.session?.state ?? after.state).toBe('terminated');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
