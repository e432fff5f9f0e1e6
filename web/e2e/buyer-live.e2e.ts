import { describe, expect, it } from 'vitest';
import { buyerMessages } from '../src/i18n/buyer.ts';
import { liveRoomMessages } from '../src/i18n/live-room.ts';
import {
  type ApiSession,
  apiLogin,
  browserForFile,
  expectCleanText,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const zh = buyerMessages.zh;
/** The product bag's button, whatever the count: "直播间商品，共 3 件". */
const bagButton = new RegExp(`^${liveRoomMessages.zh['buyer.room.bag'].replace('{n}', '\\d+')}$`);

interface Session {
  id: number;
  title: string;
  state: string;
  pins?: { productId: number; title: string }[];
}

describe('the live room follows the host and the platform without a reload (Chinese)', () => {
  it('shows a room going live, a product unpinned and pinned again, and an emergency stop at once', async () => {
    // An upcoming room of its own (the rooms already live are left to the other journeys; creator9 is ops').
    let host: ApiSession | undefined;
    let scheduled: Session | undefined;
    for (let n = 6; n <= 8 && !scheduled; n++) {
      host = await apiLogin(`creator${n}`);
      const mine = await host.call<{ items: (Session & { pinnedCount: number })[] }>(
        'GET',
        '/me/live/sessions',
      );
      scheduled = mine.items.find((s) => s.state === 'scheduled' && s.pinnedCount > 0);
    }
    if (!host || !scheduled) throw new Error('no creator has an upcoming session with pinned products');
    await host.call('POST', `/live/sessions/${scheduled.id}/start`, {});
    const room = await host.call<Session & { pins: { productId: number; title: string }[] }>(
      'GET',
      `/live/sessions/${scheduled.id}`,
    );
    expect(room.pins.length).toBeGreaterThan(0);
    const pin = room.pins[0]!;

    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', 'buyer36');
    const page = await newPage(context);
    await page.goto(`/live/${room.id}`);
    await page.getByRole('heading', { name: room.title }).waitFor();
    // the pinned products are in the product bag (小黄车)
    await page.getByRole('button', { name: bagButton }).click();
    const pins = page.getByRole('list', { name: zh['buyer.live.pinned'] });
    const buy = pins.getByRole('button', { name: zh['buyer.live.buyNamed'].replace('{title}', pin.title) });
    await buy.waitFor();

    // The host unpins the product, then pins it again.
    await host.call('DELETE', `/live/sessions/${room.id}/pins/${pin.productId}`);
    await buy.waitFor({ state: 'detached' });
    await host.call('POST', `/live/sessions/${room.id}/pins`, { productId: pin.productId });
    await buy.waitFor();
    expect(await buy.isEnabled()).toBe(true);

    // Ops stop the room: the viewer sees it at once, with the reason, and can no longer buy.
    const ops = await apiLogin('admin');
    await ops.call('POST', `/ops/live/sessions/${room.id}/emergency-stop`, {
      reason: '直播中出现违规导流内容',
      evidence: '主播口播私下交易方式',
    });
    const stopped = page.getByRole('alert').filter({ hasText: zh['buyer.live.stopped'] });
    await stopped.waitFor();
    await expect(stopped.textContent()).resolves.toContain('直播中出现违规导流内容');
    expect(await buy.isDisabled()).toBe(true);
    expect(
      await page.getByRole('textbox', { name: zh['buyer.live.commentLabel'], exact: true }).count(),
    ).toBe(0);
    await expectCleanText(page);
    await screenshot(page, 'buyer-zh-live-stopped');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
