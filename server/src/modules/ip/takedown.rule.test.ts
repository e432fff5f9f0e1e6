import { describe, expect, it } from 'vitest';
import type { ProductState } from '../catalog/index.ts';
import { complaintChannel, restoreTarget, takedownTarget } from './takedown.rule.ts';

describe('complaintChannel (product rules §6 fast channel)', () => {
  it.each([
    [[7], 7, 'fast'],
    [[3, 7], 7, 'fast'],
    [[3], 7, 'ops'],
    [[], 7, 'ops'],
    [[7], null, 'ops'],
  ] as const)('certified for %j, product brand %s → %s', (certified, brand, channel) => {
    expect(complaintChannel(certified, brand)).toBe(channel);
  });
});

describe('takedownTarget / restoreTarget', () => {
  it.each<[ProductState, ProductState | null, ProductState | null]>([
    ['listed', 'delisted', null],
    ['in_review', 'rejected', null],
    ['draft', null, null],
    ['rejected', null, null],
    ['delisted', null, 'in_review'],
    ['blocked', null, null],
  ])('%s: takedown → %s, restore → %s', (state, down, back) => {
    expect(takedownTarget(state)).toBe(down);
    expect(restoreTarget(state)).toBe(back);
  });
});
