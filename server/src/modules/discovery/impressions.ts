import { Batcher } from '../../platform/batcher.ts';
import type { Executor } from '../../platform/db.ts';
import type { Surface } from './discovery.tables.ts';
import type { RankPart } from './rank.rule.ts';

export interface ImpressionItem {
  position: number;
  productId?: number;
  liveSessionId?: number;
  shopId: number | null;
  trustBadge: boolean;
  scoreBand: string;
  rank: { score: number; parts: RankPart[] };
}

export interface RankedResponse {
  requestId: string;
  surface: Surface;
  configVersion: number;
  items: readonly ImpressionItem[];
}

/**
 * Every ranked response's items are logged with position, surface and ranking parts (product rules
 * §7.4). Off the request's path: the response does not wait; concurrent responses share one insert
 * (the batcher), so a busy minute costs a few statements, not one per request.
 */
export class ImpressionLog {
  private readonly batcher: Batcher<{ response: RankedResponse; userId: number | null; at: Date }, null>;
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly db: Executor,
    private readonly onError: (err: unknown) => void,
  ) {
    this.batcher = new Batcher((batch) => this.write(batch), { maxBatch: 200, concurrency: 1 });
  }

  log(response: RankedResponse, userId: number | null, at: Date): void {
    if (response.items.length === 0) return;
    const done = this.batcher.submit({ response, userId, at }).then(() => undefined, this.onError);
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  /** Waits until everything logged so far is written (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async write(
    batch: { response: RankedResponse; userId: number | null; at: Date }[],
  ): Promise<null[]> {
    const rows = batch.flatMap(({ response, userId, at }) =>
      response.items.map((item) => ({
        requestId: response.requestId,
        surface: response.surface,
        position: item.position,
        productId: item.productId ?? null,
        liveSessionId: item.liveSessionId ?? null,
        shopId: item.shopId,
        userId,
        score: item.rank.score,
        trustBadge: item.trustBadge,
        scoreBand: item.scoreBand,
        boosted: item.rank.parts.some((p) => p.signal === 'boost'),
        trafficLimited: item.rank.parts.some((p) => p.signal === 'traffic_limit' && p.value === true),
        configVersion: response.configVersion,
        parts: JSON.stringify(item.rank.parts),
        at,
      })),
    );
    await this.db.insertInto('discoveryImpressions').values(rows).execute();
    return batch.map(() => null);
  }
}
