import { describe, expect, it } from 'vitest';
import type { DeadlineAction, RequestType } from './aftersales.tables.ts';
import { type BatchStep, batchStepOf } from './deadline-step.rule.ts';

describe('batchStepOf', () => {
  it.each<[RequestType, DeadlineAction | null, BatchStep]>([
    // approve: as request-steps.ts approve() does it
    ['refund_only', 'approve', 'refund'],
    ['guarantee_claim', 'approve', 'refund'],
    ['refund_only_unshipped', 'approve', 'one'],
    ['return_refund', 'approve', 'approve_return'],
    ['exchange', 'approve', 'approve_return'],
    ['resend', 'approve', 'move'],
    ['late_shipment_compensation', 'approve', 'one'],
    // close: whatever the type
    ['return_refund', 'close', 'close'],
    ['exchange', 'close', 'close'],
    ['refund_only', 'close', 'close'],
    // money from the deposit, return freight, arbitration: one by one
    ['guarantee_claim', 'platform_pays', 'one'],
    ['return_refund', 'refund', 'one'],
    ['exchange', 'refund', 'one'],
    ['refund_only', 'decide_for_buyer', 'one'],
    // no deadline: the handler skips it before asking, and one by one would too
    ['refund_only', null, 'one'],
  ])('%s with default action %s → %s', (type, deadlineAction, step) => {
    expect(batchStepOf({ type, deadlineAction })).toBe(step);
  });
});
