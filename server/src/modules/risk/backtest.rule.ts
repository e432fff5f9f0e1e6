/** A labelled event: `fraud` is a positive, `legit` a negative, null unlabelled. */
export type Label = 'fraud' | 'legit' | null;

export interface Confusion {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** Of the labelled events flagged (review or block), the share that were fraud; null when none flagged. */
  precision: number | null;
  /** Of the labelled fraud events, the share flagged; null when there is no fraud among them. */
  recall: number | null;
}

/** Precision and recall of flagging (review or block) against the case labels. */
export function confusion(events: readonly { label: Label; flagged: boolean }[]): Confusion {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { label, flagged } of events) {
    if (label === null) continue;
    if (label === 'fraud') flagged ? tp++ : fn++;
    else flagged ? fp++ : tn++;
  }
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
  };
}
