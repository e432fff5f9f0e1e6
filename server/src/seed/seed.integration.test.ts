import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTestContext,
  createTestDatabase,
  type TestContext,
  tableCounts,
} from '../../test/harness.ts';
import { guaranteeRefusal, isGuaranteeCode } from '../modules/catalog/index.ts';
import { ManualClock } from '../platform/clock.ts';
import { connect } from '../platform/db.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, type SeedResult, seedIfEmpty } from './index.ts';

const REQUIRED_SECTORS = ['食品饮料', '生鲜', '美妆护肤', '服饰鞋包', '数码家电', '二手手机'];
const silent = { info: () => {} };

let ctx: TestContext;
let first: SeedResult;

beforeAll(async () => {
  ctx = await createTestContext();
  first = await seedIfEmpty(ctx.db, ctx.clock, silent);
});

const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
  (await query.execute(ctx.db)).rows[0]!.n;

describe('seedIfEmpty on an empty database', () => {
  it('reports what it seeded', () => {
    expect(first.seeded).toBe(true);
    if (!first.seeded) return;
    expect(first.counts.shops).toBeGreaterThanOrEqual(20);
    expect(first.counts.products).toBeGreaterThanOrEqual(200);
  });

  it('gives every buyer one or two addresses (one default) and every shop a warehouse and a return address', async () => {
    const buyers = await sql<{ n: number; defaults: number }>`
      select count(a.id)::int as n, count(a.id) filter (where a.is_default)::int as defaults
      from users u left join buyer_addresses a on a.buyer_id = u.id
      where u.kind = 'buyer' group by u.id`.execute(ctx.db);
    expect(buyers.rows.length).toBeGreaterThanOrEqual(50);
    for (const b of buyers.rows) {
      expect(b.n).toBeGreaterThanOrEqual(1);
      expect(b.n).toBeLessThanOrEqual(2);
      expect(b.defaults).toBe(1);
    }
    const shops = await sql<{ kinds: string }>`
      select string_agg(a.kind, ',' order by a.kind) as kinds
      from shops s left join shop_addresses a on a.shop_id = s.id group by s.id`.execute(ctx.db);
    expect(new Set(shops.rows.map((s) => s.kinds))).toEqual(new Set(['return,warehouse']));
    const { isCountyCode } = await import('../modules/addresses/index.ts');
    const codes = await sql<{ code: string }>`
      select region_code as code from buyer_addresses union select region_code from shop_addresses`.execute(
      ctx.db,
    );
    expect(codes.rows.filter((r) => !isCountyCode(r.code))).toEqual([]);
  });

  it('schedules two flash sales: one on a product pinned in the live shop room, one on a shop product; the deadlines start them', async () => {
    const sales = await sql<{ liveSessionId: number | null; state: string; pinned: boolean; startsAt: Date }>`
      select f.live_session_id, f.state, f.starts_at,
             exists (select 1 from live_pins lp where lp.session_id = f.live_session_id
                     and lp.product_id = f.product_id and lp.unpinned_at is null) as pinned
      from flash_sales f order by f.starts_at`.execute(ctx.db);
    expect(sales.rows.map((r) => [r.state, r.liveSessionId !== null, r.pinned])).toEqual([
      ['scheduled', true, true],
      ['scheduled', false, false],
    ]);
    const deadlines = await count(
      sql<{
        n: number;
      }>`select count(*)::int as n from deadlines where kind like 'flash_sales.%' and status = 'pending'`,
    );
    expect(deadlines).toBe(4);
  });

  it('opens 20+ shops, each of the six required sectors among them, with owners and staff', async () => {
    const shops = await sql<{ sector: string; type: string; state: string; owner: string; staff: number }>`
      select root.name as sector, s.type, s.state, u.login as owner,
             (select count(*)::int from shop_members m where m.shop_id = s.id and m.role = 'staff') as staff
      from shops s
      join categories leaf on leaf.id = s.main_category_id
      join categories root on root.id = leaf.parent_id
      join users u on u.id = s.owner_user_id and u.kind = 'merchant'`.execute(ctx.db);
    expect(shops.rows.length).toBeGreaterThanOrEqual(20);
    for (const sector of REQUIRED_SECTORS) expect(shops.rows.map((s) => s.sector)).toContain(sector);
    expect(new Set(shops.rows.map((s) => s.type))).toEqual(new Set(['individual', 'enterprise', 'flagship']));
    expect(shops.rows.filter((s) => s.state === 'active').length).toBeGreaterThan(shops.rows.length / 2);
    expect(shops.rows.some((s) => s.state === 'probation')).toBe(true);
    expect(shops.rows.filter((s) => s.staff > 0).length).toBeGreaterThanOrEqual(5);
  });

  it('lists 200+ products, each with 1–4 SKUs priced in fen, most listed', async () => {
    const products = await sql<{ state: string; skus: number; minPrice: number }>`
      select p.state, count(k.id)::int as skus, min(k.price_fen)::int as "minPrice"
      from products p left join skus k on k.product_id = p.id group by p.id`.execute(ctx.db);
    expect(products.rows.length).toBeGreaterThanOrEqual(200);
    for (const p of products.rows) {
      expect(p.skus).toBeGreaterThanOrEqual(1);
      expect(p.skus).toBeLessThanOrEqual(4);
      expect(Number.isSafeInteger(p.minPrice) && p.minPrice > 0).toBe(true);
    }
    const listed = products.rows.filter((p) => p.state === 'listed').length;
    expect(listed / products.rows.length).toBeGreaterThan(0.8);
    expect(products.rows.some((p) => p.state === 'in_review')).toBe(true);
    // Each product's history ends in its current state (draft → in_review → listed).
    const offHistory = await count(sql`
      select count(*)::int as n from products p
      where p.state is distinct from (select e.to_state from product_events e where e.product_id = p.id order by e.id desc limit 1)`);
    expect(offHistory).toBe(0);
  });

  it('gives every regulated product a qualification number of the documented shape', async () => {
    const rows = await sql<{ qualificationNo: string | null; kind: string }>`
      select p.qualification_no as "qualificationNo", c.required_qualifications[1] as kind
      from products p join categories c on c.id = p.category_id
      where c.regulated_type is not null`.execute(ctx.db);
    expect(rows.rows.length).toBeGreaterThan(50);
    const shapes: Record<string, RegExp> = {
      food_production_licence: /^SC\d{14}$/,
      food_business_licence: /^JY\d{14}$/,
      cosmetic_registration: /^国妆特字G\d{8}$/,
      cosmetic_filing: /^[\u4e00-\u9fa5]G妆网备字\d{10}$/,
    };
    for (const row of rows.rows) expect(row.qualificationNo).toMatch(shapes[row.kind]!);
  });

  it('gives products only guarantees their category allows; brand shops add authenticity', async () => {
    const rows = await ctx.db
      .selectFrom('products as p')
      .innerJoin('categories as c', 'c.id', 'p.categoryId')
      .innerJoin('shops as s', 's.id', 'p.shopId')
      .select(['p.title', 'p.guarantees', 's.type', 'c.defaultGuarantees'])
      .select(['c.regulatedType', 'c.noReasonReturn', 'c.perishable', 'c.customMade', 'c.isVirtual'])
      .execute();
    for (const row of rows) {
      for (const code of [...row.defaultGuarantees, ...row.guarantees]) {
        expect(isGuaranteeCode(code) && guaranteeRefusal(row, code), `${row.title}: ${code}`).toBeNull();
      }
      if (row.type === 'flagship') expect(row.guarantees).toContain('fake_pays_n');
    }
  });

  it('has 50 buyers and the rights holder brand1, 8+ creators and the four ops roles', async () => {
    const kinds = await sql<{ kind: string; n: number }>`
      select kind, count(*)::int as n from users group by kind`.execute(ctx.db);
    const byKind = Object.fromEntries(kinds.rows.map((r) => [r.kind, r.n]));
    // buyer1…buyer50 and brand1, a buyer account with a rights-holder profile
    expect(byKind.buyer).toBe(51);
    const holder = await sql<{ login: string }>`
      select u.login from ip_rights_holders h join users u on u.id = h.user_id`.execute(ctx.db);
    expect(holder.rows.map((r) => r.login)).toEqual(['brand1']);
    expect(byKind.creator).toBeGreaterThanOrEqual(8);
    const roles = await sql<{ role: string }>`select role from ops_roles`.execute(ctx.db);
    expect(roles.rows.map((r) => r.role).sort()).toEqual([
      'arbiter',
      'reviewer',
      'rule_admin',
      'super_admin',
    ]);
  });

  it('runs creator rooms live now and scheduled later, pinning other shops’ goods at the offered commission', async () => {
    const now = ctx.clock.now();
    const sessions = await ctx.db
      .selectFrom('liveSessions as s')
      .innerJoin('users as u', 'u.id', 's.hostUserId')
      .select(['s.id', 's.state', 's.shopId', 's.startedAt', 's.scheduledAt', 'u.kind'])
      .execute();
    const creatorRooms = sessions.filter((s) => s.kind === 'creator');
    const live = creatorRooms.filter((s) => s.state === 'live');
    const scheduled = creatorRooms.filter((s) => s.state === 'scheduled');
    expect(live.length).toBeGreaterThanOrEqual(3);
    for (const s of live) expect(s.startedAt!.getTime()).toBeLessThan(now.getTime());
    expect(scheduled.length).toBeGreaterThanOrEqual(3);
    for (const s of scheduled) expect(s.scheduledAt.getTime()).toBeGreaterThan(now.getTime());
    expect(creatorRooms.some((s) => s.state === 'ended')).toBe(true);

    const pins = await ctx.db
      .selectFrom('livePins as pin')
      .innerJoin('liveSessions as s', 's.id', 'pin.sessionId')
      .innerJoin('products as p', 'p.id', 'pin.productId')
      .select([
        'pin.sessionId',
        'pin.commissionBp',
        's.shopId as hostShopId',
        'p.shopId',
        'p.state',
        'p.creatorCommissionBp',
      ])
      .execute();
    for (const s of [...live, ...scheduled]) expect(pins.some((p) => p.sessionId === s.id)).toBe(true);
    for (const pin of pins) {
      expect(pin.state).toBe('listed');
      if (pin.hostShopId === null) expect(pin.commissionBp).toBe(pin.creatorCommissionBp);
      else expect([pin.shopId, pin.commissionBp]).toEqual([pin.hostShopId, 0]);
    }
  });

  it('lets every demo login sign in with the demo password', async () => {
    for (const { login } of DEMO_LOGINS) {
      const res = await api(ctx.app).post('/api/v1/auth/login', { login, password: DEMO_PASSWORD });
      expect(res.status, login).toBe(200);
    }
    const admin = await api(ctx.app).post('/api/v1/auth/login', { login: 'admin', password: DEMO_PASSWORD });
    expect(admin.body.account).toMatchObject({ kind: 'ops', opsRoles: ['super_admin'] });
    const merchant = await api(ctx.app).post('/api/v1/auth/login', {
      login: 'merchant1',
      password: DEMO_PASSWORD,
    });
    const myShops = await api(ctx.app, merchant.body.token).get('/api/v1/me/shops');
    expect(myShops.status).toBe(200);
    expect(JSON.stringify(myShops.body)).toContain('鲜丰果园');
    const wrong = await api(ctx.app).post('/api/v1/auth/login', {
      login: 'buyer1',
      password: 'not-the-password',
    });
    expect(wrong.status).toBe(401);
  });

  it('makes listed products searchable and live rooms visible to buyers', async () => {
    if (!ctx.app.hasRoute({ method: 'GET', url: '/api/v1/products' })) {
      const oranges = await count(
        sql`select count(*)::int as n from products where state = 'listed' and title like '%脐橙%'`,
      );
      expect(oranges).toBeGreaterThan(0);
      return;
    }
    const search = await api(ctx.app).get(`/api/v1/products?q=${encodeURIComponent('脐橙')}`);
    expect(search.status).toBe(200);
    expect(search.body.total).toBeGreaterThan(0);
    for (const item of search.body.items) expect(item.title).toContain('脐橙');
    if (ctx.app.hasRoute({ method: 'GET', url: '/api/v1/live/sessions' })) {
      const rooms = await api(ctx.app).get('/api/v1/live/sessions');
      expect(rooms.status).toBe(200);
      expect(rooms.body.items.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('does nothing the second time', async () => {
    const before = await tableCounts(ctx.db);
    const again = await seedIfEmpty(ctx.db, ctx.clock, silent);
    expect(again).toEqual({ seeded: false, reason: 'not_empty' });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });
});

describe('seedIfEmpty from two processes at once', () => {
  it('seeds exactly once, and the same marketplace for the same clock', async () => {
    const url = await createTestDatabase();
    const a = connect(url, { max: 2 });
    const b = connect(url, { max: 2 });
    try {
      const clock = new ManualClock();
      const results = await Promise.all([seedIfEmpty(a.db, clock, silent), seedIfEmpty(b.db, clock, silent)]);
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
      const catalogue = (db: typeof a.db) =>
        sql<{ line: string }>`
          select s.name || '|' || p.title || '|' || k.spec || '|' || k.price_fen || '|' || k.stock
                 || '|' || coalesce(p.qualification_no, '') || '|' || coalesce(p.creator_commission_bp, -1) as line
          from skus k join products p on p.id = k.product_id join shops s on s.id = p.shop_id
          order by s.name, p.title, k.spec`.execute(db);
      const [here, there] = await Promise.all([catalogue(ctx.db), catalogue(a.db)]);
      expect(there.rows).toEqual(here.rows);
      const users = await sql<{ n: number }>`select count(*)::int as n from users`.execute(a.db);
      expect(users.rows[0]!.n).toBe(first.seeded ? first.counts.users : -1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
