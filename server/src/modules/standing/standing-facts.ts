import { DAY } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { trustGuaranteeCoverage } from '../catalog/index.ts';
import type { PlatformConfig } from '../configuration/index.ts';
import { seriousViolationsSince } from '../governance/index.ts';
import { shopOrderFacts } from '../orders/index.ts';
import { currentReputation } from '../reputation/index.ts';
import { type ShopLifecycle, shopLifecycles } from '../shops/index.ts';
import type { BadgeFacts } from './badge.rule.ts';
import type { ProbationFacts } from './probation-exit.rule.ts';

/** Everything the rules of standing read about one shop, gathered for many shops at once. */
export interface StandingFacts extends BadgeFacts, ProbationFacts {
  shopId: number;
  /** Completed orders in the score's window (reputation). */
  scoredOrders: number;
  scoreComputedAt: Date | null;
}

/**
 * The facts of the given shops (with `andProbation`, also of every shop in probation; without shops,
 * of every shop): one set-based read per owning module (shops,
 * reputation, catalog, governance, orders), whatever the number of shops. Completed orders since
 * opening are counted for shops in probation only (the exit rule is the only reader).
 */
export async function standingFacts(
  db: Executor,
  now: Date,
  terms: PlatformConfig['standing'],
  shopIds?: readonly number[],
  opts: { andProbation?: boolean } = {},
): Promise<StandingFacts[]> {
  const lives = await shopLifecycles(db, shopIds, opts);
  if (lives.length === 0) return [];
  const ids = lives.map((l) => l.shopId);
  const since = new Date(now.getTime() - terms.badge.violationLookbackDays * DAY);
  const reputation = await currentReputation(db, ids);
  const coverage = await trustGuaranteeCoverage(db, ids);
  const violations = await seriousViolationsSince(db, since, ids);
  const probation = lives.filter((l) => l.state === 'probation');
  const ordersSinceOpening = await completedSinceOpening(db, probation, now);
  return lives.map((l) => {
    const rep = reputation.get(l.shopId);
    const cover = coverage.get(l.shopId) ?? { listed: 0, covered: 0 };
    return {
      shopId: l.shopId,
      score: rep?.score ?? null,
      scoredOrders: rep?.completedOrders ?? 0,
      scoreComputedAt: rep?.computedAt ?? null,
      listedProducts: cover.listed,
      coveredProducts: cover.covered,
      seriousViolations: violations.get(l.shopId) ?? 0,
      shopState: l.state,
      state: l.state,
      openedAt: l.openedAt,
      completedOrders: ordersSinceOpening.get(l.shopId) ?? 0,
    };
  });
}

async function completedSinceOpening(
  db: Executor,
  shops: readonly ShopLifecycle[],
  now: Date,
): Promise<Map<number, number>> {
  if (shops.length === 0) return new Map();
  // One window from the earliest opening: a shop has no orders from before it opened.
  const from = new Date(Math.min(...shops.map((s) => s.openedAt.getTime())));
  const facts = await shopOrderFacts(
    db,
    from,
    new Date(now.getTime() + 1),
    shops.map((s) => s.shopId),
  );
  return new Map(facts.map((f) => [f.shopId, f.completedOrders]));
}
