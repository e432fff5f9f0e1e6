import { describe, expect, it } from 'vitest';
import { type FuzzCase, fuzzCases, type RouteShape, sample } from './fuzz-cases.ts';

const Id = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };

const route: RouteShape = {
  method: 'POST',
  path: '/api/v1/shops/{id}/things',
  parameters: [
    { in: 'path', name: 'id', required: true, schema: Id },
    { in: 'header', name: 'idempotency-key', required: true, schema: { type: 'string', maxLength: 100 } },
  ],
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['title', 'items'],
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 60, pattern: '\\S' },
      kind: {
        anyOf: [
          { type: 'string', enum: ['a'] },
          { type: 'string', enum: ['b'] },
        ],
      },
      items: {
        type: 'array',
        minItems: 1,
        maxItems: 5,
        items: { type: 'object', required: ['skuId'], properties: { skuId: Id } },
      },
    },
  },
};

const hints = (name: string) => (name === 'id' ? 7 : name === 'skuId' ? 42 : undefined);
const cases = fuzzCases(route, hints);
const named = (name: string): FuzzCase => {
  const found = cases.find((c) => c.name === name);
  if (!found) throw new Error(`no case "${name}" among ${cases.map((c) => c.name).join(' | ')}`);
  return found;
};
const json = (c: FuzzCase) => (c.body && 'json' in c.body ? c.body.json : undefined);

describe('fuzz cases', () => {
  it('start from a baseline the schema accepts, with the hinted ids', () => {
    expect(json(named('baseline'))).toEqual({ title: 'fuzz', items: [{ skuId: 42 }] });
    expect(named('baseline').params).toEqual({ id: '7' });
  });

  it.each([
    ['body.title = <missing>', { items: [{ skuId: 42 }] }],
    ['body.title = 12345', { title: 12345, items: [{ skuId: 42 }] }],
    ['body.title = "a\\u0000b"', { title: 'a\u0000b', items: [{ skuId: 42 }] }],
    ['body.title = "a\\ud800b"', { title: 'a\ud800b', items: [{ skuId: 42 }] }],
    ['body.kind = "b"', { title: 'fuzz', kind: 'b', items: [{ skuId: 42 }] }],
    ['body.kind = "not_a_choice"', { title: 'fuzz', kind: 'not_a_choice', items: [{ skuId: 42 }] }],
    ['body.items[0].skuId = 2147483648', { title: 'fuzz', items: [{ skuId: 2 ** 31 }] }],
    ['body.items[0].skuId = 9007199254740992', { title: 'fuzz', items: [{ skuId: 2 ** 53 }] }],
    ['body.items = {}', { title: 'fuzz', items: {} }],
  ])('change one thing: %s', (name, body) => {
    expect(json(named(name))).toEqual(body);
  });

  it('write at and past the length limit, and past it with one character too many', () => {
    const titles = cases.map((c) => (json(c) as { title?: unknown } | undefined)?.title);
    expect(titles).toContain('字'.repeat(60));
    expect(titles).toContain('x'.repeat(61));
  });

  it('try bad path parameters and a missing or malformed Idempotency-Key', () => {
    expect(named('path {id} = "-1"').params).toEqual({ id: '-1' });
    expect(named('path {id} = "%00"').params).toEqual({ id: '%00' });
    expect(named('header idempotency-key missing').headers).toEqual({ 'idempotency-key': undefined });
    expect(named('header idempotency-key = "has space/\\\\%00"').headers['idempotency-key']).toBe(
      'has space/\\%00',
    );
  });

  it('are the same on every run, and none is sent twice', () => {
    expect(fuzzCases(route, hints)).toEqual(cases);
    const keys = cases
      .filter((c) => c.name !== 'Idempotency-Key, replayed')
      .map((c) => JSON.stringify([c.params, c.query, c.headers, c.body], (_, v) => v ?? '<none>'));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('sample a PATCH body with the fields it must have at least one of', () => {
    const patch = { type: 'object', minProperties: 1, properties: { name: { type: 'string' }, note: {} } };
    expect(sample(patch, () => undefined)).toEqual({ name: 'fuzz' });
  });
});
