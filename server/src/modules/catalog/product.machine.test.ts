import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import type { ProductState } from './catalog.tables.ts';
import { PRODUCT_STATES, productTransitions } from './product.machine.ts';

describe('product state machine', () => {
  it('reaches every state from draft', () => {
    expect([...reachable(productTransitions, 'draft')].sort()).toEqual([...PRODUCT_STATES].sort());
  });

  it('has blocked as its only terminal state', () => {
    expect(PRODUCT_STATES.filter((s) => productTransitions[s].length === 0)).toEqual(['blocked']);
  });

  it('never returns to draft', () => {
    for (const state of PRODUCT_STATES) expect(canTransition(productTransitions, state, 'draft')).toBe(false);
  });

  it.each<[ProductState, ProductState, boolean]>([
    ['draft', 'in_review', true],
    ['draft', 'listed', false],
    ['in_review', 'listed', true],
    ['in_review', 'rejected', true],
    ['in_review', 'delisted', false],
    ['rejected', 'in_review', true],
    ['rejected', 'listed', false],
    ['listed', 'delisted', true],
    ['listed', 'blocked', true],
    ['listed', 'in_review', true],
    ['delisted', 'in_review', true],
    ['delisted', 'listed', false],
    ['blocked', 'in_review', false],
    ['blocked', 'listed', false],
  ])('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(productTransitions, from, to)).toBe(ok);
  });
});
