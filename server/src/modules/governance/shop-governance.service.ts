import type { Executor } from '../../platform/db.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { getShop, type ShopState } from '../shops/index.ts';
import { shopPoints } from './points.service.ts';
import { milestones, pointsWindowStart } from './points-milestones.rule.ts';
import { type PenaltyView, penaltyColumns } from './violation-view.ts';

export interface ShopGovernance {
  shopId: number;
  shopState: ShopState;
  /** Points of serious violations over the rolling window (`governance.pointsWindowMs`). */
  points: number;
  pointsSince: Date;
  /** The next milestone and what it does, or null past the last one. */
  nextMilestone: { points: number; action: 'restrict' | 'close'; days: number | null } | null;
  /** Penalties in force: bans, limits, freezes, restrictions, open warnings. */
  activePenalties: PenaltyView[];
  openWarnings: number;
}

/** Where a shop stands under governance (product rules §6: transparent enforcement). */
export async function shopGovernance(db: Executor, shopId: number, now: Date): Promise<ShopGovernance> {
  const shop = await getShop(db, shopId);
  const { config } = await readCurrentConfig(db);
  const [points, activePenalties] = await Promise.all([
    shopPoints(db, shopId, now, config.governance),
    db
      .selectFrom('governancePenalties')
      .select(penaltyColumns)
      .where('shopId', '=', shopId)
      .where('state', '=', 'active')
      .orderBy('id')
      .execute(),
  ]);
  const next = milestones(config.governance).find((m) => m.milestone > points);
  return {
    shopId,
    shopState: shop.state,
    points,
    pointsSince: pointsWindowStart(now, config.governance),
    nextMilestone: next
      ? { points: next.milestone, action: next.action, days: next.action === 'restrict' ? next.days : null }
      : null,
    activePenalties,
    openWarnings: activePenalties.filter((p) => p.kind === 'warning').length,
  };
}
