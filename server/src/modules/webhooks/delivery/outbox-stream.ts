import {
  AckPolicy,
  type Consumer,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { DAY, MINUTE } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db.ts';
import { NATS_PREFIX, type NatsConnection } from '../../../platform/nats.ts';
import type { DeliveryLogger } from './deliver.ts';
import { type DispatchCounts, dispatchEvents } from './dispatch.ts';
import { webhookEnvelope } from './envelope.ts';

/** The outbox stream's durable consumer (docs/webhooks.md "With NATS"). */
export const WEBHOOKS_CONSUMER = 'webhooks';

export interface OutboxStreamOptions {
  /** The stream's name (default from the prefix: XINREN_OUTBOX; tests sharing a NATS server use their own). */
  streamName?: string;
  /** Subjects are `<prefix>.outbox.<type>` (default `xinren`). */
  subjectPrefix?: string;
  /** Events published per relay transaction, and stream messages fanned out per transaction (default 500). */
  batchSize?: number;
  /** How long an unacknowledged message waits before the stream redelivers it (default 30 s). */
  ackWaitMs?: number;
  /** How long to wait for a PubAck (default 5 s). */
  publishTimeoutMs?: number;
}

/** One stream message: the envelope receivers get, with the outbox row's id and resource. */
export interface OutboxStreamMessage {
  outboxId: number;
  resource: string;
  id: string;
  type: string;
  version: number;
  timestamp: string;
  shopId: number | null;
  data: unknown;
}

interface UnrelayedEvent {
  id: number;
  eventId: string;
  type: string;
  version: number;
  shopId: number | null;
  resource: string;
  occurredAt: Date;
  data: unknown;
}

/** The subject of an event type: `xinren.outbox.order.paid` (types are lower-case words and dots). */
export function outboxSubject(prefix: string, type: string): string {
  return `${prefix}.outbox.${type}`;
}

/**
 * The outbox stream of a deployment whose subjects start with `prefix` (NATS_SUBJECT_PREFIX): deployments
 * sharing a NATS server get a stream each. `xinren` → XINREN_OUTBOX.
 */
export function outboxStreamName(prefix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_OUTBOX`;
}

/** The stream options of a process: its deployment's subject prefix (NATS_SUBJECT_PREFIX) when one is set. */
export function outboxStreamOptions(subjectPrefix: string | undefined): OutboxStreamOptions {
  return subjectPrefix ? { subjectPrefix } : {};
}

/** The outbox row id of a stream message, or undefined when the message is not one of ours. */
export function outboxIdOf(body: string): number | undefined {
  try {
    const id = (JSON.parse(body) as Partial<OutboxStreamMessage>).outboxId;
    return Number.isSafeInteger(id) && id! > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

export interface RelayCounts {
  /** Events published (PubAck received) and marked relayed. */
  relayed: number;
  /** Of those, the ones the stream already held (a relay that died before its mark; msgID dedupe). */
  duplicates: number;
}

export interface StreamBacklog {
  /** Outbox events not yet in the stream (counted up to 100000). */
  unrelayed: number;
  /** Seconds since the oldest of them was written (0 when none). */
  relayLagSeconds: number;
  /** Stream messages the `webhooks` consumer has not acknowledged (not yet delivered + in flight); undefined while NATS does not answer. */
  streamPending: number | undefined;
}

/**
 * The outbox over NATS JetStream. A relay publishes committed, unrelayed outbox events in id order to
 * the stream (msgID = event id: the stream drops a republished event within its duplicate window),
 * waits for every PubAck and marks them relayed, in one transaction under a transaction-scoped
 * advisory lock (one relay at a time, so the stream holds events in id order). The durable pull
 * consumer `webhooks` (explicit acks) hands messages to `consumeBatch`, which fans them out into
 * deliveries with the polling path's own statement (dispatch.ts), skipping events already dispatched,
 * and acknowledges them after the commit. The consumer lets at most one batch be unacknowledged
 * (max_ack_pending): batches from several workers fan out one after the other in stream order, and a
 * batch whose worker died is redelivered before anything after it.
 */
export class OutboxStream {
  readonly streamName: string;
  readonly subjectPrefix: string;
  readonly batchSize: number;
  private readonly ackWaitMs: number;
  private readonly publishTimeoutMs: number;
  private readonly js: JetStreamClient;
  private jsm: JetStreamManager | undefined;
  private consumer: Consumer | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly db: Db,
    private readonly log: DeliveryLogger,
    options: OutboxStreamOptions = {},
  ) {
    this.subjectPrefix = options.subjectPrefix ?? NATS_PREFIX;
    this.streamName = options.streamName ?? outboxStreamName(this.subjectPrefix);
    this.batchSize = options.batchSize ?? 500;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5_000;
    this.js = jetstream(nc, { timeout: this.publishTimeoutMs });
  }

  /**
   * Creates the stream and its consumer, or brings an existing one to this configuration (any
   * process may, at any time: the same configuration twice changes nothing). File storage; events
   * kept 7 days (as the outbox keeps them); a 10-minute duplicate window.
   */
  async ensure(): Promise<void> {
    this.jsm ??= await jetstreamManager(this.nc, { timeout: this.publishTimeoutMs });
    const config = {
      subjects: [`${this.subjectPrefix}.outbox.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_age: nanos(7 * DAY),
      duplicate_window: nanos(10 * MINUTE),
    };
    const exists = await this.jsm.streams.info(this.streamName).then(
      () => true,
      () => false,
    );
    if (exists) await this.jsm.streams.update(this.streamName, config);
    else await this.jsm.streams.add({ name: this.streamName, ...config });
    const consumerConfig = {
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(this.ackWaitMs),
      // redelivered until it is fanned out: the fan-out fails only while the database does
      max_deliver: -1,
      max_ack_pending: this.batchSize,
    };
    const consumerExists = await this.jsm.consumers.info(this.streamName, WEBHOOKS_CONSUMER).then(
      () => true,
      () => false,
    );
    if (consumerExists) await this.jsm.consumers.update(this.streamName, WEBHOOKS_CONSUMER, consumerConfig);
    else
      await this.jsm.consumers.add(this.streamName, {
        durable_name: WEBHOOKS_CONSUMER,
        deliver_policy: DeliverPolicy.All,
        ...consumerConfig,
      });
    this.consumer = await this.js.consumers.get(this.streamName, WEBHOOKS_CONSUMER);
  }

  /**
   * Publishes the oldest `batchSize` unrelayed events (committed, neither relayed nor dispatched) and
   * marks them relayed once every PubAck is back. A failed publish rolls the batch back: its events
   * stay unrelayed and go again next time (those the stream got are dropped as duplicates). Returns
   * zeros when another process is relaying.
   */
  relayBatch(now: Date): Promise<RelayCounts> {
    return this.db.transaction().execute(async (tx) => {
      const locked = await sql<{ ok: boolean }>`
        select pg_try_advisory_xact_lock(hashtextextended('xinren.webhooks.relay', 0)) as ok`.execute(tx);
      if (!locked.rows[0]!.ok) return { relayed: 0, duplicates: 0 };
      // the partial index of undispatched rows (0108) serves this; relayed rows in it are few (0115)
      const { rows } = await sql<UnrelayedEvent>`
        select id, event_id, type, version, shop_id, resource, occurred_at, data from outbox_events
        where dispatched_at is null and relayed_at is null
        order by id
        limit ${this.batchSize}`.execute(tx);
      if (rows.length === 0) return { relayed: 0, duplicates: 0 };
      // one connection, published in id order: the stream's sequence follows the outbox's ids
      const acks = await Promise.all(
        rows.map((event) => {
          const message: OutboxStreamMessage = {
            outboxId: event.id,
            resource: event.resource,
            ...webhookEnvelope(event),
          };
          return this.js.publish(outboxSubject(this.subjectPrefix, event.type), JSON.stringify(message), {
            msgID: event.eventId,
            timeout: this.publishTimeoutMs,
          });
        }),
      );
      if (acks.some((ack) => ack.stream !== this.streamName))
        throw new Error(`outbox events were stored by a stream other than ${this.streamName}`);
      await sql`
        update outbox_events set relayed_at = ${now}
        where id = any(${rows.map((r) => r.id)}::bigint[])`.execute(tx);
      return { relayed: rows.length, duplicates: acks.filter((ack) => ack.duplicate).length };
    });
  }

  /**
   * Fetches up to one batch of the consumer's messages, fans their events out in one transaction and
   * acknowledges them after it commits. A message whose event is already dispatched (redelivered after
   * a crash or an ack timeout) adds nothing and is acknowledged too; a failed transaction leaves the
   * batch unacknowledged (redelivered after the ack wait). Returns how many messages came and what
   * they made.
   */
  async consumeBatch(now: Date): Promise<DispatchCounts & { messages: number }> {
    if (!this.consumer) await this.ensure();
    const consumer = this.consumer!;
    const info = await consumer.info();
    // a fetch waits its whole expiry (at least 1 s) for messages that are not there: ask for no more
    // than are waiting, counting the unacknowledged ones (a dead worker's batch, redelivered after the
    // ack wait; while a live worker holds them the fetch waits its expiry and gets nothing)
    const waiting = info.num_pending + info.num_ack_pending;
    if (waiting === 0) return { events: 0, deliveries: 0, messages: 0 };
    const fetched = await consumer.fetch({
      max_messages: Math.min(this.batchSize, waiting),
      expires: 1_000,
    });
    const messages: JsMsg[] = [];
    for await (const m of fetched) messages.push(m);
    if (messages.length === 0) return { events: 0, deliveries: 0, messages: 0 };
    const ids: number[] = [];
    for (const m of messages) {
      const id = outboxIdOf(m.string());
      if (id === undefined) {
        // not an outbox event (someone else published on our subjects): never redeliver it
        this.log.warn(
          { subject: m.subject, seq: m.seq },
          'outbox stream: a message without an outbox id dropped',
        );
        m.term();
      } else ids.push(id);
    }
    const counts = await this.db.transaction().execute((tx) => dispatchEvents(tx, ids, now));
    for (const m of messages) m.ack();
    await this.nc.flush();
    return { ...counts, messages: messages.length };
  }

  /** What waits: unrelayed events (and the oldest one's age) and unacknowledged stream messages. */
  async backlog(now: Date): Promise<StreamBacklog> {
    const { rows } = await sql<{ unrelayed: number; oldest: Date | null }>`
      select
        (select count(*) from (select 1 from outbox_events
          where dispatched_at is null and relayed_at is null limit 100000) u)::int as unrelayed,
        (select occurred_at from outbox_events where dispatched_at is null and relayed_at is null
          order by id limit 1) as oldest`.execute(this.db);
    const { unrelayed, oldest } = rows[0]!;
    const streamPending = await this.consumer?.info().then(
      (info) => info.num_pending + info.num_ack_pending,
      () => undefined,
    );
    return {
      unrelayed,
      relayLagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
      streamPending,
    };
  }

  /** Deletes the stream (tests, on their own stream). */
  async destroy(): Promise<void> {
    this.jsm ??= await jetstreamManager(this.nc);
    await this.jsm.streams.delete(this.streamName).catch(() => false);
  }
}
