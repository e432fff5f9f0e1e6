import { describe, expect, it } from 'vitest';
import { type FieldProblem, templateProblems } from './template-input.rule.ts';

const rule = (...codes: string[]) => ({ codes, firstFen: 2000, extraFen: 500, remote: true });

describe('region codes of a template', () => {
  it.each<[string, Parameters<typeof templateProblems>[0], string[]]>([
    [
      'province, city and county codes that exist',
      { regions: [rule('650000', '540100', '330106')], excludedCodes: ['710000', '810000'] },
      [],
    ],
    ['nothing at all', { regions: [], excludedCodes: [] }, []],
    ['an unknown province', { regions: [rule('990000')], excludedCodes: [] }, ['regions.0.codes']],
    [
      'an unknown city of a known province',
      { regions: [rule('330000', '339900')], excludedCodes: [] },
      ['regions.0.codes'],
    ],
    ['an unknown county', { regions: [], excludedCodes: ['330199'] }, ['excludedCodes']],
    [
      'a code in two rules',
      { regions: [rule('650000'), rule('540000', '650000')], excludedCodes: [] },
      ['regions.1.codes'],
    ],
    [
      'the same code twice in one rule is harmless',
      { regions: [rule('650000', '650000')], excludedCodes: [] },
      [],
    ],
    ['excluded and ruled', { regions: [rule('650000')], excludedCodes: ['650000'] }, ['excludedCodes']],
  ])('%s', (_name, input, fields) => {
    expect(templateProblems(input).map((p: FieldProblem) => p.field)).toEqual(fields);
  });
});
