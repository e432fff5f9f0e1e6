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

// 薇信 is a variant spelling of 微信 and "abc12345" an id after it: screening reads 加微信 + a WeChat id,
// off-platform trade inducement of high risk, which the live-comment policy blocks (hidden).
const EVASIVE = '加我薇信 abc12345 便宜';

describe('journey 4: a viewer posts an evasive WeChat id in a live comment', () => {
  it('other viewers never see it; ops see the hidden comment with the rules and screening that hid it', async () => {
    const live = await (await fetch(`${baseUrl()}/api/v1/live/sessions?state=live&limit=10`)).json();
    const session = live.items[0] as { id: number; title: string };
    expect(session, 'a demo session is live').toBeTruthy();

    const contextA = await newContext(browser(), { lang: 'zh' });
    await signInAs(contextA, 'buyer', 'buyer45');
    const viewerA = await newPage(contextA);
    const contextB = await newContext(browser(), { lang: 'zh' });
    await signInAs(contextB, 'buyer', 'buyer46');
    const viewerB = await newPage(contextB);
    await Promise.all([viewerA.goto(`/live/${session.id}`), viewerB.goto(`/live/${session.id}`)]);
    const commentsOf = (page: typeof viewerA) => page.getByRole('list', { name: '评论' });
    await commentsOf(viewerA).waitFor();
    await commentsOf(viewerB).waitFor();

    const post = async (text: string) => {
      const answer = viewerA.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith(`/live/sessions/${session.id}/comments`),
      );
      await viewerA.getByLabel('评论内容').fill(text);
      await viewerA.getByRole('button', { name: '发送' }).click();
      return (await (await answer).json()) as { id: number; state: string };
    };

    const evasive = await post(EVASIVE);
    expect(evasive.state).toBe('hidden');
    // the author sees it, marked as held for them only
    await commentsOf(viewerA).getByText('这条评论未通过审核，仅你自己可见', { exact: false }).waitFor();
    const normal = `主播这款还有货吗 ${Date.now() % 100000}`;
    await post(normal);
    // B gets the later, normal comment pushed to the room…
    await commentsOf(viewerB).getByText(normal).waitFor();
    // …and never the evasive one
    expect(await commentsOf(viewerB).getByText('abc12345', { exact: false }).count()).toBe(0);
    expect(await viewerB.getByText(EVASIVE).count()).toBe(0);
    await expectCleanText(viewerB);
    await screenshot(viewerB, 'j4-viewer');
    // a reload (the comments API) does not bring it back either
    await viewerB.reload();
    await commentsOf(viewerB).getByText(normal).waitFor();
    expect(await commentsOf(viewerB).getByText('abc12345', { exact: false }).count()).toBe(0);
    expect(pageErrors(viewerA)).toEqual([]);
    expect(pageErrors(viewerB)).toEqual([]);
    await contextA.close();
    await contextB.close();

    const ops = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(ops, 'ops', 'reviewer');
    const page = await newPage(ops);
    await page.goto('/ops');
    await page.getByRole('navigation', { name: '运营导航' }).getByRole('link', { name: '内容审核' }).click();
    const hidden = page.getByRole('table', { name: '已自动隐藏的内容' });
    const row = hidden.getByRole('row').filter({ hasText: `直播评论 #${evasive.id}` });
    await row.waitFor();
    await row.getByText('高风险', { exact: true }).waitFor();
    await row.getByText('评论内容高风险').waitFor();
    await row.getByRole('link', { name: `直播评论 #${evasive.id}` }).click();
    await page.getByRole('heading', { name: `直播评论 #${evasive.id}` }).waitFor();
    // the comment as written, who posted it in which room, and what the screening matched in it
    const written = page.getByRole('article', { name: '原文' });
    await expect(written.locator('blockquote').innerText()).resolves.toBe(EVASIVE);
    await expect(written.locator('blockquote mark').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('abc12345')]),
    );
    const { account } = await apiLogin('buyer45');
    await expect(written.innerText()).resolves.toContain(`${account.displayName} #${account.id}`);
    await written.getByText(`直播 · ${session.title}`).waitFor();
    await written.getByText('已隐藏（仅作者可见）').waitFor();
    await written.getByText('站外交易引导', { exact: false }).first().waitFor();
    const decision = page.getByRole('article', { name: /^决策 #/ }).first();
    await decision.getByText('拦截').first().waitFor();
    await decision.getByText('命中了拦截规则：内容已被隐藏，只有作者本人能看到。').waitFor();
    await decision.getByText('评论内容高风险').waitFor();
    await decision.getByText('高风险', { exact: true }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'j4-ops-case');
    expect(pageErrors(page)).toEqual([]);
    await ops.close();
  });
});
