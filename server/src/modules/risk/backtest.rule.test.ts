import { describe, expect, it } from 'vitest';
import { confusion, type Label } from './backtest.rule.ts';

const ev = (label: Label, flagged: boolean) => ({ label, flagged });

describe('confusion', () => {
  it.each<{
    name: string;
    events: { label: Label; flagged: boolean }[];
    precision: number | null;
    recall: number | null;
  }>([
    { name: 'no labels', events: [ev(null, true), ev(null, false)], precision: null, recall: null },
    {
      name: 'every fraud flagged, nothing else',
      events: [ev('fraud', true), ev('fraud', true), ev('legit', false)],
      precision: 1,
      recall: 1,
    },
    { name: 'one false alarm', events: [ev('fraud', true), ev('legit', true)], precision: 0.5, recall: 1 },
    { name: 'one fraud missed', events: [ev('fraud', true), ev('fraud', false)], precision: 1, recall: 0.5 },
    { name: 'only legit, nothing flagged', events: [ev('legit', false)], precision: null, recall: null },
    {
      name: 'unlabelled events do not count',
      events: [ev('fraud', true), ev(null, true), ev(null, false)],
      precision: 1,
      recall: 1,
    },
  ])('$name → precision $precision, recall $recall', ({ events, precision, recall }) => {
    const c = confusion(events);
    expect(c.precision).toBe(precision);
    expect(c.recall).toBe(recall);
  });
});
