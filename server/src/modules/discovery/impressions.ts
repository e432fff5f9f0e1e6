import { sql } from 'kysely';
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

/**
 * A ranked list as served: one object for every answer cut from the same cached page, so that the
 * list is stored once and each answer only names it.
 */
export interface ServedList {
  surface: Surface;
  configVersion: number;
  items: readonly ImpressionItem[];
}

interface Answer {
  list: ServedList;
  requestId: string;
  userId: number | null;
  at: Date;
}

/**
 * Every ranked answer is logged with the list it showed: positions, surface and ranking parts
 * (product rules §7.4). A list is stored once (discovery_served_lists/items), each answer as one row
 * (discovery_responses). Off the request's path: the answer does not wait; concurrent answers share
 * one insert (the batcher), so a busy second costs a few statements, not one per answer.
 */
export class ImpressionLog {
  private readonly batcher: Batcher<Answer, null>;
  private pending = new Set<Promise<void>>();
  private readonly listIds = new WeakMap<ServedList, Promise<number>>();

  constructor(
    private readonly db: Executor,
    private readonly onError: (err: unknown) => void,
  ) {
    this.batcher = new Batcher((batch) => this.write(batch), { maxBatch: 500, concurrency: 1 });
  }

  log(list: ServedList, requestId: string, userId: number | null, at: Date): void {
    if (list.items.length === 0) return;
    const done = this.batcher.submit({ list, requestId, userId, at }).then(() => undefined, this.onError);
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  /** Waits until everything logged so far is written (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async write(batch: Answer[]): Promise<null[]> {
    const listIds = await Promise.all(batch.map((a) => this.listId(a.list, a.at)));
    // one array per column: the statement's parameters stay 4 however many answers
    await sql`
      insert into discovery_responses (request_id, list_id, user_id, at)
      select * from unnest(${batch.map((a) => a.requestId)}::uuid[], ${listIds}::bigint[],
        ${batch.map((a) => a.userId)}::bigint[], ${batch.map((a) => a.at)}::timestamptz[])`.execute(this.db);
    return batch.map(() => null);
  }

  /** The stored list's id: written with its items the first time an answer shows it. */
  private listId(list: ServedList, at: Date): Promise<number> {
    let id = this.listIds.get(list);
    if (!id) {
      id = this.storeList(list, at);
      this.listIds.set(list, id);
      id.catch(() => this.listIds.delete(list));
    }
    return id;
  }

  private async storeList(list: ServedList, at: Date): Promise<number> {
    const items = list.items;
    const column = <T>(f: (item: ImpressionItem) => T) => items.map(f);
    const result = await sql<{ id: number }>`
      with l as (
        insert into discovery_served_lists (surface, config_version, at)
        values (${list.surface}, ${list.configVersion}, ${at}) returning id),
      i as (
        insert into discovery_served_items (list_id, position, product_id, live_session_id, shop_id, score,
          trust_badge, score_band, boosted, traffic_limited, parts)
        select l.id, v.position, v.product_id, v.live_session_id, v.shop_id, v.score, v.trust_badge, v.score_band,
          v.boosted, v.traffic_limited, v.parts::jsonb
        from l, unnest(${column((i) => i.position)}::int[], ${column((i) => i.productId ?? null)}::bigint[],
          ${column((i) => i.liveSessionId ?? null)}::bigint[], ${column((i) => i.shopId)}::bigint[],
          ${column((i) => i.rank.score)}::float8[], ${column((i) => i.trustBadge)}::bool[],
          ${column((i) => i.scoreBand)}::text[],
          ${column((i) => i.rank.parts.some((p) => p.signal === 'boost'))}::bool[],
          ${column((i) => i.rank.parts.some((p) => p.signal === 'traffic_limit' && p.value === true))}::bool[],
          ${column((i) => JSON.stringify(i.rank.parts))}::text[])
          as v(position, product_id, live_session_id, shop_id, score, trust_badge, score_band, boosted,
            traffic_limited, parts))
      select id from l`.execute(this.db);
    return Number(result.rows[0]!.id);
  }
}
