import { describe, expect, it } from 'vitest';
import { chatMessages } from '../src/i18n/chat.ts';
import { serviceMessages } from '../src/i18n/service.ts';
import { workstationMessages } from '../src/i18n/workstation.ts';
import {
  apiLogin,
  browserForFile,
  DESKTOP,
  expectCleanText,
  fill,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const zh = { ...chatMessages.zh, ...workstationMessages.zh, ...serviceMessages.zh };
// 鲜丰果园 is live in the demo (its bot, welcome and agents are seeded); buyer12 is in no other journey.
const MERCHANT = 'merchant1';
const BUYER = 'buyer12';

/** The shop's room on air (the demo's, or one started for the test) and whether the test started it. */
async function roomOnAir(merchant: Awaited<ReturnType<typeof apiLogin>>, shopId: number) {
  // merchant1 has one shop: its room on air is the shop's.
  const live = await merchant.call<{ items: { id: number }[] }>('GET', '/me/live/sessions?state=live');
  const room = live.items[0];
  if (room) return { id: room.id, started: false };
  const session = await merchant.call<{ id: number }>('POST', '/live/sessions', {
    shopId,
    title: `果园直播答疑 ${Date.now() % 100000}`,
    scheduledAt: new Date(Date.now() + 60_000).toISOString(),
  });
  await merchant.call('POST', `/live/sessions/${session.id}/start`, {});
  return { id: session.id, started: true };
}

describe('the customer-service journey (issue 16): live room → bot → a person → rating', () => {
  it('a buyer asks from the live room, the bot answers the shipping question, the buyer asks for a person, an agent answers in the workstation and ends it, the buyer rates the session', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number; name: string }[]>('GET', '/me/shops');
    if (!shop) throw new Error(`${MERCHANT} has no shop`);
    // The owner is away: the buyer who asks for a person waits in 待接入.
    await merchant.call('POST', `/shops/${shop.id}/chat/status`, { status: 'away' });
    const room = await roomOnAir(merchant, shop.id);
    const buyerAccount = await apiLogin(BUYER);
    const tag = Date.now() % 100_000;

    const buyerContext = await newContext(browser(), { lang: 'zh' });
    await signInAs(buyerContext, 'buyer', BUYER);
    const buyer = await newPage(buyerContext);
    const shopContext = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(shopContext, 'merchant', MERCHANT);
    const desk = await newPage(shopContext);
    try {
      // 直播间 → 客服: the conversation opens with the room as its context.
      await buyer.goto(`/live/${room.id}`);
      await buyer.getByRole('button', { name: fill(zh['chat.contact.label'], { shop: shop.name }) }).click();
      await buyer.waitForURL(/\/chat\/\d+$/);
      const conversationId = Number(buyer.url().split('/').pop());
      await buyer
        .getByRole('region', { name: zh['chat.context.label'] })
        .getByText(zh['chat.context.live'], { exact: false })
        .waitFor();

      // The shipping question: the bot answers from the platform's ship-by promise.
      const question = `这个橙子什么时候发货？${tag}`;
      await buyer.getByLabel(zh['chat.composer.label']).fill(question);
      await buyer.getByRole('button', { name: zh['chat.composer.send'], exact: true }).click();
      await buyer.locator('.chat-row-mine').filter({ hasText: question }).waitFor();
      const botAnswer = buyer.locator('.chat-row-theirs').filter({ hasText: '小时内发货' }).last();
      await botAnswer.waitFor();
      await botAnswer.getByText(zh['chat.sender.bot']).waitFor();
      await buyer.getByText(zh['chat.session.bot']).waitFor();
      await expectCleanText(buyer);
      await screenshot(buyer, 'chat-journey-bot-zh');

      // 转人工: the session waits for a person.
      await buyer.getByRole('button', { name: zh['chat.human'], exact: true }).click();
      await buyer.getByText(zh['chat.session.queued']).waitFor();
      // …and the assistant says so: a person now, or, out of the shop's service hours (the demo shop's
      // end at 22:00 Beijing time), the shop's own off-hours reply.
      const settings = await merchant.call<{ offHoursReply: string | null }>(
        'GET',
        `/shops/${shop.id}/chat/settings`,
      );
      const offHours = settings.offHoursReply ? `|${escapeRegExp(settings.offHoursReply)}` : '';
      await buyer
        .getByText(new RegExp(`正在为您转接人工客服|已为您排队${offHours}`))
        .first()
        .waitFor();
      const waiting = await merchant.call<{ items: { conversationId: number }[] }>(
        'GET',
        `/shops/${shop.id}/chat/inbox?status=waiting`,
      );
      expect(waiting.items.map((i) => i.conversationId)).toContain(conversationId);

      // 客服工作台: the owner finds the buyer in 待接入, takes the conversation and answers.
      await desk.goto('/merchant/workstation');
      await desk.getByRole('heading', { name: zh['ws.title'] }).waitFor();
      await desk.getByRole('tab', { name: new RegExp(`^${zh['ws.tab.waiting']}`) }).click();
      await desk.locator(`[data-conversation="${conversationId}"]`).click();
      const pane = desk.getByRole('region', {
        name: fill(zh['ws.conversation.label'], { name: buyerAccount.account.displayName }),
      });
      await pane.getByText(question).waitFor();
      await pane.getByRole('button', { name: zh['ws.conversation.take'], exact: true }).click();
      await desk.getByText(zh['ws.conversation.taken']).first().waitFor();
      const answer = `亲，今天下午四点前下单当天发顺丰，坏果包赔～${tag}`;
      await pane.getByLabel(zh['ws.composer.label']).fill(answer);
      await pane.getByRole('button', { name: zh['ws.composer.send'], exact: true }).click();
      await pane.locator('.ws-row-ours').filter({ hasText: answer }).waitFor();

      // The buyer sees the person's answer live.
      const personAnswer = buyer.locator('.chat-row-theirs').filter({ hasText: answer });
      await personAnswer.waitFor();
      await personAnswer.getByText(zh['chat.sender.agent']).waitFor();
      await buyer.getByText(zh['chat.session.serving']).waitFor();

      // 结束会话 (asks first); the buyer is invited to rate.
      await pane.getByRole('button', { name: zh['ws.conversation.close'], exact: true }).click();
      const dialog = desk.getByRole('dialog', {
        name: fill(zh['ws.conversation.closeTitle'], { name: buyerAccount.account.displayName }),
      });
      await dialog.getByRole('button', { name: zh['ws.conversation.close'] }).click();
      await desk.getByText(zh['ws.conversation.closed']).first().waitFor();
      // (the workstation page's own checks are in merchant-workstation.e2e.ts)
      await screenshot(desk, 'chat-journey-workstation-zh');

      // The rating card: 满意 with a word, once.
      const card = buyer.getByRole('region', { name: zh['chatRating.title'] }).last();
      await card.getByText(zh['chatRating.ask']).waitFor();
      await card.getByText(zh['chatRating.good'], { exact: true }).click();
      await card.getByLabel(zh['chatRating.comment']).fill('回复很快，很耐心');
      await card.getByRole('button', { name: zh['chatRating.submit'] }).click();
      await buyer.getByText(zh['chatRating.thanks']).first().waitFor();
      await card.getByText(fill(zh['chatRating.done'], { rating: zh['chatRating.good'] })).waitFor();
      await expectCleanText(buyer);
      await screenshot(buyer, 'chat-journey-rated-zh');

      // What was recorded: the bot's intent, the person's first reply, the rating.
      const history = await buyerAccount.call<{
        items: { sessionId: number | null; sender: string; intent: string | null; kind: string }[];
      }>('GET', `/chat/conversations/${conversationId}/messages?limit=100`);
      const asked = history.items.filter((m) => m.intent === 'ship_time').at(-1);
      expect(asked).toBeDefined();
      const rating = await buyerAccount.call<{ rating: string; ratingComment: string }>(
        'GET',
        `/chat/sessions/${asked!.sessionId}/rating`,
      );
      expect(rating).toMatchObject({ rating: 'good', ratingComment: '回复很快，很耐心' });
      expect(pageErrors(buyer)).toEqual([]);
      expect(pageErrors(desk)).toEqual([]);
    } finally {
      if (room.started) await merchant.call('POST', `/live/sessions/${room.id}/end`, {});
      await buyerContext.close();
      await shopContext.close();
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
