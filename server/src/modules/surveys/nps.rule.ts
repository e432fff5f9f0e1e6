/**
 * product rules §7.3, NPS: answers 9–10 are promoters, 7–8 passives, 0–6 detractors; NPS is the
 * percentage of promoters minus the percentage of detractors (−100 … 100), a whole number rounded half
 * up. No answers: no NPS.
 */
export type NpsGroup = 'promoter' | 'passive' | 'detractor';

export function npsGroup(score: number): NpsGroup {
  if (!Number.isInteger(score) || score < 0 || score > 10)
    throw new Error(`an NPS score is 0–10, got ${score}`);
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsFigure extends NpsCounts {
  responses: number;
  /** −100 … 100, or null without answers. */
  nps: number | null;
}

export function npsOf(counts: NpsCounts): NpsFigure {
  const responses = counts.promoters + counts.passives + counts.detractors;
  if (responses === 0) return { ...counts, responses, nps: null };
  // half up: floor(x + 1/2) with x = 100·(p − d)/n, in integers
  const nps = Math.floor(((counts.promoters - counts.detractors) * 200 + responses) / (2 * responses));
  return { ...counts, responses, nps };
}

/**
 * Whether a completed order's buyer is offered the survey at a sample rate (basis points): a fixed
 * spread of order ids (Knuth's multiplicative hash), so a rerun samples the same orders.
 */
export function inSample(orderId: number, sampleRateBp: number): boolean {
  if (sampleRateBp >= 10_000) return true;
  if (sampleRateBp <= 0) return false;
  const spread = Number((BigInt(orderId) * 2_654_435_761n) % 4_294_967_296n);
  return spread % 10_000 < sampleRateBp;
}
