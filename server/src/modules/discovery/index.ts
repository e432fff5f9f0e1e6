export { discoveryRoutes } from './discovery.routes.ts';
export type { Surface } from './discovery.tables.ts';
export { discoveryDeadlineHandlers, REFRESH_RANKS, scheduleRankRefresh } from './discovery-deadlines.ts';
export { ImpressionLog } from './impressions.ts';
export { type RankedRoom, rankLiveRooms } from './live-ranking.service.ts';
export {
  type ProductQuery,
  type RankedPage,
  type RankedProduct,
  rankProducts,
} from './product-ranking.service.ts';
export type { RankPart, Signal } from './rank.rule.ts';
export { refreshAllRanks, refreshProductRanks, refreshShopRanks } from './ranks.refresh.ts';
export { rankingReport, recordClick } from './report.service.ts';

import type { Tx } from '../../platform/db.ts';
import { refreshShopRanks } from './ranks.refresh.ts';

/** Governance's RankingSignals port, as the composition roots provide it: a shop's ranks now. */
export const discoveryRankingSignals = {
  shopsChanged: (tx: Tx, shopIds: readonly number[], now: Date) => refreshShopRanks(tx, shopIds, now),
};
