import type { ColumnType, JSONColumnType } from 'kysely';

export interface PlatformConfigVersionsTable {
  version: number;
  policy: JSONColumnType<Record<string, unknown>, string, never>;
  note: string;
  createdBy: number | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface ConfigurationTables {
  platformConfigVersions: PlatformConfigVersionsTable;
}
