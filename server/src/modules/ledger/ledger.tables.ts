import type { ColumnType, Generated } from 'kysely';

export type AccountType = 'external' | 'holding' | 'payable' | 'revenue' | 'reserve' | 'expense';
export type OwnerKind = 'shop' | 'user';

export interface LedgerAccountsTable {
  code: string;
  type: AccountType;
  ownerKind: OwnerKind | null;
  ownerId: number | null;
  mayGoNegative: boolean;
  balanceBuckets: number;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  idempotencyKey: string;
  kind: string;
  causeType: string;
  causeId: number;
  memo: string | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface LedgerPostingsTable {
  entryId: number;
  accountCode: string;
  amountFen: number;
}

export interface LedgerBalancesTable {
  accountCode: string;
  bucket: number;
  balanceFen: number;
  mayGoNegative: boolean;
}

export interface LedgerTables {
  ledgerAccounts: LedgerAccountsTable;
  ledgerEntries: LedgerEntriesTable;
  ledgerPostings: LedgerPostingsTable;
  ledgerBalances: LedgerBalancesTable;
}
