import { beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { buildDepositShop, idemKey } from './settlement.test-support.ts';

// Every settlement write route, fed bad input: a 400 naming the field, and not one row written anywhere.

let ctx: TestContext;
let owner: TestUser;
let creator: TestUser;
let shopId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  const shop = await buildDepositShop(ctx, { depositFen: 0, zeroDepositEligible: true });
  owner = shop.owner;
  shopId = shop.shopId;
  creator = await buildUser(ctx, 'creator');
});

const V = '/api/v1';
type Case = [name: string, body: unknown, field: string, headers?: Record<string, string>];

const amountCases: Case[] = [
  ['a negative amount', { amountFen: -100 }, 'amountFen'],
  ['a zero amount', { amountFen: 0 }, 'amountFen'],
  ['a fractional amount (yuan with decimals)', { amountFen: 99.5 }, 'amountFen'],
  ['an amount above ¥100,000,000', { amountFen: 10_000_000_001 }, 'amountFen'],
  ['an amount beyond safe integers', { amountFen: 2 ** 60 }, 'amountFen'],
  ['an amount in words', { amountFen: 'lots' }, 'amountFen'],
  ['an amount as an object', { amountFen: { fen: 100 } }, 'amountFen'],
  ['an amount as a list', { amountFen: [100, 200] }, 'amountFen'],
  ['a null amount', { amountFen: null }, 'amountFen'],
  ['no amount', {}, 'amountFen'],
  ['an extra field', { amountFen: 100, shopId: 1 }, 'shopId'],
  ['an extra account field', { amountFen: 100, account: 'merchant_available:1' }, 'account'],
  ['no Idempotency-Key', { amountFen: 100 }, 'idempotency-key', {}],
  ['an Idempotency-Key too short', { amountFen: 100 }, 'idempotency-key', { 'idempotency-key': 'abc' }],
  [
    'an Idempotency-Key with spaces',
    { amountFen: 100 },
    'idempotency-key',
    { 'idempotency-key': 'key with spaces' },
  ],
];

const routes: Array<{ route: string; who: () => TestUser; url: () => string }> = [
  {
    route: 'POST /shops/:id/withdrawals',
    who: () => owner,
    url: () => `${V}/shops/${shopId}/withdrawals`,
  },
  {
    route: 'POST /shops/:id/deposit/payments',
    who: () => owner,
    url: () => `${V}/shops/${shopId}/deposit/payments`,
  },
  {
    route: 'POST /shops/:id/deposit/withdrawals',
    who: () => owner,
    url: () => `${V}/shops/${shopId}/deposit/withdrawals`,
  },
  {
    route: 'POST /me/commission/withdrawals',
    who: () => creator,
    url: () => `${V}/me/commission/withdrawals`,
  },
];

describe.each(routes)('$route', ({ who, url }) => {
  it.each(amountCases)('refuses %s', async (_name, body, field, headers) => {
    const before = await tableCounts(ctx.db);
    const res = await api(ctx.app, who().token).post(
      url(),
      body,
      headers ?? { 'idempotency-key': idemKey() },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });
});

describe.each([
  ['POST /shops/:id/withdrawals', (id: string) => `${V}/shops/${id}/withdrawals`],
  ['POST /shops/:id/deposit/payments', (id: string) => `${V}/shops/${id}/deposit/payments`],
  ['POST /shops/:id/deposit/withdrawals', (id: string) => `${V}/shops/${id}/deposit/withdrawals`],
])('%s with a bad shop id', (_route, url) => {
  it.each(['abc', '0', '-1', '1.5'])('refuses shop id %s', async (id) => {
    const before = await tableCounts(ctx.db);
    const res = await api(ctx.app, owner.token).post(
      url(id),
      { amountFen: 100 },
      { 'idempotency-key': idemKey() },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain('id');
    expect(await tableCounts(ctx.db)).toEqual(before);
  });
});

describe('reads with bad queries', () => {
  it.each([
    ['limit', '?limit=0'],
    ['limit', '?limit=101'],
    ['offset', '?offset=-1'],
    ['state', '?state=paid'],
  ])('refuses %s in %s', async (field, query) => {
    const res = await api(ctx.app, owner.token).get(`${V}/shops/${shopId}/settlements${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });
});
