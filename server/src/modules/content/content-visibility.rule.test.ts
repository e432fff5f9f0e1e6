import { describe, expect, it } from 'vitest';
import { visibilityAfter } from './content-visibility.rule.ts';

describe('visibilityAfter (product rules §6 content checkpoint)', () => {
  it.each([
    [{ outcome: 'allow' }, 'flagged', { state: 'visible', hiddenReason: null }],
    [{ outcome: 'allow', reason: 'ignored' }, 'hidden', { state: 'visible', hiddenReason: null }],
    [{ outcome: 'block', reason: '站外引流' }, 'flagged', { state: 'hidden', hiddenReason: '站外引流' }],
    [{ outcome: 'block' }, 'hidden', { state: 'hidden', hiddenReason: 'blocked by screening' }],
    [
      { outcome: 'review', reason: '疑似敲诈' },
      'flagged',
      { state: 'flagged', hiddenReason: 'held for review: 疑似敲诈' },
    ],
    [{ outcome: 'review' }, 'hidden', { state: 'hidden', hiddenReason: 'held for review: screening' }],
  ] as const)('%j on a surface holding as %s → %j', (verdict, holds, expected) => {
    expect(visibilityAfter(verdict, holds)).toEqual(expected);
  });
});
