import { describe, expect, it } from 'vitest';
import type { ProductState } from './catalog.tables.ts';
import { changedContent, type ProductContent, stateAfterEdit } from './product-edit.rule.ts';

const current: ProductContent = {
  title: '纯棉T恤',
  description: '100% cotton',
  imageUrl: null,
  categoryId: 3,
  brandId: null,
  guarantees: ['no_reason_7d', 'damage_refund'],
  qualificationNo: null,
};

describe('which content an edit changes', () => {
  it.each<[string, Partial<ProductContent>, (keyof ProductContent)[]]>([
    ['nothing sent', {}, []],
    ['the same title', { title: '纯棉T恤' }, []],
    ['a new title', { title: '新款纯棉T恤' }, ['title']],
    ['the same guarantees in another order', { guarantees: ['damage_refund', 'no_reason_7d'] }, []],
    ['one guarantee fewer', { guarantees: ['no_reason_7d'] }, ['guarantees']],
    [
      'a new category and the same description',
      { categoryId: 4, description: '100% cotton' },
      ['categoryId'],
    ],
    ['a qualification number', { qualificationNo: 'SC10632058300312' }, ['qualificationNo']],
    ['a brand and an image', { brandId: 7, imageUrl: 'https://img.example/1.jpg' }, ['imageUrl', 'brandId']],
  ])('%s → %j', (_name, edit, fields) => {
    expect(changedContent(current, edit).sort()).toEqual(fields.sort());
  });
});

describe('state after an edit', () => {
  it.each<[ProductState, boolean, ProductState | null]>([
    ['listed', true, 'in_review'],
    ['listed', false, 'listed'],
    ['draft', true, 'draft'],
    ['in_review', true, 'in_review'],
    ['rejected', true, 'rejected'],
    ['delisted', true, 'delisted'],
    ['blocked', false, null],
    ['blocked', true, null],
  ])('%s with content changed: %s → %s', (state, changed, next) => {
    expect(stateAfterEdit(state, changed)).toBe(next);
  });
});
