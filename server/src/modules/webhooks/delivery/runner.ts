import type { Db } from '../../../platform/db.ts';
import type { NatsConnection } from '../../../platform/nats.ts';
import { PollingLoop } from '../../../platform/polling-loop.ts';
import { outboxRelayLagSeconds, outboxStreamPending, outboxUnrelayed } from '../webhooks.metrics.ts';
import {
  type DeliveryCounts,
  DeliveryEngine,
  type DeliveryEngineOptions,
  type DeliveryLogger,
} from './deliver.ts';
import { dispatchBatch } from './dispatch.ts';
import { OutboxStream, type OutboxStreamOptions } from './outbox-stream.ts';
import { type PruneCounts, pruneWebhooks } from './prune.ts';

export interface WebhookRunnerOptions extends DeliveryEngineOptions {
  db: Db;
  log: DeliveryLogger;
  /** Outbox events fanned out per transaction (default 500). */
  dispatchBatchSize?: number;
  /**
   * Delivery batches in flight at once (default 2): one lane's requests overlap the other's claim and
   * recording. Each lane claims with SKIP LOCKED; per-resource order holds across lanes.
   */
  lanes?: number;
  /** Pause of the polling loop when no batch was full (default 250 ms). */
  pollIntervalMs?: number;
  /** How often the polling loop prunes old events and deliveries (default hourly). */
  pruneEveryMs?: number;
  /**
   * With a NATS connection (NATS_URL) events reach deliveries through the JetStream outbox stream
   * (outbox-stream.ts, docs/webhooks.md "With NATS") instead of the polling fan-out.
   */
  nats?: NatsConnection;
  /** The stream's name, subject prefix, batch and timeouts (tests use their own stream). */
  stream?: OutboxStreamOptions;
}

export interface WebhookRunCounts extends DeliveryCounts {
  /** With NATS: outbox events published to the stream. */
  relayed: number;
  /** Outbox events fanned out. */
  dispatched: number;
  /** Deliveries those events made. */
  created: number;
}

/**
 * The webhook delivery engine of a process: fans outbox events out into deliveries and attempts the
 * due ones, batch after batch, until no batch is full; any number of processes may run it at once
 * (docs/webhooks.md "Delivery"). `start()` polls in the background; tests drive `runOnce()` on a
 * manual clock.
 */
export class WebhookRunner {
  private readonly db: Db;
  private readonly clock: DeliveryEngineOptions['clock'];
  private readonly log: DeliveryLogger;
  private readonly engine: DeliveryEngine;
  private readonly dispatchBatchSize: number;
  private readonly lanes: number;
  private readonly pollIntervalMs: number;
  private readonly pruneEveryMs: number;
  private lastPruneAt = 0;
  private readonly polling: PollingLoop;
  /** With NATS: the outbox stream; whether NATS is connected; whether the stream path is failing. */
  readonly stream: OutboxStream | undefined;
  /**
   * With NATS the relay and the consumer poll on their own loop: a fetch that waits for a batch another
   * worker holds (up to 1 s) never holds up this process's deliveries.
   */
  private readonly streamPolling: PollingLoop | undefined;
  private natsConnected = true;
  private streamFailing = false;
  private streamReady = false;
  private lastBacklogAt = 0;

  constructor(options: WebhookRunnerOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.log = options.log;
    this.engine = new DeliveryEngine(options);
    this.dispatchBatchSize = options.dispatchBatchSize ?? 500;
    this.lanes = options.lanes ?? 2;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.pruneEveryMs = options.pruneEveryMs ?? 3_600_000;
    this.polling = new PollingLoop(
      () => this.round(),
      this.pollIntervalMs,
      (err) => this.log.error({ err }, 'webhook delivery round failed'),
    );
    if (options.nats) {
      this.stream = new OutboxStream(options.nats, options.db, options.log, options.stream);
      this.streamPolling = new PollingLoop(
        () => this.streamLoopRound(),
        this.pollIntervalMs,
        (err) => this.log.error({ err }, 'outbox stream round failed'),
      );
      void this.watchNats(options.nats);
    }
  }

  /** Follows the connection's state: while NATS is away the stream path pauses (events wait in PostgreSQL). */
  private async watchNats(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        this.natsConnected = false;
        this.log.warn({}, 'NATS disconnected: the outbox relay pauses, events wait in PostgreSQL');
      } else if (status.type === 'reconnect') {
        this.natsConnected = true;
        this.log.warn({}, 'NATS reconnected: the outbox relay resumes');
      }
    }
  }

  private get stopping(): boolean {
    return this.polling.stopping || (this.streamPolling?.stopping ?? false);
  }

  /** Fans out every undispatched event and attempts every delivery due by the clock; returns the totals. */
  runOnce(): Promise<WebhookRunCounts> {
    return this.run(true);
  }

  /** `runOnce`, or (fanOut false) only the deliveries: the background loop's part when the stream fans out on its own. */
  private async run(fanOut: boolean): Promise<WebhookRunCounts> {
    const total: WebhookRunCounts = {
      relayed: 0,
      dispatched: 0,
      created: 0,
      attempted: 0,
      succeeded: 0,
      retrying: 0,
      gaveUp: 0,
      recovered: 0,
      endpointsDisabled: 0,
    };
    for (;;) {
      let more = false;
      if (fanOut && this.stream) more = await this.streamRound(this.stream, total);
      else if (fanOut)
        for (;;) {
          const fanned = await dispatchBatch(this.db, this.clock.now(), this.dispatchBatchSize);
          total.dispatched += fanned.events;
          total.created += fanned.deliveries;
          if (fanned.events < this.dispatchBatchSize || this.stopping) break;
          more = true;
        }
      const lane = async () => {
        for (;;) {
          const { full, ...delivered } = await this.engine.deliverBatch();
          for (const key of Object.keys(delivered) as (keyof DeliveryCounts)[]) total[key] += delivered[key];
          if (!full || this.stopping) return;
          more = true;
        }
      };
      await Promise.all(Array.from({ length: this.lanes }, lane));
      if (!more || this.stopping) return total;
    }
  }

  /**
   * The stream path's part of a round: relays every unrelayed event, then fans out every message the
   * consumer has. While NATS is away, or failing, it does nothing (deliveries already made go on) and
   * says so once; returns whether a batch was full.
   */
  private async streamRound(
    stream: OutboxStream,
    total: Pick<WebhookRunCounts, 'relayed' | 'dispatched' | 'created'>,
  ): Promise<boolean> {
    if (!this.natsConnected) return false;
    let more = false;
    try {
      if (!this.streamReady) {
        await stream.ensure();
        this.streamReady = true;
      }
      for (;;) {
        const relayed = await stream.relayBatch(this.clock.now());
        total.relayed += relayed.relayed;
        if (relayed.relayed < stream.batchSize || this.stopping) break;
        more = true;
      }
      for (;;) {
        const consumed = await stream.consumeBatch(this.clock.now());
        total.dispatched += consumed.events;
        total.created += consumed.deliveries;
        if (consumed.messages < stream.batchSize || this.stopping) break;
        more = true;
      }
      if (this.streamFailing) this.log.warn({}, 'outbox stream works again');
      this.streamFailing = false;
    } catch (err) {
      if (!this.streamFailing)
        this.log.error({ err }, 'outbox stream failing: events wait in PostgreSQL until it works again');
      this.streamFailing = true;
      this.streamReady = false;
    }
    return more;
  }

  /** Sets the stream's gauges (webhooks.metrics.ts) from the database and the consumer. */
  async measureStream(): Promise<void> {
    if (!this.stream) return;
    const backlog = await this.stream.backlog(this.clock.now());
    outboxUnrelayed.set(backlog.unrelayed);
    outboxRelayLagSeconds.set(backlog.relayLagSeconds);
    if (backlog.streamPending !== undefined) outboxStreamPending.set(backlog.streamPending);
  }

  /** Deletes old events and deliveries (prune.ts). */
  prune(): Promise<PruneCounts> {
    return pruneWebhooks(this.db, this.clock.now());
  }

  /** Polls in the background until `stop()`; a failing round is logged and tried again next time. */
  start(): void {
    this.polling.start();
    this.streamPolling?.start();
  }

  /** Ends the polling loops after the batches in flight have been recorded. */
  async stop(): Promise<void> {
    await Promise.all([this.polling.stop(), this.streamPolling?.stop()]);
  }

  /** One round of the stream's loop (with NATS): relay and fan out until no batch is full; the gauges. */
  private async streamLoopRound(): Promise<void> {
    const total = { relayed: 0, dispatched: 0, created: 0 };
    while ((await this.streamRound(this.stream!, total)) && !this.stopping);
    if (Date.now() - this.lastBacklogAt >= 5_000) {
      this.lastBacklogAt = Date.now();
      // the gauges say how much waits while NATS is away: measured also then (the consumer's part stays)
      await this.measureStream().catch(() => undefined);
    }
  }

  /** One round of the polling loop: every due delivery, then the hourly prune when it is time. */
  private async round(): Promise<void> {
    // with NATS the stream's own loop fans out (streamLoopRound)
    await this.run(!this.streamPolling);
    if (Date.now() - this.lastPruneAt >= this.pruneEveryMs) {
      this.lastPruneAt = Date.now();
      await this.prune();
    }
  }
}
