import { randomBytes } from 'node:crypto';
import type { OpsRole, UserKind } from '../src/modules/identity/index.ts';
import type { Access, ApiKeyScope } from '../src/platform/access.ts';
import type { App } from '../src/platform/http.ts';
import { buildBuyer, type TestUser } from './builders.ts';
import type { TestContext } from './harness.ts';

/** One operation of the served OpenAPI document (the parts the cross-cutting tests read). */
export interface OpenApiOperation {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  'x-access'?: string;
  /** The API-key scope the operation takes (docs/api-keys.md); absent: API keys are refused. */
  'x-scope'?: ApiKeyScope;
  operationId?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface DocumentedRoute {
  method: string;
  /** OpenAPI form: `/api/v1/shops/{id}/products`. */
  path: string;
  /** `GET /api/v1/shops/{id}`: how failures name the route. */
  label: string;
  access: Access;
  /** The API-key scope it takes, from `x-scope`; undefined when it refuses keys. */
  scope: ApiKeyScope | undefined;
  operation: OpenApiOperation;
}

export const API_PREFIX = '/api/v1/';
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export async function readOpenApi(app: App): Promise<OpenApiDocument> {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}`);
  return res.json() as OpenApiDocument;
}

/**
 * The access rule as platform/openapi.ts documents it: `security: []` means public, otherwise `x-access` reads
 * 'any signed-in account', 'ops: role, role' or 'kind, kind'.
 */
export function accessOf(operation: OpenApiOperation): Access {
  const who = operation['x-access'];
  if (!operation.security?.length || who === undefined) return 'public';
  if (who === 'any signed-in account') return 'user';
  if (who.startsWith('ops: ')) return { ops: who.slice(5).split(', ') as never };
  return { kinds: who.split(', ') as never };
}

/** Every documented /api/v1 operation. */
export function documentedRoutes(doc: OpenApiDocument): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!path.startsWith(API_PREFIX)) continue;
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.has(method)) continue;
      const upper = method.toUpperCase();
      routes.push({
        method: upper,
        path,
        label: `${upper} ${path}`,
        access: accessOf(operation),
        scope: operation['x-scope'],
        operation,
      });
    }
  }
  return routes;
}

/**
 * Fastify's own route table, read from `printRoutes({ commonPrefix: false })`: a tree whose lines
 * are `<indent>├── <segment> (GET, HEAD)` with four characters of indent per level. Paths come back
 * in OpenAPI form (`:id` → `{id}`); HEAD routes that Fastify adds for every GET are left out.
 */
export function registeredRoutes(app: App): { method: string; path: string; label: string }[] {
  const stack: string[] = [];
  const routes: { method: string; path: string; label: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^(.*?)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, path, label: `${method} ${path}` });
    }
  }
  return routes;
}

/** `/api/v1/shops/{id}/staff/{userId}` with `{ id: 3, userId: 9 }` → `/api/v1/shops/3/staff/9`. */
export function fillPath(path: string, values: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for path parameter {${name}} of ${path}`);
    return encodeURIComponent(String(value));
  });
}

export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** One request as a client would send it: writes carry a JSON body (`{}` unless given). */
export async function send(
  app: App,
  method: string,
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const writes = method === 'POST' || method === 'PUT' || method === 'PATCH';
  // An event stream never ends: its answer is taken at its headers (chat streams, issue 16).
  if (method === 'GET' && /\/stream$/.test(url.split('?')[0]!)) {
    const res = await app.inject({
      method: 'GET',
      url,
      payloadAsStream: true,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    });
    const stream = res.stream();
    if (String(res.headers['content-type']).startsWith('text/event-stream')) {
      stream.destroy();
      return { status: res.statusCode, body: undefined, headers: res.headers };
    }
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: res.statusCode, body, headers: res.headers };
  }
  const res = await app.inject({
    method: method as 'GET',
    url,
    payload: writes ? ((options.body ?? {}) as object) : undefined,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
  });
  let body: unknown = res.body;
  try {
    body = res.json();
  } catch {}
  return { status: res.statusCode, body, headers: res.headers };
}

/** A kind of signed-in account the access matrix tries every route with. */
export interface Caller {
  label: string;
  kind: UserKind;
  roles: OpsRole[];
}

export const CALLERS: Caller[] = [
  { label: 'buyer', kind: 'buyer', roles: [] },
  { label: 'merchant', kind: 'merchant', roles: [] },
  { label: 'creator', kind: 'creator', roles: [] },
  { label: 'ops without roles', kind: 'ops', roles: [] },
  { label: 'reviewer', kind: 'ops', roles: ['reviewer'] },
  { label: 'arbiter', kind: 'ops', roles: ['arbiter'] },
  { label: 'rule admin', kind: 'ops', roles: ['rule_admin'] },
  { label: 'super admin', kind: 'ops', roles: ['super_admin'] },
];

/** Who may pass, written out from the rule in access.ts rather than by calling it. */
export function permits(access: Access, caller: Caller): boolean {
  if (access === 'public' || access === 'user') return true;
  if ('kinds' in access) return access.kinds.includes(caller.kind);
  if (caller.kind !== 'ops') return false;
  return caller.roles.some((role) => role === 'super_admin' || access.ops.includes(role));
}

// ---- Records made through the API, for routes to point at. ----

const key = () => ({ 'idempotency-key': `inventory-${randomBytes(6).toString('hex')}` });

function expectStatus(res: { status: number; body: unknown }, ok: (status: number) => boolean, what: string) {
  if (!ok(res.status)) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** An unpaid order of one unit of `skuId`. */
export async function placeOrder(ctx: TestContext, buyer: TestUser, skuId: number) {
  const res = await send(ctx.app, 'POST', '/api/v1/checkout', {
    token: buyer.token,
    body: { items: [{ skuId, quantity: 1 }] },
    headers: key(),
  });
  expectStatus(res, (s) => s === 201, 'checkout');
  return { orderId: res.body.orders[0].id as number, groupId: res.body.groupId as number };
}

/** Pays an order group with the sandbox provider; returns the payment id. */
export async function pay(
  ctx: TestContext,
  buyer: TestUser,
  groupId: number,
  outcome: 'succeed' | 'timeout',
) {
  const res = await send(ctx.app, 'POST', `/api/v1/order-groups/${groupId}/pay`, {
    token: buyer.token,
    body: { method: 'sandbox', sandboxOutcome: outcome },
    headers: key(),
  });
  expectStatus(res, (s) => s === 200 || s === 201, 'pay');
  return res.body.id as number;
}

/** Ships a paid order with the sandbox carrier; returns the shipment id. */
export async function shipOrder(
  ctx: TestContext,
  shop: { shopId: number; owner: TestUser },
  orderId: number,
) {
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${shop.shopId}/orders/${orderId}/shipment`, {
    token: shop.owner.token,
    body: { carrier: 'sandbox', trackingNumber: `SB${randomBytes(6).toString('hex')}` },
  });
  expectStatus(res, (s) => s === 201, 'ship');
  return res.body.shipment.id as number;
}

/** A draft product of the shop, made by its owner. */
export async function draftProduct(
  ctx: TestContext,
  shop: { shopId: number; categoryId: number; owner: TestUser },
): Promise<number> {
  const res = await send(ctx.app, 'POST', `/api/v1/shops/${shop.shopId}/products`, {
    token: shop.owner.token,
    body: { title: '草稿', categoryId: shop.categoryId, skus: [{ code: 'D-1', priceFen: 100, stock: 1 }] },
  });
  expectStatus(res, (s) => s === 201, 'create product');
  return res.body.id;
}

/** Tokens no route may accept: garbage, unknown, expired, revoked, and a disabled account's. */
export async function badTokens(ctx: TestContext): Promise<{ what: string; token: string }[]> {
  const [expired, revoked, disabled] = [await buildBuyer(ctx), await buildBuyer(ctx), await buildBuyer(ctx)];
  const past = new Date(ctx.clock.now().getTime() - 1_000);
  await ctx.db.updateTable('authTokens').set({ expiresAt: past }).where('userId', '=', expired.id).execute();
  expectStatus(
    await send(ctx.app, 'POST', '/api/v1/auth/logout', { token: revoked.token }),
    (s) => s === 200,
    'logout',
  );
  await ctx.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();
  return [
    { what: 'garbage', token: 'not-a-token' },
    { what: 'unknown', token: `xr_${randomBytes(32).toString('base64url')}` },
    { what: 'expired', token: expired.token },
    { what: 'revoked', token: revoked.token },
    { what: 'disabled account', token: disabled.token },
  ];
}
