import { describe, expect, it } from 'vitest';
import { reachable } from '../../platform/state-machine.ts';
import type { ReviewReportState } from './content.tables.ts';
import { reviewReportTransitions } from './review-report.machine.ts';

describe('review report machine', () => {
  it('reaches every state from open', () => {
    expect([...reachable(reviewReportTransitions, 'open')].sort()).toEqual(['dismissed', 'open', 'upheld']);
  });

  it.each<ReviewReportState>(['upheld', 'dismissed'])('%s is terminal', (state) => {
    expect(reviewReportTransitions[state]).toEqual([]);
  });
});
