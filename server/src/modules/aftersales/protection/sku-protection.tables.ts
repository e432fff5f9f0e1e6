import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** active (quality refunds of the SKU approved at once) → cleared (by ops); see sku-protection.machine.ts. */
export type SkuProtectionState = 'active' | 'cleared';

export interface SkuProtectionsTable {
  id: Generated<number>;
  skuId: number;
  productId: number;
  shopId: number;
  categoryId: number;
  state: ColumnType<SkuProtectionState, SkuProtectionState | undefined>;
  rateBp: number;
  baselineBp: number;
  eligibleOrders: number;
  qualityRefunds: number;
  inputs: JSONColumnType<Record<string, unknown>, string, string>;
  explanationZh: string;
  explanationEn: string;
  detectedAt: Date;
  autoApproved: ColumnType<number, number | undefined>;
  clearedBy: ColumnType<number | null, number | null | undefined>;
  clearedAt: ColumnType<Date | null, Date | null | undefined>;
  clearNote: ColumnType<string | null, string | null | undefined>;
}

export interface SkuProtectionTables {
  skuProtections: SkuProtectionsTable;
}
