import type { ColumnType, Generated } from 'kysely';

/** Where a ranked list is shown. */
export type Surface = 'search' | 'home' | 'live' | 'shop';

export interface DiscoveryShopRanksTable {
  shopId: number;
  shopScore: number | null;
  scoreBand: string;
  scoreFactor: number;
  trustBadge: boolean;
  badgeFactor: number;
  qualityRefundBp: number | null;
  qualityRefundFactor: number;
  repeatBp: number | null;
  repeatFactor: number;
  trafficLimited: boolean;
  trafficFactor: number;
  newMerchant: boolean;
  newMerchantFactor: number;
  shopFactor: number;
  configVersion: number;
  refreshedAt: Date;
}

export interface DiscoveryProductRanksTable {
  productId: number;
  shopId: number;
  recentUnits: number;
  salesFactor: number;
  rating: number | null;
  ratingCount: number;
  ratingFactor: number;
  completenessBp: number;
  completenessFactor: number;
  productFactor: number;
  staticScore: number;
  configVersion: number;
  refreshedAt: Date;
}

export interface DiscoveryImpressionsTable {
  id: Generated<number>;
  requestId: string;
  surface: Surface;
  position: number;
  productId: number | null;
  liveSessionId: number | null;
  shopId: number | null;
  userId: number | null;
  score: number;
  trustBadge: boolean;
  scoreBand: string;
  boosted: boolean;
  trafficLimited: boolean;
  configVersion: number;
  parts: ColumnType<unknown, string, string>;
  at: Date;
}

/** A ranked list as served, stored once however many answers showed it (migration 0107). */
export interface DiscoveryServedListsTable {
  id: Generated<number>;
  surface: Surface;
  configVersion: number;
  at: Date;
}

export interface DiscoveryServedItemsTable {
  listId: number;
  position: number;
  productId: number | null;
  liveSessionId: number | null;
  shopId: number | null;
  score: number;
  trustBadge: boolean;
  scoreBand: string;
  boosted: boolean;
  trafficLimited: boolean;
  parts: ColumnType<unknown, string, string>;
}

/** One ranked answer: which served list, to whom, when. */
export interface DiscoveryResponsesTable {
  requestId: string;
  listId: number;
  userId: number | null;
  at: Date;
}

export interface DiscoveryClicksTable {
  id: Generated<number>;
  requestId: string;
  position: number;
  userId: number | null;
  at: Date;
}

export interface DiscoveryTables {
  discoveryShopRanks: DiscoveryShopRanksTable;
  discoveryProductRanks: DiscoveryProductRanksTable;
  discoveryImpressions: DiscoveryImpressionsTable;
  discoveryClicks: DiscoveryClicksTable;
  discoveryServedLists: DiscoveryServedListsTable;
  discoveryServedItems: DiscoveryServedItemsTable;
  discoveryResponses: DiscoveryResponsesTable;
}
