import { describe, expect, it } from 'vitest';
import { audienceMessages } from '../src/i18n/audience.ts';
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
const zh = audienceMessages.zh;
const en = audienceMessages.en;
// 东北饺子馆 (merchant10) hosts no demo room, and no other journey uses it or buyer39.
const MERCHANT = 'merchant10';
const BUYER = 'buyer39';

describe('audience: follow a shop, get told when it goes live (Chinese), the merchant sees the follower', () => {
  it('a follower is notified when the host goes live and opens the room from the inbox', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number; name: string }[]>('GET', '/me/shops');
    if (!shop) throw new Error(`${MERCHANT} has no shop`);
    const products = await merchant.call<{ items: { id: number; title: string }[] }>(
      'GET',
      `/products?shopId=${shop.id}&limit=1`,
    );
    const product = products.items[0];
    if (!product) throw new Error(`${shop.name} lists no product`);

    const context = await newContext(browser(), { lang: 'zh' });
    const buyer = await signInAs(context, 'buyer', BUYER);
    // a fresh start for reruns against one server
    await buyer.call('DELETE', `/me/follows/shops/${shop.id}`);
    await buyer.call('POST', '/me/notifications/read', { all: true });
    const page = await newPage(context);

    // The product page's shop card: follow the shop.
    await page.goto(`/products/${product.id}`);
    const card = page.getByRole('region', { name: zh['audience.shopCard'] });
    await card.getByText(shop.name).waitFor();
    await card.getByRole('button', { name: zh['audience.followName'].replace('{name}', shop.name) }).click();
    const unfollowButton = card.getByRole('button', {
      name: zh['audience.unfollowName'].replace('{name}', shop.name),
    });
    await unfollowButton.waitFor();
    expect(await unfollowButton.getAttribute('aria-pressed')).toBe('true');
    await card.getByText(/\d+ 粉丝/).waitFor();
    await expectCleanText(page);

    // 关注: the shop is listed, not live.
    await page.goto('/following');
    const list = page.getByRole('region', { name: zh['audience.page.all'] });
    await list.getByText(shop.name).waitFor();

    // The merchant goes live.
    const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
    const session = await merchant.call<{ id: number }>('POST', '/live/sessions', {
      shopId: shop.id,
      title: '手工水饺现包直播',
      scheduledAt,
    });
    await merchant.call('POST', `/live/sessions/${session.id}/start`, {});
    try {
      // 我的 → 消息 (with the unread count) → the live_started item, unread, opens the room.
      await page.goto('/me');
      await page.getByRole('link', { name: zh['audience.inbox.withCount'].replace('{n}', '1') }).click();
      await page.waitForURL('**/messages');
      const item = page.getByRole('button', {
        name: new RegExp(zh['audience.inbox.liveStarted'].replace('{name}', shop.name)),
      });
      await item.waitFor();
      await item.getByRole('img', { name: zh['audience.inbox.unreadDot'] }).waitFor();
      await expect(item.textContent()).resolves.toContain('手工水饺现包直播');
      await expectCleanText(page);
      await screenshot(page, 'audience-inbox-zh');
      await item.click();
      await page.waitForURL(`**/live/${session.id}`);
      const inbox = await buyer.call<{ unreadCount: number }>('GET', '/me/notifications');
      expect(inbox.unreadCount).toBe(0);

      // 关注 now puts the room first with 直播中, linking to it.
      await page.goto('/following');
      const liveNow = page.getByRole('region', { name: zh['audience.page.liveNow'] });
      await liveNow.getByRole('link', { name: `${zh['audience.enterRoom']}: 手工水饺现包直播` }).click();
      await page.waitForURL(`**/live/${session.id}`);
      await page.goto('/following');
      await page.getByRole('region', { name: zh['audience.page.liveNow'] }).waitFor();
      await expectCleanText(page);
      await screenshot(page, 'audience-following-zh');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await merchant.call('POST', `/live/sessions/${session.id}/end`, {});
      await context.close();
    }
  });

  it('the merchant console lists the shop’s followers with the count and follow time (English)', async () => {
    const buyer = await apiLogin(BUYER);
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number }[]>('GET', '/me/shops');
    await buyer.call('PUT', `/me/follows/shops/${shop!.id}`);
    const followers = await merchant.call<{ total: number }>('GET', `/shops/${shop!.id}/followers`);

    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('link', { name: en['merchant.nav.followers'], exact: true }).click();
    await page.getByRole('heading', { name: en['merchant.followers.title'] }).waitFor();
    await page.getByText(en['merchant.followers.count'].replace('{n}', String(followers.total))).waitFor();
    const row = page.getByRole('row', { name: new RegExp(buyer.account.displayName) });
    await row.waitFor();
    expect(await row.locator('time').count()).toBe(1);
    await expectCleanText(page);
    await screenshot(page, 'merchant-followers-en');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
