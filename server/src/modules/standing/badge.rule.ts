import type { ShopState } from '../shops/index.ts';
import type { BadgeCondition } from './standing.tables.ts';

/** What the trust badge rule looks at for one shop. */
export interface BadgeFacts {
  /** Experience score (0–5); null while the shop has too few completed orders for one. */
  score: number | null;
  /** Products on sale, and of them those carrying the trust guarantees (catalog's trustGuaranteeCoverage). */
  listedProducts: number;
  coveredProducts: number;
  /** Serious violations within the lookback. */
  seriousViolations: number;
  shopState: ShopState;
}

export interface BadgeTerms {
  minScore: number;
}

/** In the order the merchant reads them. */
export const BADGE_CONDITIONS: readonly BadgeCondition[] = [
  'score',
  'guarantees',
  'violations',
  'shop_state',
];

const holds: Record<BadgeCondition, (f: BadgeFacts, t: BadgeTerms) => boolean> = {
  score: (f, t) => f.score !== null && f.score >= t.minScore,
  // Every listed product carries them, and there is at least one listed product to carry them.
  guarantees: (f) => f.listedProducts > 0 && f.coveredProducts === f.listedProducts,
  violations: (f) => f.seriousViolations === 0,
  // A restricted, suspended or closed shop does not carry the platform's trust mark.
  shop_state: (f) => f.shopState === 'active' || f.shopState === 'probation',
};

/**
 * product rules §7.2: the trust badge (信任购 shop) goes to a shop whose experience score is at least
 * `minScore`, whose listed products all carry the trust guarantees, with no serious violation in the
 * lookback and not under restriction. Returns the conditions that fail: none → the shop holds the badge.
 */
export function failedBadgeConditions(facts: BadgeFacts, terms: BadgeTerms): BadgeCondition[] {
  return BADGE_CONDITIONS.filter((c) => !holds[c](facts, terms));
}
