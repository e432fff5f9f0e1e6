// The checks other modules make before acting (listing, going live, traffic, settlement, onboarding).
// A narrow barrel without imports of other modules, so that catalog and live may import it.
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
