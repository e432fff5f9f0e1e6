import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';

/**
 * True where the shop whose id `shopId` holds is under an active traffic_limit penalty (限流). Over the
 * caller's row; the partial index of active penalties by shop serves it.
 */
export function trafficLimitedSql(shopId: Expression<number>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from governance_penalties gp
    where gp.shop_id = ${shopId} and gp.kind = 'traffic_limit' and gp.state = 'active')`;
}

/**
 * Discovery keeps a precomputed rank per shop and product; a penalty that changes traffic must show at
 * once, not after the next periodic refresh. Discovery sits above governance, so this is a port: the
 * composition roots (app.ts, deadlines.ts) provide discovery's refresh, and governance calls it in the
 * transaction that imposed, ended or reversed the penalty. Without a provider (a tool that ranks
 * nothing) it does nothing: the periodic refresh still catches up.
 */
export interface RankingSignals {
  shopsChanged(tx: Tx, shopIds: readonly number[], now: Date): Promise<void>;
}

let provided: RankingSignals | undefined;

export function provideRankingSignals(signals: RankingSignals): void {
  provided = signals;
}

export async function rankingSignalsChanged(tx: Tx, shopIds: readonly number[], now: Date): Promise<void> {
  if (provided && shopIds.length > 0) await provided.shopsChanged(tx, shopIds, now);
}
