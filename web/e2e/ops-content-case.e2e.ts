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

describe('a live comment the policy holds for review opens a case', () => {
  it('a reviewer finds it in the content queue, takes it and resolves it with a note', async () => {
    // A rule admin's policy version sends low-risk comments to review (the demo policy lets them through).
    const ruleadmin = await apiLogin('ruleadmin');
    const policies = await ruleadmin.call('GET', '/ops/trust/policies?checkpoint=live_comment');
    const active = policies.items.find((p: { status: string }) => p.status === 'active');
    const rules = active.rules.map((r: { id: string }) =>
      r.id === 'screening-medium' ? { ...r, when: { feature: 'screening_risk', op: '==', value: 'low' } } : r,
    );
    const draft = await ruleadmin.call('POST', '/ops/trust/policies', {
      checkpoint: 'live_comment',
      rules,
      note: 'e2e: low-risk comments to review',
    });
    await ruleadmin.call('POST', `/ops/trust/policies/${draft.id}/activate`);
    let commentId: number;
    try {
      const live = await (await fetch(`${baseUrl()}/api/v1/live/sessions?state=live`)).json();
      const viewer = await apiLogin('buyer48');
      const comment = await viewer.call('POST', `/live/sessions/${live.items[0].id}/comments`, {
        // a weak cue alone (low risk): the demo policy lets it through, this version holds it
        text: '这个颜色好看，私聊问问尺码',
      });
      expect(comment.state).toBe('hidden');
      commentId = comment.id;
    } finally {
      await ruleadmin.call('POST', `/ops/trust/policies/${active.id}/activate`);
    }

    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(context, 'ops', 'reviewer');
    const page = await newPage(context);
    await page.goto('/ops/reviews/content');
    const row = page
      .getByRole('row')
      .filter({ hasText: `Live comment #${commentId}` })
      .filter({ hasText: 'Open' });
    await row.getByText('Comment needs review').waitFor();
    await row.getByRole('link', { name: /Case #\d+/ }).click();
    await page.getByRole('heading', { name: /Case #\d+/ }).waitFor();
    await page.getByText('A rule asked for a review: the content is held back until ops decide.').waitFor();
    await page.getByText('Low', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByText('Me', { exact: true }).waitFor();
    // a resolution needs a note
    expect(await page.getByRole('button', { name: 'Mark legitimate' }).isDisabled()).toBe(true);
    await page.getByLabel('Note').fill('Asking to chat privately about sizes, no contact details');
    await expectCleanText(page);
    await screenshot(page, 'ops-case-detail');
    await page.getByRole('button', { name: 'Mark legitimate' }).click();
    await page.getByText('This case is resolved.').waitFor();
    // the case's resolution (a hits table, when shown, says Legitimate per hit too)
    await page.locator('dd', { hasText: /^Legitimate/ }).waitFor();
    await page.getByText('Asking to chat privately about sizes, no contact details').waitFor();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
