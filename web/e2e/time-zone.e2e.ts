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
const MERCHANT = 'merchant22';

/** Tomorrow's date on the platform calendar (Asia/Shanghai), as "2026-12-07". */
function tomorrowInChina(): string {
  return new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

describe('one platform time zone, whatever the browser’s', () => {
  it('a host in New York schedules a live session at 20:00: it is 20:00 China time, stored and shown so', async () => {
    const merchant = await apiLogin(MERCHANT);
    const context = await newContext(browser(), {
      lang: 'zh',
      viewport: DESKTOP,
      timeZone: 'America/New_York',
    });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant/live');
    await page.getByRole('heading', { name: '直播管理' }).waitFor();

    // The time input says which zone it is read in.
    const when = page.getByLabel('开播时间（北京时间 UTC+8）');
    const day = tomorrowInChina();
    const title = `晚八点上新 ${Date.now() % 10000}`;
    await page.getByLabel('直播标题').fill(title);
    await when.fill(`${day}T20:00`);
    await page.getByRole('button', { name: '预约直播' }).click();
    const card = page.getByRole('article', { name: title });
    await card.getByText('已预约').waitFor();

    // Stored as 20:00 in Beijing (12:00 UTC), not 20:00 in New York (01:00 UTC the next day).
    const sessions = await merchant.call<{ items: { title: string; scheduledAt: string }[] }>(
      'GET',
      '/me/live/sessions',
    );
    const stored = sessions.items.find((s) => s.title === title);
    expect(new Date(stored!.scheduledAt).toISOString()).toBe(`${day}T12:00:00.000Z`);

    // Shown as 20:00 with its zone.
    const shown = await card.locator('time').first().innerText();
    expect(shown).toContain('20:00');
    expect(shown).toContain('北京时间 UTC+8');
    await expectCleanText(page);
    await screenshot(page, 'time-zone-live-schedule');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('an English reader sees the zone named too', async () => {
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP, timeZone: 'UTC' });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant/live');
    await page.getByLabel(/\(Beijing time, UTC\+8\)$/).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('the page frame', () => {
  it('has an icon (no 404 on any page) and one 登录 heading on the sign-in page', async () => {
    const icon = await fetch(`${baseUrl()}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    const context = await newContext(browser(), { lang: 'zh' });
    const page = await newPage(context);
    await page.goto('/login');
    await page.getByLabel('账号').waitFor();
    expect(await page.getByRole('heading', { name: '登录', exact: true }).count()).toBe(1);
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
