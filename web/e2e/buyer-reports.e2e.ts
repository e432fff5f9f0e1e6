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

describe('buyer reports (举报)', () => {
  it('a buyer reports a comment in a live room, ops uphold it, and the buyer learns the outcome', async () => {
    const live = await (await fetch(`${baseUrl()}/api/v1/live/sessions?state=live&limit=10`)).json();
    const session = live.items[0] as { id: number };
    expect(session, 'a demo session is live').toBeTruthy();
    // another viewer's hostile comment, which the screening lets through (outright abuse it holds back)
    const author = await apiLogin('buyer36');
    const text = `主播说话太难听了，大家别买 ${Date.now() % 100000}`;
    const comment = await author.call('POST', `/live/sessions/${session.id}/comments`, { text });
    expect(comment.state).toBe('visible');

    // the reporter taps the comment in the room and reports it
    const buyerContext = await newContext(browser(), { lang: 'zh' });
    await signInAs(buyerContext, 'buyer', 'buyer37');
    const buyer = await newPage(buyerContext);
    await buyer.goto(`/live/${session.id}`);
    const comments = buyer.getByRole('list', { name: '评论' });
    await comments.getByText(text).waitFor();
    await comments.getByRole('button', { name: `举报 ${comment.author.displayName} 的评论` }).click();
    const sheet = buyer.getByRole('dialog', { name: '举报评论' });
    await sheet.getByText(text).waitFor();
    await sheet.getByLabel('辱骂攻击').check();
    await sheet.getByLabel('补充说明（选填）').fill('在直播间辱骂主播');
    await expectCleanText(buyer);
    await screenshot(buyer, 'buyer-report-sheet');
    await sheet.getByRole('button', { name: '提交举报' }).click();
    await buyer.getByText('举报已提交，处理结果会通知你').waitFor();
    await sheet.waitFor({ state: 'detached' });

    // 我的举报 shows it as being handled
    await buyer.goto('/me/reports');
    const mine = buyer.getByRole('listitem', { name: '你的举报' }).filter({ hasText: text });
    await mine.getByText('处理中').waitFor();

    // ops find it in the reports queue (from the triage board) with the comment inline, and uphold it
    const opsContext = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(opsContext, 'ops', 'reviewer');
    const ops = await newPage(opsContext);
    await ops.goto('/ops/queues');
    await ops.getByRole('link', { name: '买家举报' }).first().click();
    await ops.getByRole('heading', { name: '买家举报' }).waitFor();
    const card = ops.getByRole('article').filter({ hasText: text });
    await card.getByText('辱骂攻击', { exact: false }).first().waitFor();
    await card.getByText('在直播间辱骂主播').waitFor();
    // claim it (the triage queue's claim), then decide
    await card.getByRole('button', { name: '认领' }).click();
    await card.getByText('处理人：我').waitFor();
    await card.getByLabel('处理说明').fill('辱骂主播，隐藏评论');
    await expect(card.getByLabel('处理方式').inputValue()).resolves.toBe('hidden');
    await expectCleanText(ops);
    await screenshot(ops, 'ops-buyer-reports');
    await card.getByRole('button', { name: '举报成立' }).click();
    const confirm = ops.getByRole('dialog').filter({ hasText: '操作不可撤销' });
    await confirm.getByText('该内容', { exact: false }).first().waitFor();
    await confirm.getByRole('button', { name: '确认' }).click();
    await ops.getByText('已处理，已通知', { exact: false }).waitFor();
    await card.waitFor({ state: 'detached' });
    expect(pageErrors(ops)).toEqual([]);
    await opsContext.close();

    // an English reader sees the decided report with no Chinese of the app's own
    const enContext = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(enContext, 'ops', 'reviewer');
    const en = await newPage(enContext);
    await en.goto('/ops/reports');
    await en.getByLabel('State').selectOption('upheld');
    const upheld = en.getByRole('article').filter({ hasText: text });
    await upheld.getByText('Outcome: Upheld', { exact: false }).waitFor();
    await upheld.getByText('Abuse or harassment', { exact: false }).first().waitFor();
    await expectCleanText(en);
    expect(pageErrors(en)).toEqual([]);
    await enContext.close();

    // the comment is gone from the room for everyone else
    const feed = await (
      await fetch(`${baseUrl()}/api/v1/live/sessions/${session.id}/comments?limit=50`)
    ).json();
    expect(feed.items.some((c: { id: number }) => c.id === comment.id)).toBe(false);

    // the buyer is told: a message, and the outcome in 我的举报
    await buyer.goto('/messages');
    await buyer.getByText('你的举报有结果了').first().click();
    await buyer.waitForURL('**/me/reports');
    const decided = buyer.getByRole('listitem', { name: '你的举报' }).filter({ hasText: text });
    await decided.getByText('举报成立').waitFor();
    await decided.getByText('该内容已被隐藏').waitFor();
    await expectCleanText(buyer);
    await screenshot(buyer, 'buyer-my-reports');
    expect(pageErrors(buyer)).toEqual([]);
    await buyerContext.close();
  });

  it('reports a product, a review and a shop from their pages', async () => {
    const merchant = await apiLogin('merchant1');
    const shops = await merchant.call('GET', '/me/shops');
    const shopId: number = (shops.items ?? shops)[0].id;
    const products = await merchant.call('GET', `/shops/${shopId}/products?limit=50`);
    const listed = (products.items as { id: number; state: string }[]).filter((p) => p.state === 'listed');
    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', 'buyer38');
    const page = await newPage(context);

    // a product: the 举报 button beside the shop's name
    await page.goto(`/products/${listed[0]!.id}`);
    await page.getByRole('button', { name: '举报商品' }).click();
    const sheet = page.getByRole('dialog', { name: '举报商品' });
    await sheet.getByLabel('价格欺诈').check();
    await sheet.getByRole('button', { name: '提交举报' }).click();
    await page.getByText('举报已提交，处理结果会通知你').waitFor();
    // a second report of the same product while the first is open is refused in words
    await page.getByRole('button', { name: '举报商品' }).click();
    await sheet.getByLabel('假冒商品').check();
    await sheet.getByRole('button', { name: '提交举报' }).click();
    await sheet.getByText('你已举报过，正在处理中，请等待结果。').waitFor();
    await expectCleanText(page);
    await sheet.getByRole('button', { name: '关闭' }).click();

    // a review: another buyer's low review on a completed order of the shop
    const detail = await (await fetch(`${baseUrl()}/api/v1/products/${listed[1]!.id}`)).json();
    const sku = (detail.skus as { id: number; stock: number }[]).find((k) => k.stock > 0)!;
    const reviewer = await apiLogin('buyer39');
    const checkout = await reviewer.call(
      'POST',
      '/checkout',
      { items: [{ skuId: sku.id, quantity: 1 }], pay: { method: 'sandbox' } },
      { 'idempotency-key': crypto.randomUUID() },
    );
    const orderId: number = checkout.orders[0].id;
    const shipped = await merchant.call('POST', `/shops/${shopId}/orders/${orderId}/shipment`, {
      carrier: 'sandbox',
      trackingNumber: `SBRP${Date.now()}`,
    });
    for (const event of ['picked_up', 'in_transit', 'delivered'])
      await merchant.call('POST', `/shipments/${shipped.shipment?.id ?? shipped.id}/sandbox-events`, {
        event,
      });
    await reviewer.call('POST', `/orders/${orderId}/confirm-receipt`);
    const order = await reviewer.call('GET', `/orders/${orderId}`);
    const reviewText = `刷单好评，别信 ${Date.now() % 100000}`;
    await reviewer.call('POST', `/orders/${orderId}/reviews`, {
      orderLineId: order.lines[0].id,
      rating: 1,
      text: reviewText,
    });
    await page.goto(`/products/${listed[1]!.id}`);
    await page.getByText(reviewText).waitFor();
    await page
      .getByRole('button', { name: `举报 ${reviewer.account.displayName} 的评价` })
      .first()
      .click();
    const reviewSheet = page.getByRole('dialog', { name: '举报评价' });
    await reviewSheet.getByText(reviewText).waitFor();
    await reviewSheet.getByLabel('虚假评价').check();
    await reviewSheet.getByRole('button', { name: '提交举报' }).click();
    await page.getByText('举报已提交，处理结果会通知你').first().waitFor();
    await reviewSheet.waitFor({ state: 'detached' });

    // a shop
    await page.goto(`/shops/${shopId}`);
    await page.getByRole('button', { name: '举报店铺' }).click();
    const shopSheet = page.getByRole('dialog', { name: '举报店铺' });
    await shopSheet.getByLabel('服务恶劣').check();
    await shopSheet.getByRole('button', { name: '提交举报' }).click();
    await page.getByText('举报已提交，处理结果会通知你').waitFor();

    await page.goto('/me/reports');
    await page.getByRole('listitem', { name: '你的举报' }).filter({ hasText: '服务恶劣' }).waitFor();
    await page.getByRole('listitem', { name: '你的举报' }).filter({ hasText: '价格欺诈' }).waitFor();
    await page.getByRole('listitem', { name: '你的举报' }).filter({ hasText: reviewText }).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
