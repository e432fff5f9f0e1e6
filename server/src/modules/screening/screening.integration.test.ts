import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildLiveSession, buildOps, buildUser, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_LEXICON } from './lexicon.ts';
import { lexiconVersion, ScreeningService } from './screening.service.ts';

let ctx: TestContext;
let reviewer: TestUser;
let admin: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  reviewer = await buildOps(ctx, ['reviewer']);
  admin = await buildOps(ctx, ['rule_admin']);
});

const test = (text: string, categories?: string[]) =>
  api(ctx.app, reviewer.token).post('/api/v1/ops/screening/test', {
    text,
    ...(categories ? { categories } : {}),
  });

describe('screening lexicon', () => {
  it('writes the default lexicon once, however many processes read it first at the same time', async () => {
    const versions = await Promise.all(Array.from({ length: 5 }, () => lexiconVersion(ctx.db)));
    expect(versions).toEqual([1, 1, 1, 1, 1]);
    const listed = await api(ctx.app, reviewer.token).get('/api/v1/ops/screening/terms?limit=5');
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body).toMatchObject({ version: 1, total: DEFAULT_LEXICON.length, limit: 5, offset: 0 });
    expect(listed.body.items[0]).toMatchObject({ addedIn: 1, createdBy: null });
  });

  it('filters the terms ops look at', async () => {
    const res = await api(ctx.app, reviewer.token).get(
      '/api/v1/ops/screening/terms?category=extortion&lang=en&limit=100',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((t: any) => t.category === 'extortion' && t.lang === 'en')).toBe(true);
    const found = await api(ctx.app, reviewer.token).get(
      `/api/v1/ops/screening/terms?q=${encodeURIComponent('加微信')}`,
    );
    expect(found.body.items.map((t: any) => t.term)).toContain('加微信');
  });

  it('screens a text for ops, with the normalised text, the hits and where they are', async () => {
    const text = '宝宝们 加 Ｖ 信 ：tom_2023，全网最低价';
    const res = await test(text);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      risk: 'high',
      normalized: '宝宝们加微信tom_2023全网最低价',
    });
    expect(res.body.categories.sort()).toEqual(['absolute_terms', 'off_platform']);
    const id = res.body.hits.find((h: any) => h.term === 'pattern:wechat_id');
    expect(text.slice(id.span[0], id.span[1])).toBe('Ｖ 信 ：tom_2023');
    const onlyAbsolute = await test(text, ['absolute_terms']);
    expect(onlyAbsolute.body.categories).toEqual(['absolute_terms']);
    expect((await test('这个颜色第一眼就喜欢')).body).toMatchObject({ risk: 'none', hits: [] });
  });

  it('an added term is in force for the next text; a removed one no longer is', async () => {
    expect((await test('砍一刀就到手')).body.risk).toBe('none');
    const added = await api(ctx.app, admin.token).post('/api/v1/ops/screening/terms', {
      term: '砍 一 刀',
      kind: 'literal',
      category: 'hype',
      severity: 'high',
      lang: 'zh',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      version: 2,
      term: { term: '砍 一 刀', addedIn: 2, createdBy: admin.id },
    });
    const after = await test('砍一刀就到手');
    expect(after.body).toMatchObject({ version: 2, risk: 'high', categories: ['hype'] });

    const removed = await api(ctx.app, reviewer.token).delete(
      `/api/v1/ops/screening/terms/${added.body.term.id}`,
    );
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.version).toBe(3);
    expect((await test('砍一刀就到手')).body).toMatchObject({ version: 3, risk: 'none' });

    // removing it again changes nothing, not even the version
    const again = await api(ctx.app, reviewer.token).delete(
      `/api/v1/ops/screening/terms/${added.body.term.id}`,
    );
    expect(again.status).toBe(404);
    expect(await lexiconVersion(ctx.db)).toBe(3);
    const row = await ctx.db
      .selectFrom('screeningTerms')
      .selectAll()
      .where('id', '=', added.body.term.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ removedIn: 3, removedBy: reviewer.id });
  });

  it('refuses a pattern that does not compile or matches everything, and a duplicate', async () => {
    const add = (term: string, kind = 'pattern') =>
      api(ctx.app, admin.token).post('/api/v1/ops/screening/terms', {
        term,
        kind,
        category: 'off_platform',
        severity: 'low',
        lang: 'zh',
      });
    const broken = await add('加(微');
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.fields[0].field).toBe('term');
    expect((await add('.*')).status).toBe(400);
    const duplicate = await add('加微信', 'literal');
    expect(duplicate.status).toBe(409);
    expect(await lexiconVersion(ctx.db)).toBe(3);
  });

  it('another process recompiles when a change is announced, or when its version check is due', async () => {
    const listening = new ScreeningService(ctx.db, { pubsub: ctx.pubsub, checkEveryMs: 60_000 });
    const deaf = new ScreeningService(ctx.db, { checkEveryMs: 60_000 });
    await listening.listening;
    expect((await listening.screen('拼单群')).risk).toBe('none');
    expect((await deaf.screen('拼单群')).risk).toBe('none');
    const added = await api(ctx.app, admin.token).post('/api/v1/ops/screening/terms', {
      term: '拼单群',
      kind: 'literal',
      category: 'off_platform',
      severity: 'low',
      lang: 'zh',
    });
    expect(added.status).toBe(201);
    // LISTEN/NOTIFY arrives after the commit, asynchronously
    await expect
      .poll(async () => (await listening.screen('拼单群')).risk, { timeout: 5_000, interval: 50 })
      .toBe('low');
    expect((await deaf.screen('拼单群')).risk).toBe('none');
    deaf.invalidate(); // what its once-a-second check does
    expect(await deaf.screen('拼单群')).toMatchObject({ version: added.body.version, risk: 'low' });
  });

  it('is for ops only', async () => {
    const buyer = await buildBuyer(ctx);
    expect((await api(ctx.app, buyer.token).post('/api/v1/ops/screening/test', { text: 'hi' })).status).toBe(
      403,
    );
    expect((await api(ctx.app).get('/api/v1/ops/screening/terms')).status).toBe(401);
  });
});

describe('a screened text for the people who review it', () => {
  it('shows a hidden live comment as written, who posted it in which room, and where the screening hit', async () => {
    const host = await buildUser(ctx, 'creator');
    const { sessionId } = await buildLiveSession(
      ctx,
      { hostUserId: host.id },
      { title: '秋冬穿搭', state: 'live' },
    );
    const viewer = await buildUser(ctx, 'buyer', { displayName: '路过的小明' });
    const text = '加我薇信 abc12345 便宜';
    const posted = await api(ctx.app, viewer.token).post(`/api/v1/live/sessions/${sessionId}/comments`, {
      text,
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body.state).toBe('hidden');

    const res = await api(ctx.app, reviewer.token).get(
      `/api/v1/ops/screening/content/live_comment/${posted.body.id}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.content).toMatchObject({
      subject: { type: 'live_comment', id: posted.body.id },
      text,
      state: 'hidden',
      author: { id: viewer.id, name: '路过的小明' },
      place: { type: 'live_session', id: sessionId, title: '秋冬穿搭' },
    });
    expect(res.body.content.hiddenReason).toBeTruthy();
    expect(res.body.screening).toMatchObject({ risk: 'high', categories: ['off_platform'] });
    const spans = res.body.screening.hits.map((h: { span: [number, number] }) => text.slice(...h.span));
    expect(spans.some((s: string) => s.includes('abc12345'))).toBe(true);
  });

  it('names a bad subject type; an unknown record is not found; buyers may not read it', async () => {
    const bad = await api(ctx.app, reviewer.token).get('/api/v1/ops/screening/content/order/1');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('subjectType');
    const missing = await api(ctx.app, reviewer.token).get('/api/v1/ops/screening/content/review/987654');
    expect(missing.status).toBe(404);
    const buyer = await buildBuyer(ctx);
    expect((await api(ctx.app, buyer.token).get('/api/v1/ops/screening/content/review/1')).status).toBe(403);
  });
});
