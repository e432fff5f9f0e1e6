import { describe, expect, it } from 'vitest';
import { buyerMessages } from '../src/i18n/buyer.ts';
import { buyerEverydayMessages } from '../src/i18n/buyer-everyday.ts';
import { commonMessages } from '../src/i18n/common.ts';
import { liveRoomMessages } from '../src/i18n/live-room.ts';
import {
  apiLogin,
  baseUrl,
  browserForFile,
  expectCleanText,
  type Lang,
  newContext,
  newPage,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();

/** A message of the buyer app in a language, with its variables filled in. */
function text(lang: Lang, key: keyof typeof buyerMessages.zh, vars: Record<string, string | number> = {}) {
  return buyerMessages[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));
}

/** A message of the live room in a language, with its variables filled in. */
function roomText(
  lang: Lang,
  key: keyof typeof liveRoomMessages.zh,
  vars: Record<string, string | number> = {},
) {
  return liveRoomMessages[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));
}

interface Room {
  id: number;
  title: string;
  pinnedCount: number;
  pins: { productId: number; title: string; totalStock: number; productState: string }[];
}

async function liveRoomWithPins(): Promise<Room> {
  const res = await fetch(`${baseUrl()}/api/v1/live/sessions?state=live&limit=50`);
  const list = (await res.json()) as { items: { id: number; pinnedCount: number }[] };
  const first = list.items.find((s) => s.pinnedCount > 0);
  if (!first) throw new Error('the demo data has no live room with pinned products');
  return (await (await fetch(`${baseUrl()}/api/v1/live/sessions/${first.id}`)).json()) as Room;
}

describe('journey 1: a buyer watches a live room, sees another buyer comment, buys the pinned product in place', () => {
  for (const [lang, watcher, commenter] of [
    ['zh', 'buyer21', 'buyer22'],
    ['en', 'buyer23', 'buyer24'],
  ] as const) {
    it(`in ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
      const room = await liveRoomWithPins();
      const pin = room.pins.find((p) => p.totalStock > 0 && p.productState === 'listed')!;

      const buyer = await apiLogin(watcher);
      const before = (await buyer.call<{ items: { id: number }[] }>('GET', '/orders')).items.map((o) => o.id);

      // Buyer A opens the room on a phone.
      const contextA = await newContext(browser(), { lang });
      await signInAs(contextA, 'buyer', watcher);
      const a = await newPage(contextA);
      await a.goto(`/live/${room.id}`);
      await a.getByRole('heading', { name: room.title }).waitFor();
      // the pinned products are in the product bag (小黄车) at the bottom of the room
      await a
        .getByRole('button', { name: roomText(lang, 'buyer.room.bag', { n: room.pins.length }) })
        .click();
      await a
        .getByRole('button', { name: text(lang, 'buyer.live.buyNamed', { title: pin.title }) })
        .waitFor();
      // marks this page load: still there afterwards means no reload happened
      await a.evaluate(() => {
        (window as unknown as { j1: boolean }).j1 = true;
      });

      // Buyer B comments in the same room through the app.
      const contextB = await newContext(browser(), { lang });
      await signInAs(contextB, 'buyer', commenter);
      const b = await newPage(contextB);
      await b.goto(`/live/${room.id}`);
      const comment =
        lang === 'zh' ? `主播好，芒果甜吗？${Date.now() % 10000}` : `Is it sweet? ${Date.now() % 10000}`;
      await b
        .getByRole('textbox', { name: text(lang, 'buyer.live.commentLabel'), exact: true })
        .fill(comment);
      await b.getByRole('button', { name: text(lang, 'buyer.live.send') }).click();
      await b.getByText(comment).waitFor();

      // A sees it appear without reloading.
      const comments = a.getByRole('list', { name: text(lang, 'buyer.live.comments') });
      await comments.getByText(comment).waitFor({ timeout: 15_000 });
      expect(await a.evaluate(() => (window as unknown as { j1?: boolean }).j1)).toBe(true);
      await expectCleanText(a);
      await screenshot(a, `j1-${lang}-live-room`);

      // A buys the pinned product without leaving the room, paying with the sandbox.
      // "库存 80" or, when few are left, "仅剩 12 件"
      const stockRe = new RegExp(
        `${text(lang, 'buyer.stock.left', { n: '(\\d+)' })}|${roomText(lang, 'buyer.room.fewLeft', { n: '(\\d+)' })}`,
      );
      const pinCard = a
        .getByRole('list', { name: text(lang, 'buyer.live.pinned') })
        .getByRole('listitem')
        .filter({ hasText: pin.title });
      const stockOf = async () => {
        const m = (await pinCard.textContent())?.match(stockRe);
        return Number(m?.[1] ?? m?.[2]);
      };
      const stockBefore = await stockOf();
      expect(stockBefore).toBeGreaterThan(2);
      await a.getByRole('button', { name: text(lang, 'buyer.live.buyNamed', { title: pin.title }) }).click();
      const sheet = a.getByRole('dialog', { name: pin.title });
      await sheet.getByRole('radio', { checked: true }).waitFor();
      await sheet.getByRole('button', { name: text(lang, 'buyer.buy.more') }).click();
      await sheet.getByRole('button', { name: text(lang, 'buyer.buy.payNow') }).click();
      await sheet.getByText(text(lang, 'buyer.checkout.paid')).waitFor();
      expect(new URL(a.url()).pathname).toBe(`/live/${room.id}`);
      await expectCleanText(a);
      await screenshot(a, `j1-${lang}-checkout`);
      // the room's stock follows the sale without a reload
      await expect.poll(stockOf, { timeout: 10_000 }).toBe(stockBefore - 2);

      // The order is the buyer's, paid, attributed to the room, with two of the pinned product.
      const orders = await buyer.call<{
        items: { id: number; state: string; liveSessionId: number | null }[];
      }>('GET', '/orders');
      const placed = orders.items.filter((o) => !before.includes(o.id));
      expect(placed).toHaveLength(1);
      const order = placed[0]!;
      expect(order).toMatchObject({ state: 'paid', liveSessionId: room.id });
      const detail = await buyer.call<{ lines: { productId: number; quantity: number }[] }>(
        'GET',
        `/orders/${order.id}`,
      );
      expect(detail.lines).toEqual([expect.objectContaining({ productId: pin.productId, quantity: 2 })]);

      // A opens the orders and sees it, paid.
      await sheet.getByRole('button', { name: commonMessages[lang]['common.close'] }).click();
      await a
        .getByRole('dialog', { name: roomText(lang, 'buyer.room.bagTitle', { n: room.pins.length }) })
        .getByRole('button', { name: commonMessages[lang]['common.close'] })
        .click();
      // leaving the room (opened directly, it closes to the home page) shows the app's tab bar again
      await a.getByRole('link', { name: roomText(lang, 'buyer.room.close') }).click();
      await a.getByRole('link', { name: text(lang, 'buyer.nav.orders') }).click();
      const card = a.getByRole('link', {
        name: new RegExp(`${text(lang, 'buyer.orders.number', { id: order.id })}`),
      });
      await card.waitFor();
      // named as buyers name it: 待发货 (to ship), not 已付款
      await expect(card.textContent()).resolves.toContain(buyerEverydayMessages[lang]['buyer.stage.paid']);
      await card.click();
      await a.getByRole('heading', { name: text(lang, 'buyer.orders.number', { id: order.id }) }).waitFor();
      await a.getByRole('link', { name: pin.title }).waitFor();
      await a.getByText(text(lang, 'buyer.orderState.paid')).first().waitFor();
      await a.getByText(text(lang, 'buyer.logistics.notShipped')).waitFor();
      await expectCleanText(a);
      await screenshot(a, `j1-${lang}-order`);

      expect(pageErrors(a)).toEqual([]);
      expect(pageErrors(b)).toEqual([]);
      await contextA.close();
      await contextB.close();
    });
  }
});
