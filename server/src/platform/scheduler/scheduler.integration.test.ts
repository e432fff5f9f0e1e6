import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { MINUTE } from '../clock.ts';
import { connect, type DbHandle, type Tx } from '../db.ts';
import {
  cancelDeadline,
  cancelDeadlines,
  type DeadlineHandler,
  type DeadlineHandlers,
  DeadlineRunner,
  type DeadlineRunnerOptions,
  rescheduleDeadline,
  scheduleDeadline,
  scheduleDeadlines,
} from './index.ts';

let ctx: TestContext;
const extraPools: DbHandle[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  // The observable effect of a handler. The primary key turns a second firing into a handler failure.
  await sql`create table test_fired (deadline_id bigint primary key, kind text not null, subject_id bigint not null)`.execute(
    ctx.db,
  );
});

afterAll(async () => {
  for (const pool of extraPools) await pool.close();
});

const record: DeadlineHandler = async (tx, deadline) => {
  await sql`insert into test_fired (deadline_id, kind, subject_id)
            values (${deadline.id}, ${deadline.kind}, ${deadline.subjectId})`.execute(tx);
};

function runner(handlers: DeadlineHandlers, options: Partial<DeadlineRunnerOptions> = {}): DeadlineRunner {
  return new DeadlineRunner({ db: ctx.db, clock: ctx.clock, handlers, log: ctx.log, ...options });
}

function inMinutes(minutes: number): Date {
  return new Date(ctx.clock.now().getTime() + minutes * MINUTE);
}

function inTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(work);
}

function schedule(kind: string, subjectId: number, dueAt: Date): Promise<boolean> {
  return inTx((tx) => scheduleDeadline(tx, { kind, subjectId, dueAt }));
}

async function firedSubjects(kind: string): Promise<number[]> {
  const rows = await sql<{ subjectId: number }>`
    select subject_id from test_fired where kind = ${kind} order by subject_id`.execute(ctx.db);
  return rows.rows.map((r) => r.subjectId);
}

async function deadlinesOf(kind: string) {
  return ctx.db.selectFrom('deadlines').selectAll().where('kind', '=', kind).orderBy('id').execute();
}

describe('firing', () => {
  it('fires a deadline once the clock reaches its due time, and only then', async () => {
    const kind = 'test.due';
    await schedule(kind, 1, inMinutes(15));
    const run = runner({ [kind]: record });

    expect((await run.runDue()).fired).toBe(0);
    ctx.clock.advance(15 * MINUTE - 1);
    expect((await run.runDue()).fired).toBe(0);
    expect(await firedSubjects(kind)).toEqual([]);

    ctx.clock.advance(1);
    expect(await run.runDue()).toEqual({ claimed: 1, fired: 1, retrying: 0, failed: 0 });
    expect(await firedSubjects(kind)).toEqual([1]);
    const [row] = await deadlinesOf(kind);
    expect(row).toMatchObject({ status: 'done', attempts: 0, firedAt: ctx.clock.now() });

    expect((await run.runDue()).claimed).toBe(0);
    expect(await firedSubjects(kind)).toEqual([1]);
  });

  it('fires each of 2,000 due deadlines exactly once with two runners racing, and leaves later ones alone', async () => {
    const kind = 'test.race';
    const subjects = Array.from({ length: 2_100 }, (_, i) => i + 1);
    await inTx((tx) =>
      scheduleDeadlines(
        tx,
        subjects.map((subject) => ({
          kind,
          subjectId: subject,
          dueAt: subject <= 2_000 ? inMinutes(-(subject % 60)) : inMinutes(1),
        })),
      ),
    );
    // Separate pools, as two processes would have.
    const [a, b] = [connect(ctx.dbUrl, { max: 2 }), connect(ctx.dbUrl, { max: 2 })] as const;
    extraPools.push(a, b);
    const options = { clock: ctx.clock, handlers: { [kind]: record }, log: ctx.log, batchSize: 50 };
    const [countsA, countsB] = await Promise.all([
      new DeadlineRunner({ ...options, db: a.db }).runDue(),
      new DeadlineRunner({ ...options, db: b.db }).runDue(),
    ]);

    expect(countsA.fired + countsB.fired).toBe(2_000);
    expect(countsA.retrying + countsB.retrying + countsA.failed + countsB.failed).toBe(0);
    expect(countsA.fired).toBeGreaterThan(0);
    expect(countsB.fired).toBeGreaterThan(0);
    const fired = await firedSubjects(kind);
    expect(fired).toHaveLength(2_000);
    expect(fired).toEqual(Array.from({ length: 2_000 }, (_, i) => i + 1));
    const pending = await ctx.db
      .selectFrom('deadlines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', kind)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(Number(pending.n)).toBe(100);
  });

  it('lets a handler schedule the next deadline of its own kind and subject', async () => {
    const kind = 'test.recurring';
    const remindAgain: DeadlineHandler = async (tx, deadline, fire) => {
      await record(tx, deadline, fire);
      await scheduleDeadline(tx, {
        kind,
        subjectId: deadline.subjectId,
        dueAt: new Date(fire.now.getTime() + MINUTE),
      });
    };
    await schedule(kind, 7, inMinutes(0));
    const run = runner({ [kind]: remindAgain });

    expect((await run.runDue()).fired).toBe(1);
    ctx.clock.advance(MINUTE);
    expect((await run.runDue()).fired).toBe(1);
    expect((await deadlinesOf(kind)).map((d) => d.status)).toEqual(['done', 'done', 'pending']);
  });

  it('leaves deadlines of kinds it has no handler for pending', async () => {
    await schedule('test.unknown', 1, inMinutes(-1));
    expect((await runner({ 'test.other': record }).runDue()).claimed).toBe(0);
    expect(await deadlinesOf('test.unknown')).toMatchObject([{ status: 'pending', attempts: 0 }]);
  });
});

describe('scheduling', () => {
  it('keeps one pending deadline when the same kind and subject is scheduled twice', async () => {
    const kind = 'test.twice';
    expect(await schedule(kind, 3, inMinutes(10))).toBe(true);
    expect(await schedule(kind, 3, inMinutes(30))).toBe(false);
    const rows = await deadlinesOf(kind);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dueAt).toEqual(inMinutes(10));

    ctx.clock.advance(10 * MINUTE);
    expect((await runner({ [kind]: record }).runDue()).fired).toBe(1);
    expect(await firedSubjects(kind)).toEqual([3]);
  });

  it('does not fire a cancelled deadline, and cancelling after it fired changes nothing', async () => {
    const kind = 'test.cancel';
    await schedule(kind, 1, inMinutes(5));
    await schedule(kind, 2, inMinutes(5));
    expect(await inTx((tx) => cancelDeadline(tx, kind, 1))).toBe(true);
    expect(await inTx((tx) => cancelDeadline(tx, kind, 1))).toBe(false);

    ctx.clock.advance(5 * MINUTE);
    expect((await runner({ [kind]: record }).runDue()).fired).toBe(1);
    expect(await firedSubjects(kind)).toEqual([2]);
    expect(await inTx((tx) => cancelDeadline(tx, kind, 2))).toBe(false);
    expect((await deadlinesOf(kind)).map((d) => d.status)).toEqual(['cancelled', 'done']);
  });

  it('moves a pending deadline when rescheduled, and never revives a fired one', async () => {
    const kind = 'test.reschedule';
    await schedule(kind, 1, inMinutes(10));
    expect(await inTx((tx) => rescheduleDeadline(tx, { kind, subjectId: 1, dueAt: inMinutes(20) }))).toBe(
      true,
    );
    const run = runner({ [kind]: record });

    ctx.clock.advance(10 * MINUTE);
    expect((await run.runDue()).fired).toBe(0);
    ctx.clock.advance(10 * MINUTE);
    expect((await run.runDue()).fired).toBe(1);

    expect(await inTx((tx) => rescheduleDeadline(tx, { kind, subjectId: 1, dueAt: inMinutes(5) }))).toBe(
      false,
    );
    expect(await deadlinesOf(kind)).toMatchObject([{ status: 'done' }]);
  });

  it('schedules and cancels many subjects in one statement with the same rules', async () => {
    const kind = 'test.many';
    await schedule(kind, 1, inMinutes(10));
    await inTx((tx) =>
      scheduleDeadlines(tx, [
        { kind, subjectId: 1, dueAt: inMinutes(99) },
        { kind, subjectId: 2, dueAt: inMinutes(10) },
        { kind, subjectId: 2, dueAt: inMinutes(99) },
        { kind, subjectId: 3, dueAt: inMinutes(10) },
      ]),
    );
    const rows = await deadlinesOf(kind);
    expect(rows.map((d) => [d.subjectId, d.dueAt])).toEqual([
      [1, inMinutes(10)],
      [2, inMinutes(10)],
      [3, inMinutes(10)],
    ]);

    await inTx((tx) => cancelDeadlines(tx, kind, [1, 3]));
    ctx.clock.advance(10 * MINUTE);
    expect((await runner({ [kind]: record }).runDue()).fired).toBe(1);
    expect(await firedSubjects(kind)).toEqual([2]);
    await expect(
      inTx((tx) => scheduleDeadlines(tx, [{ kind, subjectId: 4, dueAt: new Date(Number.NaN) }])),
    ).rejects.toThrow(/dueAt/);
  });

  it('leaves no deadline when the transaction that scheduled it rolls back', async () => {
    const kind = 'test.rollback';
    await expect(
      inTx(async (tx) => {
        await scheduleDeadline(tx, { kind, subjectId: 1, dueAt: inMinutes(1) });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await deadlinesOf(kind)).toEqual([]);
  });

  it('refuses a malformed deadline', async () => {
    await expect(schedule('', 1, inMinutes(1))).rejects.toThrow(/kind/);
    await expect(schedule('test.bad', 0, inMinutes(1))).rejects.toThrow(/subjectId/);
    await expect(schedule('test.bad', 1, new Date('not a date'))).rejects.toThrow(/dueAt/);
    expect(await deadlinesOf('test.bad')).toEqual([]);
  });
});

describe('failures', () => {
  it('retries a failing handler with growing delays, then marks it failed, without holding back the others', async () => {
    const kind = 'test.flaky';
    const failsForSubject1: DeadlineHandler = async (tx, deadline, fire) => {
      await record(tx, deadline, fire);
      if (deadline.subjectId === 1) throw new Error('carrier API said no');
    };
    await schedule(kind, 1, inMinutes(0));
    await schedule(kind, 2, inMinutes(0));
    const run = runner({ [kind]: failsForSubject1 }, { maxAttempts: 3 });

    expect(await run.runDue()).toEqual({ claimed: 2, fired: 1, retrying: 1, failed: 0 });
    // The failed handler's own write is undone; the other deadline's commits.
    expect(await firedSubjects(kind)).toEqual([2]);
    let [first] = await deadlinesOf(kind);
    expect(first).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'carrier API said no',
      firedAt: null,
    });
    expect(first!.dueAt).toEqual(new Date(ctx.clock.now().getTime() + 30_000));

    ctx.clock.advance(29_999);
    expect((await run.runDue()).claimed).toBe(0);
    ctx.clock.advance(1);
    expect(await run.runDue()).toEqual({ claimed: 1, fired: 0, retrying: 1, failed: 0 });
    [first] = await deadlinesOf(kind);
    expect(first).toMatchObject({ status: 'pending', attempts: 2 });
    expect(first!.dueAt).toEqual(new Date(ctx.clock.now().getTime() + 60_000));

    ctx.clock.advance(60_000);
    expect(await run.runDue()).toEqual({ claimed: 1, fired: 0, retrying: 0, failed: 1 });
    [first] = await deadlinesOf(kind);
    expect(first).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'carrier API said no',
      firedAt: null,
    });

    ctx.clock.advance(60 * MINUTE);
    expect((await run.runDue()).claimed).toBe(0);
    expect(await firedSubjects(kind)).toEqual([2]);
  });

  it('fails a handler that swallowed a database error, and still fires the others', async () => {
    const kind = 'test.swallow';
    const swallows: DeadlineHandler = async (tx, deadline, fire) => {
      await record(tx, deadline, fire);
      // Catching a failed statement without a savepoint leaves the transaction aborted.
      if (deadline.subjectId === 1) await sql`select 1 / 0`.execute(tx).catch(() => {});
    };
    for (const subject of [1, 2, 3]) await schedule(kind, subject, inMinutes(0));

    expect(await runner({ [kind]: swallows }).runDue()).toEqual({
      claimed: 3,
      fired: 2,
      retrying: 1,
      failed: 0,
    });
    expect(await firedSubjects(kind)).toEqual([2, 3]);
    const [first] = await deadlinesOf(kind);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    expect(first!.lastError).toMatch(/aborted/);
  });

  it('lets another runner fire the deadlines of a runner whose connection died mid-batch', async () => {
    const kind = 'test.crash';
    await schedule(kind, 1, inMinutes(0));
    const doomed = connect(ctx.dbUrl, { max: 1, applicationName: 'deadline-runner-doomed' });
    extraPools.push(doomed);
    // pg emits a dead checked-out connection's error on the client; without a listener that would
    // crash the test process instead of failing the runner's transaction.
    doomed.pool.on('connect', (client) => client.on('error', () => {}));
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let proceed!: () => void;
    const gate = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    const stuck: DeadlineHandler = async (tx, deadline, fire) => {
      await record(tx, deadline, fire);
      entered();
      await gate;
    };
    const first = new DeadlineRunner({
      db: doomed.db,
      clock: ctx.clock,
      handlers: { [kind]: stuck },
      log: ctx.log,
    });
    const firstRun = first.runDue();
    await inHandler;

    // While the first runner holds the row, nobody else takes it.
    expect((await runner({ [kind]: record }).runDue()).claimed).toBe(0);
    // The process "crashes": its connection goes away before commit.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where application_name = 'deadline-runner-doomed'`.execute(ctx.db);
    proceed();
    await expect(firstRun).rejects.toThrow();

    expect(await runner({ [kind]: record }).runDue()).toMatchObject({ claimed: 1, fired: 1 });
    expect(await firedSubjects(kind)).toEqual([1]);
    expect(await deadlinesOf(kind)).toMatchObject([{ status: 'done', attempts: 0 }]);
  });
});

describe('polling loop', () => {
  it('fires due deadlines in the background and stops only after the batch in flight committed', async () => {
    const kind = 'test.loop';
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let proceed!: () => void;
    const gate = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    const slow: DeadlineHandler = async (tx, deadline, fire) => {
      await record(tx, deadline, fire);
      entered();
      await gate;
    };
    const loop = runner({ [kind]: slow }, { pollIntervalMs: 10 });
    loop.start();
    await schedule(kind, 1, inMinutes(0));
    await inHandler;

    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    proceed();
    await stopping;
    expect(await deadlinesOf(kind)).toMatchObject([{ status: 'done' }]);
    expect(await firedSubjects(kind)).toEqual([1]);

    // Stopped means stopped: a new due deadline stays pending.
    await schedule(kind, 2, inMinutes(0));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await firedSubjects(kind)).toEqual([1]);
  });
});
