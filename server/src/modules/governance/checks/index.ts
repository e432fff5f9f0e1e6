import type { ShopStanding } from '../../shops/index.ts';
import {
  assertMayGoLive,
  assertMayHostLive,
  assertMayList,
  isSettlementFrozenByGovernance,
} from './penalty-checks.ts';

// The checks other modules make before acting (listing, going live, traffic, settlement, onboarding).
export {
  assertMayGoLive,
  assertMayHostLive,
  assertMayList,
  hasTrafficLimit,
  isBlacklisted,
  isBlacklistedUser,
  isSettlementFrozenByGovernance,
  type OpenReminder,
  openHostReminders,
} from './penalty-checks.ts';

/** Governance's answer to the shop-standing port of catalog, live and settlement (the roots provide it). */
export const governanceShopStanding: ShopStanding = {
  assertMayList,
  assertMayHostLive,
  assertMayGoLive,
  isSettlementFrozen: isSettlementFrozenByGovernance,
};
