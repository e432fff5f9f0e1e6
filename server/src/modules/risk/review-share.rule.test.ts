import { describe, expect, it } from 'vitest';
import { reviewShareOf } from './review-share.rule.ts';

const alert = { shareBp: 2_000, minDecisions: 50 };

describe('reviewShareOf: a rule that sends too much to review is flagged', () => {
  it.each([
    { name: 'the load test: 85,220 of 87,180', decisions: 87_180, reviews: 85_220, flagged: true },
    { name: 'above the share', decisions: 100, reviews: 21, flagged: true },
    { name: 'exactly at the share', decisions: 100, reviews: 20, flagged: false },
    { name: 'below the share', decisions: 1_000, reviews: 3, flagged: false },
    { name: 'too few decisions to say', decisions: 49, reviews: 49, flagged: false },
    { name: 'at the minimum decisions', decisions: 50, reviews: 11, flagged: true },
    { name: 'no decisions', decisions: 0, reviews: 0, flagged: false },
  ])('$name → $flagged', ({ decisions, reviews, flagged }) => {
    const share = reviewShareOf('r', { decisions, reviews }, alert);
    expect(share.flagged).toBe(flagged);
    expect(share.share).toBe(decisions === 0 ? null : reviews / decisions);
  });

  it('the share follows the setting', () => {
    expect(reviewShareOf('r', { decisions: 100, reviews: 21 }, { ...alert, shareBp: 2_500 }).flagged).toBe(
      false,
    );
    expect(reviewShareOf('r', { decisions: 10, reviews: 5 }, { ...alert, minDecisions: 10 }).flagged).toBe(
      true,
    );
  });
});
