import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import {
  ERROR_REF,
  operationIdOf,
  securityOf,
  singular,
  webhookOperationId,
  webhooksSection,
  withErrorResponses,
  withPrefixItems,
} from './openapi.ts';

describe('operationIdOf', () => {
  it.each([
    ['GET', '/api/v1/shops/{id}/orders', 'listShopOrders'],
    ['GET', '/api/v1/shops/{id}/orders/{orderId}', 'getShopOrder'],
    ['POST', '/api/v1/shops/{id}/products/{productId}/submit', 'submitShopProduct'],
    ['POST', '/api/v1/shops/{id}/products', 'createShopProduct'],
    ['PATCH', '/api/v1/shops/{id}/products/{productId}', 'updateShopProduct'],
    ['PUT', '/api/v1/shops/{id}/chat/settings', 'setShopChatSettings'],
    ['DELETE', '/api/v1/me/addresses/{id}', 'deleteMyAddress'],
    ['GET', '/api/v1/me', 'getMe'],
    ['GET', '/api/v1/me/addresses', 'listMyAddresses'],
    ['POST', '/api/v1/auth/login', 'login'],
    ['GET', '/api/v1/categories/{id}', 'getCategory'],
    ['GET', '/api/v1/shops/{id}/order-desk/export', 'exportShopOrderDesk'],
    ['GET', '/api/v1/shops/{id}/order-desk/{orderId}', 'getShopOrderDeskOrder'],
    ['GET', '/api/v1/ops/trust/decisions', 'listOpsTrustDecisions'],
    ['POST', '/api/v1/ops/arbitrations/{id}/decision', 'decideOpsArbitration'],
    ['POST', '/api/v1/orders/{id}/confirm-receipt', 'confirmOrderReceipt'],
    ['POST', '/api/v1/shops/{id}/products/bulk-prices', 'bulkSetShopProductsPrices'],
    ['POST', '/api/v1/ops/shops/{id}/state', 'setOpsShopState'],
    ['GET', '/api/v1/shops/{id}/chat/metrics', 'getShopChatMetrics'],
    ['GET', '/health', 'getHealth'],
    ['POST', '/api/v1/shops/{id}/api-keys/{keyId}/revoke', 'revokeShopApiKey'],
    ['POST', '/api/v1/shops/{id}/webhooks/{endpointId}/rotate-secret', 'rotateShopWebhookSecret'],
    ['POST', '/api/v1/ops/webhooks/{endpointId}/deliveries/{deliveryId}/replay', 'replayOpsWebhookDelivery'],
  ])('%s %s → %s', (method, path, id) => {
    expect(operationIdOf(method, path)).toBe(id);
  });
});

describe('singular', () => {
  it.each([
    ['orders', 'order'],
    ['categories', 'category'],
    ['addresses', 'address'],
    ['freight-templates', 'freight-template'],
    ['metrics', 'metrics'],
    ['staff', 'staff'],
  ])('%s → %s', (word, expected) => expect(singular(word)).toBe(expected));
});

describe('withPrefixItems', () => {
  it('writes a TypeBox tuple in the 2020-12 form, nested anywhere, and leaves the route schema alone', () => {
    const tuple = Type.Tuple([Type.Integer(), Type.Integer()]);
    const schema = JSON.parse(JSON.stringify(Type.Object({ spans: Type.Array(tuple) })));
    const before = JSON.stringify(schema);
    const out = withPrefixItems({ components: { schemas: { Hit: schema } } });
    expect(out.components.schemas.Hit.properties.spans.items).toEqual({
      type: 'array',
      prefixItems: [{ type: 'integer' }, { type: 'integer' }],
      items: false,
      minItems: 2,
      maxItems: 2,
    });
    expect(JSON.stringify(schema)).toBe(before);
  });

  it('keeps data as it is (examples, defaults) and leaves lists of one schema alone', () => {
    const value = { type: 'array', items: { type: 'string' }, default: { items: [1, 2] } };
    expect(withPrefixItems(value)).toEqual(value);
  });
});

describe('withErrorResponses', () => {
  const errorBody = { type: 'object', properties: { error: { type: 'object' } } };
  const ok = { '200': { description: 'ok' } };
  const codes = (operation: object) =>
    Object.keys(withErrorResponses(operation as never, errorBody).responses as object);

  it.each([
    ['a public operation without parameters', { security: [], responses: ok }, ['200', '400']],
    ['a protected one', { security: [{ bearer: [] }], responses: ok }, ['200', '400', '401', '403']],
    [
      'a protected one with a path parameter',
      { security: [{ bearer: [] }], parameters: [{ in: 'path', name: 'id' }], responses: ok },
      ['200', '400', '401', '403', '404'],
    ],
    [
      'one that takes API keys',
      { security: [{ bearer: [] }, { apiKey: ['orders:read'] }], 'x-scope': 'orders:read', responses: ok },
      ['200', '400', '401', '403', '429'],
    ],
    [
      'one that declares 409 and 429',
      { security: [], responses: { ...ok, '429': {}, '409': {} } },
      ['200', '400', '409', '429'],
    ],
  ])('%s', (_, operation, expected) => expect(codes(operation)).toEqual(expected));

  it('refers a declared error body to the Error component', () => {
    const declared = {
      description: 'Default Response',
      content: { 'application/json': { schema: errorBody } },
    };
    const out = withErrorResponses({ security: [], responses: { ...ok, '409': declared } }, errorBody);
    expect((out.responses as any)['409'].content['application/json'].schema).toEqual({ $ref: ERROR_REF });
    expect((out.responses as any)['400'].content['application/json'].schema).toEqual({ $ref: ERROR_REF });
  });
});

describe('securityOf', () => {
  it.each([
    ['public', undefined, { security: [] }],
    ['user', undefined, { security: [{ bearer: [] }], 'x-access': 'any signed-in account' }],
    [
      { ops: ['arbiter', 'rule_admin'] },
      undefined,
      { security: [{ bearer: [] }], 'x-access': 'ops: arbiter, rule_admin' },
    ],
    [
      { kinds: ['merchant'] },
      'orders:read',
      {
        security: [{ bearer: [] }, { apiKey: ['orders:read'] }],
        'x-access': 'merchant',
        'x-scope': 'orders:read',
      },
    ],
  ] as const)('%j with scope %s', (access, scope, expected) => {
    expect(securityOf(access as never, scope)).toEqual(expected);
  });
});

describe('webhooksSection', () => {
  it('describes each event type as the POST an endpoint receives, signed by the Standard Webhooks headers', () => {
    const section = webhooksSection([
      {
        type: 'order.paid',
        version: 1,
        summary: 'An order was paid',
        description: 'When the payment is captured.',
        resource: 'order',
        shopScoped: true,
        schema: Type.Object({ orderId: Type.Integer() }),
      },
    ]) as any;
    const post = section['order.paid'].post;
    expect(post.operationId).toBe('orderPaidWebhook');
    expect(post.parameters.map((p: { name: string }) => p.name)).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
    const envelope = post.requestBody.content['application/json'].schema;
    expect(envelope.properties.type).toEqual({ type: 'string', const: 'order.paid' });
    expect(envelope.properties.data.properties.orderId.type).toBe('integer');
    expect(Object.keys(post.responses)).toEqual(['2XX', '4XX']);
  });

  it.each([
    ['order.paid', 'orderPaidWebhook'],
    ['webhook.test', 'webhookTestWebhook'],
    ['aftersales.opened', 'aftersalesOpenedWebhook'],
  ])('%s → %s', (type, id) => expect(webhookOperationId(type)).toBe(id));
});
