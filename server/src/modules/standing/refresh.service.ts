import type { Tx } from '../../platform/db.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import { currentConfig } from '../configuration/index.ts';
import type { AfterScoresRecomputed } from '../reputation/index.ts';
import { endProbation } from '../shops/index.ts';
import { BADGE_TRANSITIONS } from './badge.machine.ts';
import { failedBadgeConditions } from './badge.rule.ts';
import { type BadgeChange, storeBadgeChanges, storedBadges } from './badge.store.ts';
import { daysOpen, probationVerdict } from './probation-exit.rule.ts';
import { standingFacts } from './standing-facts.ts';

export interface RefreshResult {
  shops: number;
  granted: number[];
  revoked: number[];
  /** Shops that left probation. */
  graduated: number[];
  configVersion: number;
}

/**
 * Re-evaluates the rewards of standing as of `now` for the given shops and every shop in probation (or
 * every shop), in the caller's
 * transaction: grants and revokes the trust badge, each change stored with the failing conditions, and
 * moves shops whose probation is over to active (product rules §7.2). Runs after the experience scores
 * are recomputed (reputation's AfterScoresRecomputed port, filled in app.ts and deadlines.ts).
 * Set-based: a handful of queries whatever the number of shops, writes only for shops that change.
 */
export async function refreshStanding(
  tx: Tx,
  now: Date,
  shopIds?: readonly number[],
): Promise<RefreshResult> {
  const { version, config } = await currentConfig(tx);
  const terms = config.standing;
  // Every shop in probation is looked at too: one with no orders at all still leaves it after 90 days,
  // though no recompute lists it.
  const facts = await standingFacts(tx, now, terms, shopIds, { andProbation: true });

  const exits = facts.flatMap((f) => {
    const verdict = probationVerdict(f, terms.probationExit, now);
    if (verdict.kind !== 'exit') return [];
    const reason =
      verdict.by === 'days'
        ? `新手期满${daysOpen(f.openedAt, now)}天且${terms.badge.violationLookbackDays}天内无严重违规，自动转为正式经营`
        : `已完成${f.completedOrders}笔订单且${terms.badge.violationLookbackDays}天内无严重违规，自动转为正式经营`;
    return [{ shopId: f.shopId, reason }];
  });
  const graduated = await endProbation(tx, exits, now);
  const nowActive = new Set(graduated);

  const badges = await storedBadges(
    tx,
    facts.map((f) => f.shopId),
  );
  const changes: BadgeChange[] = [];
  for (const f of facts) {
    const shopState = nowActive.has(f.shopId) ? 'active' : f.shopState;
    const failed = failedBadgeConditions({ ...f, shopState }, { minScore: terms.badge.minScore });
    const from = badges.get(f.shopId)?.state ?? 'none';
    const held = from === 'granted';
    if (held === (failed.length === 0)) continue;
    const kind = held ? 'revoked' : 'granted';
    assertTransition(BADGE_TRANSITIONS, 'trust badge', from, kind);
    changes.push({
      shopId: f.shopId,
      kind,
      score: f.score,
      listedProducts: f.listedProducts,
      coveredProducts: f.coveredProducts,
      seriousViolations: f.seriousViolations,
      shopState,
      failedConditions: failed,
    });
  }
  await storeBadgeChanges(tx, changes, { now, configVersion: version });
  return {
    shops: facts.length,
    granted: changes.filter((c) => c.kind === 'granted').map((c) => c.shopId),
    revoked: changes.filter((c) => c.kind === 'revoked').map((c) => c.shopId),
    graduated,
    configVersion: version,
  };
}

/** Reputation's AfterScoresRecomputed port, filled with this in app.ts and deadlines.ts. */
export const refreshStandingAfterScores: AfterScoresRecomputed = async (tx, now, shopIds) => {
  await refreshStanding(tx, now, shopIds);
};
