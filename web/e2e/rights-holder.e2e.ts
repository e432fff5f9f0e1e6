import { describe, expect, it } from 'vitest';
import { buyerMessages } from '../src/i18n/buyer.ts';
import { commonMessages } from '../src/i18n/common.ts';
import { merchantMessages } from '../src/i18n/merchant.ts';
import { screensMessages } from '../src/i18n/screens.ts';
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
const zh = { ...commonMessages.zh, ...buyerMessages.zh, ...merchantMessages.zh, ...screensMessages.zh };
const en = { ...commonMessages.en, ...buyerMessages.en, ...merchantMessages.en, ...screensMessages.en };
const HOLDER = 'brand1'; // the demo rights holder (a buyer account with a holder profile)
const MERCHANT = 'merchant23'; // 换新机二手严选: used in no other browser journey

// A 1×1 PNG: the evidence image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const evidence = (name: string) => ({ name, mimeType: 'image/png', buffer: PNG });

describe('rights holder', () => {
  it('certifies a brand, files a complaint and follows it; the merchant counter-notifies', async () => {
    const merchant = await apiLogin(MERCHANT);
    const [shop] = await merchant.call<{ id: number; name: string }[]>('GET', '/me/shops');
    // A product pinned in no live room: the takedown must not change another journey's room.
    const pinned = new Set<number>();
    for (const state of ['live', 'scheduled']) {
      const rooms = await merchant.call<{ items: { id: number }[] }>(
        'GET',
        `/live/sessions?state=${state}&limit=100`,
      );
      for (const room of rooms.items) {
        const detail = await merchant.call<{ pins: { productId: number }[] }>(
          'GET',
          `/live/sessions/${room.id}`,
        );
        for (const pin of detail.pins) pinned.add(pin.productId);
      }
    }
    const products = await merchant.call<{ items: { id: number; title: string }[] }>(
      'GET',
      `/products?shopId=${shop!.id}&limit=100`,
    );
    const product = products.items.find((p) => !pinned.has(p.id))!;

    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', HOLDER);
    const page = await newPage(context);
    await page.goto('/me');
    await page.getByRole('link', { name: zh['buyer.me.rights'] }).click();
    await page.getByRole('heading', { name: zh['buyer.rights.title'] }).waitFor();
    await page.getByText('李宁品牌维权中心').waitFor();
    await page.getByText(zh['buyer.rights.noComplaints']).waitFor();

    // Certify a brand: the claim waits for ops.
    const certify = page.getByRole('form', { name: zh['buyer.rights.certify'] });
    await certify.getByLabel(zh['buyer.rights.brand']).selectOption({ label: '李宁' });
    await certify.getByLabel(zh['buyer.rights.trademarkNo']).fill('12345678');
    await certify.getByLabel(zh['buyer.evidence.photos']).setInputFiles(evidence('trademark.png'));
    await certify
      .getByRole('img', { name: fill(zh['buyer.evidence.preview'], { name: 'trademark.png' }) })
      .waitFor();
    await certify.getByRole('button', { name: zh['buyer.rights.certifySubmit'] }).click();
    await page
      .getByRole('status')
      .getByText(fill(zh['buyer.rights.certFiled'], { brand: '李宁' }))
      .waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: '李宁' })
      .getByText(zh['buyer.rights.certState.pending'])
      .waitFor();

    // File a complaint against a product: asked to confirm, then it waits for ops.
    await page.getByRole('searchbox', { name: zh['buyer.rights.findProduct'] }).fill(product.title);
    await page.getByRole('button', { name: zh['common.search'] }).click();
    const file = page.getByRole('form', { name: zh['buyer.rights.file'] });
    await file.getByLabel(zh['buyer.rights.product']).selectOption(String(product.id));
    await file.getByLabel(zh['buyer.rights.reasonLabel']).selectOption('counterfeit');
    await file
      .getByLabel(zh['buyer.rights.text'])
      .fill('该商品使用我方注册商标，并非正品，与正品包装差异明显');
    await file.getByLabel(zh['buyer.evidence.photos']).setInputFiles(evidence('compare.png'));
    await file
      .getByRole('img', { name: fill(zh['buyer.evidence.preview'], { name: 'compare.png' }) })
      .waitFor();
    await file.getByRole('button', { name: zh['buyer.rights.fileSubmit'] }).click();
    const dialog = page.getByRole('dialog', { name: zh['buyer.rights.fileConfirmTitle'] });
    await dialog
      .getByText(fill(zh['buyer.rights.fileConfirmBody'], { product: product.title, shop: shop!.name }))
      .waitFor();
    await dialog.getByRole('button', { name: zh['buyer.rights.fileSubmit'] }).click();
    await page
      .getByRole('status')
      .getByText(fill(zh['buyer.rights.filed'], { state: zh['buyer.rights.state.ops_review'] }))
      .waitFor();
    const item = page.getByRole('listitem', {
      name: fill(zh['buyer.rights.complaintLabel'], { product: product.title }),
    });
    await item.getByText(zh['buyer.rights.state.ops_review']).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'rights-holder-filed');

    // Ops uphold it: the holder sees the takedown and the shop's counter-notice window.
    const holder = await apiLogin(HOLDER);
    const mine = await holder.call<{ items: { id: number; productId: number }[] }>(
      'GET',
      '/me/ip/complaints',
    );
    const complaint = mine.items.find((c) => c.productId === product.id)!;
    const reviewer = await apiLogin('reviewer');
    await reviewer.call('POST', `/ip/complaints/${complaint.id}/decision`, {
      uphold: true,
      note: '证据充分',
    });
    await page.reload();
    await item.getByText(zh['buyer.rights.state.upheld']).waitFor();
    await item.getByText(zh['buyer.rights.counterWindow']).waitFor();

    // The merchant counter-notifies with evidence, after confirming.
    const m = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(m, 'merchant', MERCHANT);
    const mp = await newPage(m);
    await mp.goto('/merchant');
    await mp.getByRole('link', { name: zh['merchant.nav.ip'] }).click();
    await mp.getByRole('heading', { name: zh['merchant.ip.title'] }).waitFor();
    const card = mp.getByRole('article', {
      name: fill(zh['merchant.ip.cardLabel'], { product: product.title }),
    });
    await card.getByText(zh['merchant.ip.state.upheld']).waitFor();
    await card.getByLabel(zh['merchant.ip.counterText']).fill('我店有品牌方授权书和进货发票，商品为正品');
    await card.getByLabel(zh['buyer.evidence.photos']).setInputFiles(evidence('licence.png'));
    await card
      .getByRole('img', { name: fill(zh['buyer.evidence.preview'], { name: 'licence.png' }) })
      .waitFor();
    await expectCleanText(mp);
    await screenshot(mp, 'merchant-counter-notice');
    await card.getByRole('button', { name: zh['merchant.ip.counterSubmit'] }).click();
    const confirm = mp.getByRole('dialog', { name: zh['merchant.ip.counterConfirmTitle'] });
    await confirm.getByText(fill(zh['merchant.ip.counterConfirmBody'], { n: '1' })).waitFor();
    await confirm.getByRole('button', { name: zh['merchant.ip.counterSubmit'] }).click();
    await mp.getByRole('status').getByText(zh['merchant.ip.counterSent']).waitFor();
    await card.getByText(zh['merchant.ip.state.counter_noticed']).first().waitFor();
    await mp.evaluate(() => localStorage.setItem('xinren.lang', 'en'));
    await mp.reload();
    await mp.getByRole('heading', { name: en['merchant.ip.title'] }).waitFor();
    await mp.getByText(en['merchant.ip.explain.counter_noticed']).waitFor();
    await expectCleanText(mp);
    expect(pageErrors(mp)).toEqual([]);
    await m.close();

    // The holder follows the outcome, step by step.
    await page.reload();
    await item.getByText(zh['buyer.rights.state.counter_noticed']).waitFor();
    await item.getByRole('button', { name: zh['buyer.rights.showProgress'] }).click();
    const progress = item.getByRole('list', { name: zh['buyer.rights.progress'] });
    await expect.poll(() => progress.getByRole('listitem').count()).toBe(3);
    await expectCleanText(page);
    await screenshot(page, 'rights-holder-progress');

    // In English: no Chinese from the page itself (names and titles are the data's own).
    await page.evaluate(() => localStorage.setItem('xinren.lang', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: en['buyer.rights.title'] }).waitFor();
    const itemEn = page.getByRole('listitem', {
      name: fill(en['buyer.rights.complaintLabel'], { product: product.title }),
    });
    await itemEn.getByText(en['buyer.rights.state.counter_noticed']).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
