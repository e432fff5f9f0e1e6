import { describe, expect, it } from 'vitest';
import { careMessages } from '../src/i18n/care.ts';
import {
  apiLogin,
  browserForFile,
  DESKTOP,
  expectCleanText,
  fill,
  newContext,
  newPage,
  PHONE,
  pageErrors,
  screenshot,
  signInAs,
} from './support.ts';

const browser = browserForFile();
const zh = careMessages.zh;

describe('关怀外呼: an ops user compensates an injured buyer from the outreach queue (Chinese)', () => {
  it('finds the seeded buyer, reads the story, claims, calls, pays ¥20.00 with confirmation, records the outcome; the buyer answers in one tap', async () => {
    // The demo's injured buyer: buyer40, whose parcel from 鲜丰果园 stalled after two contacts.
    const buyer = await apiLogin('buyer40');
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'arbiter');
    const page = await newPage(context);
    await page.goto('/ops');
    await page
      .getByRole('navigation', { name: '运营导航' })
      .getByRole('link', { name: zh['ops.nav.care'] })
      .click();
    await page.getByRole('heading', { name: zh['care.title'], level: 2 }).waitFor();
    await page.getByTestId('care-satisfaction').waitFor();
    const row = page.getByRole('row').filter({ hasText: buyer.account.displayName });
    await row.getByText(zh['care.rule.stalled_parcel_contacted']).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'ops-care-queue');
    await row.getByRole('link').click();

    // The whole story: why, the order, the stalled parcel, the two messages to the shop.
    await page
      .getByTestId('care-why')
      .getByText(/包裹已 \d+ 小时没有物流更新，买家已 2 次联系商家。/)
      .waitFor();
    await page
      .getByRole('region', { name: zh['care.section.shipment'] })
      .getByText(/快递已揽收/)
      .first()
      .waitFor();
    const chats = page.getByRole('region', { name: zh['care.section.chats'] });
    await chats.getByText(/物流一直没动/).waitFor();
    await chats.getByText(/还是没有任何物流更新/).waitFor();
    await expectCleanText(page);

    await page.getByRole('button', { name: zh['care.claim'] }).click();
    const contact = page.getByRole('form', { name: zh['care.contact.title'] });
    await contact.getByLabel(zh['care.contact.note']).fill('已致电买家致歉，已催快递并说明补偿');
    await contact.getByRole('button', { name: zh['care.contact.save'] }).click();
    await page.getByText('已致电买家致歉，已催快递并说明补偿').waitFor();

    // Compensation in place: cash, confirmed with the amount named.
    const comp = page.getByRole('form', { name: zh['care.comp.title'] });
    await comp.getByLabel(zh['care.comp.kind']).selectOption('cash');
    await comp.getByLabel(zh['care.comp.amount']).fill('20');
    await comp.getByRole('button', { name: zh['care.comp.give'] }).click();
    const dialog = page.getByRole('dialog', { name: zh['care.comp.confirmTitle'] });
    await dialog
      .getByText(fill(zh['care.comp.confirmCash'], { buyer: buyer.account.displayName, amount: '¥20.00' }))
      .waitFor();
    await screenshot(page, 'ops-care-compensate');
    await dialog.getByRole('button', { name: zh['care.comp.give'] }).click();
    await page
      .getByTestId('care-compensations')
      .getByText(/现金补偿 · ¥20\.00/)
      .waitFor();

    // The outcome, confirmed: the case leaves the queue and the buyer is asked.
    const outcome = page.getByRole('form', { name: zh['care.outcome.title'] });
    await outcome.getByLabel(zh['care.outcome.label']).selectOption('compensated');
    await outcome.getByRole('button', { name: zh['care.outcome.save'] }).click();
    await page
      .getByRole('dialog', { name: zh['care.outcome.confirmTitle'] })
      .getByRole('button', { name: zh['care.outcome.save'] })
      .click();
    await page.getByText(fill(zh['care.resolvedAs'], { outcome: zh['care.outcome.compensated'] })).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);

    // The buyer: the inbox tells them what they got and asks; one tap answers.
    const phone = await newContext(browser(), { lang: 'zh', viewport: PHONE });
    await signInAs(phone, 'buyer', 'buyer40');
    const buyerPage = await newPage(phone);
    await buyerPage.goto('/messages');
    await buyerPage.getByText(fill(zh['care.inbox.compCash'], { amount: '¥20.00' })).waitFor();
    await buyerPage.getByRole('button', { name: new RegExp(zh['care.inbox.surveyTitle']) }).click();
    await buyerPage.getByRole('heading', { name: zh['care.survey.title'] }).waitFor();
    await expectCleanText(buyerPage);
    await buyerPage.getByRole('button', { name: zh['care.satisfaction.satisfied'], exact: true }).click();
    await buyerPage
      .getByText(fill(zh['care.survey.thanks'], { answer: zh['care.satisfaction.satisfied'] }))
      .waitFor();
    await screenshot(buyerPage, 'buyer-care-survey');
    expect(pageErrors(buyerPage)).toEqual([]);

    // Satisfaction after outreach counts the answer on the queue page.
    await page.goto('/ops/care');
    await page
      .getByTestId('care-satisfaction')
      .getByText(/位满意/)
      .waitFor();
    await context.close();
    await phone.close();
  });

  it('reads cleanly in English: the done list and a finished case (a reviewer cannot pay)', async () => {
    const en = careMessages.en;
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(context, 'ops', 'reviewer');
    const page = await newPage(context);
    await page.goto('/ops/care');
    await page.getByRole('heading', { name: en['care.title'], level: 2 }).waitFor();
    await page.getByLabel(en['care.filter.view']).selectOption('resolved');
    const row = page.getByRole('row').filter({ hasText: en['care.rule.stalled_parcel_contacted'] }).first();
    await row.waitFor();
    await expectCleanText(page);
    await row.getByRole('link').click();
    await page.getByTestId('care-why').waitFor();
    await page.getByText(fill(en['care.resolvedAs'], { outcome: en['care.outcome.compensated'] })).waitFor();
    expect(await page.getByRole('form', { name: en['care.comp.title'] }).count()).toBe(0);
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
