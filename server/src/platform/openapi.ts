import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Access, ApiKeyScope } from './access.ts';
import type { App } from './http.ts';
import type { EventDefinition } from './outbox.ts';

export interface OpenApiOptions {
  /** The event catalog (server/src/events.ts): the document's `webhooks` section. */
  webhooks?: readonly EventDefinition[];
}

type Json = Record<string, unknown>;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

// ---------------------------------------------------------------------------------------------
// operationId: a readable camelCase name from the method and the path (SDK generators name methods
// from it). GET /shops/{id}/orders → listShopOrders, GET /shops/{id}/orders/{orderId} → getShopOrder,
// POST /shops/{id}/products/{productId}/submit → submitShopProduct. A route's `schema.operationId`
// overrides it.

/** Path words that name nothing of their own in an operation's name. */
const SILENT_WORDS = new Set(['api', 'v1', 'auth']);
/** Path words named otherwise: `/me/addresses` → listMyAddresses. */
const WORD_NAMES: Record<string, string> = { me: 'My' };
/** Words ending in s that are not plurals of a collection. */
const NOT_PLURAL = new Set([
  'aftersales',
  'analytics',
  'metrics',
  'news',
  'nps',
  'settings',
  'stats',
  'status',
]);
/** A last path word that says what happens: [verb, word after the nouns]. `…/{id}/submit` → submit… */
const ACTIONS: Record<string, readonly [string, string?]> = {
  acknowledge: ['acknowledge'],
  activate: ['activate'],
  answer: ['answer'],
  approve: ['approve'],
  assign: ['assign'],
  backtest: ['backtest'],
  block: ['block'],
  'bulk-prices': ['bulkSet', 'Prices'],
  'bulk-shipments': ['bulkCreate', 'Shipments'],
  'bulk-state': ['bulkSet', 'State'],
  cancel: ['cancel'],
  check: ['check'],
  checkout: ['checkout'],
  claim: ['claim'],
  clear: ['clear'],
  close: ['close'],
  'confirm-receipt': ['confirm', 'Receipt'],
  decision: ['decide'],
  decisions: ['decide'],
  default: ['set', 'Default'],
  delist: ['delist'],
  detect: ['detect'],
  'emergency-stop': ['emergencyStop'],
  end: ['end'],
  escalate: ['escalate'],
  export: ['export'],
  'extend-receipt': ['extend', 'Receipt'],
  fix: ['fix'],
  human: ['transfer', 'ToHuman'],
  login: ['login'],
  logout: ['logout'],
  main: ['set', 'Main'],
  outcome: ['set', 'Outcome'],
  pay: ['pay'],
  quote: ['quote'],
  read: ['mark', 'Read'],
  recompute: ['recompute'],
  refresh: ['refresh'],
  register: ['register'],
  reject: ['reject'],
  release: ['release'],
  replay: ['replay'],
  resolve: ['resolve'],
  revoke: ['revoke'],
  'rotate-secret': ['rotate', 'Secret'],
  'sandbox-notify': ['sandboxNotify'],
  scan: ['scan'],
  shadow: ['shadow'],
  start: ['start'],
  state: ['set', 'State'],
  status: ['set', 'Status'],
  stock: ['set', 'Stock'],
  stop: ['stop'],
  'stop-shadow': ['stopShadow'],
  submit: ['submit'],
  take: ['take'],
  terminate: ['terminate'],
  test: ['test'],
  transfer: ['transfer'],
};

/** The actions a GET names (`…/order-desk/export`); other action words of a GET are nouns (`…/decisions`). */
const READ_ACTIONS = new Set(['check', 'export']);

const pascal = (word: string) =>
  word
    .split(/[-_.]/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

const isPlural = (word: string) => {
  const last = word.split('-').at(-1)!;
  return last.endsWith('s') && !last.endsWith('ss') && !NOT_PLURAL.has(last);
};

/** `freight-templates` → `freight-template`, `categories` → `category`, `addresses` → `address`. */
export function singular(word: string): string {
  if (!isPlural(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** The derived operationId of `METHOD /path/{param}` (OpenAPI path form). */
export function operationIdOf(method: string, path: string): string {
  const segments = path.split('/').filter((s) => s !== '' && !SILENT_WORDS.has(s));
  const isParam = (s: string | undefined) => s?.startsWith('{') ?? false;
  const statics = segments.filter((s) => !isParam(s));
  const endsWithParam = isParam(segments.at(-1));
  const verb = method.toLowerCase();
  // The nouns: a collection followed by one of its ids is named in the singular.
  // (`order-desk/{orderId}` → OrderDeskOrder: a word that is no plural is followed by its id's name)
  const noun = (s: string, i: number) => {
    const next = segments[i + 1];
    if (WORD_NAMES[s]) return WORD_NAMES[s];
    if (!isParam(next)) return pascal(s);
    if (isPlural(s)) return pascal(singular(s));
    const idOf = /^\{(\w+)Id\}$/.exec(next!)?.[1];
    return pascal(s) + (idOf ? pascal(idOf) : '');
  };
  const nouns = (upTo: number) => segments.slice(0, upTo).flatMap((s, i) => (isParam(s) ? [] : [noun(s, i)]));
  const named = (words: string[]) => (words.length === 1 && words[0] === 'My' ? ['Me'] : words);
  const join = (first: string, words: string[]) => first + named(words).join('');

  if (endsWithParam || statics.length === 0) {
    const first = { get: 'get', patch: 'update', put: 'set', delete: 'delete', post: 'create' }[verb] ?? verb;
    return join(first, nouns(segments.length));
  }
  const last = statics.at(-1)!;
  const before = nouns(segments.length - 1);
  const action = verb === 'get' && !READ_ACTIONS.has(last) ? undefined : ACTIONS[last];
  if (action) return join(action[0], [...before, ...(action[1] ? [action[1]] : [])]);
  const plural = isPlural(last);
  if (verb === 'get') return join(plural ? 'list' : 'get', [...before, pascal(last)]);
  if (verb === 'post') return join('create', [...before, pascal(singular(last))]);
  const first = { patch: 'update', put: 'set', delete: 'delete' }[verb] ?? verb;
  return join(first, [...before, pascal(last)]);
}

// ---------------------------------------------------------------------------------------------
// Schemas: TypeBox writes a tuple as `items: [...]` with `additionalItems`, the draft-07 form that
// OpenAPI 3.1 (JSON Schema 2020-12) no longer has; the document says `prefixItems` instead.

/** Keys whose values are data (examples, defaults, constants), never schemas. */
const DATA_KEYS = new Set(['default', 'example', 'examples', 'const', 'enum']);

/** A copy of `value` with every tuple in 2020-12 form; route schemas themselves are not touched. */
export function withPrefixItems<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withPrefixItems(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Json = {};
  for (const [key, inner] of Object.entries(value as Json)) {
    copy[key] = DATA_KEYS.has(key) ? inner : withPrefixItems(inner);
  }
  if (Array.isArray(copy.items)) {
    const { items, additionalItems, ...rest } = copy;
    const prefixItems = items as unknown[];
    return {
      ...rest,
      prefixItems,
      ...(additionalItems === undefined || additionalItems === false
        ? { items: false }
        : additionalItems === true
          ? {}
          : { items: additionalItems }),
      ...(additionalItems === false && rest.maxItems === undefined ? { maxItems: prefixItems.length } : {}),
    } as T;
  }
  return copy as T;
}

// ---------------------------------------------------------------------------------------------
// Error answers: every operation names the 4xx answers the platform's hooks give it, all with the
// one error body (`Error`). The runtime's serializers are compiled from the routes, not from this.

export const ERROR_REF = '#/components/schemas/Error';

const ERROR_TEXTS: Record<string, string> = {
  '400': 'The request is invalid (`validation_failed`, each field in `details.fields`)',
  '401': 'No bearer token, or an unknown, expired or revoked one (`unauthenticated`)',
  '403':
    'The account, or the API key, may not do this (`forbidden`, `api_key_not_allowed`, `insufficient_scope`)',
  '404': 'There is no such resource, or it is not yours (`not_found`)',
  '409': 'The resource is not in a state that allows this (the code says which)',
  '413': 'The request body is too large (`payload_too_large`)',
  '415': 'The request body is of a media type this route does not take (`unsupported_media_type`)',
  '422': 'The request is well formed but refused (the code says why)',
  '429': 'Too many requests (`rate_limited`; retry after `retry-after` seconds)',
  '503': 'The service is unavailable for the moment (`service_unavailable`)',
};

const errorResponse = (status: string) => ({
  description: ERROR_TEXTS[status] ?? 'An error (the code says which)',
  content: { 'application/json': { schema: { $ref: ERROR_REF } } },
});

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The operation's responses with its 4xx answers: 400 always (the text guard checks every request's
 * headers), 401 and 403 when it is protected, 404 when its path names a resource, 429 when it takes
 * API keys (each key's rate limit); answers the route
 * declares with the error body (409, 429, …) keep their status and refer to `Error`.
 */
export function withErrorResponses(operation: Json, errorBody: object): Json {
  const responses = { ...((operation.responses as Json | undefined) ?? {}) };
  for (const [status, answer] of Object.entries(responses)) {
    const schema = (answer as { content?: Record<string, { schema?: unknown }> }).content?.[
      'application/json'
    ]?.schema;
    if (/^[45]\d\d$/.test(status) && sameJson(schema, errorBody)) responses[status] = errorResponse(status);
  }
  const parameters = (operation.parameters as { in: string }[] | undefined) ?? [];
  const security = operation.security as unknown[] | undefined;
  const statuses = ['400'];
  if (security && security.length > 0) statuses.push('401', '403');
  if (parameters.some((p) => p.in === 'path')) statuses.push('404');
  // an API key's requests are limited per key (docs/api-keys.md)
  if (operation['x-scope']) statuses.push('429');
  for (const status of statuses) responses[status] ??= errorResponse(status);
  // 2xx first, then the errors by status, as readers look for them
  const ordered = Object.keys(responses).sort((a, b) => a.localeCompare(b));
  return {
    ...operation,
    responses: Object.fromEntries(ordered.map((status) => [status, responses[status]])),
  };
}

// ---------------------------------------------------------------------------------------------
// Security: public operations say `security: []`; protected ones take a signed-in account's token,
// and those with an API-key scope a shop's key holding it.

export const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer' },
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      "A shop's API key `xr_…` (docs/api-keys.md), sent as `Authorization: Bearer xr_…`: it acts for its shop only, on the operations whose `x-scope` is one of its scopes.",
  },
} as const;

/** How `x-access` words an access rule (test/route-inventory.ts reads it back). */
export function accessText(access: Exclude<Access, 'public'>): string {
  if (access === 'user') return 'any signed-in account';
  return 'kinds' in access ? access.kinds.join(', ') : `ops: ${access.ops.join(', ')}`;
}

export function securityOf(access: Access | undefined, scope: ApiKeyScope | undefined): Json {
  if (!access || access === 'public') return { security: [] };
  return {
    security: scope ? [{ bearer: [] }, { apiKey: [scope] }] : [{ bearer: [] }],
    'x-access': accessText(access),
    ...(scope ? { 'x-scope': scope } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Webhooks: one entry per event type, as an endpoint receives it (docs/webhooks.md).

const WEBHOOK_HEADERS = [
  {
    name: 'webhook-id',
    description:
      'The event id (`evt_…`): the same on every retry and replay; receivers drop ids they have seen',
    schema: { type: 'string', pattern: '^evt_' },
  },
  {
    name: 'webhook-timestamp',
    description: "This attempt's time in unix seconds; refuse messages far from your clock",
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  {
    name: 'webhook-signature',
    description:
      'Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>`, one per active secret of the endpoint (Standard Webhooks)',
    schema: { type: 'string' },
  },
].map((header) => ({ ...header, in: 'header', required: true }));

/** `order.paid` → `orderPaidWebhook`. */
export const webhookOperationId = (type: string) => {
  const words = type.split(/[._-]/).filter(Boolean);
  return words[0]! + pascal(words.slice(1).join('-')) + 'Webhook';
};

export function webhookEnvelope(event: EventDefinition): Json {
  return {
    type: 'object',
    required: ['id', 'type', 'version', 'timestamp', 'shopId', 'data'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', description: 'The event id, as in `webhook-id`', pattern: '^evt_' },
      type: { type: 'string', const: event.type },
      version: { type: 'integer', const: event.version },
      timestamp: { type: 'string', format: 'date-time', description: 'When the event happened' },
      shopId: event.shopScoped
        ? { type: 'integer', description: 'The shop the event belongs to' }
        : { type: 'null', description: 'Platform events belong to no shop' },
      data: event.schema,
    },
  };
}

export function webhooksSection(events: readonly EventDefinition[]): Json {
  return Object.fromEntries(
    events.map((event) => [
      event.type,
      {
        post: {
          operationId: webhookOperationId(event.type),
          summary: event.summary,
          description: `${event.description}\n\nResource \`${event.resource}:<id>\`; version ${event.version}${event.shopScoped ? '' : '; a platform event, delivered to ops endpoints only'}.`,
          tags: ['Webhooks'],
          security: [],
          parameters: WEBHOOK_HEADERS,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: webhookEnvelope(event) } },
          },
          responses: {
            '2XX': { description: 'Received: the delivery succeeded' },
            '4XX': {
              description: 'Refused: the delivery is retried (as is any other answer, or none within 10 s)',
            },
          },
        },
      },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------

/** Every operationId once: a repeated one gets its path parameters, then a number. */
function uniqueOperationIds(paths: Record<string, Json>): Record<string, Json> {
  const seen = new Set<string>();
  const result: Record<string, Json> = {};
  for (const [path, item] of Object.entries(paths)) {
    const copy: Json = { ...item };
    for (const method of HTTP_METHODS) {
      const operation = copy[method] as Json | undefined;
      if (!operation) continue;
      let id = String(operation.operationId);
      if (seen.has(id)) {
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => pascal(m[1]!));
        id = params.length ? `${id}By${params.join('And')}` : id;
        for (let n = 2; seen.has(id); n += 1) id = `${id.replace(/\d+$/, '')}${n}`;
      }
      seen.add(id);
      copy[method] = { ...operation, operationId: id };
    }
    result[path] = copy;
  }
  return result;
}

/** The whole document as @fastify/swagger built it → the document served. */
export function finishDocument(document: Json, errorBody: object, options: OpenApiOptions): Json {
  const paths = Object.fromEntries(
    Object.entries((document.paths as Record<string, Json>) ?? {}).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) => [
          method,
          (HTTP_METHODS as readonly string[]).includes(method)
            ? withErrorResponses(operation as Json, errorBody)
            : operation,
        ]),
      ),
    ]),
  );
  const components = (document.components as Json | undefined) ?? {};
  const webhooks = options.webhooks?.length ? { webhooks: webhooksSection(options.webhooks) } : {};
  return withPrefixItems({
    ...document,
    paths: uniqueOperationIds(paths),
    ...webhooks,
    components: {
      ...components,
      schemas: { ...((components.schemas as Json | undefined) ?? {}), Error: errorBody },
    },
  });
}

/**
 * The OpenAPI document (served at /openapi.json, reference page at /docs): @fastify/swagger over
 * every route's schema, finished by `finishDocument` so that Redocly's recommended rules pass
 * (test/openapi-lint.integration.test.ts).
 */
export async function registerOpenApi(
  app: App,
  errorBody: object,
  options: OpenApiOptions = {},
): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Xinren API',
        version: '0.1.0',
        description:
          "Trust-first live commerce. Money is integer fen. Authenticate with `Authorization: Bearer <token>` from `POST /api/v1/auth/login`, or with a shop's API key `xr_…` on the operations that name an `x-scope`. Behind a read replica, the answer to a write carries `X-Xinren-Commit-Lsn`; send the highest one seen as `X-Xinren-Read-After` and the operations marked `x-reads: replica` read nothing older than it.",
        license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: '/', description: 'This server' }],
      components: { securitySchemes: SECURITY_SCHEMES as never },
    },
    transform: ({ schema, url, route }) => {
      const config = route.config as { access?: Access; scope?: ApiKeyScope; reads?: 'replica' } | undefined;
      const given = (schema ?? {}) as Json;
      const method = Array.isArray(route.method) ? route.method[0]! : route.method;
      const path = url.replace(/:(\w+)/g, '{$1}');
      const transformed = {
        ...given,
        operationId: (given.operationId as string | undefined) ?? operationIdOf(method, path),
        ...securityOf(config?.access, config?.scope),
        // read from DATABASE_READ_URL's replica when one is configured (docs/read-replicas.md)
        ...(config?.reads ? { 'x-reads': config.reads } : {}),
      };
      return { schema: transformed, url };
    },
    transformObject: (documentObject) =>
      finishDocument((documentObject as { openapiObject: Json }).openapiObject, errorBody, options) as never,
  });
  // The reference page and its assets are public.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), access: 'public' };
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    // The reference page runs under the platform's CSP (helmet's header; swagger-ui adds none of
    // its own): its page loads only files, and it checks no spec against an outside validator. The
    // base layout has no top bar, whose Swagger logo is an SVG with an inline <style> the CSP refuses.
    uiConfig: { deepLinking: true, validatorUrl: null, layout: 'BaseLayout' },
  });

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
