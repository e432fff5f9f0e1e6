import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { MINUTE } from '../clock.ts';
import { connect, type DbHandle, type Tx } from '../db.ts';
import {
  type DeadlineBatchHandler,
  type DeadlineHandler,
  DeadlineRunner,
  type DeadlineRunnerOptions,
  scheduleDeadlines,
} from './index.ts';

let ctx: TestContext;
const extraPools: DbHandle[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  // The observable effect of a firing; the primary key turns a second firing into a failure.
  await sql`create table test_fired (kind text not null, subject_id bigint not null, how text not null,
                                     primary key (kind, subject_id))`.execute(ctx.db);
});

afterAll(async () => {
  for (const pool of extraPools) await pool.close();
});

const one: DeadlineHandler = async (tx, deadline) => {
  await sql`insert into test_fired values (${deadline.kind}, ${deadline.subjectId}, 'one')`.execute(tx);
};

/** Fires every deadline in one insert, leaving the odd subjects when `leaveOdd`; records its calls. */
function many(calls: number[], leaveOdd = false): DeadlineBatchHandler {
  return async (tx, deadlines) => {
    calls.push(deadlines.length);
    const mine = deadlines.filter((d) => !leaveOdd || d.subjectId % 2 === 0);
    await sql`insert into test_fired
              select kind, subject_id, 'many' from unnest(${mine.map((d) => d.kind)}::text[],
                                                          ${mine.map((d) => d.subjectId)}::bigint[]) as v (kind, subject_id)`.execute(
      tx,
    );
    return deadlines.filter((d) => leaveOdd && d.subjectId % 2 === 1);
  };
}

function runner(options: Partial<DeadlineRunnerOptions> & Pick<DeadlineRunnerOptions, 'handlers'>) {
  return new DeadlineRunner({ db: ctx.db, clock: ctx.clock, log: ctx.log, ...options });
}

const inMinutes = (minutes: number) => new Date(ctx.clock.now().getTime() + minutes * MINUTE);

async function scheduleDue(kind: string, subjects: number[]) {
  await ctx.db.transaction().execute((tx: Tx) =>
    scheduleDeadlines(
      tx,
      subjects.map((subjectId) => ({ kind, subjectId, dueAt: inMinutes(-1) })),
    ),
  );
}

async function fired(kind: string): Promise<{ subjectId: number; how: string }[]> {
  const rows = await sql<{ subjectId: number; how: string }>`
    select subject_id, how from test_fired where kind = ${kind} order by subject_id`.execute(ctx.db);
  return rows.rows;
}

async function statuses(kind: string): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }>`
    select status, count(*)::int as n from deadlines where kind = ${kind} group by status`.execute(ctx.db);
  return Object.fromEntries(rows.rows.map((r) => [r.status, r.n]));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('batch handlers', () => {
  it('get every claimed deadline of their kind in one call, beside kinds fired one by one', async () => {
    const calls: number[] = [];
    await scheduleDue('test.many', range(30));
    await scheduleDue('test.one', range(3));
    const run = runner({
      handlers: { 'test.many': one, 'test.one': one },
      batchHandlers: { 'test.many': many(calls) },
    });

    expect(await run.runDue()).toEqual({ claimed: 33, fired: 33, retrying: 0, failed: 0 });
    expect(calls).toEqual([30]);
    expect((await fired('test.many')).every((f) => f.how === 'many')).toBe(true);
    expect(await fired('test.one')).toEqual(range(3).map((subjectId) => ({ subjectId, how: 'one' })));
    expect(await statuses('test.many')).toEqual({ done: 30 });
  });

  it('fires what a batch handler leaves with the per-deadline handler, in the same transaction', async () => {
    const calls: number[] = [];
    await scheduleDue('test.leave', range(6));
    const run = runner({
      handlers: { 'test.leave': one },
      batchHandlers: { 'test.leave': many(calls, true) },
    });

    expect(await run.runDue()).toEqual({ claimed: 6, fired: 6, retrying: 0, failed: 0 });
    expect((await fired('test.leave')).map((f) => f.how)).toEqual([
      'one',
      'many',
      'one',
      'many',
      'one',
      'many',
    ]);
  });

  it('undoes a failing batch call and fires its deadlines one by one, each failure on its own', async () => {
    await scheduleDue('test.broken', range(5));
    const broken: DeadlineBatchHandler = async (tx, deadlines) => {
      await many([])(tx, deadlines, { now: ctx.clock.now(), log: ctx.log });
      throw new Error('a bug in the set-based path');
    };
    const failsFor3: DeadlineHandler = async (tx, deadline, fire) => {
      if (deadline.subjectId === 3) throw new Error('subject 3 is bad');
      await one(tx, deadline, fire);
    };
    const run = runner({ handlers: { 'test.broken': failsFor3 }, batchHandlers: { 'test.broken': broken } });

    expect(await run.runDue()).toEqual({ claimed: 5, fired: 4, retrying: 1, failed: 0 });
    expect(await fired('test.broken')).toEqual([1, 2, 4, 5].map((subjectId) => ({ subjectId, how: 'one' })));
    expect(await statuses('test.broken')).toEqual({ done: 4, pending: 1 });
  });

  it('puts back, untouched, what it cannot fire one by one within batchSize savepoints', async () => {
    await scheduleDue('test.spill', range(12));
    const leavesAll: DeadlineBatchHandler = async (_tx, deadlines) => deadlines;
    const run = runner({
      handlers: { 'test.spill': one },
      batchHandlers: { 'test.spill': leavesAll },
      batchSize: 5,
      manyBatchSize: 12,
    });

    const counts = await run.runDue();
    expect(counts).toEqual({ claimed: 12, fired: 12, retrying: 0, failed: 0 });
    expect((await fired('test.spill')).map((f) => f.subjectId)).toEqual(range(12));
    const attempts = await sql<{ n: number }>`
      select count(*)::int as n from deadlines where kind = 'test.spill' and attempts > 0`.execute(ctx.db);
    expect(attempts.rows[0]!.n).toBe(0);
  });

  it('fires each of 3,000 deadlines exactly once with two runners racing in batches', async () => {
    await scheduleDue('test.race', range(3_000));
    const [a, b] = [connect(ctx.dbUrl, { max: 2 }), connect(ctx.dbUrl, { max: 2 })] as const;
    extraPools.push(a, b);
    const callsA: number[] = [];
    const callsB: number[] = [];
    const options = { clock: ctx.clock, log: ctx.log, handlers: { 'test.race': one }, manyBatchSize: 200 };
    const [countsA, countsB] = await Promise.all([
      new DeadlineRunner({ ...options, db: a.db, batchHandlers: { 'test.race': many(callsA) } }).runDue(),
      new DeadlineRunner({ ...options, db: b.db, batchHandlers: { 'test.race': many(callsB) } }).runDue(),
    ]);

    expect(countsA.fired + countsB.fired).toBe(3_000);
    expect(countsA.retrying + countsB.retrying + countsA.failed + countsB.failed).toBe(0);
    expect(Math.max(...callsA, ...callsB)).toBeLessThanOrEqual(200);
    expect((await fired('test.race')).map((f) => f.subjectId)).toEqual(range(3_000));
    expect(await statuses('test.race')).toEqual({ done: 3_000 });
  });

  it('loses nothing and fires nothing twice when the process dies mid-batch', async () => {
    await scheduleDue('test.dies', range(40));
    const doomed = connect(ctx.dbUrl, { max: 1, applicationName: 'batch-runner-doomed' });
    extraPools.push(doomed);
    doomed.pool.on('connect', (client) => client.on('error', () => {}));
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let proceed!: () => void;
    const gate = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    const stuck: DeadlineBatchHandler = async (tx, deadlines, fire) => {
      const left = await many([])(tx, deadlines, fire);
      entered();
      await gate;
      return left;
    };
    const first = new DeadlineRunner({
      db: doomed.db,
      clock: ctx.clock,
      log: ctx.log,
      handlers: { 'test.dies': one },
      batchHandlers: { 'test.dies': stuck },
    });
    const firstRun = first.runDue();
    await inHandler;
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where application_name = 'batch-runner-doomed'`.execute(ctx.db);
    proceed();
    await expect(firstRun).rejects.toThrow();
    expect(await fired('test.dies')).toEqual([]);
    expect(await statuses('test.dies')).toEqual({ pending: 40 });

    const calls: number[] = [];
    const again = runner({ handlers: { 'test.dies': one }, batchHandlers: { 'test.dies': many(calls) } });
    expect(await again.runDue()).toMatchObject({ claimed: 40, fired: 40 });
    expect((await fired('test.dies')).map((f) => f.subjectId)).toEqual(range(40));
  });

  it('refuses a batch kind without its per-deadline handler', () => {
    expect(() => runner({ handlers: {}, batchHandlers: { 'test.lonely': many([]) } })).toThrow(
      /per-deadline/,
    );
  });
});
