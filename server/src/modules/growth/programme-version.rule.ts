import type { StepMetric } from './growth.tables.ts';

/** A problem with a programme version ops submitted: the field and the reason (400). */
export interface FieldProblem {
  field: string;
  reason: string;
}

const TIER_MINIMUMS = [
  'minLiveHours',
  'minLiveDays',
  'minProductVideos',
  'minFollowerGain',
  'minListedProducts',
] as const;

/**
 * A new version takes effect in the future (versions already in force are history, never rewritten);
 * each ladder step has its own code.
 */
export function ladderVersionProblems(
  input: { effectiveFrom: Date; steps: readonly { code: string; metric: StepMetric }[] },
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.effectiveFrom.getTime() <= now.getTime()) {
    problems.push({ field: 'effectiveFrom', reason: 'must be in the future' });
  }
  const seen = new Set<string>();
  input.steps.forEach((step, i) => {
    if (seen.has(step.code))
      problems.push({ field: `steps.${i}.code`, reason: 'each step needs its own code' });
    seen.add(step.code);
  });
  return problems;
}

/** 斗金 tiers climb: each tier asks at least what the tier before asks, on every indicator. */
export function tierVersionProblems(
  input: { effectiveFrom: Date; tiers: readonly Record<(typeof TIER_MINIMUMS)[number], number>[] },
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.effectiveFrom.getTime() <= now.getTime()) {
    problems.push({ field: 'effectiveFrom', reason: 'must be in the future' });
  }
  input.tiers.forEach((tier, i) => {
    const before = input.tiers[i - 1];
    if (!before) return;
    for (const key of TIER_MINIMUMS) {
      if (tier[key] < before[key])
        problems.push({ field: `tiers.${i}.${key}`, reason: 'must not be below the tier before' });
    }
  });
  return problems;
}
