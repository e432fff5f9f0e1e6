import { describe, expect, it } from 'vitest';
import {
  baseUrl,
  browserForFile,
  DESKTOP,
  expectCleanText,
  newContext,
  newPage,
  pageErrors,
} from './support.ts';

const browser = browserForFile();

describe('the three apps are served by the server', () => {
  for (const [path, zh, en] of [
    ['/', '信任直播购物', 'Xinren live shopping'],
    ['/merchant', '商家后台', 'Merchant console'],
    ['/ops', '平台运营', 'Ops console'],
  ] as const) {
    it(`${path} opens in the browser's language and switches language`, async () => {
      const context = await newContext(browser(), {
        lang: 'zh',
        viewport: path === '/' ? undefined : DESKTOP,
      });
      const page = await newPage(context);
      // everything the page loads comes from the server itself: no CDN, no external font
      const origins = new Set<string>();
      page.on('request', (r) => {
        if (/^https?:/.test(r.url())) origins.add(new URL(r.url()).origin);
      });
      await page.goto(path);
      await page.getByRole('heading', { name: zh }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect([...origins]).toEqual([new URL(baseUrl()).origin]);
      const fonts = await page.evaluate(() => [...document.fonts].map((f) => f.family));
      expect(fonts, 'no web font is loaded').toEqual([]);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await page.getByLabel('语言').selectOption('en');
      await page.getByRole('heading', { name: en }).first().waitFor();
      await expectCleanText(page);
      expect(pageErrors(page)).toEqual([]);
      await context.close();
    });
  }
});

describe('keyboard use', () => {
  it('the buyer app: a visible skip link first, a visible focus ring, a search done with keys only', async () => {
    const context = await newContext(browser(), { lang: 'en' });
    const page = await newPage(context);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Live now' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.width > 0, 'the skip link shows when focused').toBe(true);
    const ring = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(ring).not.toBe('none');

    // past the header (brand, cart, language) to the search box, then type and submit with Enter
    const search = page.getByRole('searchbox', { name: 'Search products' });
    for (let i = 0; i < 8 && !(await search.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(search.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('脐橙');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.getByRole('link', { name: /脐橙/ }).first().waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
