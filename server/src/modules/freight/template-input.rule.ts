import type { TemplateInput } from './freight.schema.ts';
import { isRegionCode } from './region-codes.ts';

export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * What is wrong with a template beyond its schema: region codes must exist in the region table, a
 * code belongs to one region rule only, and a region is either excluded or has a rule, not both.
 */
export function templateProblems(input: Pick<TemplateInput, 'regions' | 'excludedCodes'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ruled = new Map<string, number>();
  input.regions.forEach((rule, i) => {
    const field = `regions.${i}.codes`;
    rule.codes.forEach((code) => {
      if (!isRegionCode(code)) {
        problems.push({
          field,
          reason: `${code} is not a province, city or county code of the region table`,
        });
        return;
      }
      const other = ruled.get(code);
      if (other !== undefined && other !== i) {
        problems.push({ field, reason: `${code} already has region rule ${other + 1}` });
        return;
      }
      ruled.set(code, i);
    });
  });
  const field = 'excludedCodes';
  input.excludedCodes.forEach((code) => {
    if (!isRegionCode(code)) {
      problems.push({ field, reason: `${code} is not a province, city or county code of the region table` });
    } else if (ruled.has(code)) {
      problems.push({ field, reason: `${code} has a region rule and cannot also be excluded` });
    }
  });
  return problems;
}
