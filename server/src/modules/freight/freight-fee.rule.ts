import type { FreightMode, RegionRule } from './freight.tables.ts';

/** What the fee of a template depends on. */
export interface FeeTemplate {
  mode: FreightMode;
  firstUnits: number;
  firstFen: number;
  extraUnits: number;
  extraFen: number;
  freeOverFen: number | null;
  regions: readonly RegionRule[];
  excludedCodes: readonly string[];
}

export interface FeeItem {
  quantity: number;
  weightGrams: number;
  /** The line's amount (before coupons): what free-over compares. */
  lineFen: number;
}

export type FeeResult =
  | { ok: true; fen: number; free: boolean; remote: boolean }
  /** `excludedCode` is the template's code that matched (province, city or county). */
  | { ok: false; reason: 'not_delivered'; excludedCode: string };

/** A county code's own code, its city's and its province's, most specific first: '650102' → ['650102', '650100', '650000']. */
export function regionLevels(countyCode: string): [string, string, string] {
  return [countyCode, `${countyCode.slice(0, 4)}00`, `${countyCode.slice(0, 2)}0000`];
}

/**
 * The shipping fee of a group of items under one template, to a county (product rules §9 "Shipping
 * fees"). Not delivered when the county, its city or its province is excluded. The most specific
 * region rule (county > city > province) replaces the first and extra fees. Pieces count quantity;
 * weight sums weightGrams × quantity, each started extra unit charged whole. Free at or above the
 * free-over amount, except in a remote region.
 */
export function freightFee(template: FeeTemplate, items: readonly FeeItem[], countyCode: string): FeeResult {
  const levels = regionLevels(countyCode);
  const excludedCode = levels.find((code) => template.excludedCodes.includes(code));
  if (excludedCode !== undefined) return { ok: false, reason: 'not_delivered', excludedCode };
  if (items.length === 0) return { ok: true, fen: 0, free: true, remote: false };

  let rule: RegionRule | undefined;
  for (const code of levels) {
    rule = template.regions.find((r) => r.codes.includes(code));
    if (rule) break;
  }
  const remote = rule?.remote ?? false;
  const itemsFen = items.reduce((sum, i) => sum + i.lineFen, 0);
  if (template.freeOverFen !== null && itemsFen >= template.freeOverFen && !remote) {
    return { ok: true, fen: 0, free: true, remote };
  }
  const units = items.reduce(
    (sum, i) => sum + (template.mode === 'piece' ? i.quantity : i.weightGrams * i.quantity),
    0,
  );
  const firstFen = rule?.firstFen ?? template.firstFen;
  const extraFen = rule?.extraFen ?? template.extraFen;
  const extras =
    units > template.firstUnits ? Math.ceil((units - template.firstUnits) / template.extraUnits) : 0;
  const fen = firstFen + extras * extraFen;
  return { ok: true, fen, free: fen === 0, remote };
}
