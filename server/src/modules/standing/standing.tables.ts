import type { ColumnType, Generated } from 'kysely';

export type BadgeState = 'granted' | 'revoked';
/** A condition of the trust badge (badge.rule.ts). */
export type BadgeCondition = 'score' | 'guarantees' | 'violations' | 'shop_state';

export interface TrustBadgesTable {
  shopId: number;
  state: BadgeState;
  changedAt: Date;
  failedConditions: ColumnType<BadgeCondition[], BadgeCondition[] | undefined>;
  configVersion: number;
}

export interface TrustBadgeEventsTable {
  id: Generated<number>;
  shopId: number;
  kind: BadgeState;
  at: Date;
  score: number | null;
  listedProducts: number;
  coveredProducts: number;
  seriousViolations: number;
  shopState: string;
  failedConditions: ColumnType<BadgeCondition[], BadgeCondition[] | undefined>;
  configVersion: number;
}

export interface StandingTables {
  trustBadges: TrustBadgesTable;
  trustBadgeEvents: TrustBadgeEventsTable;
}
