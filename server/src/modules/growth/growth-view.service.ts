import { type Executor, inTransaction } from '../../platform/db.ts';
import { getShop } from '../shops/index.ts';
import type { BoostTerms } from './boost-terms.rule.ts';
import { type Boost, listBoosts } from './boosts.service.ts';
import { type CreditJournalLine, creditBalance, creditJournal } from './credits.service.ts';
import { ladderFacts } from './facts.service.ts';
import type { StepMetric } from './growth.tables.ts';
import { ladderProgress, nextStep } from './ladder.rule.ts';
import { evaluateLadder, LADDER_FOR_DAYS } from './ladder.service.ts';
import { programmeVersion, versionInForce } from './programmes.service.ts';
import {
  currentAndPrevious,
  measureQuarter,
  type QuarterResult,
  quarterResults,
} from './quarters.service.ts';
import type { SellerTier } from './seller-tier.rule.ts';

const DAY_MS = 86_400_000;

export interface LadderStepView {
  position: number;
  code: string;
  metric: StepMetric;
  threshold: number;
  measured: number;
  done: boolean;
  next: boolean;
  rewardCredits: number;
  completedAt: Date | null;
  claimedAt: Date | null;
}

export interface GrowthView {
  shopId: number;
  creditBalance: number;
  journal: CreditJournalLine[];
  /** null when the shop is past its first 90 days and never joined 新商启航. */
  ladder: {
    programmeVersion: number;
    note: string;
    enrolledAt: Date;
    /** The new-merchant traffic boost (bp) and when it ends (null when already over). */
    newShopBoostBp: number;
    newShopBoostUntil: Date;
    steps: LadderStepView[];
    finished: boolean;
  } | null;
  ladderForDays: number;
  quarter: QuarterResult | null;
  tiers: SellerTier[];
  pastQuarters: QuarterResult[];
  boostTerms: BoostTerms;
  boosts: Boost[];
}

/**
 * The merchant's 成长计划 page: progress is evaluated from facts as the page opens (steps completed,
 * the quarter measured), then read.
 */
export async function growthView(db: Executor, shopId: number, now: Date): Promise<GrowthView> {
  const shop = await getShop(db, shopId);
  const [current] = currentAndPrevious(now);
  await inTransaction(db, async (tx) => {
    await evaluateLadder(tx, [shop], now);
    await measureQuarter(tx, [shop.id], current, now);
  });
  const enrolment = await db
    .selectFrom('growthEnrolments')
    .selectAll()
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  let ladder: GrowthView['ladder'] = null;
  if (enrolment) {
    const version = await programmeVersion(db, enrolment.versionId);
    const completions = await db
      .selectFrom('growthStepCompletions')
      .selectAll()
      .where('shopId', '=', shopId)
      .where('versionId', '=', enrolment.versionId)
      .execute();
    const done = new Set(completions.map((c) => c.stepCode));
    const facts = (await ladderFacts(db, [shopId], now)).get(shopId)!;
    const progress = ladderProgress(version.steps, facts, done);
    const next = nextStep(progress);
    ladder = {
      programmeVersion: version.version,
      note: version.note,
      enrolledAt: enrolment.enrolledAt,
      newShopBoostBp: version.boost!.newShopBoostBp,
      newShopBoostUntil: new Date(enrolment.enrolledAt.getTime() + version.boost!.newShopBoostDays * DAY_MS),
      finished: next === null,
      steps: version.steps.map((step) => {
        const p = progress.find((x) => x.code === step.code)!;
        const c = completions.find((x) => x.stepCode === step.code);
        return {
          ...step,
          measured: p.measured,
          done: p.done,
          next: next === step.code,
          completedAt: c?.completedAt ?? null,
          claimedAt: c?.claimedAt ?? null,
        };
      }),
    };
  }
  const [balance, journal, results, boosts, newMerchant, seller] = await Promise.all([
    creditBalance(db, shopId),
    creditJournal(db, shopId, 30),
    quarterResults(db, { shopId, limit: 8 }),
    listBoosts(db, shopId, now, 20),
    versionInForce(db, 'new_merchant', now),
    versionInForce(db, 'active_seller', current.start),
  ]);
  const quarter = results.items.find((r) => r.quarter === current.code) ?? null;
  const tiers = quarter
    ? (await programmeVersion(db, (await versionIdOf(db, shopId, current.code)) ?? seller.id)).tiers
    : seller.tiers;
  return {
    shopId,
    creditBalance: balance,
    journal,
    ladder,
    ladderForDays: LADDER_FOR_DAYS,
    quarter,
    tiers,
    pastQuarters: results.items.filter((r) => r.quarter !== current.code),
    boostTerms: newMerchant.boost!,
    boosts,
  };
}

async function versionIdOf(db: Executor, shopId: number, quarter: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('growthQuarterResults')
    .select('versionId')
    .where('shopId', '=', shopId)
    .where('quarter', '=', quarter)
    .executeTakeFirst();
  return row?.versionId;
}
