import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Access } from '../src/platform/access.ts';
import { buildBuyer } from './builders.ts';
import { type FuzzCase, fuzzCases, type Hints, type JsonSchema, type RouteShape } from './fuzz-cases.ts';
import { arrangeFuzzRecords, unique } from './fuzz-records.ts';
import { createTestContext } from './harness.ts';
import { type DocumentedRoute, documentedRoutes, readOpenApi, send } from './route-inventory.ts';

// Issue 13: every write route, fed malformed bodies, parameters and headers, answers below 500 and
// writes nothing when it refuses; every read gets the path and query cases. The routes and their
// schemas come from the served OpenAPI document, so a new route is fuzzed without being listed here.
// FUZZ_DEBUG=1 prints each route's baseline answer and status counts (a baseline refused early hides
// the rest of its cases).

const ctx = await createTestContext();
const routes = documentedRoutes(await readOpenApi(ctx.app));

const { world, fresh: FRESH, baselines: BASELINE } = await arrangeFuzzRecords(ctx);

let uniqueNames = 0;

/**
 * Real ids by name: path parameters get the record of the collection they follow (`shops/{id}` →
 * shop A), fields get the record they name (`skuId` → a SKU on sale); `fresh` records come first.
 */
function hintsFor(route: DocumentedRoute, fresh: Record<string, number | undefined>): Hints {
  const byParam = new Map<string, number>();
  for (const [, collection, param] of route.path.matchAll(/([\w-]+)\/\{(\w+)\}/g)) {
    const ops = route.path.startsWith(`/api/v1/ops/${collection}`)
      ? world.collections[`ops/${collection}`]
      : undefined;
    const value = ops ?? world.collections[collection!];
    if (value !== undefined) byParam.set(param!, value);
  }
  return (name, schema) => {
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    // a name or login already taken answers 409 before anything else is looked at
    if (type === 'string' && (name === 'login' || name === 'name')) return `fuzz${++uniqueNames}`;
    if (type !== 'integer') return undefined;
    return fresh[name] ?? byParam.get(name) ?? world.fields[name];
  };
}

/** A principal the route admits: the rightful owner of the arranged records where there is one. */
function tokenFor(access: Access): string | undefined {
  if (access === 'public') return undefined;
  if (access === 'user') return world.users.buyer.token;
  if ('ops' in access) return world.users.ops.token;
  const kind = access.kinds[0] as 'buyer' | 'merchant' | 'creator' | 'ops';
  return world.users[kind].token;
}

/** BASELINE with the arranged records in. */
function baselineOf(label: string): Record<string, unknown> | undefined {
  if (label === 'POST /api/v1/videos') return { shopId: world.shopA.shopId };
  if (label === 'POST /api/v1/ops/trust/blacklist') return { userId: world.fields.buyerId };
  if (label === 'POST /api/v1/ops/violations') {
    const subject = { type: 'product', id: world.collections.products };
    return { shopId: world.shopA.shopId, code: 'false_advertising', subject };
  }
  return BASELINE[label];
}

function shapeOf(route: DocumentedRoute): RouteShape {
  const operation = route.operation as DocumentedRoute['operation'] & {
    parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  };
  const content = (operation.requestBody?.content ?? {}) as Record<string, { schema?: JsonSchema }>;
  const json = content['application/json']?.schema;
  const binary = Object.entries(content)
    .filter(([, media]) => media.schema?.format === 'binary')
    .map(([type]) => type);
  return {
    method: route.method,
    path: route.path,
    parameters: operation.parameters ?? [],
    body: json,
    binaryTypes: json === undefined && binary.length > 0 ? binary : undefined,
    baseline: baselineOf(route.label),
    image: world.png,
  };
}

// ---- "Nothing was written": every committed row change is noted by a trigger of this test's database. ----

const tables = (
  await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(ctx.db)
).rows.map((r) => r.name);

// Row-level, so a conditional update that matches nothing (how a refusal is often found) notes nothing;
// the note is part of the request's transaction, so a rolled-back write leaves none.
await sql
  .raw(`
    create table fuzz_writes (table_name text not null);
    create function fuzz_note_write() returns trigger language plpgsql as $$
      begin insert into fuzz_writes values (tg_table_name); return null; end $$;
    ${tables
      .map(
        (t) => `create trigger fuzz_write after insert or update or delete on "${t}"
        for each row execute function fuzz_note_write();`,
      )
      .join('\n')}`)
  .execute(ctx.db);

// Tables a refused request may write by design: a stored refusal replays as the same answer; a
// failed sign-in counts towards the limit; ranked lists log impressions off the request's path, so an
// earlier answer's batch may land while a later refusal is checked.
const WRITTEN_ON_REFUSAL = new Set([
  'idempotency_keys',
  'rate_limits',
  'discovery_impressions',
  'discovery_served_lists',
  'discovery_served_items',
  'discovery_responses',
]);

/** Tables written since the previous call. */
async function changedTables(): Promise<string[]> {
  const noted = await sql<{ name: string }>`select distinct table_name as name from fuzz_writes`.execute(
    ctx.db,
  );
  if (noted.rows.length === 0) return [];
  await sql`delete from fuzz_writes`.execute(ctx.db);
  return noted.rows.map((r) => r.name).sort();
}

async function run(route: DocumentedRoute, c: FuzzCase, token: string | undefined) {
  const url = `${route.path.replace(/\{(\w+)\}/g, (_, name: string) => c.params[name]!)}${c.query ? `?${c.query}` : ''}`;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (route.operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key')) {
    headers['idempotency-key'] = `fuzz-${unique()}-${unique()}`;
  }
  for (const [name, value] of Object.entries(c.headers)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  let payload: string | Buffer | undefined;
  if (c.body && 'json' in c.body) {
    payload = JSON.stringify(c.body.json);
    headers['content-type'] = 'application/json';
  } else if (c.body) {
    payload = c.body.raw;
    headers['content-type'] = c.body.contentType;
  }
  const res = await ctx.app.inject({ method: route.method as 'POST', url, headers, payload });
  let body: any;
  try {
    body = res.json();
  } catch {
    body = res.body;
  }
  return { status: res.statusCode, body };
}

const writeRoutes = routes.filter((r) => r.method !== 'GET');
// Reads get the path and query cases; an event stream never ends, so it is left to its own tests.
const readRoutes = routes.filter(
  (r) =>
    r.method === 'GET' &&
    ![
      'GET /api/v1/live/sessions/{id}/events',
      'GET /api/v1/chat/stream',
      'GET /api/v1/shops/{id}/chat/stream',
    ].includes(r.label),
);

describe('fuzzing every route', () => {
  it('finds the write routes in the OpenAPI document', () => {
    expect(writeRoutes.length).toBeGreaterThan(90);
  });

  it('sees an insert, an update and a delete, and no change after a read', async () => {
    await changedTables();
    await send(ctx.app, 'GET', '/api/v1/me', { token: world.users.buyer.token });
    expect(await changedTables()).toEqual([]);
    const brand = await ctx.db
      .insertInto('brands')
      .values({ name: `b-${unique()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await changedTables()).toEqual(['brands']);
    await ctx.db
      .updateTable('brands')
      .set({ name: `b-${unique()}` })
      .where('id', '=', brand.id)
      .execute();
    expect(await changedTables()).toEqual(['brands']);
    await ctx.db.deleteFrom('brands').where('id', '=', brand.id).execute();
    expect(await changedTables()).toEqual(['brands']);
  });

  for (const route of [...writeRoutes, ...readRoutes]) {
    it(`${route.label}: no 5xx, nothing written on a refusal`, async () => {
      const fresh = (await FRESH[route.label]?.()) ?? { ids: {} };
      const cases = fuzzCases(shapeOf(route), hintsFor(route, fresh.ids));
      const problems: string[] = [];
      const statuses: Record<number, number> = {};
      const started = Date.now();
      await changedTables();
      for (const c of cases) {
        // logging out revokes the token: each case signs out a fresh account
        const token =
          route.label === 'POST /api/v1/auth/logout'
            ? (await buildBuyer(ctx)).token
            : (fresh.token ?? tokenFor(route.access));
        if (route.label === 'POST /api/v1/auth/logout') await changedTables();
        const res = await run(route, c, token);
        const changed = await changedTables();
        if (changed.includes('rate_limits')) {
          // every case from one address: the sign-in limit would answer 429 to the rest of them
          await sql`delete from rate_limits`.execute(ctx.db);
          await changedTables();
        }
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (process.env.FUZZ_DEBUG && c.name === 'baseline')
          console.log(`${route.label} baseline ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        if (res.status >= 500) {
          problems.push(`${c.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        } else if (res.status >= 400) {
          const written = changed.filter((t) => !WRITTEN_ON_REFUSAL.has(t));
          if (written.length > 0) problems.push(`${c.name}: ${res.status} but wrote ${written.join(', ')}`);
        }
      }
      if (route.method !== 'GET' && route.label !== 'POST /api/v1/auth/logout') {
        // the same valid request twice at once: a unique constraint or a lost race must not answer 500
        const [again] = fuzzCases(shapeOf(route), hintsFor(route, fresh.ids));
        const token = fresh.token ?? tokenFor(route.access);
        const pair = await Promise.all([run(route, again!, token), run(route, again!, token)]);
        for (const res of pair.filter((r) => r.status >= 500)) {
          problems.push(`baseline twice at once: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
        await changedTables();
        await sql`delete from rate_limits`.execute(ctx.db);
        await changedTables();
      }
      if (process.env.FUZZ_DEBUG)
        console.log(
          `${route.label}: ${cases.length} cases ${Date.now() - started} ms ${JSON.stringify(statuses)}`,
        );
      expect(problems, route.label).toEqual([]);
    }, 120_000);
  }

  it('generates thousands of malformed requests', () => {
    const count = (list: DocumentedRoute[]) =>
      list.reduce((n, route) => n + fuzzCases(shapeOf(route), hintsFor(route, {})).length, 0);
    const [writes, reads] = [count(writeRoutes), count(readRoutes)];
    if (process.env.FUZZ_DEBUG) console.log(`fuzz: ${writes} write and ${reads} read cases`);
    expect(writes).toBeGreaterThan(4_000);
    expect(reads).toBeGreaterThan(2_000);
  });
});
