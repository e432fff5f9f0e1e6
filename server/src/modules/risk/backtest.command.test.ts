import { describe, expect, it } from 'vitest';
import { formatBacktest, parseBacktestArgs } from './backtest.command.ts';
import { confusion } from './backtest.rule.ts';

describe('xinren backtest arguments', () => {
  it.each<{ args: string[]; expected: object | RegExp }>([
    {
      args: ['--checkpoint', 'order_placement', '--policy', '12'],
      expected: { checkpoint: 'order_placement', policyId: 12, json: false },
    },
    {
      args: ['--policy', '3', '--checkpoint', 'review', '--since', '2026-11-01T00:00:00Z', '--json'],
      expected: { policyId: 3, since: new Date('2026-11-01T00:00:00Z'), json: true },
    },
    { args: ['--checkpoint', 'checkout', '--policy', '1'], expected: /--checkpoint/ },
    { args: ['--checkpoint', 'review', '--policy', 'x'], expected: /--policy/ },
    { args: ['--checkpoint', 'review', '--policy', '1', '--since', 'yesterday'], expected: /--since/ },
    {
      args: ['--checkpoint', 'review', '--policy', '1', '--verbose'],
      expected: /unexpected argument --verbose/,
    },
  ])('$args', ({ args, expected }) => {
    if (expected instanceof RegExp) expect(() => parseBacktestArgs(args)).toThrow(expected);
    else expect(parseBacktestArgs(args)).toMatchObject(expected);
  });

  it('prints counts before → after, the changes and precision/recall', () => {
    const text = formatBacktest({
      checkpoint: 'order_placement',
      policy: { id: 7, version: 3, status: 'draft' },
      since: null,
      until: null,
      events: 4,
      before: { allow: 2, review: 2, block: 0 },
      after: { allow: 1, review: 3, block: 0 },
      changed: 1,
      transitions: [{ from: 'allow', to: 'review', count: 1 }],
      examples: [],
      labelled: 3,
      precisionRecall: {
        before: confusion([
          { label: 'fraud', flagged: true },
          { label: 'legit', flagged: true },
        ]),
        after: confusion([{ label: 'fraud', flagged: true }]),
      },
    });
    expect(text).toContain('policy #7 (version 3, draft) over 4 decisions');
    expect(text).toMatch(/review\s+2\s+3/);
    expect(text).toContain('changed: 1 (allow→review 1)');
    expect(text).toContain('precision 50.0% → 100.0%');
  });
});
