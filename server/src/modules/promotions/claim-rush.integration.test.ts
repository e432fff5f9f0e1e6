import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness.ts';
import { freePort, startServer, waitHealthy } from '../../../test/server-process.ts';
import { connect, type Db } from '../../platform/db.ts';
import { insertOpenPlatformCampaign } from './promotions.test-support.ts';

// Issue 14: "2,000 buyers claiming 500 coupons across two processes issue exactly 500".
const BUYERS = 2_000;
const CAP = 500;
const CONCURRENCY = 48;

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function buyersWithTokens(
  db: Db,
  count: number,
  tag: string,
): Promise<{ id: number; token: string }[]> {
  const users = await db
    .insertInto('users')
    .values(
      Array.from({ length: count }, (_, i) => ({
        kind: 'buyer' as const,
        login: `rush-${tag}-${i}`,
        displayName: 'b',
        phone: null,
        passwordHash: 'x',
      })),
    )
    .returning('id')
    .execute();
  const tokens = users.map(() => `xr_${randomBytes(24).toString('base64url')}`);
  await db
    .insertInto('authTokens')
    .values(
      users.map((u, i) => ({
        userId: u.id,
        tokenHash: createHash('sha256').update(tokens[i]!).digest(),
        expiresAt: new Date(Date.now() + 86_400_000),
        revokedAt: null,
      })),
    )
    .execute();
  return users.map((u, i) => ({ id: u.id, token: tokens[i]! }));
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('a claim rush across two server processes', () => {
  it('issues exactly the cap, once per buyer, and never passes a buyer’s limit', async () => {
    const url = await createTestDatabase();
    const handle = connect(url, { max: 2 });
    cleanups.push(() => handle.close());
    const db = handle.db;
    const unusedDataDir = path.join(os.tmpdir(), `xinren-rush-${process.pid}-${Date.now()}`);
    const servers = [
      startServer({ DATABASE_URL: url, XINREN_DATA_DIR: unusedDataDir, LOG_LEVEL: 'warn' }, await freePort()),
    ];
    servers.push(
      startServer({ DATABASE_URL: url, XINREN_DATA_DIR: unusedDataDir, LOG_LEVEL: 'warn' }, await freePort()),
    );
    for (const s of servers) cleanups.push(() => void s.child.kill('SIGTERM'));

    const buyers = await buyersWithTokens(db, BUYERS, 'a');
    const campaignId = await insertOpenPlatformCampaign(db, {
      createdBy: buyers[0]!.id,
      issueCap: CAP,
      perBuyerLimit: 1,
    });
    await Promise.all(servers.map((s) => waitHealthy(s, 180_000)));

    const claim = (port: number, token: string, id: number) =>
      fetch(`http://127.0.0.1:${port}/api/v1/coupons/${id}/claim`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': `rush-${randomBytes(6).toString('hex')}`,
        },
        body: '{}',
      }).then(async (res) => ({
        status: res.status,
        body: (await res.json()) as { error?: { code: string } },
      }));

    const answers = await pool(
      buyers.map((b, i) => () => claim(servers[i % 2]!.port, b.token, campaignId)),
      CONCURRENCY,
    );
    const won = answers.filter((a) => a.status === 201).length;
    const codes = new Set(
      answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body.error?.code}`),
    );
    expect(won).toBe(CAP);
    expect([...codes]).toEqual(['409 coupon_sold_out']);
    const issued = await db
      .selectFrom('couponCampaigns')
      .select('issued')
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(issued.issued).toBe(CAP);
    const held = await sql<{ coupons: number; buyers: number }>`
      select count(*)::int as coupons, count(distinct buyer_id)::int as buyers
      from buyer_coupons where campaign_id = ${campaignId}`.execute(db);
    expect(held.rows[0]).toEqual({ coupons: CAP, buyers: CAP });

    // One buyer tapping many times on both processes at once: exactly the per-buyer limit.
    const [eager] = await buyersWithTokens(db, 1, 'b');
    const limited = await insertOpenPlatformCampaign(db, {
      createdBy: eager!.id,
      issueCap: 1_000,
      perBuyerLimit: 2,
    });
    const taps = await Promise.all(
      Array.from({ length: 30 }, (_, i) => claim(servers[i % 2]!.port, eager!.token, limited)),
    );
    expect(taps.filter((t) => t.status === 201)).toHaveLength(2);
    expect(new Set(taps.filter((t) => t.status !== 201).map((t) => t.body.error?.code))).toEqual(
      new Set(['coupon_claim_limit']),
    );
    const mine = await db.selectFrom('buyerCoupons').select('id').where('campaignId', '=', limited).execute();
    expect(mine).toHaveLength(2);
  }, 300_000);
});
