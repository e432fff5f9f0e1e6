import { describe, expect, it } from 'vitest';
import { audienceMessages } from '../src/i18n/audience.ts';
import { feedbackMessages } from '../src/i18n/feedback.ts';
import {
  type ApiSession,
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
const zh = { ...audienceMessages.zh, ...feedbackMessages.zh };

interface Rating {
  reviews: number;
  average: number | null;
  goodRateBp: number | null;
}

/** merchant1's shop (the demo's excellent, badged shop) and one of its products with reviews. */
async function ratedProductOfMerchant1() {
  const merchant = await apiLogin('merchant1');
  const [shop] = await merchant.call<{ id: number; name: string }[]>('GET', '/me/shops');
  if (!shop) throw new Error('merchant1 has no shop');
  const products = await merchant.call<{ items: { id: number; title: string }[] }>(
    'GET',
    `/products?shopId=${shop.id}&limit=50`,
  );
  for (const product of products.items) {
    const rep = await merchant.call<{ rating: Rating; shop: { rating: Rating; trustBadge: boolean } }>(
      'GET',
      `/products/${product.id}/reputation`,
    );
    if (rep.rating.reviews > 0) return { shop, product, rep };
  }
  throw new Error(`no product of ${shop.name} has reviews (the demo history seeds them)`);
}

/** A demo buyer of the sales histories with an NPS survey still open (the seed leaves the newest open). */
async function buyerWithOpenSurvey(): Promise<{
  buyer: ApiSession;
  survey: { id: number; orderId: number };
}> {
  const logins = [41, 31, 21, 11].flatMap((from) => Array.from({ length: 10 }, (_, i) => `buyer${from + i}`));
  for (const login of logins) {
    const buyer = await apiLogin(login);
    const { items } = await buyer.call<{ items: { id: number; orderId: number }[] }>('GET', '/me/surveys');
    if (items[0]) return { buyer, survey: items[0] };
  }
  throw new Error('no demo buyer has an open NPS survey');
}

describe('ratings, the shop page and NPS (Chinese)', () => {
  it('a buyer sees a product’s and its shop’s ratings and badge, and opens the shop page from the product page', async () => {
    const { shop, product, rep } = await ratedProductOfMerchant1();
    expect(rep.shop.trustBadge).toBe(true);
    const context = await newContext(browser(), { lang: 'zh' });
    const page = await newPage(context);
    await page.goto(`/products/${product.id}`);

    // The product's own rating: stars, good-rating rate and the number of reviews.
    const productLine = page.getByTestId('reputation').first();
    await productLine.getByText(fill(zh['rep.reviews'], { n: rep.rating.reviews })).waitFor();
    await productLine
      .getByRole('img', { name: fill(zh['rep.starsOf'], { n: rep.rating.average!.toFixed(1) }) })
      .waitFor();
    await productLine.getByText(/^好评率 \d+%$/).waitFor();

    // The shop card: 信任购 and the shop's stars; 进店 opens the shop page.
    const card = page.getByRole('region', { name: zh['storefront.shopCard'] });
    await card.getByText(shop.name).waitFor();
    await card.getByText(zh['rep.trust'], { exact: true }).waitFor();
    await card
      .getByRole('img', { name: fill(zh['rep.starsOf'], { n: rep.shop.rating.average!.toFixed(1) }) })
      .waitFor();
    await expectCleanText(page);
    await screenshot(page, 'product-ratings-zh');
    await card.getByRole('link', { name: zh['storefront.enter'] }).click();
    await page.waitForURL(`**/shops/${shop.id}`);

    // The shop page: rating, badge, score band, followers, the products; sort by sales.
    const head = page.getByRole('region', { name: shop.name });
    await head.getByText(zh['rep.trust'], { exact: true }).waitFor();
    await head.getByText(fill(zh['rep.band'], { band: zh['rep.band.excellent'] })).waitFor();
    await head.getByText(fill(zh['rep.reviews'], { n: rep.shop.rating.reviews })).waitFor();
    await head.getByText(/\d+ 粉丝/).waitFor();
    // signed out, 关注 leads to sign-in
    await head.getByRole('link', { name: zh['audience.follow'], exact: true }).waitFor();
    const products = page.getByRole('region', { name: zh['storefront.products'] });
    await products.getByRole('link').first().waitFor();
    await products.getByRole('button', { name: zh['storefront.sort.sales'] }).click();
    expect(
      await products.getByRole('button', { name: zh['storefront.sort.sales'] }).getAttribute('aria-pressed'),
    ).toBe('true');
    await products
      .getByText(/近 30 天售 \d+/)
      .first()
      .waitFor();
    await expectCleanText(page);
    await screenshot(page, 'shop-page-zh');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a buyer answers the NPS survey of a completed order once', async () => {
    const { buyer, survey } = await buyerWithOpenSurvey();
    const context = await newContext(browser(), { lang: 'zh' });
    await signInAs(context, 'buyer', buyer.account.login);
    const page = await newPage(context);
    await page.goto(`/orders/${survey.orderId}`);
    const prompt = page.getByRole('region', { name: zh['nps.title'] });
    await prompt.waitFor();
    // the deadline carries its zone
    expect(await prompt.innerText()).toMatch(/北京时间|UTC\+8|GMT\+8/);
    await expectCleanText(page);
    await prompt.getByRole('button', { name: zh['nps.submit'] }).click();
    await prompt.getByText(zh['nps.chooseScore']).waitFor();
    await prompt.getByRole('button', { name: fill(zh['nps.scoreN'], { n: 9 }) }).click();
    await prompt.getByLabel(zh['nps.comment']).fill('发货快，包装也很用心');
    await screenshot(page, 'nps-survey-zh');
    await prompt.getByRole('button', { name: zh['nps.submit'] }).click();
    await page.getByText(zh['nps.thanks']).waitFor();
    // answered once: the order no longer asks
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('region', { name: zh['nps.title'] }).count()).toBe(0);
    const { items } = await buyer.call<{ items: { id: number }[] }>('GET', '/me/surveys');
    expect(items.map((i) => i.id)).not.toContain(survey.id);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('the merchant dashboard shows the repeat-customer index and the shop’s NPS beside the platform’s', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', 'merchant1');
    const page = await newPage(context);
    await page.goto('/merchant');
    const card = page.getByRole('region', { name: zh['merchant.feedback.title'] });
    await card.getByText(zh['merchant.feedback.repeat'], { exact: true }).waitFor();
    for (const n of [14, 30, 90])
      await card.getByText(fill(zh['merchant.feedback.days'], { n }), { exact: true }).waitFor();
    await card
      .getByText(/\d+(\.\d+)?%/)
      .first()
      .waitFor();
    await card.getByText(zh['merchant.feedback.nps'], { exact: true }).waitFor();
    expect(await card.getByTestId('nps-shop').innerText()).toMatch(/^-?\d+$/);
    expect(await card.getByTestId('nps-platform').innerText()).toMatch(/^-?\d+$/);
    await card
      .getByText(/\d+ 份回答/)
      .first()
      .waitFor();
    await card.scrollIntoViewIfNeeded();
    await expectCleanText(page);
    await screenshot(page, 'merchant-feedback-card');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('ops read the platform NPS with its answers and response rate', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'reviewer');
    const page = await newPage(context);
    await page.goto('/ops/nps');
    await page.getByRole('heading', { name: zh['ops.nps.title'] }).waitFor();
    const figure = page.getByTestId('platform-nps');
    await figure.getByText(zh['ops.nps.answers']).waitFor();
    await figure.getByText(zh['ops.nps.responseRate']).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
