import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { recordViolation } from '../src/modules/governance/index.ts';
import { grantTestCredits } from '../src/modules/growth/growth.test-support.ts';
import { type Access, API_KEY_SCOPES, type ApiKeyScope } from '../src/platform/access.ts';
import {
  buildBuyer,
  buildListedProduct,
  buildLiveSession,
  buildPaidOrder,
  buildShop,
  buildStaff,
  buildUser,
  type TestUser,
} from './builders.ts';
import { createTestContext, tableCounts } from './harness.ts';
import {
  badTokens,
  CALLERS,
  type Caller,
  documentedRoutes,
  draftProduct,
  fillPath,
  pathParams,
  pay,
  permits,
  placeOrder,
  readOpenApi,
  send,
  shipOrder,
} from './route-inventory.ts';

// The inventory is read while collecting, so each documented route gets its own tests.
const ctx = await createTestContext();
const routes = documentedRoutes(await readOpenApi(ctx.app));
const protectedRoutes = routes.filter((r) => r.access !== 'public');

const unique = () => randomBytes(4).toString('hex');

const signIn = (caller: Caller) => buildUser(ctx, caller.kind, { opsRoles: caller.roles });

// Real records the paths point at: callers turned away are turned away from real ids too.
async function arrangeRecords() {
  const shopA = await buildShop(ctx);
  const productA = await buildListedProduct(ctx, shopA.shopId);
  const creatorA = await buildUser(ctx, 'creator');
  const buyerA = await buildBuyer(ctx);
  const signedIn = new Map<string, TestUser>();
  for (const caller of CALLERS) signedIn.set(caller.label, await signIn(caller));

  return {
    shopA,
    shopB: await buildShop(ctx),
    staffA: await buildStaff(ctx, shopA.shopId),
    productA,
    sessionA: (await buildLiveSession(ctx, { hostUserId: creatorA.id })).sessionId,
    creatorB: await buildUser(ctx, 'creator'),
    buyerA,
    buyerB: await buildBuyer(ctx),
    orderA: await placeOrder(ctx, buyerA, productA.skuIds[0]!),
    signedIn,
    badTokens: await badTokens(ctx),
  };
}

const f = await arrangeRecords();

/** The id of a real record for each `<collection>/{param}` of a path; 1 where none is at hand. */
function realPath(path: string): string {
  const byCollection: Record<string, number> = {
    shops: f.shopA.shopId,
    staff: f.staffA.id,
    products: f.productA.productId,
    pins: f.productA.productId,
    skus: f.productA.skuIds[0]!,
    sessions: f.sessionA,
    orders: f.orderA.orderId,
    'order-groups': f.orderA.groupId,
    categories: f.shopA.categoryId,
  };
  // a parameter not after a collection name (`content/{subjectType}/{subjectId}`) gets 1: access is
  // decided before the parameters are read
  const values: Record<string, number> = Object.fromEntries(pathParams(path).map((p) => [p, 1]));
  for (const [, collection, param] of path.matchAll(/([\w-]+)\/\{(\w+)\}/g)) {
    values[param!] = byCollection[collection!] ?? 1;
  }
  return fillPath(path, values);
}

for (const route of protectedRoutes)
  describe(route.label, () => {
    it('turns away anonymous callers (401 unauthenticated)', async () => {
      const res = await send(ctx.app, route.method, realPath(route.path));
      expect(res.status, route.label).toBe(401);
      expect(res.body.error.code, route.label).toBe('unauthenticated');
    });

    it('turns away garbage, unknown, expired and revoked tokens and disabled accounts (401)', async () => {
      const answers: string[] = [];
      for (const { what, token } of f.badTokens) {
        const res = await send(ctx.app, route.method, realPath(route.path), { token });
        answers.push(`${what}: ${res.status} ${res.body?.error?.code}`);
      }
      expect(answers, route.label).toEqual(f.badTokens.map(({ what }) => `${what}: 401 unauthenticated`));
    });

    const refused = CALLERS.filter((caller) => !permits(route.access, caller));
    if (refused.length > 0)
      it(`refuses ${refused.map((c) => c.label).join(', ')} (403 forbidden)`, async () => {
        const answers: string[] = [];
        for (const caller of refused) {
          const { token } = f.signedIn.get(caller.label)!;
          const res = await send(ctx.app, route.method, realPath(route.path), { token });
          answers.push(`${caller.label}: ${res.status} ${res.body?.error?.code}`);
        }
        expect(answers, route.label).toEqual(refused.map((c) => `${c.label}: 403 forbidden`));
      });

    const admitted = CALLERS.filter((caller) => permits(route.access, caller));
    it(`lets ${admitted.map((c) => c.label).join(', ')} past the access check`, async () => {
      // Fresh accounts and ids that match nothing: the call may not change anything shared.
      const url = fillPath(route.path, Object.fromEntries(pathParams(route.path).map((p) => [p, 2 ** 31])));
      const answers: string[] = [];
      for (const caller of admitted) {
        const { token } = await signIn(caller);
        const res = await send(ctx.app, route.method, url, { token });
        if (res.status === 401 || res.status === 403) answers.push(`${caller.label}: ${res.status}`);
      }
      expect(answers, route.label).toEqual([]);
    });
  });

// ---- API keys (docs/api-keys.md): a key passes only routes that name a scope it holds, for its own shop. ----

/** A key of `shop` made by its owner through the API, with a limit no run of this file reaches. */
async function keyOf(shop: { shopId: number; owner: TestUser }, scopes: readonly ApiKeyScope[]) {
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${shop.shopId}/api-keys`, {
    token: shop.owner.token,
    body: { name: `矩阵${unique()}`, scopes },
  });
  if (res.status !== 201) throw new Error(`API key: ${res.status} ${JSON.stringify(res.body)}`);
  await ctx.db
    .updateTable('apiKeys')
    .set({ rateLimitPerMinute: 100_000 })
    .where('id', '=', res.body.key.id)
    .execute();
  return res.body.token as string;
}

describe('API keys', () => {
  const scoped = routes.filter((r) => r.scope !== undefined);
  const unscoped = routes.filter((r) => r.scope === undefined);

  /** The path with the key's shop after `shops/` and ids that match nothing elsewhere (nothing shared changes). */
  const keyPath = (path: string, shopId: number) => {
    const values: Record<string, number> = Object.fromEntries(pathParams(path).map((p) => [p, 2 ** 31]));
    for (const [, param] of path.matchAll(/shops\/\{(\w+)\}/g)) values[param!] = shopId;
    return fillPath(path, values);
  };
  const answer = (res: { status: number; body: any }) => `${res.status} ${res.body?.error?.code}`;

  it('the document names a scope on the routes a shop’s systems call, and only on merchant routes', () => {
    expect(scoped.length).toBeGreaterThan(35);
    expect(new Set(scoped.map((r) => r.scope))).toEqual(new Set(API_KEY_SCOPES));
    const notMerchant = scoped.filter(
      (r) =>
        !(
          r.access === 'user' ||
          (typeof r.access === 'object' && 'kinds' in r.access && r.access.kinds.includes('merchant'))
        ),
    );
    expect(notMerchant.map((r) => r.label)).toEqual([]);
  });

  it('every route without a scope refuses a key holding every scope (403 api_key_not_allowed), public ones too', async () => {
    const shop = await buildShop(ctx);
    const token = await keyOf(shop, API_KEY_SCOPES);
    const answers: string[] = [];
    for (const route of unscoped) {
      const res = await send(ctx.app, route.method, keyPath(route.path, shop.shopId), { token });
      answers.push(`${route.label}: ${answer(res)}`);
    }
    expect(answers).toEqual(unscoped.map((r) => `${r.label}: 403 api_key_not_allowed`));
  });

  it("every route with a scope refuses another shop's key holding every scope (404, as if absent)", async () => {
    const token = await keyOf(f.shopB, API_KEY_SCOPES);
    const answers: string[] = [];
    for (const route of scoped) {
      const res = await send(ctx.app, route.method, realPath(route.path), { token });
      // a route not under /shops/{id} (after-sales requests) checks its empty body first: refused either way
      const got = answer(res);
      const refusedFirst = !/\/shops\/\{id\}/.test(route.path) && got === '400 validation_failed';
      answers.push(`${route.label}: ${refusedFirst ? '404 not_found' : got}`);
    }
    expect(answers).toEqual(scoped.map((r) => `${r.label}: 404 not_found`));
  });

  it('every route with a scope refuses a key holding every other scope (403 insufficient_scope) and lets a key with only its scope past', async () => {
    const shop = await buildShop(ctx);
    const without = new Map<ApiKeyScope, string>();
    const only = new Map<ApiKeyScope, string>();
    for (const scope of API_KEY_SCOPES) {
      without.set(
        scope,
        await keyOf(
          shop,
          API_KEY_SCOPES.filter((s) => s !== scope),
        ),
      );
      only.set(scope, await keyOf(shop, [scope]));
    }
    const refused: string[] = [];
    const passed: string[] = [];
    for (const route of scoped) {
      const url = keyPath(route.path, shop.shopId);
      const denied = await send(ctx.app, route.method, url, { token: without.get(route.scope!) });
      refused.push(`${route.label}: ${answer(denied)} ${denied.body?.error?.details?.scope}`);
      const allowed = await send(ctx.app, route.method, url, { token: only.get(route.scope!) });
      if (allowed.status === 401 || allowed.status === 403) passed.push(`${route.label}: ${answer(allowed)}`);
    }
    expect(refused).toEqual(scoped.map((r) => `${r.label}: 403 insufficient_scope ${r.scope}`));
    expect(passed).toEqual([]);
  });
});

// ---- Tenancy: another tenant's record answers 404, as if it did not exist. ----

type Intruder = { who: string; user: TestUser; url?: string; status?: number };

interface Scenario {
  owner: TestUser;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Each gets 404 unless `status` says otherwise. */
  intruders: Intruder[];
}

/** One route (written without /api/v1), the record it is tried on, the status its rightful caller gets. */
interface TenantCase {
  route: string;
  record: string;
  ok: number;
  arrange: () => Promise<Scenario>;
}

const tenant = (route: string, record: string, ok: number, arrange: () => Promise<Scenario>) =>
  ({ route, record, ok, arrange }) satisfies TenantCase;

/** `/shops/{A}<rest>`: shop B's owner tries it, and for child records also as `/shops/{B}<rest>`. */
function inShopA(rest: string, body?: unknown): Scenario {
  const user = f.shopB.owner;
  const intruders: Intruder[] = [{ who: 'owner of another shop', user }];
  if (/\/\d+/.test(rest)) {
    const url = `/api/v1/shops/${f.shopB.shopId}${rest}`;
    intruders.push({ who: "another shop's owner via their own shop", user, url });
  }
  return { owner: f.shopA.owner, url: `/api/v1/shops/${f.shopA.shopId}${rest}`, body, intruders };
}

/** A room of a fresh creator (one live room per host); another creator and a shop owner try it. */
async function inRoom(
  state: 'scheduled' | 'live',
  rest: (id: number, host: TestUser) => Promise<string> | string,
  body?: unknown,
): Promise<Scenario> {
  const host = await buildUser(ctx, 'creator');
  const { sessionId } = await buildLiveSession(ctx, { hostUserId: host.id }, { state });
  const intruders = [
    { who: 'another creator', user: f.creatorB },
    { who: 'a shop owner', user: f.shopB.owner },
  ];
  return {
    owner: host,
    url: `/api/v1/live/sessions/${sessionId}${await rest(sessionId, host)}`,
    body,
    intruders,
  };
}

/** Buyer A's record; buyer B tries it. */
const ofBuyerA = (url: string, body?: unknown, headers?: Record<string, string>): Scenario => ({
  owner: f.buyerA,
  url: `/api/v1${url}`,
  body,
  headers,
  intruders: [{ who: 'another buyer', user: f.buyerB }],
});

const listed = () => buildListedProduct(ctx, f.shopA.shopId);
const listedId = async () => (await listed()).productId;
const unpaidOrder = async () => placeOrder(ctx, f.buyerA, (await listed()).skuIds[0]!);
const paidOrder = () => buildPaidOrder(ctx, { buyer: f.buyerA, shopId: f.shopA.shopId });

/** A paid order of buyer A in shop A, shipped by the sandbox carrier. */
async function shippedOrder() {
  const { orderId } = await paidOrder();
  return { orderId, shipmentId: await shipOrder(ctx, f.shopA, orderId) };
}

/** A completed order of buyer A in shop A (receipt confirmed) and its line. */
async function completedOrderOfBuyerA() {
  const { orderId } = await shippedOrder();
  const confirmed = await send(ctx.app, 'POST', `/api/v1/orders/${orderId}/confirm-receipt`, {
    token: f.buyerA.token,
  });
  expect(confirmed.status).toBe(200);
  const line = await ctx.db
    .selectFrom('orderLines')
    .select('id')
    .where('orderId', '=', orderId)
    .executeTakeFirstOrThrow();
  return { orderId, orderLineId: line.id };
}

const WEBHOOK = 'a webhook endpoint of shop A';
const WEBHOOK_DELIVERY = 'a failed delivery of a webhook endpoint of shop A';
const WEBHOOK_ENDPOINT = { url: 'https://erp.example.com/hooks', eventTypes: ['order.paid'] };

async function webhookOfShopA(): Promise<number> {
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${f.shopA.shopId}/webhooks`, {
    token: f.shopA.owner.token,
    body: WEBHOOK_ENDPOINT,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** A test event's delivery to a fresh endpoint of shop A, marked as given up (so it can be replayed). */
async function failedDeliveryOfShopA(): Promise<{ endpointId: number; deliveryId: number }> {
  const endpointId = await webhookOfShopA();
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${f.shopA.shopId}/webhooks/${endpointId}/test`, {
    token: f.shopA.owner.token,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await ctx.db
    .updateTable('webhookDeliveries')
    .set({ state: 'failed' })
    .where('id', '=', res.body.id)
    .execute();
  return { endpointId, deliveryId: res.body.id };
}

const TEMPLATE = 'a freight template of shop A';
const freightTemplateBody = () => ({
  name: `模板${unique()}`,
  mode: 'piece',
  firstUnits: 1,
  firstFen: 800,
  extraUnits: 1,
  extraFen: 200,
  freeOverFen: null,
  isDefault: false,
  regions: [],
  excludedCodes: [],
});

async function templateOfShopA(): Promise<number> {
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${f.shopA.shopId}/freight-templates`, {
    token: f.shopA.owner.token,
    body: freightTemplateBody(),
  });
  if (res.status !== 201) throw new Error(`freight template: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function countIdempotencyKeysExcept(userIds: number[]): Promise<number> {
  const row = await ctx.db
    .selectFrom('idempotencyKeys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', 'not in', userIds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A PNG (magic bytes and a unique tail) uploaded by `user` as evidence. */
async function evidenceFileOf(user: TestUser): Promise<number> {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(32)]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/evidence-files',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'image/png' },
    payload: png,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const evidenceFileOfBuyerA = () => evidenceFileOf(f.buyerA);

/** A decodable 8×8 PNG, different on each call. */
const productPng = () =>
  sharp(randomBytes(8 * 8 * 3), { raw: { width: 8, height: 8, channels: 3 } })
    .png()
    .toBuffer();

/** A listed product of shop A with one uploaded image. */
async function imageOfShopA(): Promise<{ productId: number; imageId: number }> {
  const productId = await listedId();
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${f.shopA.shopId}/products/${productId}/images`,
    headers: { authorization: `Bearer ${f.shopA.owner.token}`, 'content-type': 'image/png' },
    payload: await productPng(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { productId, imageId: res.json().images[0].id };
}

/** An IP complaint of buyer A (a rights holder) against a fresh product of shop A; ops uphold it if asked. */
async function ipComplaintOnShopA(state: 'ops_review' | 'upheld'): Promise<number> {
  const holder = await send(ctx.app, 'POST', '/api/v1/ip/rights-holders', {
    token: f.buyerA.token,
    body: { name: '品牌方', contact: 'ip@brand.example' },
  });
  expect([201, 409]).toContain(holder.status);
  const filed = await send(ctx.app, 'POST', '/api/v1/ip/complaints', {
    token: f.buyerA.token,
    body: {
      productId: await listedId(),
      reason: 'counterfeit',
      text: '售假',
      evidenceFileIds: [await evidenceFileOfBuyerA()],
    },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  if (state === 'upheld') {
    const upheld = await send(ctx.app, 'POST', `/api/v1/ip/complaints/${filed.body.id}/decision`, {
      token: f.signedIn.get('reviewer')!.token,
      body: { uphold: true, note: '核实' },
    });
    expect(upheld.status, JSON.stringify(upheld.body)).toBe(200);
  }
  return filed.body.id;
}

/** An after-sales request of buyer A on a delivered order of shop A, brought to `state` through the API. */
async function requestOfBuyerA(
  state: 'pending_merchant' | 'rejected' | 'awaiting_return' | 'return_shipped' | 'awaiting_reship',
): Promise<number> {
  const { orderId, shipmentId } = await shippedOrder();
  const owner = (path: string, body?: unknown) =>
    send(ctx.app, 'POST', `/api/v1${path}`, { token: f.shopA.owner.token, body });
  for (const event of ['picked_up', 'in_transit', 'delivered'])
    expect((await owner(`/shipments/${shipmentId}/sandbox-events`, { event })).status).toBe(201);
  const line = await ctx.db
    .selectFrom('orderLines')
    .select('id')
    .where('orderId', '=', orderId)
    .executeTakeFirstOrThrow();
  const [type, reason] =
    state === 'awaiting_return' || state === 'return_shipped'
      ? ['return_refund', 'no_reason']
      : state === 'awaiting_reship'
        ? ['resend', 'missing_parts']
        : ['refund_only', 'quality_issue'];
  const opened = await send(ctx.app, 'POST', '/api/v1/aftersales/requests', {
    token: f.buyerA.token,
    body: { orderId, orderLineId: line.id, type, reason, quantity: 1 },
    headers: idempotencyKey(),
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const id: number = opened.body.id;
  if (state === 'rejected') {
    const call = await owner(`/aftersales/requests/${id}/communications`, {
      channel: 'phone',
      summary: '电话沟通过了',
    });
    expect(
      (
        await owner(`/aftersales/requests/${id}/reject`, {
          communicationId: call.body.id,
          reason: '无质量问题',
        })
      ).status,
    ).toBe(200);
  }
  if (state === 'awaiting_reship')
    expect((await owner(`/aftersales/requests/${id}/approve`)).status).toBe(200);
  if (state === 'return_shipped') {
    const shipped = await send(ctx.app, 'POST', `/api/v1/aftersales/requests/${id}/return-shipment`, {
      token: f.buyerA.token,
      body: { carrier: 'sf', trackingNumber: waybill('SF') },
    });
    expect(shipped.status).toBe(200);
  }
  return id;
}

/** Shop A's after-sales request; the owner of shop B tries it. */
const requestOfShopA = (url: string, body?: unknown): Scenario => ({
  owner: f.shopA.owner,
  url: `/api/v1${url}`,
  body,
  intruders: [{ who: 'owner of another shop', user: f.shopB.owner }],
});

async function communicationOn(id: number): Promise<number> {
  const res = await send(ctx.app, 'POST', `/api/v1/aftersales/requests/${id}/communications`, {
    token: f.shopA.owner.token,
    body: { channel: 'chat', summary: '在线沟通了退款原因' },
  });
  return res.body.id;
}

/** A violation recorded by the platform: of shop A, or of a creator's room when `shopId` is null. */
async function violation(
  code: string,
  shopId: number | null,
  subject: { type: 'product' | 'live_session'; id: number },
) {
  const view = await ctx.db
    .transaction()
    .execute((tx) =>
      recordViolation(
        tx,
        { shopId, code, subject, evidence: { text: '证据' }, source: 'system', recordedBy: null },
        { now: ctx.clock.now(), settings: ctx.settings },
      ),
    );
  return view.id;
}

/** A reminder of a fresh creator after a minor violation in their room; others try to acknowledge it. */
async function reminderOfCreator(): Promise<Scenario> {
  const host = await buildUser(ctx, 'creator');
  const { sessionId } = await buildLiveSession(ctx, { hostUserId: host.id });
  const violationId = await violation('live_hype', null, { type: 'live_session', id: sessionId });
  const reminder = await ctx.db
    .selectFrom('governanceHostReminders')
    .select('id')
    .where('violationId', '=', violationId)
    .executeTakeFirstOrThrow();
  return {
    owner: host,
    url: `/api/v1/live/reminders/${reminder.id}/acknowledge`,
    intruders: [
      { who: 'another creator', user: f.creatorB },
      { who: 'a shop owner', user: f.shopB.owner },
    ],
  };
}

const LISTED = 'a listed product of shop A';
const SKU = 'a SKU of shop A';
// Intruder and owner send the same key: an intruder's refusal must not become the owner's replay.
const idempotencyKey = () => ({ 'idempotency-key': `authz-${unique()}` });
const waybill = (carrier: string) => `${carrier}${unique()}${unique()}`;

/** Buyer A's conversation with shop A (opened through the API); buyer B and shop B's owner try it. */
async function inConversation(rest: string, body?: unknown): Promise<Scenario> {
  const opened = await send(ctx.app, 'POST', '/api/v1/chat/conversations', {
    token: f.buyerA.token,
    body: { shopId: f.shopA.shopId },
  });
  return {
    owner: f.buyerA,
    url: `/api/v1/chat/conversations/${opened.body.id}${rest}`,
    body,
    intruders: [
      { who: 'another buyer', user: f.buyerB },
      { who: "another shop's owner", user: f.shopB.owner },
    ],
  };
}

/** A canned reply of shop A (added by its owner). */
async function cannedReplyOfShopA(): Promise<number> {
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${f.shopA.shopId}/chat/canned-replies`, {
    token: f.shopA.owner.token,
    body: { title: '问候', text: '您好，有什么可以帮您？' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** A session of shop A waiting for a person (a fresh buyer asked for one); shop B's owner tries it. */
async function sessionOfShopA(rest: string, body?: unknown): Promise<Scenario> {
  const buyer = await buildBuyer(ctx);
  const opened = await send(ctx.app, 'POST', '/api/v1/chat/conversations', {
    token: buyer.token,
    body: { shopId: f.shopA.shopId },
  });
  const human = await send(ctx.app, 'POST', `/api/v1/chat/conversations/${opened.body.id}/human`, {
    token: buyer.token,
  });
  expect(human.status, JSON.stringify(human.body)).toBe(200);
  return {
    owner: f.shopA.owner,
    url: `/api/v1/chat/sessions/${human.body.sessionId}${rest}`,
    body,
    intruders: [
      { who: "another shop's owner", user: f.shopB.owner },
      { who: 'a buyer', user: f.buyerB, status: 403 },
    ],
  };
}

const TENANT_CASES: TenantCase[] = [
  tenant('GET /shops/{id}/violations', 'shop A', 200, async () => inShopA('/violations')),
  tenant('GET /shops/{id}/governance', 'shop A', 200, async () => inShopA('/governance')),
  tenant('GET /shops/{id}/reputation', 'shop A', 200, async () => inShopA('/reputation')),
  tenant('GET /shops/{id}/reputation/history', 'shop A', 200, async () => inShopA('/reputation/history')),
  tenant('POST /shops/{id}/reputation/recompute', 'shop A', 200, async () =>
    inShopA('/reputation/recompute'),
  ),
  tenant('GET /shops/{id}/standing', 'shop A', 200, async () => inShopA('/standing')),
  tenant('POST /shops/{id}/violations/{violationId}/fix', "shop A's warned violation", 200, async () =>
    inShopA(
      `/violations/${await violation('missing_qualification', f.shopA.shopId, { type: 'product', id: await listedId() })}/fix`,
    ),
  ),
  tenant('POST /shops/{id}/violations/{violationId}/appeals', "shop A's violation", 201, async () =>
    inShopA(
      `/violations/${await violation('banned_claim', f.shopA.shopId, { type: 'product', id: await listedId() })}/appeals`,
      { text: '我们已整改' },
    ),
  ),
  tenant('POST /live/reminders/{id}/acknowledge', "a creator's reminder", 200, reminderOfCreator),
  tenant('PATCH /shops/{id}', 'shop A', 200, async () => inShopA('', { description: '新的介绍' })),
  tenant('GET /shops/{id}/staff', 'shop A', 200, async () => inShopA('/staff')),
  tenant('POST /shops/{id}/staff', 'shop A', 201, async () =>
    inShopA('/staff', { login: `staff-${unique()}`, password: 'password-123', displayName: '店员' }),
  ),
  tenant('DELETE /shops/{id}/staff/{userId}', 'a staff member of shop A', 200, async () =>
    inShopA(`/staff/${(await buildStaff(ctx, f.shopA.shopId)).id}`),
  ),
  tenant('POST /shops/{id}/products', 'shop A', 201, async () =>
    inShopA('/products', {
      title: '新品',
      categoryId: f.shopA.categoryId,
      skus: [{ code: 'N-1', priceFen: 990, stock: 3 }],
    }),
  ),
  tenant('GET /shops/{id}/products', 'shop A', 200, async () => inShopA('/products')),
  tenant('GET /shops/{id}/products/{productId}', LISTED, 200, async () =>
    inShopA(`/products/${await listedId()}`),
  ),
  tenant('PATCH /shops/{id}/products/{productId}', LISTED, 200, async () =>
    inShopA(`/products/${await listedId()}`, { title: '改过的标题' }),
  ),
  tenant('POST /shops/{id}/products/{productId}/skus', LISTED, 201, async () =>
    inShopA(`/products/${await listedId()}/skus`, { code: 'EXTRA-1', priceFen: 500, stock: 1 }),
  ),
  tenant('PATCH /shops/{id}/products/{productId}/skus/{skuId}', SKU, 200, async () => {
    const p = await listed();
    return inShopA(`/products/${p.productId}/skus/${p.skuIds[0]}`, { spec: '大号' });
  }),
  tenant('POST /shops/{id}/products/{productId}/skus/{skuId}/stock', SKU, 200, async () => {
    const p = await listed();
    return inShopA(`/products/${p.productId}/skus/${p.skuIds[0]}/stock`, { delta: 1 });
  }),
  tenant('POST /shops/{id}/products/{productId}/submit', 'a draft product of shop A', 200, async () =>
    inShopA(`/products/${await draftProduct(ctx, f.shopA)}/submit`),
  ),
  tenant('POST /shops/{id}/products/{productId}/delist', LISTED, 200, async () =>
    inShopA(`/products/${await listedId()}/delist`),
  ),
  tenant('GET /shops/{id}/products/{productId}/events', LISTED, 200, async () =>
    inShopA(`/products/${await listedId()}/events`),
  ),
  tenant('GET /shops/{id}/products/{productId}/screening', LISTED, 200, async () =>
    inShopA(`/products/${await listedId()}/screening`),
  ),
  tenant('POST /shops/{id}/products/bulk-state', 'a listed product of shop A', 200, async () =>
    inShopA('/products/bulk-state', { action: 'delist', productIds: [await listedId()] }),
  ),
  tenant('POST /shops/{id}/products/bulk-prices', SKU, 200, async () => {
    const p = await listed();
    return inShopA('/products/bulk-prices', {
      skus: [{ productId: p.productId, skuId: p.skuIds[0], originalPriceFen: null }],
    });
  }),
  tenant('GET /shops/{id}/freight-templates', 'the freight templates of shop A', 200, async () =>
    inShopA('/freight-templates'),
  ),
  tenant('POST /shops/{id}/freight-templates', 'a new freight template of shop A', 201, async () =>
    inShopA('/freight-templates', freightTemplateBody()),
  ),
  tenant('GET /shops/{id}/freight-templates/{templateId}', TEMPLATE, 200, async () =>
    inShopA(`/freight-templates/${await templateOfShopA()}`),
  ),
  tenant('PUT /shops/{id}/freight-templates/{templateId}', TEMPLATE, 200, async () =>
    inShopA(`/freight-templates/${await templateOfShopA()}`, freightTemplateBody()),
  ),
  tenant('DELETE /shops/{id}/freight-templates/{templateId}', TEMPLATE, 200, async () =>
    inShopA(`/freight-templates/${await templateOfShopA()}`),
  ),
  tenant('POST /shops/{id}/products/{productId}/images', LISTED, 201, async () => ({
    ...inShopA(`/products/${await listedId()}/images`, await productPng()),
    headers: { 'content-type': 'image/png' },
  })),
  tenant('PUT /shops/{id}/products/{productId}/images/order', 'an image of shop A', 200, async () => {
    const { productId, imageId } = await imageOfShopA();
    return inShopA(`/products/${productId}/images/order`, { imageIds: [imageId] });
  }),
  tenant(
    'POST /shops/{id}/products/{productId}/images/{imageId}/main',
    'an image of shop A',
    200,
    async () => {
      const { productId, imageId } = await imageOfShopA();
      return inShopA(`/products/${productId}/images/${imageId}/main`);
    },
  ),
  tenant('DELETE /shops/{id}/products/{productId}/images/{imageId}', 'an image of shop A', 200, async () => {
    const { productId, imageId } = await imageOfShopA();
    return inShopA(`/products/${productId}/images/${imageId}`);
  }),
  tenant('GET /shops/{id}/orders', 'shop A', 200, async () => inShopA('/orders')),
  tenant('GET /shops/{id}/orders/{orderId}', 'an order placed in shop A', 200, async () =>
    inShopA(`/orders/${f.orderA.orderId}`),
  ),
  tenant('GET /shops/{id}/orders-to-ship', 'shop A', 200, async () => inShopA('/orders-to-ship')),
  tenant('GET /shops/{id}/order-desk', 'shop A', 200, async () => inShopA('/order-desk')),
  tenant('GET /shops/{id}/order-desk/export', 'shop A', 200, async () =>
    inShopA('/order-desk/export?format=csv'),
  ),
  tenant('GET /shops/{id}/order-desk/{orderId}', 'an order placed in shop A', 200, async () =>
    inShopA(`/order-desk/${f.orderA.orderId}`),
  ),
  tenant('POST /shops/{id}/order-desk/bulk-shipments', 'shop A', 200, async () =>
    inShopA('/order-desk/bulk-shipments', { csv: `${(await paidOrder()).orderId},sf,${waybill('SF')}` }),
  ),
  tenant('POST /shops/{id}/orders/{orderId}/shipment', 'a paid order of shop A', 201, async () =>
    inShopA(`/orders/${(await paidOrder()).orderId}/shipment`, {
      carrier: 'sf',
      trackingNumber: waybill('SF'),
    }),
  ),
  tenant('GET /shops/{id}/orders/{orderId}/shipment', 'a shipped order of shop A', 200, async () =>
    inShopA(`/orders/${(await shippedOrder()).orderId}/shipment`),
  ),
  tenant('GET /shops/{id}/balances', 'shop A', 200, async () => inShopA('/balances')),
  tenant('GET /shops/{id}/dashboard', 'shop A', 200, async () => inShopA('/dashboard?days=7')),
  tenant('GET /shops/{id}/aftersales/metrics', 'shop A', 200, async () => inShopA('/aftersales/metrics')),
  tenant('GET /shops/{id}/aftersales/sku-protections', 'shop A', 200, async () =>
    inShopA('/aftersales/sku-protections'),
  ),
  tenant('GET /shops/{id}/voice/overview', 'shop A', 200, async () => inShopA('/voice/overview?days=7')),
  tenant('GET /shops/{id}/voice/feedback', 'shop A', 200, async () => inShopA('/voice/feedback')),
  tenant('GET /shops/{id}/settlements', 'shop A', 200, async () => inShopA('/settlements')),
  tenant('GET /shops/{id}/withdrawals', 'shop A', 200, async () => inShopA('/withdrawals')),
  tenant('GET /shops/{id}/reviews', 'shop A', 200, async () => inShopA('/reviews')),
  // Nothing is available before a settlement: the owner gets past the tenant check to the money check.
  tenant('POST /shops/{id}/withdrawals', 'shop A, nothing available yet', 409, async () => ({
    ...inShopA('/withdrawals', { amountFen: 100 }),
    headers: idempotencyKey(),
  })),
  tenant('POST /shops/{id}/deposit/payments', 'shop A', 201, async () => ({
    ...inShopA('/deposit/payments', { amountFen: 100_000 }),
    headers: idempotencyKey(),
  })),
  tenant('POST /shops/{id}/deposit/withdrawals', 'shop A, deposit above the requirement', 201, async () => {
    const url = `/api/v1/shops/${f.shopA.shopId}/deposit/payments`;
    const body = { amountFen: 1_000_000 }; // the requirement is the category's ¥5,000
    const paid = await send(ctx.app, 'POST', url, {
      token: f.shopA.owner.token,
      body,
      headers: idempotencyKey(),
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    return { ...inShopA('/deposit/withdrawals', { amountFen: 1_000 }), headers: idempotencyKey() };
  }),
  tenant('POST /shipments/{id}/sandbox-events', 'a sandbox shipment of shop A', 201, async () => ({
    owner: f.shopA.owner,
    url: `/api/v1/shipments/${(await shippedOrder()).shipmentId}/sandbox-events`,
    body: { event: 'picked_up' },
    intruders: [
      { who: 'owner of another shop', user: f.shopB.owner },
      // Ops pass the kinds check; only super admins may drive any shop's parcels.
      { who: 'ops reviewer', user: f.signedIn.get('reviewer')!, status: 403 },
    ],
  })),
  tenant('POST /live/sessions', 'shop A, named in the body', 201, async () => {
    const scheduledAt = new Date(ctx.clock.now().getTime() + 3_600_000).toISOString();
    const body = { title: '店铺直播', scheduledAt, shopId: f.shopA.shopId };
    return { ...inShopA('', body), url: '/api/v1/live/sessions' };
  }),
  tenant('PATCH /live/sessions/{id}', "shop A's scheduled room", 200, async () => {
    const host = { hostUserId: f.shopA.owner.id, shopId: f.shopA.shopId };
    const { sessionId } = await buildLiveSession(ctx, host);
    const scenario = inShopA('', { title: '改名的店铺直播' });
    scenario.intruders.push({ who: 'a creator', user: f.creatorB });
    return { ...scenario, url: `/api/v1/live/sessions/${sessionId}` };
  }),
  tenant('PATCH /live/sessions/{id}', "a creator's scheduled room", 200, () =>
    inRoom('scheduled', () => '', { title: '改名' }),
  ),
  tenant('POST /live/sessions/{id}/start', "a creator's scheduled room", 200, () =>
    inRoom('scheduled', () => '/start'),
  ),
  tenant('POST /live/sessions/{id}/end', "a creator's live room", 200, () => inRoom('live', () => '/end')),
  tenant('POST /live/sessions/{id}/pins', "a creator's scheduled room", 201, () =>
    inRoom('scheduled', () => '/pins', { productId: f.productA.productId }),
  ),
  tenant('DELETE /live/sessions/{id}/pins/{productId}', "a creator's room with a pin", 200, () =>
    inRoom('scheduled', async (id, host) => {
      const body = { productId: f.productA.productId };
      const pin = await send(ctx.app, 'POST', `/api/v1/live/sessions/${id}/pins`, {
        token: host.token,
        body,
      });
      expect(pin.status).toBe(201);
      return `/pins/${f.productA.productId}`;
    }),
  ),
  tenant('GET /orders/{id}', "buyer A's order", 200, async () => ofBuyerA(`/orders/${f.orderA.orderId}`)),
  tenant('POST /orders/{id}/cancel', "buyer A's unpaid order", 200, async () =>
    ofBuyerA(`/orders/${(await unpaidOrder()).orderId}/cancel`),
  ),
  tenant('GET /orders/{id}/refunds', "buyer A's order", 200, async () =>
    ofBuyerA(`/orders/${f.orderA.orderId}/refunds`),
  ),
  tenant('GET /orders/{id}/shipment', "buyer A's shipped order", 200, async () =>
    ofBuyerA(`/orders/${(await shippedOrder()).orderId}/shipment`),
  ),
  tenant('POST /orders/{id}/confirm-receipt', "buyer A's shipped order", 200, async () =>
    ofBuyerA(`/orders/${(await shippedOrder()).orderId}/confirm-receipt`),
  ),
  tenant('POST /order-groups/{id}/pay', "buyer A's unpaid order group", 201, async () => {
    const url = `/order-groups/${(await unpaidOrder()).groupId}/pay`;
    return ofBuyerA(url, { method: 'sandbox' }, idempotencyKey());
  }),
  tenant('GET /payments/{id}', "buyer A's payment", 200, async () =>
    ofBuyerA(`/payments/${await pay(ctx, f.buyerA, (await unpaidOrder()).groupId, 'succeed')}`),
  ),
  tenant('POST /payments/{id}/sandbox-notify', "buyer A's timed-out payment", 200, async () => {
    const paymentId = await pay(ctx, f.buyerA, (await unpaidOrder()).groupId, 'timeout');
    return ofBuyerA(`/payments/${paymentId}/sandbox-notify`, { outcome: 'succeeded' });
  }),
  tenant('GET /evidence-files/{id}', "buyer A's evidence image", 200, async () => ({
    ...ofBuyerA(`/evidence-files/${await evidenceFileOfBuyerA()}`),
    intruders: [
      { who: 'another buyer', user: f.buyerB },
      { who: 'a shop owner', user: f.shopB.owner },
    ],
  })),
  tenant('GET /aftersales/requests/{id}', "buyer A's request", 200, async () => ({
    ...ofBuyerA(`/aftersales/requests/${await requestOfBuyerA('pending_merchant')}`),
    intruders: [
      { who: 'another buyer', user: f.buyerB },
      { who: 'owner of another shop', user: f.shopB.owner },
    ],
  })),
  tenant('POST /aftersales/requests/{id}/evidence', "buyer A's request", 201, async () => ({
    ...ofBuyerA(`/aftersales/requests/${await requestOfBuyerA('pending_merchant')}/evidence`, {
      text: '补充说明',
    }),
    intruders: [
      { who: 'another buyer', user: f.buyerB },
      { who: 'owner of another shop', user: f.shopB.owner },
    ],
  })),
  tenant('POST /aftersales/requests/{id}/return-shipment', "buyer A's approved return", 200, async () =>
    ofBuyerA(`/aftersales/requests/${await requestOfBuyerA('awaiting_return')}/return-shipment`, {
      carrier: 'sf',
      trackingNumber: waybill('SF'),
    }),
  ),
  tenant('POST /aftersales/requests/{id}/cancel', "buyer A's request", 200, async () =>
    ofBuyerA(`/aftersales/requests/${await requestOfBuyerA('pending_merchant')}/cancel`),
  ),
  tenant('POST /aftersales/requests/{id}/escalate', "buyer A's rejected request", 200, async () =>
    ofBuyerA(`/aftersales/requests/${await requestOfBuyerA('rejected')}/escalate`, {
      reason: '不同意商家的处理',
    }),
  ),
  tenant('GET /shops/{id}/aftersales', 'shop A', 200, async () => inShopA('/aftersales')),
  tenant('POST /aftersales/requests/{id}/approve', "shop A's request", 200, async () =>
    requestOfShopA(`/aftersales/requests/${await requestOfBuyerA('pending_merchant')}/approve`),
  ),
  tenant('POST /aftersales/requests/{id}/communications', "shop A's request", 201, async () =>
    requestOfShopA(`/aftersales/requests/${await requestOfBuyerA('pending_merchant')}/communications`, {
      channel: 'phone',
      summary: '电话联系了买家',
    }),
  ),
  tenant('POST /aftersales/requests/{id}/reject', "shop A's request", 200, async () => {
    const id = await requestOfBuyerA('pending_merchant');
    return requestOfShopA(`/aftersales/requests/${id}/reject`, {
      communicationId: await communicationOn(id),
      reason: '商品无质量问题',
    });
  }),
  tenant('POST /aftersales/requests/{id}/confirm-receipt', "shop A's returned parcel", 200, async () =>
    requestOfShopA(`/aftersales/requests/${await requestOfBuyerA('return_shipped')}/confirm-receipt`),
  ),
  tenant('POST /aftersales/requests/{id}/extend-receipt', "shop A's returned parcel", 200, async () =>
    requestOfShopA(`/aftersales/requests/${await requestOfBuyerA('return_shipped')}/extend-receipt`),
  ),
  tenant('POST /aftersales/requests/{id}/reshipment', "shop A's approved resend", 200, async () =>
    requestOfShopA(`/aftersales/requests/${await requestOfBuyerA('awaiting_reship')}/reshipment`, {
      carrier: 'sf',
      trackingNumber: waybill('SF'),
    }),
  ),
  tenant('POST /live/sessions/{id}/comments', 'a live room: any buyer may comment, no tenant', 201, () =>
    inRoom('live', () => '/comments', { text: '主播好' }).then((room) => ({
      ...room,
      owner: f.buyerA,
      // A room has no tenant: only the kind check stands between other accounts and a comment.
      intruders: [{ who: 'a creator', user: f.creatorB, status: 403 }],
    })),
  ),
  tenant('POST /orders/{id}/reviews', "buyer A's completed order", 201, async () => {
    const { orderId, orderLineId } = await completedOrderOfBuyerA();
    return ofBuyerA(`/orders/${orderId}/reviews`, { orderLineId, rating: 5, text: '很好' });
  }),
  tenant('POST /reviews/{id}/reports', 'a review of a product of shop A', 201, async () => {
    const { orderId, orderLineId } = await completedOrderOfBuyerA();
    const url = `/api/v1/orders/${orderId}/reviews`;
    const posted = await send(ctx.app, 'POST', url, {
      token: f.buyerA.token,
      body: { orderLineId, rating: 1, text: '差评' },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    return {
      ...requestOfShopA(`/reviews/${posted.body.id}/reports`, { reason: 'extortion', text: '索要返现' }),
    };
  }),
  tenant('GET /shops/{id}/ip-complaints', 'shop A', 200, async () => inShopA('/ip-complaints')),
  tenant('GET /ip/complaints/{id}', "buyer A's IP complaint against shop A", 200, async () => ({
    ...ofBuyerA(`/ip/complaints/${await ipComplaintOnShopA('ops_review')}`),
    intruders: [
      { who: 'another buyer', user: f.buyerB },
      { who: 'owner of another shop', user: f.shopB.owner },
    ],
  })),
  tenant('POST /ip/complaints/{id}/counter-notice', 'an upheld IP complaint against shop A', 200, async () =>
    requestOfShopA(`/ip/complaints/${await ipComplaintOnShopA('upheld')}/counter-notice`, {
      text: '我们有品牌授权',
      evidenceFileIds: [await evidenceFileOf(f.shopA.owner)],
    }),
  ),
  // Audience: following has no tenant (any shop or host may be followed); ops accounts do not follow.
  ...(['PUT', 'DELETE'] as const).flatMap((method) => [
    tenant(`${method} /me/follows/shops/{id}`, 'a shop: anyone may follow it, no tenant', 200, async () => ({
      owner: f.buyerA,
      url: `/api/v1/me/follows/shops/${f.shopB.shopId}`,
      intruders: [{ who: 'an ops reviewer', user: f.signedIn.get('reviewer')!, status: 403 }],
    })),
    tenant(
      `${method} /me/follows/hosts/{id}`,
      'a host: anyone may follow them, no tenant',
      200,
      async () => ({
        owner: f.buyerA,
        url: `/api/v1/me/follows/hosts/${f.creatorB.id}`,
        intruders: [{ who: 'an ops reviewer', user: f.signedIn.get('reviewer')!, status: 403 }],
      }),
    ),
  ]),
  tenant('GET /shops/{id}/followers', 'shop A', 200, async () => inShopA('/followers')),
  tenant('GET /shops/{id}/dashboard/feedback', 'shop A', 200, async () => inShopA('/dashboard/feedback')),
  tenant('POST /me/surveys/{id}/answer', "buyer A's NPS survey", 200, async () =>
    ofBuyerA(`/me/surveys/${await surveyOfBuyerA()}/answer`, { score: 9 }),
  ),
  tenant('GET /me/care/surveys/{id}', "buyer A's satisfaction question after outreach", 200, async () =>
    ofBuyerA(`/me/care/surveys/${await careSurveyOfBuyerA()}`),
  ),
  tenant(
    'POST /me/care/surveys/{id}/answer',
    "buyer A's satisfaction question after outreach",
    200,
    async () =>
      ofBuyerA(`/me/care/surveys/${await careSurveyOfBuyerA()}/answer`, { satisfaction: 'satisfied' }),
  ),
  tenant('POST /live/sessions/{id}/likes', 'a live room: any signed-in viewer may like, no tenant', 200, () =>
    inRoom('live', () => '/likes', { count: 3 }).then((room) => ({
      ...room,
      owner: f.buyerA,
      intruders: [
        { who: 'a viewer of no room', user: f.buyerB, url: '/api/v1/live/sessions/999999999/likes' },
      ],
    })),
  ),
  tenant('PUT /live/sessions/{id}/featured', "a creator's live room with a pin", 200, () =>
    inRoom(
      'live',
      async (id, host) => {
        const pin = await send(ctx.app, 'POST', `/api/v1/live/sessions/${id}/pins`, {
          token: host.token,
          body: { productId: f.productA.productId },
        });
        expect(pin.status).toBe(201);
        return '/featured';
      },
      { productId: f.productA.productId },
    ),
  ),
  tenant('GET /live/sessions/{id}/stats', "a creator's live room", 200, () => inRoom('live', () => '/stats')),
  tenant('PATCH /me/addresses/{id}', "buyer A's address", 200, async () =>
    ofBuyerA(`/me/addresses/${await addressOfBuyerA()}`, { detail: '改到公司 前台代收' }),
  ),
  tenant('DELETE /me/addresses/{id}', "buyer A's address", 200, async () =>
    ofBuyerA(`/me/addresses/${await addressOfBuyerA()}`),
  ),
  tenant('POST /me/addresses/{id}/default', "buyer A's address", 200, async () =>
    ofBuyerA(`/me/addresses/${await addressOfBuyerA()}/default`),
  ),
  tenant('GET /shops/{id}/addresses', 'shop A', 200, async () => inShopA('/addresses')),
  tenant('PUT /shops/{id}/addresses/{kind}', 'shop A', 200, async () =>
    inShopA('/addresses/return', ADDRESS),
  ),
  tenant('GET /shops/{id}/coupons', 'shop A', 200, async () => inShopA('/coupons')),
  tenant('POST /shops/{id}/coupons', 'shop A', 201, async () => inShopA('/coupons', couponTerms())),
  tenant('POST /shops/{id}/coupons/{couponId}/stop', "shop A's coupon", 200, async () =>
    inShopA(`/coupons/${await couponOfShopA()}/stop`, {}),
  ),
  tenant('POST /live/sessions/{id}/coupons', "shop A's live room", 201, async () => {
    const { sessionId } = await buildLiveSession(ctx, {
      hostUserId: f.shopA.owner.id,
      shopId: f.shopA.shopId,
    });
    const { validDays, perBuyerLimit, issueCap, title, kind, thresholdFen, discountFen } = couponTerms();
    return {
      owner: f.shopA.owner,
      url: `/api/v1/live/sessions/${sessionId}/coupons`,
      body: { validDays, perBuyerLimit, issueCap, title, kind, thresholdFen, discountFen },
      intruders: [
        { who: 'another creator', user: f.creatorB },
        { who: 'a shop owner', user: f.shopB.owner },
      ],
    };
  }),
  tenant('GET /shops/{id}/flash-sales', 'shop A', 200, async () => inShopA('/flash-sales')),
  tenant('POST /shops/{id}/flash-sales', 'a SKU of shop A', 201, async () =>
    inShopA('/flash-sales', flashSaleTerms((await listed()).skuIds[0]!)),
  ),
  tenant('POST /shops/{id}/flash-sales/{saleId}/cancel', "shop A's flash sale", 200, async () =>
    inShopA(`/flash-sales/${await flashSaleOfShopA()}/cancel`, {}),
  ),
  tenant(
    'POST /live/sessions/{id}/flash-sales',
    "shop A's live room with a pinned product",
    201,
    async () => {
      const product = await listed();
      const { sessionId } = await buildLiveSession(
        ctx,
        { hostUserId: f.shopA.owner.id, shopId: f.shopA.shopId },
        { state: 'live' },
      );
      const pin = await send(ctx.app, 'POST', `/api/v1/live/sessions/${sessionId}/pins`, {
        token: f.shopA.owner.token,
        body: { productId: product.productId },
      });
      expect(pin.status, JSON.stringify(pin.body)).toBe(201);
      const { skuId, priceFen, stockCap, perBuyerLimit } = flashSaleTerms(product.skuIds[0]!);
      return {
        owner: f.shopA.owner,
        url: `/api/v1/live/sessions/${sessionId}/flash-sales`,
        body: { skuId, priceFen, stockCap, perBuyerLimit, durationSeconds: 600 },
        intruders: [
          { who: 'another creator', user: f.creatorB },
          { who: 'a shop owner', user: f.shopB.owner },
        ],
      };
    },
  ),
  // Coupons are there for any buyer to claim: no other buyer's record is at stake; a merchant may not claim.
  tenant('POST /coupons/{campaignId}/claim', "shop A's coupon", 201, async () => ({
    ...ofBuyerA(
      `/coupons/${await couponOfShopA()}/claim`,
      {},
      { 'idempotency-key': `claim-${randomBytes(6).toString('hex')}` },
    ),
    intruders: [{ who: 'a merchant', user: f.shopB.owner, status: 403 }],
  })),
  // Growth (product rules §7.5): the shop's programmes, reward claims and boosts.
  tenant('GET /shops/{id}/growth', 'shop A', 200, async () => inShopA('/growth')),
  tenant('POST /shops/{id}/growth/rewards', "shop A's completed ladder step", 200, async () => {
    for (let i = 0; i < 3; i++) await listed();
    return inShopA('/growth/rewards', { step: 'list_products' });
  }),
  tenant('GET /shops/{id}/boosts', 'shop A', 200, async () => inShopA('/boosts')),
  tenant('POST /shops/{id}/boosts', 'a listed product of shop A', 201, async () => {
    await grantTestCredits(ctx.db, f.shopA.shopId, 100, ctx.clock.now());
    return inShopA('/boosts', { targetType: 'product', targetId: await listedId(), hours: 1 });
  }),
  // Chat (product rules §8.1): buyer A's conversation with shop A; another buyer and another shop's owner try it.
  tenant('GET /chat/conversations/{id}', "buyer A's conversation", 200, async () => inConversation('')),
  tenant('GET /chat/conversations/{id}/messages', "buyer A's conversation", 200, async () =>
    inConversation('/messages'),
  ),
  tenant('POST /chat/conversations/{id}/messages', "buyer A's conversation", 201, async () =>
    inConversation('/messages', { kind: 'text', text: '请问什么时候发货？' }),
  ),
  tenant('POST /chat/conversations/{id}/read', "buyer A's conversation", 200, async () =>
    inConversation('/read', { upToId: 1 }),
  ),
  tenant('GET /shops/{id}/chat/stream', 'shop A', 200, async () => inShopA('/chat/stream')),
  // The workstation (product rules §8.2): shop A's inbox, agents, canned replies and sessions.
  tenant('GET /shops/{id}/chat/inbox', 'shop A', 200, async () => inShopA('/chat/inbox')),
  tenant('GET /shops/{id}/chat/agents', 'shop A', 200, async () => inShopA('/chat/agents')),
  tenant('PUT /shops/{id}/chat/agents/{userId}', 'a staff member of shop A', 200, async () =>
    inShopA(`/chat/agents/${f.staffA.id}`, { isAgent: true }),
  ),
  tenant('POST /shops/{id}/chat/status', 'shop A', 200, async () =>
    inShopA('/chat/status', { status: 'away' }),
  ),
  tenant('GET /shops/{id}/chat/canned-replies', 'shop A', 200, async () => inShopA('/chat/canned-replies')),
  tenant('POST /shops/{id}/chat/canned-replies', 'shop A', 201, async () =>
    inShopA('/chat/canned-replies', { title: '发货', text: '现货 48 小时内发货' }),
  ),
  tenant('PUT /shops/{id}/chat/canned-replies/{replyId}', 'a canned reply of shop A', 200, async () =>
    inShopA(`/chat/canned-replies/${await cannedReplyOfShopA()}`, { title: '发货', text: '今天发' }),
  ),
  tenant('DELETE /shops/{id}/chat/canned-replies/{replyId}', 'a canned reply of shop A', 200, async () =>
    inShopA(`/chat/canned-replies/${await cannedReplyOfShopA()}`),
  ),
  tenant('POST /chat/conversations/{id}/human', "buyer A's conversation", 200, async () => ({
    ...(await inConversation('/human')),
    intruders: [
      { who: 'another buyer', user: f.buyerB },
      { who: "another shop's owner", user: f.shopB.owner, status: 403 },
    ],
  })),
  tenant('GET /chat/conversations/{id}/customer', "buyer A's conversation with shop A", 200, async () => ({
    ...(await inConversation('/customer')),
    owner: f.shopA.owner,
    intruders: [
      { who: "another shop's owner", user: f.shopB.owner },
      { who: 'another buyer', user: f.buyerB, status: 403 },
    ],
  })),
  tenant('POST /chat/sessions/{id}/take', 'a waiting session of shop A', 200, async () =>
    sessionOfShopA('/take'),
  ),
  tenant('POST /chat/sessions/{id}/close', 'a waiting session of shop A', 200, async () =>
    sessionOfShopA('/close'),
  ),
  tenant('POST /chat/sessions/{id}/transfer', 'a waiting session of shop A', 200, async () => {
    // The session waits first (nobody online), then a colleague comes online to take it over.
    const scenario = await sessionOfShopA('/transfer', { toAgentId: f.staffA.id });
    await ctx.db
      .insertInto('chatAgents')
      .values({ shopId: f.shopA.shopId, userId: f.staffA.id, status: 'online', statusAt: ctx.clock.now() })
      .onConflict((oc) => oc.columns(['shopId', 'userId']).doUpdateSet({ status: 'online' }))
      .execute();
    return scenario;
  }),
  tenant('GET /aftersales/requests/{id}/conversations', "shop A's request", 200, async () =>
    requestOfShopA(`/aftersales/requests/${await requestOfBuyerA('pending_merchant')}/conversations`),
  ),
  // Customer service (product rules §8.3): shop A's settings, keyword replies and metrics; buyer A's session rating.
  tenant('GET /shops/{id}/chat/settings', 'shop A', 200, async () => inShopA('/chat/settings')),
  tenant('PUT /shops/{id}/chat/settings', 'shop A', 200, async () =>
    inShopA('/chat/settings', {
      welcome: '欢迎光临',
      offHoursReply: null,
      serviceHours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
      routing: 'round_robin',
      botEnabled: true,
    }),
  ),
  tenant('GET /shops/{id}/chat/keyword-replies', 'shop A', 200, async () => inShopA('/chat/keyword-replies')),
  tenant('POST /shops/{id}/chat/keyword-replies', 'shop A', 201, async () =>
    inShopA('/chat/keyword-replies', { keywords: ['包邮'], answer: '满 59 元包邮' }),
  ),
  tenant('PUT /shops/{id}/chat/keyword-replies/{replyId}', 'a keyword reply of shop A', 200, async () =>
    inShopA(`/chat/keyword-replies/${await keywordReplyOfShopA()}`, {
      keywords: ['发票'],
      answer: '可以开发票',
    }),
  ),
  tenant('DELETE /shops/{id}/chat/keyword-replies/{replyId}', 'a keyword reply of shop A', 200, async () =>
    inShopA(`/chat/keyword-replies/${await keywordReplyOfShopA()}`),
  ),
  tenant('GET /shops/{id}/chat/metrics', 'shop A', 200, async () => inShopA('/chat/metrics')),
  tenant('GET /chat/sessions/{id}/rating', "buyer A's session", 200, async () =>
    ofBuyerA(`/chat/sessions/${await closedSessionOfBuyerA()}/rating`),
  ),
  tenant('POST /chat/sessions/{id}/rating', "buyer A's closed session", 200, async () =>
    ofBuyerA(`/chat/sessions/${await closedSessionOfBuyerA()}/rating`, { rating: 'good' }),
  ),
  // Webhooks (issue 19): shop A's endpoints, their secret and their delivery log.
  tenant('GET /shops/{id}/webhooks', "shop A's webhook endpoints", 200, async () => inShopA('/webhooks')),
  tenant('POST /shops/{id}/webhooks', 'a new webhook endpoint of shop A', 201, async () =>
    inShopA('/webhooks', WEBHOOK_ENDPOINT),
  ),
  tenant('GET /shops/{id}/webhooks/{endpointId}', WEBHOOK, 200, async () =>
    inShopA(`/webhooks/${await webhookOfShopA()}`),
  ),
  tenant('PATCH /shops/{id}/webhooks/{endpointId}', WEBHOOK, 200, async () =>
    inShopA(`/webhooks/${await webhookOfShopA()}`, { description: '仓储系统', enabled: false }),
  ),
  tenant('DELETE /shops/{id}/webhooks/{endpointId}', WEBHOOK, 200, async () =>
    inShopA(`/webhooks/${await webhookOfShopA()}`),
  ),
  tenant('GET /shops/{id}/webhooks/{endpointId}/secret', WEBHOOK, 200, async () =>
    inShopA(`/webhooks/${await webhookOfShopA()}/secret`),
  ),
  tenant('POST /shops/{id}/webhooks/{endpointId}/rotate-secret', WEBHOOK, 200, async () =>
    inShopA(`/webhooks/${await webhookOfShopA()}/rotate-secret`),
  ),
  tenant('POST /shops/{id}/webhooks/{endpointId}/test', WEBHOOK, 202, async () =>
    inShopA(`/webhooks/${await webhookOfShopA()}/test`),
  ),
  tenant('GET /shops/{id}/webhooks/{endpointId}/deliveries', WEBHOOK, 200, async () =>
    inShopA(`/webhooks/${await webhookOfShopA()}/deliveries`),
  ),
  tenant('GET /shops/{id}/webhooks/{endpointId}/deliveries/{deliveryId}', WEBHOOK_DELIVERY, 200, async () => {
    const { endpointId, deliveryId } = await failedDeliveryOfShopA();
    return inShopA(`/webhooks/${endpointId}/deliveries/${deliveryId}`);
  }),
  tenant(
    'POST /shops/{id}/webhooks/{endpointId}/deliveries/{deliveryId}/replay',
    WEBHOOK_DELIVERY,
    201,
    async () => {
      const { endpointId, deliveryId } = await failedDeliveryOfShopA();
      return inShopA(`/webhooks/${endpointId}/deliveries/${deliveryId}/replay`);
    },
  ),
  // API keys (docs/api-keys.md): the owner's; another shop's owner gets 404.
  tenant('GET /shops/{id}/api-keys', 'shop A', 200, async () => inShopA('/api-keys')),
  tenant('POST /shops/{id}/api-keys', 'shop A', 201, async () =>
    inShopA('/api-keys', { name: `系统${unique()}`, scopes: ['orders:read'] }),
  ),
  tenant('POST /shops/{id}/api-keys/{keyId}/revoke', 'an API key of shop A', 200, async () =>
    inShopA(`/api-keys/${await apiKeyOfShopA()}/revoke`, {}),
  ),
];

const ADDRESS = {
  recipient: '售后 小王',
  phone: '13800001111',
  regionCode: '330106',
  detail: '文三路 1 号 退货处',
};

const couponTerms = () => ({
  title: '满100减10',
  kind: 'threshold',
  thresholdFen: 10_000,
  discountFen: 1_000,
  claimStartsAt: new Date(ctx.clock.now().getTime() - 60_000).toISOString(),
  claimEndsAt: new Date(ctx.clock.now().getTime() + 86_400_000).toISOString(),
  validDays: 7,
  perBuyerLimit: 1,
  issueCap: 100,
});

/** A fresh coupon of shop A, open for claims. */
async function couponOfShopA(): Promise<number> {
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${f.shopA.shopId}/coupons`, {
    token: f.shopA.owner.token,
    body: couponTerms(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** Flash-sale terms for a SKU at the builder's default price (¥99.00, 100 in stock): ¥59.00, 5 units, from now for an hour. */
const flashSaleTerms = (skuId: number) => ({
  skuId,
  priceFen: 5_900,
  stockCap: 5,
  perBuyerLimit: 1,
  startsAt: ctx.clock.now().toISOString(),
  endsAt: new Date(ctx.clock.now().getTime() + 3_600_000).toISOString(),
});

/** A fresh flash sale of shop A, on a new product. */
async function flashSaleOfShopA(): Promise<number> {
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${f.shopA.shopId}/flash-sales`, {
    token: f.shopA.owner.token,
    body: flashSaleTerms((await listed()).skuIds[0]!),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** A fresh address in buyer A's book. */
async function addressOfBuyerA(): Promise<number> {
  const res = await send(ctx.app, 'POST', '/api/v1/me/addresses', { token: f.buyerA.token, body: ADDRESS });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** An NPS survey offered to buyer A on a fresh order of theirs (the survey's own order). */
async function surveyOfBuyerA(): Promise<number> {
  const order = await unpaidOrder();
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('npsInvitations')
    .values({
      orderId: order.orderId,
      shopId: f.shopA.shopId,
      buyerId: f.buyerA.id,
      configVersion: 1,
      offeredAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A care case of buyer A on a fresh order of theirs, resolved and asking them whether they are satisfied. */
async function careSurveyOfBuyerA(): Promise<number> {
  const order = await unpaidOrder();
  const now = ctx.clock.now();
  const ops = f.signedIn.get('reviewer')!.id;
  const row = await ctx.db
    .insertInto('careCases')
    .values({
      rule: 'repeat_aftersales',
      buyerId: f.buyerA.id,
      orderId: order.orderId,
      shopId: f.shopA.shopId,
      state: 'resolved',
      facts: JSON.stringify({ requests: 2 }),
      happenedAt: now,
      detectedAt: now,
      dueAt: now,
      configVersion: 1,
      claimedBy: ops,
      claimedAt: now,
      outcome: 'apologised',
      resolvedBy: ops,
      resolvedAt: now,
      surveyState: 'asked',
      surveyExpiresAt: new Date(now.getTime() + 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const labelOf = (c: TenantCase) => c.route.replace(' /', ' /api/v1/');

describe('tenancy', () => {
  const isOpsRoute = (access: Access) => typeof access === 'object' && 'ops' in access;

  it('has a case for every signed-in, non-ops route that addresses a record by id (all of /shops/{id}/…)', () => {
    const covered = new Set(TENANT_CASES.map(labelOf));
    const uncovered = protectedRoutes
      .filter((r) => pathParams(r.path).length > 0 && !isOpsRoute(r.access) && !covered.has(r.label))
      .map((r) => r.label);
    expect(uncovered).toEqual([]);
    const labels = new Set(routes.map((r) => r.label));
    expect([...covered].filter((route) => !labels.has(route))).toEqual([]);
  });

  for (const c of TENANT_CASES)
    it(`${labelOf(c)} on ${c.record}: another tenant gets 404 and changes nothing; the owner gets ${c.ok}`, async () => {
      const { owner, url, body, headers, intruders } = await c.arrange();
      const method = c.route.split(' ')[0]!;
      // An intruder's own idempotency record (their 404, kept for replays) is theirs; nothing else may change.
      const counts = async () => ({
        ...(await tableCounts(ctx.db)),
        idempotency_keys: await countIdempotencyKeysExcept(intruders.map((i) => i.user.id)),
      });
      const before = await counts();
      for (const { who, user, url: target = url, status = 404 } of intruders) {
        const res = await send(ctx.app, method, target, { token: user.token, body, headers });
        expect(res.status, `${method} ${target} as ${who}: ${JSON.stringify(res.body)}`).toBe(status);
        expect(res.body.error.code).toBe(status === 404 ? 'not_found' : 'forbidden');
      }
      expect(await counts(), `${labelOf(c)}: an intruder's call wrote rows`).toEqual(before);
      const res = await send(ctx.app, method, url, { token: owner.token, body, headers });
      expect(res.status, `${method} ${url} as the owner: ${JSON.stringify(res.body)}`).toBe(c.ok);
    });
});

/** A keyword reply of shop A (customer service, §8.3). */
async function keywordReplyOfShopA(): Promise<number> {
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${f.shopA.shopId}/chat/keyword-replies`, {
    token: f.shopA.owner.token,
    body: { keywords: [`词${unique()}`], answer: '自动回复' },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** A session of buyer A with shop A that a person served and closed (so it asks for a rating). */
async function closedSessionOfBuyerA(): Promise<number> {
  const opened = await send(ctx.app, 'POST', '/api/v1/chat/conversations', {
    token: f.buyerA.token,
    body: { shopId: f.shopA.shopId },
  });
  const asked = await send(ctx.app, 'POST', `/api/v1/chat/conversations/${opened.body.id}/messages`, {
    token: f.buyerA.token,
    body: { kind: 'text', text: '转人工' },
  });
  const answered = await send(ctx.app, 'POST', `/api/v1/chat/conversations/${opened.body.id}/messages`, {
    token: f.shopA.owner.token,
    body: { kind: 'text', text: '您好，请问有什么可以帮您？' },
  });
  expect(answered.status).toBe(201);
  const closed = await send(ctx.app, 'POST', `/api/v1/chat/sessions/${asked.body.sessionId}/close`, {
    token: f.shopA.owner.token,
    body: {},
  });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  return asked.body.sessionId;
}

/** A fresh API key of shop A, made by its owner. */
async function apiKeyOfShopA(): Promise<number> {
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${f.shopA.shopId}/api-keys`, {
    token: f.shopA.owner.token,
    body: { name: `系统${unique()}`, scopes: ['orders:read'] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.key.id;
}
