import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { ratioBp } from './protection/ratio.ts';

const DAY = 24 * 3_600_000;

export type ClaimTier = 'good' | 'standard';

/** Guarantee claims of one tier over the period. */
export interface TierClaims {
  tier: ClaimTier;
  /** Claims opened in the period. */
  claims: number;
  /** Of those, decided: refunded or resolved (succeeded), rejected or closed (did not). */
  decided: number;
  succeeded: number;
  /** succeeded / decided, basis points; null with nothing decided. */
  successRateBp: number | null;
  /** Claims decided the moment they were opened (the good-buyer fast claim). */
  decidedAtOnce: number;
  /** Median of opened → the first decision (leaving 待商家处理); null with nothing decided. */
  medianDecisionMs: number | null;
}

export interface ClaimSuccessReport {
  from: Date;
  to: Date;
  days: number;
  /** The seed's target for good buyers (config `buyers.claimSuccessTargetBp`). */
  targetBp: number;
  configVersion: number;
  tiers: TierClaims[];
}

/**
 * The claim success rate of good buyers against the others (product rules §7.6: seed target ≥ 84%)
 * over the guarantee claims opened in the last `days`, by the tier each claim kept when it was opened
 * (claims from before the tier existed are left out), with the time to decision.
 */
export async function claimSuccessReport(
  db: Executor,
  input: { days: number; now: Date },
): Promise<ClaimSuccessReport> {
  const to = input.now;
  const from = new Date(to.getTime() - input.days * DAY);
  const { version, config } = await readCurrentConfig(db);
  const rows = await sql<{
    tier: ClaimTier;
    claims: number;
    decided: number;
    succeeded: number;
    decidedAtOnce: number;
    medianDecisionMs: number | null;
  }>`
    with claims as (
      select r.id, r.buyer_tier, r.state, r.created_at,
        (select min(e.at) from aftersales_events e
          where e.request_id = r.id and e.from_state = 'pending_merchant' and e.to_state <> 'pending_merchant') as decided_at
      from aftersales_requests r
      where r.type = 'guarantee_claim' and r.buyer_tier is not null
        and r.created_at > ${from} and r.created_at <= ${to}
    )
    select buyer_tier as tier, count(*)::int as claims,
      count(*) filter (where state in ('refunded', 'resolved', 'rejected', 'closed'))::int as decided,
      count(*) filter (where state in ('refunded', 'resolved'))::int as succeeded,
      count(*) filter (where decided_at = created_at)::int as decided_at_once,
      round(percentile_cont(0.5) within group (order by extract(epoch from (decided_at - created_at)) * 1000))::bigint
        as median_decision_ms
    from claims group by buyer_tier`.execute(db);
  const byTier = new Map(rows.rows.map((r) => [r.tier, r]));
  const tiers = (['good', 'standard'] as const).map((tier): TierClaims => {
    const row = byTier.get(tier);
    if (!row)
      return {
        tier,
        claims: 0,
        decided: 0,
        succeeded: 0,
        successRateBp: null,
        decidedAtOnce: 0,
        medianDecisionMs: null,
      };
    return {
      tier,
      claims: row.claims,
      decided: row.decided,
      succeeded: row.succeeded,
      successRateBp: row.decided === 0 ? null : ratioBp(row.succeeded, row.decided),
      decidedAtOnce: row.decidedAtOnce,
      medianDecisionMs: row.medianDecisionMs === null ? null : Number(row.medianDecisionMs),
    };
  });
  return {
    from,
    to,
    days: input.days,
    targetBp: config.buyers.claimSuccessTargetBp,
    configVersion: version,
    tiers,
  };
}
