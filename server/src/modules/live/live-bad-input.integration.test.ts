import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildListedProduct,
  buildLiveSession,
  buildOps,
  buildShop,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { MINUTE } from '../../platform/clock.ts';

// Every live write route, fed bad input: a 4xx naming the field, and not one row written anywhere.

let ctx: TestContext;
let creator: TestUser;
let merchant: TestUser;
let ops: TestUser;
let shopId: number;
let sessionId: number;
let productId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  creator = await buildUser(ctx, 'creator');
  const shop = await buildShop(ctx);
  merchant = shop.owner;
  shopId = shop.shopId;
  ops = await buildOps(ctx);
  productId = (await buildListedProduct(ctx, shopId)).productId;
  sessionId = (await buildLiveSession(ctx, { hostUserId: creator.id }, { state: 'live' })).sessionId;
});

const at = (ms: number) => new Date(ctx.clock.now().getTime() + ms).toISOString();
const soon = () => at(30 * MINUTE);
const long = (n: number) => '播'.repeat(n);

type Who = 'creator' | 'merchant' | 'ops';
type Case = [
  name: string,
  who: Who,
  method: 'post' | 'patch' | 'delete',
  url: () => string,
  body: () => unknown,
  field: string,
  status?: number,
];

const sessions = '/api/v1/live/sessions';
const session = () => `${sessions}/${sessionId}`;
const schedule = (body: () => unknown, field: string, name: string, who: Who = 'creator'): Case => [
  `schedule: ${name}`,
  who,
  'post',
  () => sessions,
  body,
  field,
];

const cases: Case[] = [
  schedule(() => ({ scheduledAt: soon() }), 'title', 'missing title'),
  schedule(() => ({ title: '', scheduledAt: soon() }), 'title', 'empty title'),
  schedule(() => ({ title: '   ', scheduledAt: soon() }), 'title', 'blank title'),
  schedule(() => ({ title: long(61), scheduledAt: soon() }), 'title', 'title of 61 characters'),
  schedule(() => ({ title: { zh: '直播' }, scheduledAt: soon() }), 'title', 'title as an object'),
  schedule(() => ({ title: ['a', 'b'], scheduledAt: soon() }), 'title', 'title as a list'),
  schedule(() => ({ title: '直播' }), 'scheduledAt', 'missing scheduledAt'),
  schedule(() => ({ title: '直播', scheduledAt: at(-MINUTE) }), 'scheduledAt', 'scheduledAt in the past'),
  schedule(() => ({ title: '直播', scheduledAt: at(0) }), 'scheduledAt', 'scheduledAt right now'),
  schedule(() => ({ title: '直播', scheduledAt: 'next tuesday' }), 'scheduledAt', 'scheduledAt not a date'),
  schedule(() => ({ title: '直播', scheduledAt: '2026-13-01T10:00:00Z' }), 'scheduledAt', 'month 13'),
  schedule(() => ({ title: '直播', scheduledAt: '2026-12-01T10:00:00' }), 'scheduledAt', 'no time zone'),
  schedule(() => ({ title: '直播', scheduledAt: 1_900_000_000 }), 'scheduledAt', 'scheduledAt as a number'),
  schedule(() => ({ title: '直播', scheduledAt: soon(), hostUserId: 1 }), 'hostUserId', 'extra hostUserId'),
  schedule(() => ({ title: '直播', scheduledAt: soon(), state: 'live' }), 'state', 'extra state'),
  schedule(
    () => ({ title: '直播', scheduledAt: soon(), streamUrl: `https://cdn.example/${'a'.repeat(2000)}.m3u8` }),
    'streamUrl',
    'stream address over 2,000 characters',
  ),
  schedule(() => ({ title: '直播', scheduledAt: soon(), shopId }), 'shopId', 'creator names a shop'),
  schedule(() => ({ title: '直播', scheduledAt: soon() }), 'shopId', 'merchant names no shop', 'merchant'),
  schedule(
    () => ({ title: '直播', scheduledAt: soon(), shopId: 'abc' }),
    'shopId',
    'shopId text',
    'merchant',
  ),
  schedule(() => ({ title: '直播', scheduledAt: soon(), shopId: 0 }), 'shopId', 'shopId 0', 'merchant'),
  schedule(() => ({ title: '直播', scheduledAt: soon(), shopId: 1.5 }), 'shopId', 'shopId 1.5', 'merchant'),
  schedule(
    () => ({ title: '直播', scheduledAt: soon(), shopId: 987_654 }),
    'shop',
    'unknown shop',
    'merchant',
  ),

  ['edit: nothing to change', 'creator', 'patch', session, () => ({}), 'body'],
  ['edit: empty title', 'creator', 'patch', session, () => ({ title: '' }), 'title'],
  [
    'edit: stream not a web address',
    'creator',
    'patch',
    session,
    () => ({ streamUrl: 'rtmp://x/live' }),
    'streamUrl',
  ],
  [
    'edit: stream with a space',
    'creator',
    'patch',
    session,
    () => ({ streamUrl: 'https://a b/x.m3u8' }),
    'streamUrl',
  ],
  ['edit: stream as a number', 'creator', 'patch', session, () => ({ streamUrl: 42 }), 'streamUrl'],
  ['edit: title of 61 characters', 'creator', 'patch', session, () => ({ title: long(61) }), 'title'],
  [
    'edit: scheduledAt in the past',
    'creator',
    'patch',
    session,
    () => ({ scheduledAt: at(-MINUTE) }),
    'scheduledAt',
  ],
  [
    'edit: scheduledAt not a date',
    'creator',
    'patch',
    session,
    () => ({ scheduledAt: 'soon' }),
    'scheduledAt',
  ],
  ['edit: extra state', 'creator', 'patch', session, () => ({ state: 'ended' }), 'state'],
  ['edit: move to a shop', 'creator', 'patch', session, () => ({ shopId }), 'shopId'],
  ['edit: id text', 'creator', 'patch', () => `${sessions}/abc`, () => ({ title: 'x' }), 'id'],
  ['edit: id 0', 'creator', 'patch', () => `${sessions}/0`, () => ({ title: 'x' }), 'id'],
  [
    'edit: id too large',
    'creator',
    'patch',
    () => `${sessions}/99999999999999999999`,
    () => ({ title: 'x' }),
    'id',
  ],

  ['start: extra field', 'creator', 'post', () => `${session()}/start`, () => ({ force: true }), 'force'],
  ['start: id text', 'creator', 'post', () => `${sessions}/abc/start`, () => ({}), 'id'],
  ['end: extra field', 'creator', 'post', () => `${session()}/end`, () => ({ reason: 'done' }), 'reason'],
  ['end: id -1', 'creator', 'post', () => `${sessions}/-1/end`, () => ({}), 'id'],

  ['pin: missing productId', 'creator', 'post', () => `${session()}/pins`, () => ({}), 'productId'],
  [
    'pin: productId text',
    'creator',
    'post',
    () => `${session()}/pins`,
    () => ({ productId: 'abc' }),
    'productId',
  ],
  ['pin: productId 0', 'creator', 'post', () => `${session()}/pins`, () => ({ productId: 0 }), 'productId'],
  [
    'pin: productId 2.5',
    'creator',
    'post',
    () => `${session()}/pins`,
    () => ({ productId: 2.5 }),
    'productId',
  ],
  [
    'pin: productId list',
    'creator',
    'post',
    () => `${session()}/pins`,
    () => ({ productId: [1, 2] }),
    'productId',
  ],
  [
    'pin: unknown product',
    'creator',
    'post',
    () => `${session()}/pins`,
    () => ({ productId: 987_654 }),
    'productId',
  ],
  [
    'pin: own commission rate',
    'creator',
    'post',
    () => `${session()}/pins`,
    () => ({ productId, commissionBp: 9_000 }),
    'commissionBp',
  ],
  ['unpin: productId text', 'creator', 'delete', () => `${session()}/pins/abc`, () => undefined, 'productId'],
  [
    'unpin: not pinned',
    'creator',
    'delete',
    () => `${session()}/pins/${productId}`,
    () => undefined,
    'productId',
    404,
  ],

  [
    'terminate: missing reason',
    'ops',
    'post',
    () => `/api/v1/ops${session().slice(7)}/terminate`,
    () => ({}),
    'reason',
  ],
  [
    'terminate: empty reason',
    'ops',
    'post',
    () => `/api/v1/ops${session().slice(7)}/terminate`,
    () => ({ reason: '' }),
    'reason',
  ],
  [
    'terminate: reason of 501 characters',
    'ops',
    'post',
    () => `/api/v1/ops${session().slice(7)}/terminate`,
    () => ({ reason: long(501) }),
    'reason',
  ],
  [
    'terminate: reason as an object',
    'ops',
    'post',
    () => `/api/v1/ops${session().slice(7)}/terminate`,
    () => ({ reason: {} }),
    'reason',
  ],
  [
    'terminate: extra state',
    'ops',
    'post',
    () => `/api/v1/ops${session().slice(7)}/terminate`,
    () => ({ reason: 'x', state: 'ended' }),
    'state',
  ],
  [
    'terminate: id text',
    'ops',
    'post',
    () => '/api/v1/ops/live/sessions/abc/terminate',
    () => ({ reason: 'x' }),
    'id',
  ],
];

describe('bad input to live write routes', () => {
  it.each(cases)(
    '%s → 4xx naming the field, nothing written',
    async (_name, who, method, url, body, field, status) => {
      const user = { creator, merchant, ops }[who];
      const before = await tableCounts(ctx.db);
      const client = api(ctx.app, user.token);
      const res = method === 'delete' ? await client.delete(url()) : await client[method](url(), body());
      expect(res.status).toBe(status ?? (field === 'shop' ? 404 : 400));
      expect(res.body.error.message).toContain(field);
      if (field !== 'shop') {
        expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      }
      expect(await tableCounts(ctx.db)).toEqual(before);
    },
  );

  it('still accepts the good version of the same requests', async () => {
    const scheduled = await api(ctx.app, merchant.token).post(sessions, {
      title: '直播',
      scheduledAt: soon(),
      shopId,
    });
    expect(scheduled.status).toBe(201);
    const pinned = await api(ctx.app, creator.token).post(`${session()}/pins`, { productId });
    expect(pinned.status).toBe(201);
  });
});
