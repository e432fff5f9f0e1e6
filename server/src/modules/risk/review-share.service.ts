import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { Checkpoint } from './checkpoints.ts';
import { policiesInForce } from './policies.service.ts';
import { type ReviewShareAlert, type RuleReviewShare, reviewShareOf } from './review-share.rule.ts';

export interface ReviewShareReport {
  checkpoint: Checkpoint;
  since: Date;
  until: Date;
  alert: ReviewShareAlert;
  /** The checkpoint's live decisions in the window. */
  decisions: number;
  /** Each rule of the active version, then any other rule that sent decisions to review in the window. */
  rules: RuleReviewShare[];
}

/**
 * Per rule, how much of its checkpoint's live traffic it sent to review over the alert's window
 * (`risk.reviewShareAlert`, product rules §6.2): two index-range scans of the window's decisions.
 */
export async function reviewShares(
  db: Executor,
  input: { checkpoint: Checkpoint; alert: ReviewShareAlert; now: Date },
): Promise<ReviewShareReport> {
  const { checkpoint, alert, now } = input;
  const since = new Date(now.getTime() - alert.windowMs);
  const total = await db
    .selectFrom('trustDecisions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('checkpoint', '=', checkpoint)
    .where('shadow', '=', false)
    .where('at', '>', since)
    .where('at', '<=', now)
    .executeTakeFirstOrThrow();
  const { rows } = await sql<{ ruleId: string; reviews: number }>`
    select f->>'id' as rule_id, count(*)::int as reviews
    from trust_decisions d cross join jsonb_array_elements(d.fired) f
    where d.checkpoint = ${checkpoint} and not d.shadow and d.at > ${since} and d.at <= ${now}
      and d.outcome = 'review' and f->>'outcome' = 'review'
    group by 1`.execute(db);
  const reviews = new Map(rows.map((r) => [r.ruleId, r.reviews]));
  const { active } = await policiesInForce(db, checkpoint, now);
  const ids = [...active.compiled.caseLeaves.keys()]; // every rule id of the version, in order
  for (const id of reviews.keys()) if (!ids.includes(id)) ids.push(id);
  return {
    checkpoint,
    since,
    until: now,
    alert: { ...alert },
    decisions: total.n,
    rules: ids.map((id) => reviewShareOf(id, { decisions: total.n, reviews: reviews.get(id) ?? 0 }, alert)),
  };
}
