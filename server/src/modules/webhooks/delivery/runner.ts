import type { Db } from '../../../platform/db.ts';
import { PollingLoop } from '../../../platform/polling-loop.ts';
import {
  type DeliveryCounts,
  DeliveryEngine,
  type DeliveryEngineOptions,
  type DeliveryLogger,
} from './deliver.ts';
import { dispatchBatch } from './dispatch.ts';
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
}

export interface WebhookRunCounts extends DeliveryCounts {
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
  }

  private get stopping(): boolean {
    return this.polling.stopping;
  }

  /** Fans out every undispatched event and attempts every delivery due by the clock; returns the totals. */
  async runOnce(): Promise<WebhookRunCounts> {
    const total: WebhookRunCounts = {
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

  /** Deletes old events and deliveries (prune.ts). */
  prune(): Promise<PruneCounts> {
    return pruneWebhooks(this.db, this.clock.now());
  }

  /** Polls in the background until `stop()`; a failing round is logged and tried again next time. */
  start(): void {
    this.polling.start();
  }

  /** Ends the polling loop after the batch in flight has been recorded. */
  stop(): Promise<void> {
    return this.polling.stop();
  }

  /** One round of the polling loop: every due delivery, then the hourly prune when it is time. */
  private async round(): Promise<void> {
    await this.runOnce();
    if (Date.now() - this.lastPruneAt >= this.pruneEveryMs) {
      this.lastPruneAt = Date.now();
      await this.prune();
    }
  }
}
