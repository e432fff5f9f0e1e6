import { describe, expect, it } from 'vitest';
import { chatMessages } from '../src/i18n/chat.ts';
import {
  apiLogin,
  baseUrl,
  browserForFile,
  expectCleanText,
  fill,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const zh = chatMessages.zh;
// 客服 of merchant13's shop; buyer17 is in no other journey.
const MERCHANT = 'merchant13';
const BUYER = 'buyer17';
// a 1×1 PNG the browser can draw
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

async function shopAndProduct() {
  const merchant = await apiLogin(MERCHANT);
  const [shop] = await merchant.call<{ id: number; name: string }[]>('GET', '/me/shops');
  if (!shop) throw new Error(`${MERCHANT} has no shop`);
  const list = (await (await fetch(`${baseUrl()}/api/v1/products?shopId=${shop.id}&limit=50`)).json()) as {
    items: { id: number; title: string; totalStock: number }[];
  };
  const product = list.items.find((p) => p.totalStock > 5);
  if (!product) throw new Error(`${shop.name} has no product in stock`);
  return { merchant, shop, product };
}

describe('buyer chat with a shop (Chinese, phone)', () => {
  it('asks from the product page, sends a card, a text and an image; the shop answers live; 已读; off-platform contact is held', async () => {
    const { merchant, shop, product } = await shopAndProduct();
    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', BUYER);
    const page = await newPage(context);
    try {
      // 商品页 → 客服: the conversation opens with the product on top.
      await page.goto(`/products/${product.id}`);
      await page.getByRole('button', { name: fill(zh['chat.contact.label'], { shop: shop.name }) }).click();
      await page.waitForURL(/\/chat\/\d+$/);
      const conversationId = Number(page.url().split('/').pop());
      const top = page.getByRole('region', { name: zh['chat.context.label'] });
      await top.getByText(product.title).waitFor();

      // 发送 the product as a card, then a question.
      const messages = page
        .getByRole('list')
        .filter({ has: page.locator('.chat-row') })
        .first();
      await top
        .getByRole('button', { name: fill(zh['chat.context.sendLabel'], { title: product.title }) })
        .click();
      await messages.locator('.chat-row-mine .chat-card').first().waitFor();
      const question = `请问今天能发货吗？${Date.now() % 100000}`;
      await page.getByLabel(zh['chat.composer.label']).fill(question);
      await page.getByRole('button', { name: zh['chat.composer.send'], exact: true }).click();
      const mine = page.locator('.chat-row-mine').filter({ hasText: question });
      await mine.waitFor();
      await mine.getByText(zh['chat.unreadMark']).waitFor();

      // The shop's agent answers (the owner, through the API): it arrives live; the shop reads → 已读.
      const answer = `今天下午四点前发顺丰 ${Date.now() % 100000}`;
      const sent = await merchant.call<{ id: number }>(
        'POST',
        `/chat/conversations/${conversationId}/messages`,
        {
          kind: 'text',
          text: answer,
        },
      );
      await page.locator('.chat-row-theirs').filter({ hasText: answer }).waitFor();
      await merchant.call('POST', `/chat/conversations/${conversationId}/read`, { upToId: sent.id });
      await mine.getByText(zh['chat.read'], { exact: true }).waitFor();

      // An image from the phone.
      await page.getByLabel(zh['chat.composer.imageHint']).setInputFiles({
        name: 'photo.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      await page.locator('.chat-row-mine').getByRole('img', { name: zh['chat.image'] }).last().waitFor();

      // Off-platform contact: kept, shown only to the buyer with the notice, never delivered.
      const contact = `加我微信 abc${Date.now() % 100000} 私下便宜`;
      await page.getByLabel(zh['chat.composer.label']).fill(contact);
      await page.getByRole('button', { name: zh['chat.composer.send'], exact: true }).click();
      const held = page.locator('.chat-row-mine').filter({ hasText: contact });
      await held.getByRole('note').getByText(zh['chat.held']).waitFor();
      const shopSide = await merchant.call<{ items: { text: string | null }[] }>(
        'GET',
        `/chat/conversations/${conversationId}/messages?limit=100`,
      );
      expect(shopSide.items.map((m) => m.text)).toContain(question);
      expect(shopSide.items.map((m) => m.text)).not.toContain(contact);
      await expectCleanText(page);
      await screenshot(page, 'buyer-chat-conversation-zh');

      // 客服消息: the shop with the last message; a new answer shows an unread badge live.
      await page.goto('/chat');
      const item = page.getByRole('link', { name: new RegExp(shop.name) });
      await item.waitFor();
      const nudge = `还有别的需要吗 ${Date.now() % 100000}`;
      await merchant.call('POST', `/chat/conversations/${conversationId}/messages`, {
        kind: 'text',
        text: nudge,
      });
      await item.getByText(nudge).waitFor();
      await item.getByText(fill(zh['chat.list.unread'], { n: 1 })).waitFor();
      await expectCleanText(page);
      await screenshot(page, 'buyer-chat-list-zh');
      // 我的 → 客服消息 carries the unread count too
      await page.goto('/me');
      await page.getByRole('link', { name: fill(zh['chat.list.withCount'], { n: 1 }) }).waitFor();
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('联系商家 from an order and 客服 from the live room carry that order or room as the card', async () => {
    const { merchant, shop, product } = await shopAndProduct();
    const buyer = await apiLogin(BUYER);
    const detail = (await (await fetch(`${baseUrl()}/api/v1/products/${product.id}`)).json()) as {
      skus: { id: number; stock: number }[];
    };
    const skuId = detail.skus.find((s) => s.stock > 0)!.id;
    const placed = await buyer.call<{ orders: { id: number }[] }>(
      'POST',
      '/checkout',
      { items: [{ skuId, quantity: 1 }], pay: { method: 'sandbox' } },
      { 'idempotency-key': crypto.randomUUID() },
    );
    const orderId = placed.orders[0]!.id;

    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', BUYER);
    const page = await newPage(context);
    const session = await merchant.call<{ id: number }>('POST', '/live/sessions', {
      shopId: shop.id,
      title: `客服直播答疑 ${Date.now() % 100000}`,
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await merchant.call('POST', `/live/sessions/${session.id}/start`, {});
    try {
      await page.goto(`/orders/${orderId}`);
      await page.getByRole('button', { name: fill(zh['chat.contact.label'], { shop: shop.name }) }).click();
      await page.waitForURL(/\/chat\/\d+$/);
      const top = page.getByRole('region', { name: zh['chat.context.label'] });
      await top.getByText(fill(zh['chat.card.items'], { n: 1 }), { exact: false }).waitFor();
      // the order as a card in the conversation
      await top
        .getByRole('button', { name: fill(zh['chat.context.sendLabel'], { title: product.title }) })
        .click();
      await page
        .locator('.chat-row-mine .chat-card')
        .filter({ hasText: fill(zh['chat.card.items'], { n: 1 }) })
        .first()
        .waitFor();
      await expectCleanText(page);

      await page.goto(`/live/${session.id}`);
      await page.getByRole('button', { name: fill(zh['chat.contact.label'], { shop: shop.name }) }).click();
      await page.waitForURL(/\/chat\/\d+$/);
      await page
        .getByRole('region', { name: zh['chat.context.label'] })
        .getByText(zh['chat.context.live'], { exact: false })
        .waitFor();
      await expectCleanText(page);
      await screenshot(page, 'buyer-chat-from-live-zh');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await merchant.call('POST', `/live/sessions/${session.id}/end`, {});
      await context.close();
    }
  });
});
