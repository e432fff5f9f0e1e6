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

describe('appeals', () => {
  it('an arbiter reads the violation and the appeal, and upholding it needs a reason', async () => {
    // A reviewer records a violation of merchant1's shop; the merchant appeals with evidence.
    const merchant = await apiLogin('merchant1');
    const shops = await merchant.call('GET', '/me/shops');
    const shopId: number = (shops.items ?? shops)[0].id;
    const products = await merchant.call('GET', `/shops/${shopId}/products?limit=1`);
    const productId: number = products.items[0].id;
    const reviewer = await apiLogin('reviewer');
    const violation = await reviewer.call('POST', '/ops/violations', {
      shopId,
      code: 'false_advertising',
      subject: { type: 'product', id: productId },
      evidence: { text: '商品详情宣称"七天美白"' },
    });
    const appealText = `我们已删除相关话术，并附上整改记录 ${Date.now() % 100000}`;
    const appeal = await merchant.call('POST', `/shops/${shopId}/violations/${violation.id}/appeals`, {
      text: appealText,
    });

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'arbiter');
    const page = await newPage(context);
    await page.goto('/ops/appeals');
    const card = page.getByRole('article', { name: `申诉 #${appeal.id}` });
    await card.getByText(appealText).waitFor();
    await card.getByText('商品详情宣称"七天美白"').waitFor();
    await card.getByText('一般违规', { exact: false }).waitFor();
    expect(await card.getByRole('button', { name: '申诉成立（撤销处罚）' }).isDisabled()).toBe(true);
    await card.getByLabel('原因').fill('整改记录属实，宣传语已下线');
    await expectCleanText(page);
    await screenshot(page, 'ops-appeals');
    await card.getByRole('button', { name: '申诉成立（撤销处罚）' }).click();
    // Upholding reverses the penalties: confirmed first, naming what happens (defect 3).
    const dialog = page.getByRole('dialog', { name: '支持申诉并撤销全部处罚？' });
    await dialog.getByText('该违规的所有处罚立即撤销', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: '支持申诉' }).click();
    // decided appeals leave the pending queue
    await card.waitFor({ state: 'detached' });
    await page.getByLabel('状态').selectOption('upheld');
    await page
      .getByRole('article', { name: `申诉 #${appeal.id}` })
      .getByText('整改记录属实，宣传语已下线')
      .waitFor();
    const after = await reviewer.call('GET', `/ops/violations/${violation.id}`);
    expect(after.state).toBe('reversed');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
