import type { StepMetric } from './growth.tables.ts';

/** A step of a 新商启航 ladder version (product rules §7.5). */
export interface LadderStep {
  position: number;
  code: string;
  metric: StepMetric;
  threshold: number;
  rewardCredits: number;
}

/** What a shop has done, one number per metric a step can measure. */
export type LadderFacts = Record<StepMetric, number>;

export interface StepProgress {
  code: string;
  measured: number;
  /** True once the step is met and every step before it is done. */
  done: boolean;
}

/**
 * The ladder is climbed in order: a step is done when its metric reaches the threshold and every step
 * before it is done. A step completed before stays done even when the fact later falls (a product
 * delisted, a follower gone): its reward was earned. `completed` are the codes done before.
 */
export function ladderProgress(
  steps: readonly LadderStep[],
  facts: LadderFacts,
  completed: ReadonlySet<string>,
): StepProgress[] {
  let open = true;
  return [...steps]
    .sort((a, b) => a.position - b.position)
    .map((step) => {
      const measured = facts[step.metric];
      const done = completed.has(step.code) || (open && measured >= step.threshold);
      open = open && done;
      return { code: step.code, measured, done };
    });
}

/** The codes of steps done now that were not done before: each is completed (and rewarded) once. */
export function newlyCompleted(progress: readonly StepProgress[], completed: ReadonlySet<string>): string[] {
  return progress.filter((p) => p.done && !completed.has(p.code)).map((p) => p.code);
}

/** The next step to climb: the first not done, or null when the ladder is finished. */
export function nextStep(progress: readonly StepProgress[]): string | null {
  return progress.find((p) => !p.done)?.code ?? null;
}
