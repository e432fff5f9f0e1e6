import { describe, expect, it } from 'vitest';
import type { ScreenHit } from '../screening/index.ts';
import { type EvidenceScore, evidenceHit, verdictChanged, worthKeeping } from './screening-evidence.rule.ts';

const hit = (over: Record<string, unknown> = {}): ScreenHit =>
  ({
    category: 'absolute_terms',
    term: '最好',
    severity: 'high',
    match: '最好',
    span: [4, 6],
    counted: true,
    ...over,
  }) as ScreenHit;

const score = (over: Partial<EvidenceScore> = {}): EvidenceScore => ({
  category: 'off_platform',
  score: 0.93,
  flagged: true,
  high: false,
  flagAt: 0.41,
  highAt: 0.95,
  ...over,
});

describe('evidenceHit: whether a hit counted, and why not', () => {
  it.each([
    ['a counted hit', hit(), undefined, true, null],
    ['negated', hit({ counted: false, why: 'negated' }), undefined, false, 'negated'],
    ['a disclaimer', hit({ counted: false, why: 'disclaimer' }), undefined, false, 'disclaimer'],
    ['a fact', hit({ counted: false, why: 'fact' }), undefined, false, 'fact'],
    ['not counted, no reason given', hit({ counted: false }), undefined, false, null],
    [
      'a category the surface does not enforce',
      hit({ counted: false, why: 'negated' }),
      ['off_platform'] as const,
      false,
      'not_on_surface',
    ],
  ] as const)('%s', (_what, input, enforced, counted, notCounted) => {
    const evidence = evidenceHit(input as ScreenHit, enforced);
    expect(evidence).toMatchObject({ counted, notCounted, term: '最好', span: [4, 6] });
  });
});

describe('worthKeeping: a screening kept with its decision', () => {
  const clean = { hits: [], model: [score({ flagged: false, score: 0.01 })], categories: [], risk: 'none' };
  it.each([
    ['a clean text that passed', clean, 'allow', false],
    ['a clean text held for another reason', clean, 'review', true],
    ['a text with a low hit that passed', { ...clean, hits: [hit()], risk: 'low' }, 'allow', true],
    ['a text the model flagged', { ...clean, model: [score()] }, 'allow', true],
  ] as const)('%s → %s', (_what, screened, outcome, kept) => {
    expect(worthKeeping(screened, outcome)).toBe(kept);
  });
});

describe('verdictChanged: today’s screening against the kept one', () => {
  const then = {
    risk: 'high',
    categories: ['absolute_terms'],
    hits: [evidenceHit(hit())],
    model: [score()],
  };
  const same = { risk: 'high', categories: ['absolute_terms'] as const, hits: [hit()], model: [score()] };
  it.each([
    ['the same verdict', same, false],
    ['the same, scores moved a little', { ...same, model: [score({ score: 0.9 })] }, false],
    ['another risk', { ...same, risk: 'medium' }, true],
    ['the term removed', { ...same, hits: [], categories: [] }, true],
    ['the hit no longer counted', { ...same, hits: [hit({ counted: false, why: 'negated' })] }, true],
    ['the model no longer flags', { ...same, model: [score({ flagged: false, score: 0.2 })] }, true],
  ] as const)('%s → %s', (_what, now, changed) => {
    expect(verdictChanged(then, now as never)).toBe(changed);
  });
});
