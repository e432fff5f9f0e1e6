import { describe, expect, it } from 'vitest';
import { commonMessages } from '../src/i18n/common.ts';
import { merchantMessages } from '../src/i18n/merchant.ts';
import { merchantHomeMessages } from '../src/i18n/merchant-home.ts';
import { workstationMessages } from '../src/i18n/workstation.ts';
import {
  apiLogin,
  baseUrl,
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
const zh = {
  ...commonMessages.zh,
  ...merchantMessages.zh,
  ...merchantHomeMessages.zh,
  ...workstationMessages.zh,
};
// 川味坊调味 (merchant8) and buyer14 are in no other journey.
const MERCHANT = 'merchant8';
const BUYER = 'buyer14';

describe('客服工作台 (Chinese, desktop)', () => {
  it('the owner makes a colleague an agent, goes online and gets the waiting buyer, answers with a canned reply, sees the buyer live, transfers, and ends the session', async () => {
    const owner = await apiLogin(MERCHANT);
    const [shop] = await owner.call<{ id: number; name: string }[]>('GET', '/me/shops');
    if (!shop) throw new Error(`${MERCHANT} has no shop`);
    const tag = Date.now() % 100_000;
    const colleague = { login: `cs${tag}`, password: 'xinren-demo-cs', displayName: `小李${tag}` };
    await owner.call('POST', `/shops/${shop.id}/staff`, colleague);
    // The owner starts away, so the buyer waits in 待接入.
    await owner.call('POST', `/shops/${shop.id}/chat/status`, { status: 'away' });

    // The buyer asks and then asks for a person (转人工).
    const buyer = await apiLogin(BUYER);
    const conversation = await buyer.call<{ id: number }>('POST', '/chat/conversations', { shopId: shop.id });
    const question = `麻辣香肠辣度怎么样？${tag}`;
    await buyer.call('POST', `/chat/conversations/${conversation.id}/messages`, {
      kind: 'text',
      text: question,
    });
    const human = await buyer.call<{ state: string }>('POST', `/chat/conversations/${conversation.id}/human`);
    expect(human.state).toBe('queued');

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    try {
      // 员工管理: the owner gives the colleague the CS role.
      await page.goto('/merchant/staff');
      await page
        .getByRole('button', { name: fill(zh['ws.staff.grantNamed'], { name: colleague.displayName }) })
        .click();
      await page.getByText(fill(zh['ws.staff.granted'], { name: colleague.displayName })).waitFor();
      await page
        .getByText(fill(zh['ws.staff.csOn'], { status: zh['ws.status.away'] }))
        .first()
        .waitFor();

      // 客服工作台: the buyer waits in 待接入 with the waiting time shown.
      await page.getByRole('link', { name: zh['merchant.nav.workstation'] }).click();
      await page.getByRole('heading', { name: zh['ws.title'] }).waitFor();
      await page.getByRole('tab', { name: new RegExp(`^${zh['ws.tab.waiting']}`) }).click();
      const waiting = page.locator(`[data-conversation="${conversation.id}"]`);
      await waiting.getByText(buyer.account.displayName).waitFor();
      await waiting.getByRole('timer').waitFor();
      expect(await waiting.getByRole('timer').innerText()).toMatch(/^已等待 \d+/);
      await screenshot(page, 'merchant-workstation-waiting-zh');

      // 在线: the waiting conversation is given to the owner at once (我的).
      await page.getByRole('button', { name: zh['ws.status.online'], exact: true }).click();
      await page.getByText(fill(zh['ws.status.routed'], { n: 1 })).waitFor();
      await page.getByRole('tab', { name: new RegExp(`^${zh['ws.tab.mine']}`) }).click();
      await page.locator(`[data-conversation="${conversation.id}"]`).click();
      const pane = page.getByRole('region', {
        name: fill(zh['ws.conversation.label'], { name: buyer.account.displayName }),
      });
      await pane.getByText(question).waitFor();
      await pane.getByText(zh['ws.session.serving']).waitFor();
      const customer = page.getByRole('region', { name: zh['ws.customer.label'] });
      await customer.getByRole('heading', { name: buyer.account.displayName }).waitFor();

      // 快捷短语: added once, then used in the composer.
      await page.getByText(zh['ws.canned.manage']).click();
      const cannedTitle = `辣度${tag}`;
      const cannedText = `亲，这款是微辣，怕辣的朋友也能吃～${tag}`;
      const cannedForm = page.getByRole('form', { name: zh['ws.canned.add'] });
      await cannedForm.getByLabel(zh['ws.canned.titleField']).fill(cannedTitle);
      await cannedForm.getByLabel(zh['ws.canned.textField']).fill(cannedText);
      await cannedForm.getByRole('button', { name: zh['ws.canned.save'], exact: true }).click();
      await page.getByText(fill(zh['ws.canned.saved'], { title: cannedTitle })).waitFor();
      await pane.getByRole('button', { name: zh['ws.composer.canned'], exact: true }).click();
      await pane.getByRole('button', { name: `${zh['ws.canned.use']} ${cannedTitle}` }).click();
      expect(await pane.getByLabel(zh['ws.composer.label']).inputValue()).toBe(cannedText);
      await pane.getByRole('button', { name: zh['ws.composer.send'], exact: true }).click();
      const reply = pane.locator('.ws-row-ours').filter({ hasText: cannedText });
      await reply.waitFor();

      // The buyer answers: it arrives live; the buyer's app read the reply → 已读.
      const thanks = `好的，那我下单了 ${tag}`;
      const sent = await buyer.call<{ id: number }>(
        'POST',
        `/chat/conversations/${conversation.id}/messages`,
        {
          kind: 'text',
          text: thanks,
        },
      );
      await pane.locator('.ws-row-theirs').filter({ hasText: thanks }).waitFor();
      await buyer.call('POST', `/chat/conversations/${conversation.id}/read`, { upToId: sent.id });
      await reply.getByText(zh['ws.read'], { exact: true }).waitFor();
      await expectCleanText(page);
      await screenshot(page, 'merchant-workstation-conversation-zh');

      // 转接 to the colleague, who is online now, with a note.
      const staff = await apiLogin(colleague.login, colleague.password);
      await staff.call('POST', `/shops/${shop.id}/chat/status`, { status: 'online' });
      await pane.getByRole('button', { name: zh['ws.conversation.transfer'], exact: true }).click();
      const transfer = page.getByRole('dialog', { name: zh['ws.transfer.title'] });
      await transfer.getByRole('radio', { name: new RegExp(colleague.displayName) }).check();
      await transfer.getByLabel(zh['ws.transfer.note']).fill('买家想买三包，问问能否包邮');
      await transfer.getByRole('button', { name: zh['ws.transfer.submit'] }).click();
      await page.getByText(fill(zh['ws.transfer.done'], { name: colleague.displayName })).waitFor();
      const staffInbox = await staff.call<{ items: { conversationId: number }[] }>(
        'GET',
        `/shops/${shop.id}/chat/inbox?status=mine`,
      );
      expect(staffInbox.items.map((i) => i.conversationId)).toContain(conversation.id);

      // 结束会话 asks first and names what happens; the buyer is invited to rate.
      await pane.getByRole('button', { name: zh['ws.conversation.close'], exact: true }).click();
      const dialog = page.getByRole('dialog', {
        name: fill(zh['ws.conversation.closeTitle'], { name: buyer.account.displayName }),
      });
      await dialog.getByText(zh['ws.conversation.closeBody']).waitFor();
      await dialog.getByRole('button', { name: zh['ws.conversation.close'] }).click();
      await page.getByText(zh['ws.conversation.closed']).waitFor();
      await pane.getByText(zh['ws.ratingRequest']).waitFor();
      const history = await buyer.call<{ items: { kind: string }[] }>(
        'GET',
        `/chat/conversations/${conversation.id}/messages?limit=100`,
      );
      expect(history.items.map((m) => m.kind)).toContain('rating_request');
      await customer.getByText(zh['ws.customer.closeReason.agent'], { exact: false }).waitFor();
      await expectCleanText(page);
      await screenshot(page, 'merchant-workstation-closed-zh');
      expect(pageErrors(page)).toEqual([]);
    } catch (err) {
      await screenshot(page, 'debug-workstation');
      console.log('DEBUG', pageErrors(page), await page.locator('main').innerText());
      throw err;
    } finally {
      await owner.call('POST', `/shops/${shop.id}/chat/status`, { status: 'away' }).catch(() => undefined);
      await context.close();
    }
  });

  it("关联会话: the buyer's chat with the shop is recorded as the communication, then the refund-only request is rejected", async () => {
    const owner = await apiLogin(MERCHANT);
    const [shop] = await owner.call<{ id: number; name: string }[]>('GET', '/me/shops');
    if (!shop) throw new Error(`${MERCHANT} has no shop`);
    const list = (await (await fetch(`${baseUrl()}/api/v1/products?shopId=${shop.id}&limit=50`)).json()) as {
      items: { id: number; totalStock: number }[];
    };
    const listed = list.items.find((p) => p.totalStock > 5);
    if (!listed) throw new Error(`${shop.name} has no product in stock`);
    const product = (await (await fetch(`${baseUrl()}/api/v1/products/${listed.id}`)).json()) as {
      skus: { id: number; stock: number }[];
    };
    const buyer = await apiLogin(BUYER);
    const placed = await buyer.call<{ orders: { id: number }[] }>(
      'POST',
      '/checkout',
      {
        items: [{ skuId: product.skus.find((k) => k.stock > 0)!.id, quantity: 1 }],
        pay: { method: 'sandbox' },
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    const orderId = placed.orders[0]!.id;
    const shipped = await owner.call<{ shipment: { id: number } }>(
      'POST',
      `/shops/${shop.id}/orders/${orderId}/shipment`,
      {
        carrier: 'sandbox',
        trackingNumber: `SBX${Date.now()}`,
      },
    );
    for (const event of ['picked_up', 'in_transit', 'delivered'])
      await owner.call('POST', `/shipments/${shipped.shipment.id}/sandbox-events`, {
        event,
        location: '成都',
      });
    const detail = await buyer.call<{ lines: { id: number }[] }>('GET', `/orders/${orderId}`);
    const request = await buyer.call<{ id: number }>(
      'POST',
      '/aftersales/requests',
      {
        orderId,
        orderLineId: detail.lines[0]!.id,
        type: 'refund_only',
        reason: 'not_as_described',
        quantity: 1,
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    // They talked it over in the chat: the buyer, then a person of the shop.
    const conversation = await buyer.call<{ id: number }>('POST', '/chat/conversations', {
      shopId: shop.id,
      context: { type: 'order', id: orderId },
    });
    await buyer.call('POST', `/chat/conversations/${conversation.id}/messages`, {
      kind: 'text',
      text: '收到的和图片不一样，我要仅退款',
    });
    await owner.call('POST', `/chat/conversations/${conversation.id}/messages`, {
      kind: 'text',
      text: '亲，图片是实拍，批次颜色略有差异，质量没有问题',
    });

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    try {
      await page.goto(`/merchant/aftersales/${request.id}`);
      const link = page.getByRole('region', { name: zh['ws.link.title'] });
      await link.getByText(zh['ws.link.intro']).waitFor();
      // the conversation (one per buyer and shop) also holds the first journey's messages when both run
      await link.getByText(/买家 \d+ 条 · 客服 \d+ 条/).waitFor();
      await link.getByLabel(zh['ws.link.summaryField']).fill('在线沟通：买家认为颜色不符，已说明批次色差');
      await link.getByRole('button', { name: zh['ws.link.submit'] }).click();
      await page.getByText(zh['ws.link.done']).waitFor();
      await page.getByText(zh['merchant.as.communicationRecorded']).waitFor();
      await page.getByLabel(zh['merchant.as.rejectReason']).fill('颜色与描述一致，属于正常批次色差');
      await page.getByRole('button', { name: zh['merchant.as.reject'], exact: true }).click();
      await page.getByText(zh['merchant.as.toast.rejected']).waitFor();
      await page.getByText(zh['ws.link.linked'], { exact: false }).waitFor();
      const after = await owner.call<{ state: string; communications: { conversationId: number | null }[] }>(
        'GET',
        `/aftersales/requests/${request.id}`,
      );
      expect(after.state).toBe('rejected');
      expect(after.communications.map((c) => c.conversationId)).toEqual([conversation.id]);
      await expectCleanText(page);
      await screenshot(page, 'merchant-aftersales-linked-chat-zh');
      expect(pageErrors(page)).toEqual([]);
    } catch (err) {
      await screenshot(page, 'debug-workstation-link');
      console.log('DEBUG', pageErrors(page), await page.locator('main').innerText());
      throw err;
    } finally {
      await context.close();
    }
  });
});
