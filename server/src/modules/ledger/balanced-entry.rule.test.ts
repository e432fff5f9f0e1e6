import { describe, expect, it } from 'vitest';
import { type EntryProblem, findEntryProblem, type PostingAmount } from './balanced-entry.rule.ts';

const p = (accountCode: string, amountFen: number): PostingAmount => ({ accountCode, amountFen });
const MAX = Number.MAX_SAFE_INTEGER;

const cases: Array<{ name: string; postings: PostingAmount[]; expected: EntryProblem | null }> = [
  {
    name: 'two postings summing to zero',
    postings: [p('escrow', 100), p('payment_provider', -100)],
    expected: null,
  },
  {
    name: 'a split across three accounts',
    postings: [p('escrow', -10_000), p('merchant_pending:1', 9_500), p('platform_commission_revenue', 500)],
    expected: null,
  },
  { name: 'the largest safe amounts', postings: [p('a', MAX), p('b', -MAX)], expected: null },
  {
    name: 'no postings',
    postings: [],
    expected: {
      code: 'validation_failed',
      field: 'postings',
      reason: 'an entry needs at least two postings',
    },
  },
  {
    name: 'a single posting',
    postings: [p('escrow', 0)],
    expected: {
      code: 'validation_failed',
      field: 'postings',
      reason: 'an entry needs at least two postings',
    },
  },
  {
    name: 'more in than out',
    postings: [p('escrow', 101), p('payment_provider', -100)],
    expected: { code: 'unbalanced_entry', sumFen: 1 },
  },
  {
    name: 'more out than in',
    postings: [p('escrow', -300), p('merchant_pending:1', 200)],
    expected: { code: 'unbalanced_entry', sumFen: -100 },
  },
  {
    name: 'a zero amount',
    postings: [p('escrow', 100), p('payment_provider', -100), p('guarantee_fund', 0)],
    expected: { code: 'validation_failed', field: 'postings[2].amountFen', reason: 'must not be zero' },
  },
  {
    name: 'a fractional amount (yuan passed as fen)',
    postings: [p('escrow', 99.5), p('payment_provider', -99.5)],
    expected: {
      code: 'validation_failed',
      field: 'postings[0].amountFen',
      reason: 'must be a safe integer number of fen',
    },
  },
  {
    name: 'NaN',
    postings: [p('escrow', 1), p('payment_provider', Number.NaN)],
    expected: {
      code: 'validation_failed',
      field: 'postings[1].amountFen',
      reason: 'must be a safe integer number of fen',
    },
  },
  {
    name: 'an unsafe integer',
    postings: [p('escrow', 2 ** 53), p('payment_provider', -(2 ** 53))],
    expected: {
      code: 'validation_failed',
      field: 'postings[0].amountFen',
      reason: 'must be a safe integer number of fen',
    },
  },
  {
    name: 'totals beyond the safe range',
    postings: [p('a', MAX), p('b', MAX), p('c', -MAX), p('d', -MAX)],
    expected: {
      code: 'validation_failed',
      field: 'postings',
      reason: 'the total moved exceeds the safe integer range',
    },
  },
  {
    name: 'the same account twice',
    postings: [p('escrow', 100), p('escrow', -100)],
    expected: {
      code: 'validation_failed',
      field: 'postings[1].account',
      reason: 'account escrow appears twice in one entry',
    },
  },
];

describe('findEntryProblem', () => {
  it.each(cases)('$name', ({ postings, expected }) => {
    expect(findEntryProblem(postings)).toEqual(expected);
  });
});
