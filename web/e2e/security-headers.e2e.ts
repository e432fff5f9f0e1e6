import { describe, expect, it } from 'vitest';
import { baseUrl, browserForFile, DESKTOP, newContext, newPage, pageErrors } from './support.ts';

const browser = browserForFile();

describe('the pages under the platform’s Content Security Policy', () => {
  it('draws the API reference (/docs) with nothing refused', async () => {
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    const page = await newPage(context);
    const res = await page.goto('/docs');
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    // swagger-ui's bundle and the whole document are large: on a busy machine they take a while
    await page.getByRole('heading', { name: /Xinren API/ }).waitFor({ timeout: 60_000 });
    // the operations of the document, drawn by swagger-ui's scripts, with their styles applied
    await page.locator('.opblock').first().waitFor();
    await expect
      .poll(() =>
        page
          .locator('.opblock')
          .first()
          .evaluate((el) => getComputedStyle(el).borderRadius),
      )
      .not.toBe('0px');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('lets no other site frame a console', async () => {
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('frame-ancestors')) refused.push(m.text());
    });
    // a page of another origin (about:blank with its own markup) that frames the ops console
    await page.setContent(`<iframe id="f" src="${baseUrl()}/ops" width="800" height="600"></iframe>`);
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const framedText = frame
      ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '')
      : '';
    expect(framedText).not.toContain('Ops');
    await context.close();
  });
});
