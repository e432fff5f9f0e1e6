import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildOps, buildShop, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import { PgPubSub } from '../../platform/pubsub.ts';
import { defaultSettings } from '../../platform/settings.ts';
import { settingsOf, updateConfig } from './configuration.service.ts';
import { keepSettingsCurrent } from './live-settings.ts';
import { defaultConfig } from './platform-config.ts';

const V = '/api/v1';
let ctx: TestContext;
let admin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await buildOps(ctx, ['rule_admin']);
});

const as = (user: TestUser) => api(ctx.app, user.token);
const change = async (changes: Record<string, unknown>, note = 'test change') => {
  const res = await as(admin).post(`${V}/ops/configuration`, { changes, note });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { version: number; config: typeof defaultConfig };
};

describe('one configuration home (product rules §2–§6)', () => {
  it('serves every section with its version; the static settings are its §2–3 numbers', async () => {
    const res = await api(ctx.app).get(`${V}/configuration`);
    expect(res.status).toBe(200);
    expect(res.body.config).toEqual(defaultConfig);
    expect(Object.keys(res.body.config)).toEqual([
      'marketplace',
      'deposits',
      'aftersales',
      'governance',
      'promotions',
      'reputation',
      'standing',
      'ranking',
      'feedback',
      'buyers',
      'care',
      'risk',
    ]);
    // the settings services were given at start are the configuration's, in every respect
    expect(settingsOf(defaultConfig)).toEqual(defaultSettings);
  });

  it('an ops-changed appeal window takes effect: an appeal after the new window is refused', async () => {
    const reviewer = await buildOps(ctx, ['reviewer']);
    const shop = await buildShop(ctx);
    const saved = await change({ governance: { appealWindowMs: 3 * DAY } }, '申诉期缩短为3天');
    expect(saved.config.governance.appealWindowMs).toBe(3 * DAY);
    expect(saved.config.governance.maxAppealsPerViolation).toBe(2);

    const recorded = await as(reviewer).post(`${V}/ops/violations`, {
      shopId: shop.shopId,
      code: 'off_platform_trade',
      points: 4,
      subject: { type: 'shop', id: null },
      evidence: { text: '站外交易 evidence' },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const v = recorded.body;
    expect(new Date(v.appealBy).getTime() - new Date(v.createdAt).getTime()).toBe(3 * DAY);
    const stored = await ctx.db
      .selectFrom('governanceViolations')
      .select('configVersion')
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow();
    expect(stored.configVersion).toBe(saved.version);

    ctx.clock.advance(3 * DAY + MINUTE);
    const late = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/appeals`, {
      text: '补充证据',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('deadline_passed');
    expect(late.body.error.message).toContain('within 3 days');

    await change({ governance: { appealWindowMs: 7 * DAY } }, '恢复7天');
    const inTime = await as(shop.owner).post(`${V}/shops/${shop.shopId}/violations/${v.id}/appeals`, {
      text: '补充证据',
    });
    expect(inTime.status, JSON.stringify(inTime.body)).toBe(201);
  });

  it('an ops-changed points ladder decides the next violation', async () => {
    const reviewer = await buildOps(ctx, ['reviewer']);
    const shop = await buildShop(ctx);
    await change(
      { governance: { restrictionMilestones: [{ points: 4, restrictDays: 3 }], closureAtPoints: 40 } },
      '积分阶梯调整',
    );
    const governance = await as(shop.owner).get(`${V}/shops/${shop.shopId}/governance`);
    expect(governance.status, JSON.stringify(governance.body)).toBe(200);
    expect(governance.body.nextMilestone).toMatchObject({ points: 4, days: 3 });

    const recorded = await as(reviewer).post(`${V}/ops/violations`, {
      shopId: shop.shopId,
      code: 'off_platform_trade',
      points: 4,
      subject: { type: 'shop', id: null },
      evidence: { text: '站外交易 evidence' },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const restriction = recorded.body.penalties.find((p: { kind: string }) => p.kind === 'shop_restricted');
    expect(restriction).toMatchObject({ milestone: 4 });
    expect(new Date(restriction.endsAt).getTime() - new Date(restriction.startsAt).getTime()).toBe(3 * DAY);
    await change({ governance: defaultConfig.governance }, 'restore the ladder');
  });

  it('an ops-changed probation listing limit refuses the next submission', async () => {
    const shop = await buildShop(ctx, { state: 'probation' });
    await buildListedProduct(ctx, shop.shopId);
    await change({ deposits: { probationListingLimits: { low: 1, medium: 1, high: 1 } } }, '新手期限制');
    const draft = await as(shop.owner).post(`${V}/shops/${shop.shopId}/products`, {
      title: '新品',
      categoryId: shop.categoryId,
      skus: [{ code: 'A', spec: '默认', priceFen: 1_000, stock: 5 }],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const refused = await as(shop.owner).post(`${V}/shops/${shop.shopId}/products/${draft.body.id}/submit`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'probation_limit_reached', details: { limit: 1 } });
    await change(
      { deposits: { probationListingLimits: defaultConfig.deposits.probationListingLimits } },
      'back',
    );
  });

  it('§2–3 numbers reach ctx.settings at once, and another process within a second', async () => {
    const other = { ...defaultSettings };
    const otherPubsub = new PgPubSub(ctx.handle.pool);
    try {
      await keepSettingsCurrent({ db: ctx.db, settings: other, pubsub: otherPubsub, log: ctx.log });
      await change({ marketplace: { paymentTimeoutMs: 30 * MINUTE, shipByMs: 72 * HOUR } }, '付款时限30分钟');
      expect(ctx.settings.paymentTimeoutMs).toBe(30 * MINUTE);
      expect(ctx.settings.shipByMs).toBe(72 * HOUR);
      await expect.poll(() => other.paymentTimeoutMs, { timeout: 1_000, interval: 20 }).toBe(30 * MINUTE);
      expect(other.shipByMs).toBe(72 * HOUR);
      await change({ marketplace: defaultConfig.marketplace }, 'back');
      expect(ctx.settings).toEqual(defaultSettings);
      await expect.poll(() => other.paymentTimeoutMs, { timeout: 1_000, interval: 20 }).toBe(15 * MINUTE);
    } finally {
      await otherPubsub.close();
    }
  });

  it('refuses invalid changes naming the field, and writes no version', async () => {
    const before = await tableCounts(ctx.db);
    for (const [changes, field] of [
      [{ governance: { appealWindowMs: 0 } }, 'changes.governance.appealWindowMs'],
      [{ governance: { maxAppealsPerViolation: 0 } }, 'changes.governance.maxAppealsPerViolation'],
      [
        {
          governance: {
            restrictionMilestones: [
              { points: 24, restrictDays: 7 },
              { points: 12, restrictDays: 14 },
            ],
          },
        },
        'changes.governance.restrictionMilestones.1.points',
      ],
      [{ governance: { closureAtPoints: 20 } }, 'changes.governance.restrictionMilestones'],
      [{ marketplace: { shipByMs: '48h' } }, 'changes.marketplace.shipByMs'],
      [{ deposits: { zeroDepositWithholdBp: 20_000 } }, 'changes.deposits.zeroDepositWithholdBp'],
      [{ deposits: { probationListingLimits: { low: 0 } } }, 'changes.deposits.probationListingLimits.low'],
      [
        { aftersales: { lateShipment: { minFen: 4_000, maxFen: 3_000 } } },
        'changes.aftersales.lateShipment.minFen',
      ],
      [{ trust: { score: 5 } }, 'changes.trust'],
      [
        { governance: { restrictionMilestones: { 0: { points: 5 } } } },
        'changes.governance.restrictionMilestones',
      ],
    ] as const) {
      const res = await as(admin).post(`${V}/ops/configuration`, { changes, note: 'bad' });
      expect(res.status, JSON.stringify(changes)).toBe(400);
      const fields = res.body.error.details.fields.map((f: { field: string }) => f.field);
      expect(
        fields.some((f: string) => f.startsWith(field)),
        `${JSON.stringify(fields)} names ${field}`,
      ).toBe(true);
    }
    const polluting = await as(admin).post(`${V}/ops/configuration`, {
      changes: JSON.parse('{"governance": {"__proto__": {"appealWindowMs": 60000}}}'),
      note: 'bad',
    });
    expect(polluting.status).toBe(400);
    // past the HTTP parser too: an own `__proto__` key is an unknown key, never a prototype
    await expect(
      updateConfig(ctx.db, {
        changes: JSON.parse('{"governance": {"__proto__": {"appealWindowMs": 60000}}}'),
        note: 'bad',
        userId: admin.id,
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringContaining('__proto__') });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('reads a version stored before the sections as the after-sales section, the rest defaults', async () => {
    const { version } = (await api(ctx.app).get(`${V}/configuration`)).body;
    await ctx.db
      .insertInto('platformConfigVersions')
      .values({
        version: version + 1,
        policy: JSON.stringify({ ...defaultConfig.aftersales, merchantResponseMs: 24 * HOUR }),
        note: 'written by the after-sales-only API',
        createdBy: admin.id,
      })
      .execute();
    const res = await api(ctx.app).get(`${V}/configuration`);
    expect(res.body.version).toBe(version + 1);
    expect(res.body.config).toEqual({
      ...defaultConfig,
      aftersales: { ...defaultConfig.aftersales, merchantResponseMs: 24 * HOUR },
    });
    await change({ aftersales: defaultConfig.aftersales }, 'back');
  });

  it('lists versions with the whole document; only rule admins change it', async () => {
    const history = await as(admin).get(`${V}/ops/configuration/versions?limit=2`);
    expect(history.status).toBe(200);
    expect(history.body.items[0].config).toEqual(defaultConfig);
    expect(history.body.items[0].version).toBeGreaterThan(history.body.items[1].version);
    const reviewer = await buildOps(ctx, ['reviewer']);
    const refused = await as(reviewer).post(`${V}/ops/configuration`, {
      changes: { governance: { appealWindowMs: DAY } },
      note: 'not mine',
    });
    expect(refused.status).toBe(403);
  });
});
