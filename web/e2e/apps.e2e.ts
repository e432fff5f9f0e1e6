import { describe, expect, it } from 'vitest';
import { browserForFile, DESKTOP, expectCleanText, newContext, newPage, pageErrors } from './support.ts';

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
      await page.goto(path);
      await page.getByRole('heading', { name: zh }).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      await page.getByLabel('语言').selectOption('en');
      await page.getByRole('heading', { name: en }).first().waitFor();
      await expectCleanText(page);
      expect(pageErrors(page)).toEqual([]);
      await context.close();
    });
  }
});
