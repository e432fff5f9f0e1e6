import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import {
  API_PREFIX,
  type DocumentedRoute,
  documentedRoutes,
  fillPath,
  type OpenApiDocument,
  pathParams,
  readOpenApi,
  registeredRoutes,
  send,
} from './route-inventory.ts';

// Writes that take nothing but the path. Listed on purpose: a new POST/PUT/PATCH route either
// documents its body or is added here by someone who decided it has none.
const BODYLESS_WRITES = new Set([
  'POST /api/v1/aftersales/requests/{id}/approve',
  'POST /api/v1/aftersales/requests/{id}/cancel',
  'POST /api/v1/aftersales/requests/{id}/confirm-receipt',
  'POST /api/v1/aftersales/requests/{id}/extend-receipt',
  'POST /api/v1/auth/logout',
  'POST /api/v1/chat/conversations/{id}/human',
  'POST /api/v1/chat/sessions/{id}/close',
  'POST /api/v1/chat/sessions/{id}/take',
  'POST /api/v1/live/reminders/{id}/acknowledge',
  'POST /api/v1/me/addresses/{id}/default',
  'POST /api/v1/ops/discovery/ranks/refresh',
  'POST /api/v1/ops/care/cases/{id}/claim',
  'POST /api/v1/ops/care/cases/{id}/release',
  'POST /api/v1/ops/care/scan',
  'POST /api/v1/ops/aftersales/sku-protections/detect',
  'POST /api/v1/ops/trust/policies/{id}/activate',
  'POST /api/v1/ops/trust/policies/{id}/shadow',
  'POST /api/v1/ops/trust/policies/{id}/stop-shadow',
  'POST /api/v1/orders/{id}/cancel',
  'POST /api/v1/orders/{id}/confirm-receipt',
  'POST /api/v1/shops/{id}/products/{productId}/submit',
  'POST /api/v1/shops/{id}/products/{productId}/images/{imageId}/main',
  'POST /api/v1/shops/{id}/violations/{violationId}/fix',
  'POST /api/v1/shops/{id}/api-keys/{keyId}/revoke',
  'POST /api/v1/shops/{id}/webhooks/{endpointId}/rotate-secret',
  'POST /api/v1/shops/{id}/webhooks/{endpointId}/test',
  'POST /api/v1/shops/{id}/webhooks/{endpointId}/deliveries/{deliveryId}/replay',
  'POST /api/v1/ops/webhooks/{endpointId}/rotate-secret',
  'POST /api/v1/ops/webhooks/{endpointId}/test',
  'POST /api/v1/ops/webhooks/{endpointId}/deliveries/{deliveryId}/replay',
  // following is a PUT of the path alone
  'PUT /api/v1/me/follows/hosts/{id}',
  'PUT /api/v1/me/follows/shops/{id}',
]);

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

// Routes that take or answer raw bytes: documented as `format: binary` under their media types.
const BINARY_ROUTES = new Set([
  'POST /api/v1/evidence-files',
  'GET /api/v1/evidence-files/{id}',
  'POST /api/v1/shops/{id}/products/{productId}/images',
  'GET /api/v1/product-images/{id}',
  'GET /api/v1/product-images/{id}/thumbnail',
  'GET /api/v1/shops/{id}/order-desk/export',
]);

// Routes that answer a server-sent event stream: each message documented under `text/event-stream`.
const EVENT_STREAM_ROUTES = new Set([
  'GET /api/v1/live/sessions/{id}/events',
  'GET /api/v1/chat/stream',
  'GET /api/v1/shops/{id}/chat/stream',
]);

let ctx: TestContext;
let doc: OpenApiDocument;
let routes: DocumentedRoute[];

beforeAll(async () => {
  ctx = await createTestContext();
  doc = await readOpenApi(ctx.app);
  routes = documentedRoutes(doc);
});

type Part = { content?: Record<string, { schema?: { format?: string } }> } | undefined;
const jsonSchemaOf = (part: Part) => part?.content?.['application/json']?.schema;
const binarySchemaOf = (part: Part) =>
  Object.values(part?.content ?? {}).find((media) => media.schema?.format === 'binary')?.schema;
const schemaOf = (route: DocumentedRoute, part: Part) =>
  jsonSchemaOf(part) ??
  (BINARY_ROUTES.has(route.label) ? binarySchemaOf(part) : undefined) ??
  (EVENT_STREAM_ROUTES.has(route.label) ? part?.content?.['text/event-stream']?.schema : undefined);

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1.0 with a bearer security scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect((doc as any).components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(routes.length).toBeGreaterThan(0);
  });

  it('documents exactly the /api/v1 routes Fastify serves', () => {
    const served = registeredRoutes(ctx.app)
      .filter((r) => r.path.startsWith(API_PREFIX))
      .map((r) => r.label)
      .sort();
    expect(served).toContain('POST /api/v1/auth/login');
    expect(routes.map((r) => r.label).sort()).toEqual(served);
  });

  it('gives every operation a summary, tags and a JSON schema for its 2xx answer', () => {
    const problems = routes.flatMap((route) => {
      const { summary, tags, responses = {} } = route.operation;
      const missing: string[] = [];
      if (!summary?.trim()) missing.push('summary');
      if (!tags?.length) missing.push('tags');
      const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0 || success.some(([, answer]) => !schemaOf(route, answer))) {
        missing.push('2xx response schema');
      }
      return missing.map((what) => `${route.label}: no ${what}`);
    });
    expect(problems).toEqual([]);
  });

  it('documents the JSON body of every write that takes one', () => {
    const problems = routes
      .filter((route) => WRITES.has(route.method))
      .flatMap((route) => {
        const documented = schemaOf(route, route.operation.requestBody) !== undefined;
        if (BODYLESS_WRITES.has(route.label)) {
          return documented ? [`${route.label}: has a body; take it off BODYLESS_WRITES`] : [];
        }
        return documented ? [] : [`${route.label}: no requestBody schema`];
      });
    expect(problems).toEqual([]);
    const known = new Set(routes.map((r) => r.label));
    expect([...BODYLESS_WRITES].filter((label) => !known.has(label))).toEqual([]);
  });

  it('documents every path parameter', () => {
    const problems = routes.flatMap((route) => {
      const documented = new Set(
        (route.operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      );
      return pathParams(route.path)
        .filter((name) => !documented.has(name))
        .map((name) => `${route.label}: path parameter {${name}} undocumented`);
    });
    expect(problems).toEqual([]);
  });

  it('marks exactly the routes that turn away anonymous callers as bearer-protected', async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const url = fillPath(route.path, Object.fromEntries(pathParams(route.path).map((p) => [p, 1])));
      const res = await send(ctx.app, route.method, url);
      const security = route.operation.security;
      if (security === undefined) problems.push(`${route.label}: no security (public ones say [])`);
      const documented = (security?.length ?? 0) > 0;
      if (documented) {
        if (res.status !== 401)
          problems.push(`${route.label}: documented protected, anonymous got ${res.status}`);
        if (!route.operation['x-access']) problems.push(`${route.label}: protected without x-access`);
        const scope = route.operation['x-scope'];
        const expected = scope ? [{ bearer: [] }, { apiKey: [scope] }] : [{ bearer: [] }];
        if (JSON.stringify(security) !== JSON.stringify(expected)) {
          problems.push(`${route.label}: security is not bearer (or a key of its x-scope)`);
        }
      } else if (res.status === 401 || res.status === 403) {
        problems.push(
          `${route.label}: documented public, anonymous got ${res.status} ${res.body?.error?.message}`,
        );
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('reference page', () => {
  it('serves /docs as HTML whose scripts and styles all load from this server', async () => {
    const page = await send(ctx.app, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const html = String(page.body);
    const assets = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThan(0);
    expect(assets.filter((a) => a.endsWith('.css')).length).toBeGreaterThan(0);
    expect(assets.filter((a) => /^(https?:)?\/\//i.test(a))).toEqual([]);
    for (const asset of assets) {
      const res = await send(ctx.app, 'GET', new URL(asset, 'http://local/docs/').pathname);
      expect(res.status, asset).toBe(200);
    }
  });

  it('points the page at the local document and no online validator', async () => {
    const init = await send(ctx.app, 'GET', '/docs/static/swagger-initializer.js');
    expect(init.status).toBe(200);
    expect(String(init.body)).toContain("resolveUrl('./json')");
    expect(String(init.body)).toContain('validatorUrl: null');
    const served = await send(ctx.app, 'GET', '/docs/json');
    expect(served.status).toBe(200);
    expect(Object.keys(served.body.paths).sort()).toEqual(Object.keys(doc.paths).sort());
  });
});

describe('platform answers', () => {
  it('reports health with the database up', async () => {
    const res = await send(ctx.app, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers an unknown route with 404 and the error body', async () => {
    const res = await send(ctx.app, 'GET', '/api/v1/no-such-thing?x=1');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'not_found', message: 'No route GET /api/v1/no-such-thing', details: {} },
    });
  });

  it('answers a malformed JSON body with 400 and the error body', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login": "buyer-1", "password":',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toEqual({
      error: { code: 'validation_failed', message: expect.stringMatching(/JSON/), details: {} },
    });
  });
});
