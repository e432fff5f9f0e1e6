import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOps, buildUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { AppError } from '../../platform/errors.ts';
import {
  type AccountRef,
  accounts,
  balanceOf,
  balances,
  checkLedger,
  entriesFor,
  postEntry,
} from './index.ts';

let ctx: TestContext;
beforeAll(async () => {
  // This file writes a rogue unbalanced entry on purpose (ledger:check must catch it), and the
  // journal is append-only: the usual after-file ledger check cannot pass here.
  ctx = await createTestContext({ checkLedgerAfter: false });
});

let seq = 0;
const key = (what: string) => `${what}:${++seq}`;

/** Money from outside into `account`, as a payment would bring it. */
const fund = (account: AccountRef, amountFen: number) =>
  postEntry(ctx.db, {
    idempotencyKey: key('fund'),
    kind: 'test_funding',
    cause: { type: 'test', id: 1 },
    postings: [
      { account: accounts.paymentProvider, amountFen: -amountFen },
      { account, amountFen },
    ],
  });

/** A withdrawal of `amountFen` from a merchant's available balance. */
const withdraw = (shopId: number, amountFen: number, idempotencyKey = key('withdrawal')) =>
  postEntry(ctx.db, {
    idempotencyKey,
    kind: 'withdrawal',
    cause: { type: 'withdrawal', id: shopId },
    postings: [
      { account: accounts.merchantAvailable(shopId), amountFen: -amountFen },
      { account: accounts.payoutProvider, amountFen },
    ],
  });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('posting entries', () => {
  it('posts a balanced entry and moves every balance by its posting', async () => {
    const before = await balances(ctx.db, [
      accounts.escrow,
      accounts.paymentProvider,
      accounts.platformCommissionRevenue,
    ]);
    const paid = await postEntry(ctx.db, {
      idempotencyKey: 'payment:1',
      kind: 'payment_capture',
      cause: { type: 'order', id: 1 },
      memo: 'order 1 paid',
      at: ctx.clock.now(),
      postings: [
        { account: accounts.paymentProvider, amountFen: -10_000 },
        { account: accounts.escrow, amountFen: 10_000 },
      ],
    });
    expect(paid).toMatchObject({ replayed: false, kind: 'payment_capture', cause: { type: 'order', id: 1 } });
    const settled = await postEntry(ctx.db, {
      idempotencyKey: 'settlement:1',
      kind: 'settlement',
      cause: { type: 'order', id: 1 },
      postings: [
        { account: accounts.escrow, amountFen: -10_000 },
        { account: accounts.merchantPending(1), amountFen: 9_500 },
        { account: accounts.platformCommissionRevenue, amountFen: 500 },
      ],
    });

    const after = await balances(ctx.db, [
      accounts.escrow,
      accounts.paymentProvider,
      accounts.platformCommissionRevenue,
      accounts.merchantPending(1),
    ]);
    expect(after.get('payment_provider')).toBe(before.get('payment_provider')! - 10_000);
    expect(after.get('escrow')).toBe(before.get('escrow'));
    expect(after.get('platform_commission_revenue')).toBe(before.get('platform_commission_revenue')! + 500);
    expect(after.get('merchant_pending:1')).toBe(9_500);

    const history = await entriesFor(ctx.db, { type: 'order', id: 1 });
    expect(history.map((e) => e.id)).toEqual([paid.id, settled.id]);
    expect(history[1]!.postings).toEqual([
      { accountCode: 'escrow', amountFen: -10_000 },
      { accountCode: 'merchant_pending:1', amountFen: 9_500 },
      { accountCode: 'platform_commission_revenue', amountFen: 500 },
    ]);
    expect(history[0]).toMatchObject({ memo: 'order 1 paid', createdAt: ctx.clock.now() });
  });

  it('refuses an unbalanced entry and writes nothing', async () => {
    const before = await tableCounts(ctx.db);
    const err = await rejection(
      postEntry(ctx.db, {
        idempotencyKey: key('bad'),
        kind: 'payment_capture',
        cause: { type: 'order', id: 2 },
        postings: [
          { account: accounts.paymentProvider, amountFen: -10_000 },
          { account: accounts.escrow, amountFen: 9_999 },
        ],
      }),
    );
    expect(err.code).toBe('unbalanced_entry');
    expect(err.status).toBe(400);
    expect(err.details).toEqual({ sumFen: -1 });

    const zero = await rejection(
      postEntry(ctx.db, {
        idempotencyKey: key('bad'),
        kind: 'payment_capture',
        cause: { type: 'order', id: 2 },
        postings: [
          { account: accounts.paymentProvider, amountFen: 0 },
          { account: accounts.escrow, amountFen: 0 },
        ],
      }),
    );
    expect(zero.code).toBe('validation_failed');
    expect(zero.details).toEqual({
      fields: [{ field: 'postings[0].amountFen', reason: 'must not be zero' }],
    });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('commits or rolls back with the transaction of its caller', async () => {
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        await postEntry(tx, {
          idempotencyKey: 'rolled-back',
          kind: 'payment_capture',
          cause: { type: 'order', id: 3 },
          postings: [
            { account: accounts.paymentProvider, amountFen: -700 },
            { account: accounts.merchantDeposit(3), amountFen: 700 },
          ],
        });
        throw new Error('the caller failed after posting');
      }),
    ).rejects.toThrow('the caller failed after posting');
    expect(await entriesFor(ctx.db, { type: 'order', id: 3 })).toEqual([]);
    expect(await balanceOf(ctx.db, accounts.merchantDeposit(3))).toBe(0);
  });
});

describe('idempotency', () => {
  const capture = (idempotencyKey: string, amountFen: number) =>
    postEntry(ctx.db, {
      idempotencyKey,
      kind: 'payment_capture',
      cause: { type: 'order', id: 10 },
      postings: [
        { account: accounts.paymentProvider, amountFen: -amountFen },
        { account: accounts.merchantAvailable(10), amountFen },
      ],
    });

  it('returns the first entry for a replayed key and writes nothing', async () => {
    const first = await capture('payment:10', 2_500);
    const counts = await tableCounts(ctx.db);
    const again = await capture('payment:10', 2_500);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await tableCounts(ctx.db)).toEqual(counts);
    expect(await balanceOf(ctx.db, accounts.merchantAvailable(10))).toBe(2_500);
  });

  it('refuses the same key with different postings, writing nothing', async () => {
    const counts = await tableCounts(ctx.db);
    const err = await rejection(capture('payment:10', 2_600));
    expect(err.code).toBe('idempotency_key_reused');
    expect(err.status).toBe(422);
    expect(await tableCounts(ctx.db)).toEqual(counts);
    expect(await balanceOf(ctx.db, accounts.merchantAvailable(10))).toBe(2_500);
  });

  it('posts exactly one entry when 20 callers race with one key', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => capture('payment:11', 1_000)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const stored = await ctx.db
      .selectFrom('ledgerEntries')
      .select('id')
      .where('idempotencyKey', '=', 'payment:11')
      .execute();
    expect(stored).toHaveLength(1);
    expect(await balanceOf(ctx.db, accounts.merchantAvailable(10))).toBe(3_500);
  });
});

describe('accounts that must not go negative', () => {
  it('lets 20 racing withdrawals take only what the balance covers', async () => {
    await fund(accounts.merchantAvailable(20), 1_000);
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => withdraw(20, 150)));
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled');
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    // 6 × 150 = 900 fit in 1,000; a 7th would overdraw
    expect(succeeded).toHaveLength(6);
    for (const f of failed) {
      expect(f.reason).toMatchObject({
        code: 'insufficient_funds',
        details: { account: 'merchant_available:20' },
      });
    }
    expect(await balanceOf(ctx.db, accounts.merchantAvailable(20))).toBe(100);
    expect(await entriesFor(ctx.db, { type: 'withdrawal', id: 20 })).toHaveLength(6);
  });

  it('refuses a debit from an account never funded, writing nothing', async () => {
    const counts = await tableCounts(ctx.db);
    const err = await rejection(withdraw(21, 1));
    expect(err).toMatchObject({ code: 'insufficient_funds', details: { account: 'merchant_available:21' } });
    expect(await tableCounts(ctx.db)).toEqual(counts);
  });

  it('takes a debit of escrow from several of its buckets, and never below zero', async () => {
    for (let i = 0; i < 20; i++) await fund(accounts.escrow, 100);
    const held = await balanceOf(ctx.db, accounts.escrow);
    const buckets = await ctx.db
      .selectFrom('ledgerBalances')
      .select(['bucket', 'balanceFen'])
      .where('accountCode', '=', 'escrow')
      .execute();
    // 20 credits spread over the buckets: emptying escrow needs more than one of them
    expect(Math.max(...buckets.map((b) => b.balanceFen))).toBeLessThan(held);

    const release = (amountFen: number, shopId: number) =>
      postEntry(ctx.db, {
        idempotencyKey: key('release'),
        kind: 'settlement',
        cause: { type: 'order', id: 30 },
        postings: [
          { account: accounts.escrow, amountFen: -amountFen },
          { account: accounts.merchantPending(shopId), amountFen },
        ],
      });
    await release(held, 30);
    expect(await balanceOf(ctx.db, accounts.escrow)).toBe(0);
    const err = await rejection(release(1, 30));
    expect(err).toMatchObject({ code: 'insufficient_funds', details: { account: 'escrow' } });
  });

  it('keeps escrow non-negative when 20 debits race for it, inside callers’ transactions too', async () => {
    for (let i = 0; i < 10; i++) await fund(accounts.escrow, 100);
    const held = await balanceOf(ctx.db, accounts.escrow);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => {
        const post = (db: typeof ctx.db) =>
          postEntry(db, {
            idempotencyKey: key('refund'),
            kind: 'refund',
            cause: { type: 'refund', id: 40 + i },
            postings: [
              { account: accounts.escrow, amountFen: -150 },
              { account: accounts.paymentProvider, amountFen: 150 },
            ],
          });
        return i % 2 === 0 ? post(ctx.db) : ctx.db.transaction().execute(post);
      }),
    );
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled').length;
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'insufficient_funds' });
    }
    expect(succeeded).toBeGreaterThan(0);
    expect(succeeded * 150).toBeLessThanOrEqual(held);
    expect(await balanceOf(ctx.db, accounts.escrow)).toBe(held - succeeded * 150);
    const lowest = await ctx.db
      .selectFrom('ledgerBalances')
      .select((eb) => eb.fn.min('balanceFen').as('lowest'))
      .where('accountCode', '=', 'escrow')
      .executeTakeFirstOrThrow();
    expect(Number(lowest.lowest)).toBeGreaterThanOrEqual(0);
  });
});

describe('append-only journal', () => {
  it('refuses to change or remove postings and entries', async () => {
    await expect(sql`update ledger_postings set amount_fen = amount_fen * 2`.execute(ctx.db)).rejects.toThrow(
      /append-only: UPDATE on ledger_postings/,
    );
    await expect(sql`delete from ledger_postings`.execute(ctx.db)).rejects.toThrow(/append-only: DELETE/);
    await expect(sql`update ledger_entries set memo = 'edited'`.execute(ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from ledger_entries`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate ledger_postings, ledger_entries cascade`.execute(ctx.db)).rejects.toThrow(
      /append-only/,
    );
    expect((await entriesFor(ctx.db, { type: 'order', id: 1 })).length).toBe(2);
  });
});

describe('checking the ledger', () => {
  it('finds nothing wrong in a ledger written only through postEntry', async () => {
    const report = await checkLedger(ctx.db);
    expect(report).toMatchObject({
      ok: true,
      unbalancedEntries: [],
      cachedMismatches: [],
      negativeBalances: [],
      unknownAccounts: [],
    });
    expect(report.entries).toBeGreaterThan(40);
  });

  it('reports a cached balance that no longer matches its postings', async () => {
    const posted = await balanceOf(ctx.db, accounts.merchantAvailable(10));
    await sql`update ledger_balances set balance_fen = balance_fen + 1 where account_code = 'merchant_available:10'`.execute(
      ctx.db,
    );
    const report = await checkLedger(ctx.db);
    expect(report.ok).toBe(false);
    expect(report.cachedMismatches).toEqual([
      { accountCode: 'merchant_available:10', cachedFen: posted + 1, postedFen: posted },
    ]);
    await sql`update ledger_balances set balance_fen = balance_fen - 1 where account_code = 'merchant_available:10'`.execute(
      ctx.db,
    );
    expect((await checkLedger(ctx.db)).ok).toBe(true);
  });
});

describe('ops routes', () => {
  it('shows the check report to arbiters and nobody outside ops money roles', async () => {
    const arbiter = await buildOps(ctx, ['arbiter']);
    const reviewer = await buildOps(ctx, ['reviewer']);
    const merchant = await buildUser(ctx, 'merchant');
    const res = await api(ctx.app, arbiter.token).get('/api/v1/ops/ledger/check');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, cachedMismatches: [] });
    expect((await api(ctx.app, reviewer.token).get('/api/v1/ops/ledger/check')).status).toBe(403);
    expect((await api(ctx.app, merchant.token).get('/api/v1/ops/ledger/check')).status).toBe(403);
    expect((await api(ctx.app).get('/api/v1/ops/ledger/check')).status).toBe(401);
  });

  it("shows an account's balance and latest postings, newest first", async () => {
    const ops = await buildOps(ctx);
    const res = await api(ctx.app, ops.token).get(
      '/api/v1/ops/ledger/accounts/merchant_available:20?limit=2',
    );
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ code: 'merchant_available:20', ownerKind: 'shop', ownerId: 20 });
    expect(res.body.balanceFen).toBe(100);
    expect(res.body.postings).toHaveLength(2);
    expect(res.body.postings[0]).toMatchObject({ kind: 'withdrawal', amountFen: -150 });
    expect(res.body.postings[0].entryId).toBeGreaterThan(res.body.postings[1].entryId);

    const unknown = await api(ctx.app, ops.token).get('/api/v1/ops/ledger/accounts/petty_cash');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0].field).toBe('code');
    const unused = await api(ctx.app, ops.token).get('/api/v1/ops/ledger/accounts/merchant_deposit:999');
    expect(unused.status).toBe(404);
  });
});

describe('ledger:check command', () => {
  const serverDir = path.resolve(import.meta.dirname, '../../..');
  const run = () =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ledger:check'], {
      cwd: serverDir,
      env: { ...process.env, DATABASE_URL: ctx.dbUrl, LOG_LEVEL: 'silent' },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
    );

  // each run starts a TypeScript process: slow on a busy machine
  it('exits 0 on a sound ledger and 1 with the problems once an entry does not balance', async () => {
    const sound = await run();
    expect(sound.code).toBe(0);
    expect(JSON.parse(sound.stdout)).toMatchObject({ ok: true });

    // Written around postEntry, as a buggy module might: one posting, nothing cached.
    await sql`insert into ledger_accounts (code, type, owner_kind, owner_id, may_go_negative, balance_buckets)
      values ('merchant_deposit:99', 'payable', 'shop', 99, false, 1)`.execute(ctx.db);
    const entry = await sql<{
      id: number;
    }>`insert into ledger_entries (idempotency_key, kind, cause_type, cause_id)
      values ('rogue', 'fine', 'fine', 1) returning id`.execute(ctx.db);
    const entryId = entry.rows[0]!.id;
    await sql`insert into ledger_postings (entry_id, account_code, amount_fen)
      values (${entryId}, 'merchant_deposit:99', -500)`.execute(ctx.db);

    const broken = await run();
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.stdout);
    expect(report.ok).toBe(false);
    expect(report.unbalancedEntries).toEqual([
      { entryId, idempotencyKey: 'rogue', sumFen: -500, postings: 1 },
    ]);
    expect(report.negativeBalances).toEqual([
      { accountCode: 'merchant_deposit:99', balanceFen: -500, lowestBucketFen: 0 },
    ]);
    expect(report.cachedMismatches).toEqual([
      { accountCode: 'merchant_deposit:99', cachedFen: 0, postedFen: -500 },
    ]);
  }, 120_000);
});
