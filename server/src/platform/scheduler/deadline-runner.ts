import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db.ts';
import { PollingLoop } from '../polling-loop.ts';
import { retryDelayMs } from './retry-delay.rule.ts';

/** A due deadline, as its handler sees it. */
export interface Deadline {
  id: number;
  kind: string;
  subjectId: number;
  dueAt: Date;
  /** Failed runs before this one. */
  attempts: number;
}

export interface DeadlineLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DeadlineFireContext {
  /** The runner's clock time for this batch: the handler's "now". */
  now: Date;
  log: DeadlineLogger;
}

/**
 * Does the default action of a deadline inside the runner's transaction, which also marks it done:
 * both commit together or not at all. It must re-check the subject's state (the business may have
 * moved on without cancelling), and must not reach outside the database (that would not roll back).
 */
export type DeadlineHandler = (tx: Tx, deadline: Deadline, ctx: DeadlineFireContext) => Promise<void>;

/** Handlers by deadline kind, passed explicitly to the runner (see src/deadlines.ts). */
export type DeadlineHandlers = Readonly<Record<string, DeadlineHandler>>;

/**
 * Does the default action of many due deadlines of one kind at once (set-based), inside the runner's
 * transaction, which also marks them done: all commit together or not at all. Same duties as a
 * `DeadlineHandler` (re-check each subject's state, stay inside the database). Returns the deadlines it
 * leaves to the kind's per-deadline handler (cases it does not do set-based), in the order to fire them.
 * When it throws, its writes are undone and the per-deadline handler fires each deadline on its own.
 */
export type DeadlineBatchHandler = (
  tx: Tx,
  deadlines: readonly Deadline[],
  ctx: DeadlineFireContext,
) => Promise<readonly Deadline[]>;

/** Batch handlers by deadline kind; each kind also has its per-deadline handler in `DeadlineHandlers`. */
export type DeadlineBatchHandlers = Readonly<Record<string, DeadlineBatchHandler>>;

export interface DeadlineRunnerOptions {
  db: Db;
  clock: Clock;
  handlers: DeadlineHandlers;
  /** Kinds fired set-based, a whole claimed batch of the kind in one call (their `handlers` entry is the fallback). */
  batchHandlers?: DeadlineBatchHandlers;
  log: DeadlineLogger;
  /**
   * Deadlines claimed per transaction (default 50). Each one is a subtransaction; past 64 in one
   * transaction PostgreSQL's subtransaction cache overflows and slows every other session's snapshots.
   */
  batchSize?: number;
  /**
   * Deadlines of batch-handled kinds claimed per transaction (default 500): one savepoint covers the
   * batch handler's call, so the subtransaction limit above does not apply.
   */
  manyBatchSize?: number;
  /** Pause of the polling loop after a batch that was not full (default 250 ms). */
  pollIntervalMs?: number;
  /** Failed runs after which a deadline turns 'failed' (default 5). */
  maxAttempts?: number;
}

export interface DeadlineRunCounts {
  claimed: number;
  fired: number;
  /** Handler failed; the deadline is pending again, later. */
  retrying: number;
  /** Handler failed for the last allowed time; the deadline is 'failed'. */
  failed: number;
}

const ERROR_TEXT_LIMIT = 2_000;

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.slice(0, ERROR_TEXT_LIMIT);
}

/**
 * Fires due deadlines exactly once, across any number of processes. Each batch is one transaction:
 * claim with FOR UPDATE SKIP LOCKED (other runners skip these rows), mark them done, run each kind's
 * batch handler under one savepoint and every other handler under its own, commit. A process that
 * dies mid-batch rolls back, and another runner claims the rows again.
 */
export class DeadlineRunner {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly handlers: ReadonlyMap<string, DeadlineHandler>;
  private readonly batchHandlers: ReadonlyMap<string, DeadlineBatchHandler>;
  private readonly log: DeadlineLogger;
  private readonly batchSize: number;
  private readonly manyBatchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxAttempts: number;
  private readonly polling: PollingLoop;

  constructor(options: DeadlineRunnerOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.handlers = new Map(Object.entries(options.handlers));
    this.batchHandlers = new Map(Object.entries(options.batchHandlers ?? {}));
    for (const kind of this.batchHandlers.keys())
      if (!this.handlers.has(kind))
        throw new Error(`DeadlineRunner: batch kind ${kind} needs its per-deadline handler`);
    this.log = options.log;
    this.batchSize = positiveInteger('batchSize', options.batchSize ?? 50);
    this.manyBatchSize = positiveInteger('manyBatchSize', options.manyBatchSize ?? 500);
    this.pollIntervalMs = positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 250);
    this.maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? 5);
    this.polling = new PollingLoop(
      () => this.runDue(),
      this.pollIntervalMs,
      (err) => this.log.error({ err }, 'running due deadlines failed'),
    );
  }

  /** Fires every deadline due by the clock, batch after batch, and returns what happened. */
  async runDue(): Promise<DeadlineRunCounts> {
    const total: DeadlineRunCounts = { claimed: 0, fired: 0, retrying: 0, failed: 0 };
    for (;;) {
      const { full, ...batch } = await this.runBatch();
      total.claimed += batch.claimed;
      total.fired += batch.fired;
      total.retrying += batch.retrying;
      total.failed += batch.failed;
      if (!full || this.polling.stopping) return total;
    }
  }

  /** Polls in the background until `stop()`; a failing poll is logged and tried again next time. */
  start(): void {
    this.polling.start();
  }

  /** Ends the polling loop after the batch in flight has committed (or rolled back). */
  stop(): Promise<void> {
    return this.polling.stop();
  }

  private async runBatch(): Promise<DeadlineRunCounts & { full: boolean }> {
    const counts = { claimed: 0, fired: 0, retrying: 0, failed: 0, full: false };
    // Kinds without a handler here stay pending for a process that knows them (e.g. during a deploy).
    const manyKinds = [...this.batchHandlers.keys()];
    const singleKinds = [...this.handlers.keys()].filter((kind) => !this.batchHandlers.has(kind));
    if (manyKinds.length === 0 && singleKinds.length === 0) return counts;
    const now = this.clock.now();
    const fireContext: DeadlineFireContext = { now, log: this.log };

    await this.db.transaction().execute(async (tx) => {
      const claimed = await this.claim(tx, now, singleKinds, manyKinds);
      counts.claimed = claimed.length;
      counts.full =
        claimed.filter((d) => this.batchHandlers.has(d.kind)).length >= this.manyBatchSize ||
        claimed.filter((d) => !this.batchHandlers.has(d.kind)).length >= this.batchSize;
      claimed.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);

      // Batch kinds first, one call per kind under one savepoint; what they leave (or all of them, when
      // the call fails) joins the deadlines fired one by one.
      const one: Deadline[] = claimed.filter((d) => !this.batchHandlers.has(d.kind));
      for (const [kind, handler] of this.batchHandlers) {
        const ofKind = claimed.filter((d) => d.kind === kind);
        if (ofKind.length === 0) continue;
        await sql`savepoint deadline_batch`.execute(tx);
        try {
          const left = await handler(tx, ofKind, fireContext);
          await sql`release savepoint deadline_batch`.execute(tx);
          counts.fired += ofKind.length - left.length;
          one.push(...left);
        } catch (err) {
          await sql`rollback to savepoint deadline_batch`.execute(tx);
          await sql`release savepoint deadline_batch`.execute(tx);
          this.log.warn(
            { kind, deadlines: ofKind.length, err },
            'batch deadline handler failed; firing one by one',
          );
          one.push(...ofKind);
        }
      }
      // One savepoint each below: past `batchSize` of them the rest go back, untouched, to the next batch.
      const later = one.splice(this.batchSize);
      if (later.length > 0) {
        await sql`update deadlines set status = 'pending', fired_at = null
                  where id = any(${later.map((d) => d.id)}::bigint[])`.execute(tx);
        counts.claimed -= later.length;
        counts.full = true;
      }
      await this.fireOneByOne(tx, one, fireContext, counts);
    });
    return counts;
  }

  /**
   * Claims due deadlines with FOR UPDATE SKIP LOCKED (other runners skip these rows) and marks them
   * done up front, so a handler may schedule the next deadline of its own kind and subject; a failing
   * handler puts its row back. Nothing is visible to others before commit.
   */
  private async claim(tx: Tx, now: Date, singleKinds: string[], manyKinds: string[]): Promise<Deadline[]> {
    const result = await sql<Deadline>`
      with single as (
        select id from deadlines
        where status = 'pending' and due_at <= ${now} and kind = any(${singleKinds}::text[])
        order by due_at limit ${this.batchSize} for update skip locked),
      many as (
        select id from deadlines
        where status = 'pending' and due_at <= ${now} and kind = any(${manyKinds}::text[])
        order by due_at limit ${this.manyBatchSize} for update skip locked)
      update deadlines set status = 'done', fired_at = ${now}
      where id in (select id from single union all select id from many) and status = 'pending'
      returning id, kind, subject_id, due_at, attempts`.execute(tx);
    return result.rows;
  }

  private async fireOneByOne(
    tx: Tx,
    deadlines: readonly Deadline[],
    fireContext: DeadlineFireContext,
    counts: DeadlineRunCounts,
  ): Promise<void> {
    // One savepoint per deadline: a failing handler undoes only its own writes. Releasing one and
    // opening the next share a round trip (no parameters, so pg sends both statements at once).
    let savepointOpen = false;
    for (const [index, deadline] of deadlines.entries()) {
      const handler = this.handlers.get(deadline.kind)!;
      const more = index < deadlines.length - 1;
      if (!savepointOpen) await sql`savepoint deadline_fire`.execute(tx);
      try {
        await handler(tx, deadline, fireContext);
        await sql
          .raw(
            more
              ? 'release savepoint deadline_fire; savepoint deadline_fire'
              : 'release savepoint deadline_fire',
          )
          .execute(tx);
        savepointOpen = more;
        counts.fired += 1;
      } catch (err) {
        await sql`rollback to savepoint deadline_fire`.execute(tx);
        await sql`release savepoint deadline_fire`.execute(tx);
        savepointOpen = false;
        const givesUp = await this.recordFailure(tx, deadline, fireContext.now, err);
        if (givesUp) counts.failed += 1;
        else counts.retrying += 1;
      }
    }
  }

  /** Puts a deadline back with a later due time, or fails it for good. Returns true when it gave up. */
  private async recordFailure(tx: Tx, deadline: Deadline, now: Date, err: unknown): Promise<boolean> {
    const attempts = deadline.attempts + 1;
    const givesUp = attempts >= this.maxAttempts;
    const lastError = errorText(err);
    await tx
      .updateTable('deadlines')
      .set({
        status: givesUp ? 'failed' : 'pending',
        attempts,
        lastError,
        firedAt: null,
        dueAt: givesUp ? deadline.dueAt : new Date(now.getTime() + retryDelayMs(attempts)),
      })
      .where('id', '=', deadline.id)
      .execute();
    const details = {
      deadlineId: deadline.id,
      kind: deadline.kind,
      subjectId: deadline.subjectId,
      attempts,
      err,
    };
    if (givesUp) this.log.error(details, 'deadline handler failed for the last time; deadline marked failed');
    else this.log.warn(details, 'deadline handler failed; will retry');
    return givesUp;
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`DeadlineRunner ${name} must be a positive integer`);
  return value;
}
