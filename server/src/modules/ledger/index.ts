export { type AccountRef, accounts, parseAccountCode } from './account-ref.ts';
export type { LedgerErrorCode } from './ledger.errors.ts';
export { ledgerRoutes } from './ledger.routes.ts';
export type { AccountType, OwnerKind } from './ledger.tables.ts';
export { checkLedger, type LedgerReport } from './ledger-check.service.ts';
export {
  type AccountStatement,
  accountStatement,
  balanceOf,
  balances,
  type Cause,
  entriesFor,
  type LedgerEntry,
} from './ledger-read.service.ts';
export { postEntries } from './post-entries.service.ts';
export { type EntryInput, type PostedEntry, type PostingInput, postEntry } from './post-entry.service.ts';
