import { sql } from 'kysely';
import type { Webhook } from 'standardwebhooks';
import type { Clock } from '../../../platform/clock.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import { webhookAttemptSeconds, webhookAttempts } from '../../../platform/metrics.ts';
import { assertTransition } from '../../../platform/state-machine.ts';
import { deliveryTransitions } from '../delivery.machine.ts';
import { endpointTransitions } from '../endpoint.machine.ts';
import type { DeliveryState } from '../webhooks.tables.ts';
import { envelopeBody, signingSecrets, webhookHeaders } from './envelope.ts';
import { errorText, httpSender } from './http-sender.ts';
import { afterFailedAttempt, endpointIsFailing, isSuccessStatus } from './retry-schedule.rule.ts';

export interface DeliveryLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What one HTTP attempt came to. */
export interface AttemptOutcome {
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/** Sends one webhook: the engine's only way out of the process (tests may replace it). */
export type WebhookSender = (
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) => Promise<AttemptOutcome>;

export interface DeliveryEngineOptions {
  db: Db;
  /** Business time: what is due, leases, the retry schedule, secret expiry. */
  clock: Clock;
  /**
   * Wall time for `webhook-timestamp` (receivers compare it with their own clock; default the
   * system clock, also when `clock` is a test's manual clock).
   */
  signingClock?: Clock;
  log: DeliveryLogger;
  /** Deliveries claimed per batch (default 256). */
  batchSize?: number;
  /** Requests in flight at once (default 32). */
  concurrency?: number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** Added to the longest a batch can take, for its lease (default 30 s). */
  leaseSlackMs?: number;
  /**
   * Whether receivers may be in private networks (XINREN_WEBHOOKS_PRIVATE_NETWORKS=allow); default
   * false: a receiver resolving to a private address fails its attempt (http-sender.ts).
   */
  allowPrivateNetworks?: boolean;
  send?: WebhookSender;
}

export interface DeliveryCounts {
  /** Deliveries attempted in this batch. */
  attempted: number;
  succeeded: number;
  /** Failed attempts that will be retried. */
  retrying: number;
  /** Failed attempts after which the delivery gave up. */
  gaveUp: number;
  /** Deliveries whose lease had expired (their deliverer stopped), put back to retry. */
  recovered: number;
  /** Endpoints disabled as failing. */
  endpointsDisabled: number;
}

interface ClaimedDelivery {
  id: number;
  endpointId: number;
  attempts: number;
  firstAttemptAt: Date;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  eventId: string;
  type: string | null;
  version: number | null;
  occurredAt: Date | null;
  shopId: number | null;
  data: unknown;
}

interface AttemptResult extends AttemptOutcome {
  delivery: ClaimedDelivery;
  startedAt: Date;
  state: Extract<DeliveryState, 'succeeded' | 'retrying' | 'failed'>;
  nextAttemptAt: Date | null;
}

// The moves this file makes set-based, checked against the machines once.
assertTransition(deliveryTransitions, 'webhook delivery', 'pending', 'delivering');
assertTransition(deliveryTransitions, 'webhook delivery', 'retrying', 'delivering');
for (const to of ['succeeded', 'retrying', 'failed'] as const)
  assertTransition(deliveryTransitions, 'webhook delivery', 'delivering', to);
assertTransition(endpointTransitions, 'webhook endpoint', 'enabled', 'disabled');

/** Runs `work` over `items` with at most `limit` in flight. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * Attempts due deliveries, batch by batch. A batch: claim up to `batchSize` due deliveries (pending or
 * retrying, next_attempt_at reached, endpoint enabled and not deleted, no earlier open delivery of the
 * same endpoint and resource) with FOR UPDATE SKIP LOCKED, move them to `delivering` under a lease and
 * commit; POST them, `concurrency` at a time; then one transaction writes every attempt and every
 * delivery's next state (succeeded, retrying at the schedule's time, or failed after 3 days) and
 * disables endpoints that are failing. A process that dies mid-batch leaves its deliveries
 * `delivering`; when the lease expires another process puts them back to `retrying` and sends them
 * again with the same webhook-id (receivers drop the duplicate).
 */
export class DeliveryEngine {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly signingClock: Clock;
  private readonly log: DeliveryLogger;
  readonly batchSize: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly send: WebhookSender;

  constructor(options: DeliveryEngineOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.signingClock = options.signingClock ?? { now: () => new Date() };
    this.log = options.log;
    this.batchSize = options.batchSize ?? 256;
    this.concurrency = options.concurrency ?? 32;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // The longest a batch can take: its requests in waves of `concurrency`, each up to the timeout.
    this.leaseMs =
      this.timeoutMs * Math.ceil(this.batchSize / this.concurrency) + (options.leaseSlackMs ?? 30_000);
    this.send = options.send ?? httpSender(options.allowPrivateNetworks ?? false);
  }

  /** Claims, sends and records one batch. */
  async deliverBatch(): Promise<DeliveryCounts & { full: boolean }> {
    const counts = {
      attempted: 0,
      succeeded: 0,
      retrying: 0,
      gaveUp: 0,
      recovered: 0,
      endpointsDisabled: 0,
      full: false,
    };
    const now = this.clock.now();
    counts.recovered = await this.recoverExpiredLeases(now);
    const claimed = await this.claim(now);
    counts.attempted = claimed.length;
    counts.full = claimed.length >= this.batchSize;
    if (claimed.length === 0) return counts;

    const signers = new Map<string, Webhook>();
    const results: AttemptResult[] = [];
    await eachLimited(claimed, this.concurrency, async (delivery) => {
      const startedAt = this.clock.now();
      const outcome = await this.attempt(delivery, signers);
      results.push(this.resultOf(delivery, startedAt, outcome));
    });
    for (const r of results) {
      webhookAttemptSeconds.observe(r.latencyMs / 1000);
      const outcome = r.state === 'succeeded' ? 'succeeded' : r.state === 'retrying' ? 'failed' : 'gave_up';
      webhookAttempts.inc({ outcome });
      if (r.state === 'succeeded') counts.succeeded += 1;
      else if (r.state === 'retrying') counts.retrying += 1;
      else counts.gaveUp += 1;
    }
    counts.endpointsDisabled = await this.db.transaction().execute(async (tx) => {
      await this.record(tx, results);
      return this.disableFailing(tx, results, this.clock.now());
    });
    return counts;
  }

  private async attempt(delivery: ClaimedDelivery, signers: Map<string, Webhook>): Promise<AttemptOutcome> {
    if (delivery.type === null)
      return { statusCode: null, latencyMs: 0, responseExcerpt: null, error: 'event pruned' };
    const body = envelopeBody({
      eventId: delivery.eventId,
      type: delivery.type,
      version: delivery.version!,
      occurredAt: delivery.occurredAt!,
      shopId: delivery.shopId,
      data: delivery.data,
    });
    try {
      const headers = webhookHeaders(
        delivery.eventId,
        body,
        this.signingClock.now(),
        signingSecrets(delivery, this.clock.now()),
        signers,
      );
      return await this.send(delivery.url, headers, body, this.timeoutMs);
    } catch (err) {
      return { statusCode: null, latencyMs: 0, responseExcerpt: null, error: errorText(err) };
    }
  }

  private resultOf(delivery: ClaimedDelivery, startedAt: Date, outcome: AttemptOutcome): AttemptResult {
    if (isSuccessStatus(outcome.statusCode))
      return { ...outcome, delivery, startedAt, state: 'succeeded', nextAttemptAt: null };
    const next =
      delivery.type === null
        ? ({ state: 'failed' } as const)
        : afterFailedAttempt(delivery.attempts, delivery.firstAttemptAt, this.clock.now());
    return {
      ...outcome,
      error: outcome.error ?? (outcome.statusCode === null ? null : `HTTP ${outcome.statusCode}`),
      delivery,
      startedAt,
      state: next.state,
      nextAttemptAt: next.state === 'retrying' ? next.nextAttemptAt : null,
    };
  }

  /**
   * Deliveries still `delivering` after their lease (their process died or hung) go back to
   * `retrying`, due now; the lost attempt is logged without an answer.
   */
  private async recoverExpiredLeases(now: Date): Promise<number> {
    const result = await sql<{ n: number }>`
      with expired as (
        select id from webhook_deliveries
        where state = 'delivering' and lease_until <= ${now}
        order by id
        limit 1000
        for update skip locked),
      moved as (
        update webhook_deliveries d
        set state = 'retrying', lease_until = null, next_attempt_at = ${now},
            last_status_code = null, last_error = 'no answer recorded: the delivering process stopped'
        from expired x where d.id = x.id and d.state = 'delivering'
        returning d.id, d.attempts),
      logged as (
        insert into webhook_attempts (delivery_id, attempt, started_at, status_code, latency_ms, error)
        select id, greatest(attempts, 1), ${now}, null, 0, 'no answer recorded: the delivering process stopped'
        from moved
        returning 1)
      select count(*)::int as n from logged`.execute(this.db);
    const n = result.rows[0]!.n;
    if (n > 0) this.log.warn({ deliveries: n }, 'webhook deliveries with an expired lease put back to retry');
    return n;
  }

  /** Claims due deliveries (own transaction, committed before any request is sent). */
  private async claim(now: Date): Promise<ClaimedDelivery[]> {
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    // One ordered index scan per state (webhook_deliveries_due is (state, next_attempt_at)), each
    // stopping at the batch size, instead of sorting every due row of both states on each claim.
    const candidates = (state: 'pending' | 'retrying') => sql`
        select d.id, d.next_attempt_at from webhook_deliveries d
        join webhook_endpoints e on e.id = d.endpoint_id
        where d.state = ${sql.lit(state)} and d.next_attempt_at <= ${now}
          and e.state = 'enabled' and e.deleted_at is null
          and not exists (
            select 1 from webhook_deliveries p
            where p.endpoint_id = d.endpoint_id and p.resource = d.resource
              and p.state in ('pending', 'retrying', 'delivering')
              and (p.outbox_id < d.outbox_id or (p.outbox_id = d.outbox_id and p.id < d.id)))
        order by d.next_attempt_at, d.id
        limit ${this.batchSize}
        for update of d skip locked`;
    const result = await sql<ClaimedDelivery>`
      with pending as (${candidates('pending')}),
      retrying as (${candidates('retrying')}),
      due as (
        select id from (select * from pending union all select * from retrying) c
        order by next_attempt_at, id
        limit ${this.batchSize}),
      claimed as (
        update webhook_deliveries d
        set state = 'delivering', attempts = d.attempts + 1, lease_until = ${leaseUntil},
            first_attempt_at = coalesce(d.first_attempt_at, ${now})
        from due where d.id = due.id and d.state in ('pending', 'retrying')
        returning d.id, d.endpoint_id, d.outbox_id, d.event_id, d.attempts, d.first_attempt_at)
      select c.id, c.endpoint_id, c.attempts, c.first_attempt_at, c.event_id,
             e.url, e.secret, e.previous_secret, e.previous_secret_expires_at,
             o.type, o.version, o.occurred_at, o.shop_id, o.data
      from claimed c
      join webhook_endpoints e on e.id = c.endpoint_id
      left join outbox_events o on o.id = c.outbox_id
      order by c.id`.execute(this.db);
    return result.rows;
  }

  /** Every attempt of the batch and every delivery's next state, in two statements. */
  private async record(tx: Tx, results: readonly AttemptResult[]): Promise<void> {
    const now = this.clock.now();
    const column = <T>(pick: (r: AttemptResult) => T) => results.map(pick);
    await sql`
      with r as (
        select * from unnest(
          ${column((r) => r.delivery.id)}::bigint[], ${column((r) => r.delivery.attempts)}::int[],
          ${column((r) => r.state)}::text[], ${column((r) => r.nextAttemptAt?.toISOString() ?? null)}::timestamptz[],
          ${column((r) => r.statusCode)}::int[], ${column((r) => r.latencyMs)}::int[],
          ${column((r) => r.responseExcerpt)}::text[], ${column((r) => r.error)}::text[],
          ${column((r) => r.startedAt.toISOString())}::timestamptz[])
          as r(id, attempt, state, next_at, status_code, latency_ms, excerpt, error, started_at)),
      moved as (
        update webhook_deliveries d
        set state = r.state, lease_until = null, next_attempt_at = coalesce(r.next_at, d.next_attempt_at),
            delivered_at = case when r.state = 'succeeded' then ${now}::timestamptz else d.delivered_at end,
            last_status_code = r.status_code, last_latency_ms = r.latency_ms,
            last_error = r.error, last_response_excerpt = r.excerpt
        from r
        -- the claim's attempt number is its token: a delivery whose lease expired and was claimed again
        -- is the other process's now
        where d.id = r.id and d.state = 'delivering' and d.attempts = r.attempt
        returning 1)
      insert into webhook_attempts (delivery_id, attempt, started_at, status_code, latency_ms, response_excerpt, error)
      select id, attempt, started_at, status_code, latency_ms, excerpt, error from r`.execute(tx);
  }

  /** Disables (reason failing) the endpoints of deliveries that gave up, unless one of their deliveries succeeded since. */
  private async disableFailing(tx: Tx, results: readonly AttemptResult[], now: Date): Promise<number> {
    const gaveUp = new Map<number, Date>();
    for (const r of results) {
      if (r.state !== 'failed') continue;
      const earlier = gaveUp.get(r.delivery.endpointId);
      if (!earlier || r.delivery.firstAttemptAt < earlier)
        gaveUp.set(r.delivery.endpointId, r.delivery.firstAttemptAt);
    }
    if (gaveUp.size === 0) return 0;
    const lastSuccess = await sql<{ endpointId: number; at: Date | null }>`
      select e.id as endpoint_id,
             (select max(d.delivered_at) from webhook_deliveries d
              where d.endpoint_id = e.id and d.state = 'succeeded') as at
      from webhook_endpoints e where e.id = any(${[...gaveUp.keys()]}::bigint[])`.execute(tx);
    const failing = lastSuccess.rows
      .filter((row) => endpointIsFailing(gaveUp.get(row.endpointId)!, row.at))
      .map((row) => row.endpointId);
    if (failing.length === 0) return 0;
    const disabled = await tx
      .updateTable('webhookEndpoints')
      .set({ state: 'disabled', disabledReason: 'failing', updatedAt: now })
      .where('id', 'in', failing)
      .where('state', '=', 'enabled')
      .returning('id')
      .execute();
    if (disabled.length > 0)
      this.log.warn(
        { endpoints: disabled.map((e) => e.id) },
        'webhook endpoints disabled: failing for 3 days',
      );
    return disabled.length;
  }
}
