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
const MERCHANT = 'merchant16'; // 杭派女装工作室: no live session of its own in the demo data

/** `datetime-local` text for a moment, in the browser's time zone (the contexts run in Asia/Shanghai). */
function localInput(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).replace(' ', 'T').slice(0, 16);
}

describe('merchant live sessions and governance', () => {
  it('schedules and pins, reads the pre-live reminder of a minor violation, goes live, ends, and appeals', async () => {
    const merchant = await apiLogin(MERCHANT);
    const admin = await apiLogin('admin');
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);

    // Schedule a session for an hour from now and pin a listed product.
    await page.goto('/merchant/live');
    await page.getByRole('heading', { name: '直播管理' }).waitFor();
    const title = `秋冬新款上新专场 ${Date.now() % 10000}`;
    await page.getByLabel('直播标题').fill(title);
    await page.getByLabel('开播时间').fill(localInput(new Date(Date.now() + 3600_000)));
    // A stream address that is not a web address: refused at the field, in Chinese; nothing scheduled.
    const stream = page.getByLabel('直播流地址（HLS，可选）');
    await stream.fill('rtmp://cdn.example/live/42');
    await page.getByRole('button', { name: '预约直播' }).click();
    const streamField = page.locator('.field', { has: stream });
    await streamField.getByRole('alert').getByText('格式不正确').waitFor();
    expect(await page.getByRole('article', { name: title }).count()).toBe(0);
    const streamUrl = `https://video.example/live/${Date.now() % 10000}/index.m3u8`;
    await stream.fill(streamUrl);
    await page.getByRole('button', { name: '预约直播' }).click();
    const card = page.getByRole('article', { name: title });
    await card.getByText('已预约').waitFor();
    await card.getByRole('button', { name: '管理挂车商品' }).click();
    const choose = card.getByLabel('选择要挂车的已上架商品');
    await expect.poll(() => choose.locator('option').count()).toBeGreaterThan(1);
    const productTitle = (await choose.locator('option').nth(1).innerText()).trim();
    await choose.selectOption({ index: 1 });
    await card.getByRole('button', { name: '挂车', exact: true }).click();
    await card.getByRole('cell', { name: productTitle, exact: true }).waitFor();
    await card.getByText('挂车商品 1 件').waitFor();

    // Ops record a minor live violation on it: the host must read a reminder before going live.
    const sessions = await merchant.call<{ items: { id: number; title: string }[] }>(
      'GET',
      '/me/live/sessions',
    );
    const session = sessions.items.find((s) => s.title === title)!;
    const violation = await admin.call<{ id: number; state: string }>('POST', '/ops/violations', {
      shopId: shop!.id,
      code: 'live_hype',
      subject: { type: 'live_session', id: session.id },
      evidence: { text: '直播中摆拍冲突博取同情' },
    });
    expect(violation.state).toBe('warned');
    await page.reload();
    const reminder = page.getByRole('alert').filter({ hasText: '开播前提醒' });
    await reminder.getByText('上次直播违规：直播恶意炒作').waitFor();
    await expect(card.getByRole('button', { name: '开始直播' }).isDisabled()).resolves.toBe(true);
    await card.getByText('请先阅读并确认上方的开播前提醒。').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-live-reminder');
    await reminder.getByRole('button', { name: '我已阅读并知悉' }).click();
    await expect.poll(() => page.getByText('开播前提醒').count()).toBe(0);

    // Now it goes live; the pinned product comes off, and the session ends.
    await card.getByRole('button', { name: '开始直播' }).click();
    await card.getByText('直播中').waitFor();
    await card.getByRole('link', { name: '打开直播间' }).waitFor();
    // Viewers get the room's video from the stream address instead of the placeholder.
    const viewer = await newPage(await newContext(browser(), { lang: 'zh' }));
    await viewer.goto(`/live/${session.id}`);
    const video = viewer.getByLabel('直播视频');
    await expect(video.getAttribute('data-stream')).resolves.toBe(streamUrl);
    // Chromium has no native HLS: hls.js attaches the stream through Media Source Extensions
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.src))
      .toMatch(new RegExp(`^(blob:|${streamUrl.replace(/[.?/]/g, '\\$&')}$)`));
    expect(await viewer.getByText('直播画面（演示环境无视频流）').count()).toBe(0);
    expect(pageErrors(viewer)).toEqual([]);
    await viewer.context().close();
    await card.getByRole('button', { name: `取消挂车：${productTitle}` }).click();
    await card.getByText('还没有挂车商品。').waitFor();
    await card.getByRole('button', { name: '结束直播' }).click();
    await page.getByRole('dialog', { name: '结束直播？' }).getByRole('button', { name: '结束直播' }).click();
    await card.getByText('已结束').waitFor();
    await expectCleanText(page);

    // Governance: the warning, its fix-by countdown, and an appeal.
    await page.getByRole('navigation').getByRole('link', { name: '违规与申诉' }).click();
    const item = page.getByRole('article', { name: `违规 #${violation.id}` });
    await item.getByText('警告（待整改）').waitFor();
    await item.getByText('直播恶意炒作：扮穷、卖惨、摆拍冲突').waitFor();
    await item.getByRole('button', { name: '我已整改' }).waitFor();
    await item.getByLabel('申诉理由').fill('当场是顾客之间的真实争执，已提供完整录像说明情况。');
    await item.getByRole('button', { name: '提交申诉' }).click();
    await item.getByText(/第 1 次申诉：\s*审核中/).waitFor();
    await expect(item.getByRole('button', { name: '提交申诉' }).count()).resolves.toBe(0);
    await page.getByText('生效中的限制').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-governance');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
