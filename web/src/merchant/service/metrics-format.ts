import type { Translate } from '../../i18n/index.tsx';

/** A share in basis points as a percentage ("85.5%"), or a dash. */
export const percentText = (bp: number | null) => (bp === null ? '—' : `${Number((bp / 100).toFixed(1))}%`);

/** A duration in milliseconds as seconds in words ("46.8 秒"), or a dash. */
export function secondsText(t: Translate, ms: number | null): string {
  return ms === null ? '—' : t('service.metrics.seconds', { s: Number((ms / 1000).toFixed(1)) });
}

export interface TargetFigures {
  responseRate3mBp: number | null;
  avgFirstResponseMs: number | null;
  goodRatingRateBp: number | null;
}

/** Whether each figure meets its target (null when there is nothing to judge). */
export function meetsTargets(
  f: TargetFigures,
  targets: { responseRate3mBp: number; avgFirstResponseMs: number; goodRatingRateBp: number },
) {
  return {
    responseRate3mBp: f.responseRate3mBp === null ? null : f.responseRate3mBp >= targets.responseRate3mBp,
    avgFirstResponseMs:
      f.avgFirstResponseMs === null ? null : f.avgFirstResponseMs < targets.avgFirstResponseMs,
    goodRatingRateBp: f.goodRatingRateBp === null ? null : f.goodRatingRateBp >= targets.goodRatingRateBp,
  };
}
