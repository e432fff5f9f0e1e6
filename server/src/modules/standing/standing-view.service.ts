import type { Static } from '@sinclair/typebox';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { uncoveredProducts } from '../catalog/index.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { shopDepositRequirement } from '../settlement/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { BADGE_CONDITIONS, failedBadgeConditions } from './badge.rule.ts';
import { storedBadges } from './badge.store.ts';
import { badgeEventsOf } from './badge-history.ts';
import { campaignEligibility } from './campaign-eligibility.rule.ts';
import { depositDiscountVerdict } from './deposit-discount.rule.ts';
import { daysOpen, probationVerdict } from './probation-exit.rule.ts';
import type { StandingViewSchema } from './standing.schema.ts';
import type { BadgeCondition } from './standing.tables.ts';
import { type StandingFacts, standingFacts } from './standing-facts.ts';

export type StandingView = Static<typeof StandingViewSchema>;

function conditionValues(c: BadgeCondition, f: StandingFacts, minScore: number) {
  switch (c) {
    case 'score':
      return { value: f.score, required: minScore };
    case 'guarantees':
      return { value: f.coveredProducts, required: f.listedProducts };
    case 'violations':
      return { value: f.seriousViolations, required: 0 };
    case 'shop_state':
      return { value: null, required: null };
  }
}

/**
 * What a shop's standing earns it, as its members see it (GET /shops/:id/standing): the trust badge
 * with each condition and its value, why it was last revoked, probation progress, the deposit
 * discount and the campaign tiers it qualifies for (product rules §7.2). Other tenants get 404.
 */
export async function shopStandingView(
  db: Executor,
  principal: Principal,
  shopId: number,
  now: Date,
): Promise<StandingView> {
  await requireShopMember(db, principal, shopId);
  const { config } = await readCurrentConfig(db);
  const terms = config.standing;
  const [facts] = await standingFacts(db, now, terms, [shopId]);
  if (!facts) throw new Error(`shop ${shopId} has no lifecycle`);
  const stored = (await storedBadges(db, [shopId])).get(shopId);
  const held = stored?.state === 'granted';
  const failed = failedBadgeConditions(facts, { minScore: terms.badge.minScore });
  const history = await badgeEventsOf(db, { shopId, limit: 20, offset: 0 });
  const requirement = await shopDepositRequirement(db, shopId);
  const verdict = depositDiscountVerdict(facts.score, terms.depositDiscount);
  const probation = probationVerdict(facts, terms.probationExit, now);
  return {
    shopId,
    shopState: facts.shopState,
    score: facts.score,
    scoredOrders: facts.scoredOrders,
    scoreComputedAt: facts.scoreComputedAt,
    badge: {
      held,
      since: stored?.changedAt ?? null,
      eligibleNow: failed.length === 0,
      conditions: BADGE_CONDITIONS.map((c) => ({
        condition: c,
        met: !failed.includes(c),
        ...conditionValues(c, facts, terms.badge.minScore),
      })),
      lookbackDays: terms.badge.violationLookbackDays,
      lastRevocation: history.items.find((e) => e.kind === 'revoked') ?? null,
      uncoveredProducts:
        facts.coveredProducts < facts.listedProducts ? await uncoveredProducts(db, shopId, 10) : [],
      history: history.items,
    },
    probation: {
      inProbation: facts.shopState === 'probation',
      openedAt: facts.openedAt,
      daysOpen: daysOpen(facts.openedAt, now),
      daysRequired: terms.probationExit.days,
      completedOrders: facts.completedOrders,
      ordersRequired: terms.probationExit.completedOrders,
      seriousViolations: facts.seriousViolations,
      verdict: probation.kind,
    },
    deposit: {
      baseRequiredFen: requirement.baseRequiredFen,
      discountBp: requirement.discountBp,
      requiredFen: requirement.requiredFen,
      minScore: terms.depositDiscount.minScore,
      offeredBp: terms.depositDiscount.discountBp,
      verdict: verdict.kind,
    },
    campaigns: terms.campaignTiers.map((t) => ({ ...t, ...campaignEligibility(facts.score, held, t) })),
  };
}
