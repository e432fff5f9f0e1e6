import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@xinren/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commonMessages } from '../src/i18n/common.ts';
import { integrationsMessages } from '../src/i18n/integrations.ts';
import { merchantMessages } from '../src/i18n/merchant.ts';
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
const zh = { ...commonMessages.zh, ...merchantMessages.zh, ...integrationsMessages.zh };
const en = { ...commonMessages.en, ...merchantMessages.en, ...integrationsMessages.en };
const MERCHANT = 'merchant25'; // its keys and endpoints are its own: other journeys read this shop's products only
const run = Date.now() % 100000;

/** A receiver on this machine: answers 200 "ok" and keeps every request it got. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
let receiver: Server;
const received: Received[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('merchant integrations (开放平台)', () => {
  it('creates an API key whose token is shown once and works for its scope, then revokes it after a confirmation naming the consequence', async () => {
    const owner = await apiLogin(MERCHANT);
    const [shop] = await owner.call<{ id: number }[]>('GET', '/me/shops');
    const shopId = shop!.id;
    const name = `仓储系统${run}`;

    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByText(zh['integrations.nav.group']).waitFor();
    await page.getByRole('link', { name: zh['integrations.nav.apiKeys'] }).click();
    await page.getByRole('heading', { name: zh['integrations.keys.title'] }).waitFor();

    await page.getByRole('button', { name: zh['integrations.keys.new'] }).click();
    const form = page.getByRole('form', { name: zh['integrations.keys.form.title'] });
    await form.getByLabel(zh['integrations.keys.form.name']).fill(name);
    // no scope ticked: said beside the scopes, nothing sent
    await form.getByRole('button', { name: zh['integrations.keys.form.create'] }).click();
    await form.getByText(zh['integrations.keys.form.noScopes']).waitFor();
    await form.getByLabel(zh['integrations.scope.orders:read']).check();
    await expectCleanText(page);
    await screenshot(page, 'merchant-api-key-form');
    await form.getByRole('button', { name: zh['integrations.keys.form.create'] }).click();

    // the token, this once, with the warning
    await page.getByText(zh['integrations.keys.token.warning']).waitFor();
    const token = (await page.getByTestId('api-key-token').innerText()).trim();
    expect(token).toMatch(/^xr_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: zh['integrations.keys.token.copy'] }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-api-key-token');

    // the key reads the shop's orders, and nothing it was not given
    const asKey = (url: string) =>
      fetch(`${baseUrl()}/api/v1${url}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asKey(`/shops/${shopId}/orders`)).status).toBe(200);
    expect((await asKey(`/shops/${shopId}/api-keys`)).status).toBe(403);

    await page.getByRole('button', { name: zh['integrations.keys.token.done'] }).click();
    expect(await page.getByTestId('api-key-token').count()).toBe(0);
    expect(await page.getByText(token).count()).toBe(0);
    const table = page.getByRole('table', { name: zh['integrations.keys.title'] });
    const row = table.getByRole('row').filter({ hasText: name });
    await row.getByText(zh['integrations.scope.orders:read']).waitFor();
    await row.getByText(zh['integrations.keys.state.active']).waitFor();
    await row.getByText(`${token.slice(0, 10)}…`).waitFor();
    await expectCleanText(page);

    // revoking names the consequence; cancelling keeps the key
    await row.getByRole('button', { name: fill(zh['integrations.keys.revokeNamed'], { name }) }).click();
    const dialog = page.getByRole('dialog', { name: fill(zh['integrations.keys.revokeTitle'], { name }) });
    await dialog.getByText(zh['integrations.keys.revokeBody']).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-api-key-revoke');
    await dialog.getByRole('button', { name: zh['common.cancel'] }).click();
    expect((await asKey(`/shops/${shopId}/orders`)).status).toBe(200);
    await row.getByRole('button', { name: fill(zh['integrations.keys.revokeNamed'], { name }) }).click();
    await dialog.getByRole('button', { name: zh['integrations.keys.revoke'] }).click();
    await row.getByText(zh['integrations.keys.state.revoked']).waitFor();
    expect((await asKey(`/shops/${shopId}/orders`)).status).toBe(401);
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('creates an endpoint at a local receiver, sends a test event it verifies with the SDK, sees it 成功 with the status in the delivery log, opens it and resends it', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${run}`;
    const context = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant');
    await page.getByRole('link', { name: zh['integrations.nav.webhooks'] }).click();
    await page.getByRole('heading', { name: zh['integrations.webhooks.title'] }).waitFor();
    await expectCleanText(page);

    await page.getByRole('link', { name: zh['integrations.webhooks.new'] }).first().click();
    const form = page.getByRole('form', { name: zh['integrations.form.newTitle'] });
    await form.getByText(zh['integrations.form.urlHint']).waitFor();
    await form.getByLabel(zh['integrations.form.url']).fill(url);
    await form.getByLabel(zh['integrations.form.description']).fill(`订单同步${run}`);
    // a whole group at once, and one event of another
    await form
      .getByLabel(fill(zh['integrations.group.selectAll'], { group: zh['integrations.group.order'] }))
      .check();
    await form.getByLabel(zh['integrations.event.aftersales.opened'], { exact: true }).check();
    expect(await form.getByLabel(zh['integrations.event.order.paid'], { exact: true }).isChecked()).toBe(
      true,
    );
    await expectCleanText(page);
    await screenshot(page, 'merchant-webhook-form');
    await form.getByRole('button', { name: zh['integrations.form.create'] }).click();

    // the endpoint's page: the secret shown once created
    await page.getByRole('heading', { name: zh['integrations.endpoint.facts'] }).waitFor();
    await page.getByText(zh['integrations.secret.createdNotice']).waitFor();
    const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    await page
      .getByText(fill(zh['integrations.webhooks.allOfGroup'], { group: zh['integrations.group.order'] }))
      .waitFor();
    await page.getByText(zh['integrations.event.aftersales.opened']).first().waitFor();
    await page.getByText(zh['integrations.log.empty']).waitFor();
    await expectCleanText(page);

    // a test event reaches the receiver, signed with the secret the page showed
    await page.getByRole('button', { name: zh['integrations.endpoint.test'] }).click();
    const got = await waitFor('the test event', () => received.find((r) => r.body.includes('webhook.test')));
    const event = verifyWebhook(secret, got.headers as Record<string, string>, got.body);
    expect(event.type).toBe('webhook.test');
    const log = page.getByRole('table', { name: zh['integrations.log.title'] });
    const testRow = log.getByRole('row').filter({ hasText: zh['integrations.event.webhook.test'] });
    await testRow.getByText(zh['integrations.deliveryState.succeeded']).waitFor();
    await testRow.getByRole('cell', { name: '200', exact: true }).waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-webhook-log');

    // details: the payload as sent, the attempt with its status and the answer's excerpt
    await testRow.getByRole('button', { name: zh['integrations.log.details'] }).click();
    const detail = page.getByRole('region', { name: zh['integrations.delivery.title'] });
    await detail.getByText(event.id, { exact: true }).waitFor();
    await detail.getByText(fill(zh['integrations.delivery.attemptN'], { n: 1 })).waitFor();
    await detail.locator('pre.xi-payload').getByText('"type": "webhook.test"').waitFor();
    await detail.locator('pre.xi-excerpt').getByText('ok').waitFor();
    await expectCleanText(page);
    await screenshot(page, 'merchant-webhook-delivery');

    // resending confirms, names the address, and sends the same event id again
    await detail.getByRole('button', { name: zh['integrations.delivery.replay'] }).click();
    const dialog = page.getByRole('dialog', { name: zh['integrations.delivery.replayTitle'] });
    await dialog.getByText(fill(zh['integrations.delivery.replayBody'], { url })).waitFor();
    await dialog.getByRole('button', { name: zh['integrations.delivery.replay'] }).click();
    await waitFor('the resent event', () =>
      received.filter((r) => r.headers['webhook-id'] === event.id).length >= 2 ? true : undefined,
    );
    const resent = log.getByRole('row').filter({ hasText: zh['integrations.log.replayOf'] });
    await resent.getByText(zh['integrations.deliveryState.succeeded']).waitFor();
    expect(await log.getByRole('row').count()).toBe(3); // the head and two deliveries

    // filters: failed ones (none), then all again
    await page.getByLabel(zh['integrations.log.state']).selectOption('failed');
    await page.getByText(zh['integrations.log.emptyFiltered']).waitFor();
    await page.getByLabel(zh['integrations.log.state']).selectOption('');
    await log.getByRole('row').nth(2).waitFor();

    // 20 more test events: the log shows the newest 20, 加载更多 the 2 before them
    const owner = await apiLogin(MERCHANT);
    const [shop] = await owner.call<{ id: number }[]>('GET', '/me/shops');
    const endpointId = Number(new URL(page.url()).pathname.split('/').at(-1));
    for (let i = 0; i < 20; i++) await owner.call('POST', `/shops/${shop!.id}/webhooks/${endpointId}/test`);
    await waitFor('22 deliveries', () =>
      received.filter((r) => r.body.includes('webhook.test')).length >= 22 ? true : undefined,
    );
    await page.getByRole('button', { name: zh['integrations.log.refresh'] }).click();
    await log.getByRole('row').nth(20).waitFor();
    expect(await log.getByRole('row').count()).toBe(21);
    await page.getByRole('button', { name: zh['integrations.log.more'] }).click();
    await log.getByRole('row').nth(22).waitFor();
    await log.getByRole('row').last().getByText(zh['integrations.deliveryState.succeeded']).waitFor();
    expect(await page.getByRole('button', { name: zh['integrations.log.more'] }).count()).toBe(0);

    // rotating the secret names when the old one stops working; cancelled here
    await page.getByRole('button', { name: zh['integrations.secret.rotate'] }).click();
    const rotate = page.getByRole('dialog', { name: zh['integrations.secret.rotateTitle'] });
    await rotate.getByText(zh['integrations.secret.rotateBody']).waitFor();
    await rotate.getByRole('button', { name: zh['common.cancel'] }).click();

    // deleting names the consequence: pushing stops, the log is kept
    await page.getByRole('button', { name: zh['integrations.endpoint.delete'] }).click();
    const remove = page.getByRole('dialog', { name: zh['integrations.endpoint.deleteTitle'] });
    await remove.getByText(fill(zh['integrations.endpoint.deleteBody'], { url })).waitFor();
    await expectCleanText(page);
    await remove.getByRole('button', { name: zh['integrations.endpoint.delete'] }).click();
    await page.getByRole('heading', { name: zh['integrations.webhooks.title'] }).waitFor();
    await page.getByText(zh['integrations.endpoint.deleted']).waitFor();
    expect(await page.getByText(url).count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
  it('reads in English for an English browser, and a staff member reads without the owner’s controls', async () => {
    const context = await newContext(browser(), { lang: 'en', viewport: DESKTOP });
    await signInAs(context, 'merchant', MERCHANT);
    const page = await newPage(context);
    await page.goto('/merchant/api-keys');
    await page.getByRole('heading', { name: en['integrations.keys.title'] }).waitFor();
    await page.getByRole('button', { name: en['integrations.keys.new'] }).click();
    await page.getByLabel(en['integrations.scope.orders:ship']).waitFor();
    await expectCleanText(page);
    await page.goto('/merchant/webhooks/new');
    const form = page.getByRole('form', { name: en['integrations.form.newTitle'] });
    await form.getByLabel(en['integrations.event.order.paid'], { exact: true }).waitFor();
    await form.getByLabel(en['integrations.form.url']).fill('http://erp.example.com/hooks');
    await form.getByLabel(en['integrations.event.coupon.claimed'], { exact: true }).check();
    await form.getByRole('button', { name: en['integrations.form.create'] }).click();
    // plain http to another host: said beside the address, in the reader's language
    await form.getByText('must start with https://', { exact: true }).waitFor();
    await expectCleanText(page);
    expect(pageErrors(page)).toEqual([]);
    await context.close();

    const staffContext = await newContext(browser(), { lang: 'zh', viewport: DESKTOP });
    await signInAs(staffContext, 'merchant', 'staff1');
    const staffPage = await newPage(staffContext);
    await staffPage.goto('/merchant/api-keys');
    await staffPage.getByText(zh['integrations.keys.ownerOnly']).waitFor();
    expect(await staffPage.getByRole('button', { name: zh['integrations.keys.new'] }).count()).toBe(0);
    await expectCleanText(staffPage);
    await staffPage.getByRole('link', { name: zh['integrations.nav.webhooks'] }).click();
    await staffPage.getByText(zh['integrations.webhooks.ownerOnly']).waitFor();
    expect(await staffPage.getByRole('link', { name: zh['integrations.webhooks.new'] }).count()).toBe(0);
    await expectCleanText(staffPage);
    expect(pageErrors(staffPage)).toEqual([]);
    await staffContext.close();
  });
});
