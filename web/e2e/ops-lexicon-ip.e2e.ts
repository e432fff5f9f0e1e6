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

describe('ops screens for what was only in the API', () => {
  it('a rule admin adds a lexicon entry (a new version, in force at once), tries it, and removes it after confirming', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'ruleadmin');
    const page = await newPage(context);
    await page.goto('/ops/lexicon');
    const status = page.getByRole('status').filter({ hasText: '现行词库：第' });
    await status.waitFor();
    const before = Number((await status.innerText()).match(/第 (\d+) 版/)![1]);

    const term = `私下走账${Date.now() % 100000}`;
    const add = page.getByRole('form', { name: '添加词条' });
    await add.getByLabel('词条').fill(term);
    await add.getByLabel('类别').selectOption({ label: '站外交易引导' });
    await add.getByLabel('严重程度').selectOption({ label: '高（直接拦截）' });
    await add.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText(`已保存：第 ${before + 1} 版已生效`).waitFor();
    await status.filter({ hasText: `第 ${before + 1} 版` }).waitFor();

    // The new entry is in the list, with the version that added it.
    await page.getByRole('searchbox', { name: '搜索词条' }).fill(term);
    const row = page.getByRole('row').filter({ has: page.locator('code', { hasText: term }) });
    await row.getByText(`v${before + 1}`, { exact: false }).waitFor();
    await row.getByText('运营添加', { exact: false }).waitFor();

    // The lexicon in force finds it in a text at once.
    const tryIt = page.getByRole('form', { name: '试一试' });
    await tryIt.getByLabel('输入一段文字，看现行词库命中什么').fill(`老铁们，${term}更便宜`);
    await tryIt.getByRole('button', { name: '检测' }).click();
    await page.locator('.o-quote mark', { hasText: term }).waitFor();
    await page.getByText(`第 ${before + 1} 版词库：高风险`).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'ops-lexicon');

    // Removing asks first, naming what changes.
    await row.getByRole('button', { name: `删除 ${term}` }).click();
    const dialog = page.getByRole('dialog', { name: `删除词条“${term}”？` });
    await dialog.getByText('保存为新版本并立即生效', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: '删除' }).click();
    await page.getByText(`已删除“${term}”：第 ${before + 2} 版已生效`).waitFor();
    await row.waitFor({ state: 'detached' });
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the IP complaint queue shows a new complaint with its wait, and a reviewer rejects it with a note', async () => {
    // A buyer account becomes a rights holder and complains about one of merchant1's listed products.
    const holder = await apiLogin('buyer45');
    const profile = await holder
      .call('POST', '/ip/rights-holders', { name: '某品牌维权代理', contact: 'ip@example.com' })
      .catch(() => holder.call('GET', '/me/ip/rights-holder'));
    expect(profile.name ?? profile.holder?.name).toBeTruthy();
    const merchant = await apiLogin('merchant1');
    const shops = await merchant.call('GET', '/me/shops');
    const shopId: number = (shops.items ?? shops)[0].id;
    const listed = await merchant.call('GET', `/shops/${shopId}/products?state=listed&limit=50`);
    const text = `该商品使用了我方注册商标的包装图案 ${Date.now() % 100000}`;
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const uploaded = await fetch(`${baseUrl()}/api/v1/evidence-files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${holder.token}`, 'content-type': 'image/png' },
      body: png,
    });
    expect(uploaded.ok).toBe(true);
    const evidence = (await uploaded.json()) as { id: number };
    // The first listed product this holder has no open complaint on.
    let product: { id: number; title: string } | undefined;
    let complaint: { id: number; state: string } | undefined;
    for (const candidate of listed.items as { id: number; title: string }[]) {
      complaint = await holder
        .call('POST', '/ip/complaints', {
          productId: candidate.id,
          reason: 'trademark',
          text,
          evidenceFileIds: [evidence.id],
        })
        .catch(() => undefined);
      if (complaint) {
        product = candidate;
        break;
      }
    }
    if (!complaint || !product) throw new Error('no product to complain about');
    expect(complaint.state).toBe('ops_review');

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'reviewer');
    const page = await newPage(context);
    await page.goto('/ops/ip');
    const link = page.getByRole('link', { name: `投诉 #${complaint.id}`, exact: true });
    await link.click();
    const detail = page.getByRole('complementary', { name: `投诉 #${complaint.id}` });
    await detail.getByText(text).waitFor();
    await detail.getByText('待审核', { exact: true }).waitFor();
    await detail.getByText('商标侵权', { exact: false }).first().waitFor();
    await detail.getByRole('link', { name: product.title }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'ops-ip-complaint');

    await detail.getByRole('textbox', { name: '裁定说明' }).fill('包装图案为通用设计，不构成商标侵权');
    await detail.getByRole('button', { name: '驳回投诉' }).click();
    await page.getByText(`投诉 #${complaint.id} 已处理：已驳回`).waitFor();
    await detail.getByText('包装图案为通用设计，不构成商标侵权').waitFor();
    // Decided: it leaves the queue.
    await link.waitFor({ state: 'detached' });
    const after = await holder.call('GET', `/ip/complaints/${complaint.id}`);
    expect(after.state).toBe('rejected');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
