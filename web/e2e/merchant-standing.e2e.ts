import { describe, expect, it } from 'vitest';
import { commonMessages } from '../src/i18n/common.ts';
import { merchantMessages } from '../src/i18n/merchant.ts';
import { opsMessages } from '../src/i18n/ops.ts';
import { standingMessages } from '../src/i18n/standing.ts';
import {
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
const zh = { ...commonMessages.zh, ...merchantMessages.zh, ...opsMessages.zh, ...standingMessages.zh };
const en = { ...commonMessages.en, ...merchantMessages.en, ...standingMessages.en };

// The demo's sales histories (server/src/seed/demo-sales-plan.ts): merchant1's shop is excellent and
// badged, merchant5's good without the trust guarantees, merchant3's still in probation.
describe('merchant 店铺权益 (rewards of standing)', () => {
  it('a badged shop reads its trust badge with every condition met, the deposit discount and the campaigns it may enter', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', 'merchant1');
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('navigation').getByRole('link', { name: zh['merchant.nav.standing'] }).click();
    await page.getByRole('heading', { name: zh['standing.title'] }).waitFor();

    const badge = page.getByRole('region', { name: zh['standing.badge.title'] });
    await badge.getByText(zh['standing.badge.held'], { exact: true }).waitFor();
    const conditions = badge.getByRole('table').first();
    for (const key of ['score', 'guarantees', 'violations', 'shop_state'] as const) {
      const row = conditions.getByRole('row').filter({ hasText: zh[`standing.cond.${key}`] });
      await row.getByText(zh['standing.met'], { exact: true }).waitFor();
    }
    await badge.getByText(fill(zh['standing.req.score'], { min: '4.50' })).waitFor();
    // the history names the grant
    await badge.getByText(zh['standing.history.granted'], { exact: true }).first().waitFor();

    const deposit = page.getByRole('region', { name: zh['standing.deposit.title'] });
    await deposit.getByText(fill(zh['standing.deposit.off'], { pct: '50%' })).waitFor();
    await deposit.getByText(zh['standing.deposit.verdict.discount']).waitFor();

    const campaigns = page.getByRole('region', { name: zh['standing.campaigns.title'] });
    const trustDay = campaigns.getByRole('row').filter({ hasText: zh['standing.tier.trust_day'] });
    await trustDay.getByText(zh['standing.tier.eligible'], { exact: true }).waitFor();

    const probation = page.getByRole('region', { name: zh['standing.probation.title'] });
    await probation.getByText(zh['standing.probation.out'], { exact: true }).waitFor();
    // times carry their zone
    expect(await badge.innerText()).toMatch(/北京时间|UTC\+8|GMT\+8/);
    await expectCleanText(page);
    await screenshot(page, 'merchant-standing-badged');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a good shop without the trust guarantees sees the products that lack them; in English', async () => {
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(context, 'merchant', 'merchant5');
    const page = await newPage(context);
    await page.goto('/merchant/standing');
    const badge = page.getByRole('region', { name: en['standing.badge.title'] });
    await badge.getByText(en['standing.badge.notHeld'], { exact: true }).waitFor();
    const guarantees = badge.getByRole('row').filter({ hasText: en['standing.cond.guarantees'] });
    await guarantees.getByText(en['standing.unmet'], { exact: true }).waitFor();
    await badge.getByText(en['standing.uncovered.title']).waitFor();
    const fix = badge.getByRole('link', { name: en['standing.uncovered.edit'] }).first();
    expect(await fix.getAttribute('href')).toMatch(/^\/merchant\/products\/\d+$/);
    const score = badge.getByRole('row').filter({ hasText: en['standing.cond.score'] });
    await score.getByText(en['standing.met'], { exact: true }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-standing-good-en');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('a shop in probation follows its days and completed orders toward the exit', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', 'merchant3');
    const page = await newPage(context);
    await page.goto('/merchant/standing');
    const probation = page.getByRole('region', { name: zh['standing.probation.title'] });
    await probation.getByText(zh['standing.probation.in'], { exact: true }).waitFor();
    await probation.getByText(zh['standing.probation.verdict.stays']).waitFor();
    const bars = probation.getByRole('progressbar');
    expect(await bars.count()).toBe(2);
    const orders = Number(await bars.nth(1).getAttribute('aria-valuenow'));
    expect(orders).toBeGreaterThan(0);
    expect(orders).toBeLessThan(100);
    // no score yet: the badge names the shortfall, no discount
    const badge = page.getByRole('region', { name: zh['standing.badge.title'] });
    await badge.getByText(zh['standing.score.none']).first().waitFor();
    await page.getByText(zh['standing.deposit.verdict.not_enough_orders']).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-standing-probation');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('ops 信任购店铺 (trust badges)', () => {
  it('a reviewer lists the shops holding the badge and reads each grant with the values the rule saw', async () => {
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'ops', 'reviewer');
    const page = await newPage(context);
    await page.goto('/ops');
    await page.getByRole('navigation').getByRole('link', { name: zh['ops.nav.trustBadges'] }).click();
    await page.getByRole('heading', { name: zh['ops.badges.title'] }).waitFor();
    const badged = page.getByRole('table', { name: zh['ops.badges.title'] });
    // merchant1's shop (鲜丰果园) holds it in the demo
    await badged
      .getByRole('row')
      .filter({ hasText: '鲜丰果园' })
      .getByText(zh['ops.badges.state.granted'])
      .waitFor();
    const history = page.getByRole('table', { name: zh['standing.history.title'] });
    const grant = history.getByRole('row').filter({ hasText: '鲜丰果园' }).first();
    await grant.getByText(zh['standing.history.granted'], { exact: true }).waitFor();
    await grant.getByText(zh['standing.history.allMet']).waitFor();
    expect(await grant.innerText()).toMatch(/UTC\+8/);
    await expectCleanText(page);
    await screenshot(page, 'ops-trust-badges');

    // the rule's numbers are configuration: the score a badge needs, in points with its decimals
    await page.goto('/ops/configuration');
    const minScore = page.getByLabel(
      `${zh['ops.config.field.standing.badge.minScore']} (${zh['ops.config.unit.score']})`,
    );
    expect(await minScore.inputValue()).toBe('4.5');
    const discount = page.getByLabel(
      `${zh['ops.config.field.standing.depositDiscount.discountBp']} (${zh['ops.config.unit.percent']})`,
    );
    expect(await discount.inputValue()).toBe('50');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
