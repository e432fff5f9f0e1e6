import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type FreightMode = 'piece' | 'weight';

/** A region override: its codes (province 'PP0000', city 'PPCC00' or county 'PPCCXX'), its fees. */
export interface RegionRule {
  codes: string[];
  firstFen: number;
  extraFen: number;
  /** Remote regions pay their fee even above the free-over amount. */
  remote: boolean;
}

export interface FreightTemplatesTable {
  id: Generated<number>;
  shopId: number;
  name: string;
  mode: FreightMode;
  /** Pieces, or grams in weight mode. */
  firstUnits: number;
  firstFen: number;
  extraUnits: number;
  extraFen: number;
  freeOverFen: number | null;
  isDefault: ColumnType<boolean, boolean | undefined>;
  regions: JSONColumnType<RegionRule[], string, string>;
  excludedCodes: ColumnType<string[], string[] | undefined>;
  createdAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
}

export interface FreightTables {
  freightTemplates: FreightTemplatesTable;
}
