import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { accounts, balanceOf, checkLedger, type EntryInput, postEntries } from './index.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const capture = (id: number, amountFen: number, key = `batch-capture:${id}`): EntryInput => ({
  idempotencyKey: key,
  kind: 'payment_capture',
  cause: { type: 'payment', id },
  postings: [
    { account: accounts.paymentProvider, amountFen: -amountFen },
    { account: accounts.escrow, amountFen },
  ],
});

describe('postEntries', () => {
  it('posts a batch in one go, and a replayed batch moves nothing', async () => {
    const before = await balanceOf(ctx.db, accounts.escrow);
    const batch = Array.from({ length: 50 }, (_, i) => capture(i + 1, 100 * (i + 1)));
    await ctx.db.transaction().execute((tx) => postEntries(tx, batch, 3));
    const total = batch.reduce((sum, e) => sum + e.postings[1]!.amountFen, 0);
    expect((await balanceOf(ctx.db, accounts.escrow)) - before).toBe(total);
    await ctx.db.transaction().execute((tx) => postEntries(tx, batch, 7));
    expect((await balanceOf(ctx.db, accounts.escrow)) - before).toBe(total);
    expect((await checkLedger(ctx.db)).ok).toBe(true);
  });

  it('refuses a known key with other postings, writing nothing of the batch', async () => {
    const before = await balanceOf(ctx.db, accounts.escrow);
    const batch = [capture(900, 500), capture(1, 999, 'batch-capture:1')];
    await expect(ctx.db.transaction().execute((tx) => postEntries(tx, batch, 1))).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
    expect(await balanceOf(ctx.db, accounts.escrow)).toBe(before);
  });

  it('refuses an unbalanced entry before writing', async () => {
    const bad: EntryInput = {
      ...capture(901, 100),
      postings: [{ account: accounts.escrow, amountFen: 100 }],
    };
    await expect(ctx.db.transaction().execute((tx) => postEntries(tx, [bad], 1))).rejects.toMatchObject({
      code: expect.stringMatching(/unbalanced_entry|validation_failed/),
    });
  });
});
