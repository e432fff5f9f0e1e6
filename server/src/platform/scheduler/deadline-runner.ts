import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db.ts';
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

export interface DeadlineRunnerOptions {
  db: Db;
  clock: Clock;
  handlers: DeadlineHandlers;
  log: DeadlineLogger;
  /**
   * Deadlines claimed per transaction (default 50). Each one is a subtransaction; past 64 in one
   * transaction PostgreSQL's subtransaction cache overflows and slows every other session's snapshots.
   */
  batchSize?: number;
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
 * claim with FOR UPDATE SKIP LOCKED (other runners skip these rows), mark them done, run each handler
 * under a savepoint, commit. A process that dies mid-batch rolls back, and another runner claims the
 * rows again.
 */
export class DeadlineRunner {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly handlers: ReadonlyMap<string, DeadlineHandler>;
  private readonly log: DeadlineLogger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxAttempts: number;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(options: DeadlineRunnerOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.handlers = new Map(Object.entries(options.handlers));
    this.log = options.log;
    this.batchSize = positiveInteger('batchSize', options.batchSize ?? 50);
    this.pollIntervalMs = positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 250);
    this.maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? 5);
  }

  /** Fires every deadline due by the clock, batch after batch, and returns what happened. */
  async runDue(): Promise<DeadlineRunCounts> {
    const total: DeadlineRunCounts = { claimed: 0, fired: 0, retrying: 0, failed: 0 };
    for (;;) {
      const batch = await this.runBatch();
      total.claimed += batch.claimed;
      total.fired += batch.fired;
      total.retrying += batch.retrying;
      total.failed += batch.failed;
      if (batch.claimed < this.batchSize || this.stopping) return total;
    }
  }

  /** Polls in the background until `stop()`; a failing poll is logged and tried again next time. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.poll();
  }

  /** Ends the polling loop after the batch in flight has committed (or rolled back). */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    this.stopping = false;
  }

  private async poll(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.runDue();
      } catch (err) {
        this.log.error({ err }, 'running due deadlines failed');
      }
      if (this.stopping) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async runBatch(): Promise<DeadlineRunCounts> {
    const counts: DeadlineRunCounts = { claimed: 0, fired: 0, retrying: 0, failed: 0 };
    // Kinds without a handler here stay pending for a process that knows them (e.g. during a deploy).
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return counts;
    const now = this.clock.now();
    const fireContext: DeadlineFireContext = { now, log: this.log };

    await this.db.transaction().execute(async (tx) => {
      // Marked done up front, so a handler may schedule the next deadline of its own kind and subject;
      // a failing handler puts its row back below. Nothing is visible to others before commit.
      const claimed = await tx
        .updateTable('deadlines')
        .set({ status: 'done', firedAt: now })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('deadlines')
            .select('id')
            .where('status', '=', 'pending')
            .where('dueAt', '<=', now)
            .where('kind', 'in', kinds)
            .orderBy('dueAt')
            .limit(this.batchSize)
            .forUpdate()
            .skipLocked(),
        )
        .where('status', '=', 'pending')
        .returning(['id', 'kind', 'subjectId', 'dueAt', 'attempts'])
        .execute();
      counts.claimed = claimed.length;
      claimed.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);

      // One savepoint per deadline: a failing handler undoes only its own writes. Releasing one and
      // opening the next share a round trip (no parameters, so pg sends both statements at once).
      let savepointOpen = false;
      for (const [index, deadline] of claimed.entries()) {
        const handler = this.handlers.get(deadline.kind)!;
        const more = index < claimed.length - 1;
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
          const givesUp = await this.recordFailure(tx, deadline, now, err);
          if (givesUp) counts.failed += 1;
          else counts.retrying += 1;
        }
      }
    });
    return counts;
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
