import type { ColumnType, Generated } from 'kysely';

export type StatusState = 'open' | 'frozen';
/** Why a shop's settlement is frozen and stored so: a deduction was not topped up in time. */
export type StoredFreezeReason = 'deposit_not_topped_up';
/** Why settlement is held now: a stored freeze, or a deposit below the requirement (product rules §3). */
export type HoldReason = StoredFreezeReason | 'deposit_below_requirement' | 'governance_penalty';
export type SettlementState = 'frozen' | 'settled';
export type WithdrawalSource = 'merchant_available' | 'merchant_deposit' | 'creator_commission';

export interface ShopSettlementStatusTable {
  shopId: number;
  state: ColumnType<StatusState, StatusState | undefined>;
  freezeReason: StoredFreezeReason | null;
  frozenAt: Date | null;
  topUpDueAt: Date | null;
  topUpTargetFen: ColumnType<number, number | undefined>;
  updatedAt: ColumnType<Date, Date | undefined>;
}

export interface SettlementsTable {
  id: Generated<number>;
  orderId: number;
  shopId: number;
  state: SettlementState;
  holdReason: HoldReason | null;
  paidFen: number;
  refundedFen: number;
  platformCommissionFen: number;
  creatorUserId: number | null;
  creatorCommissionFen: number;
  depositWithheldFen: number;
  merchantFen: number;
  /** The platform discount of what was not refunded, paid to the merchant from the platform's subsidy. */
  subsidyFen: number;
  ledgerEntryId: number | null;
  createdAt: Date;
  frozenAt: Date | null;
  settledAt: Date | null;
}

export interface WithdrawalsTable {
  id: Generated<number>;
  source: WithdrawalSource;
  shopId: number | null;
  creatorUserId: number | null;
  requestedBy: number;
  amountFen: number;
  provider: string;
  providerRef: string | null;
  ledgerEntryId: number | null;
  createdAt: Date;
}

export interface DepositPaymentsTable {
  id: Generated<number>;
  shopId: number;
  paidBy: number;
  amountFen: number;
  provider: string;
  providerRef: string | null;
  ledgerEntryId: number | null;
  createdAt: Date;
}

export interface DepositDeductionsTable {
  id: Generated<number>;
  shopId: number;
  requestedFen: number;
  deductedFen: number;
  counterAccount: string;
  causeType: string;
  causeId: number;
  reason: string;
  ledgerEntryId: number | null;
  createdAt: Date;
}

export interface SettlementTables {
  shopSettlementStatus: ShopSettlementStatusTable;
  settlements: SettlementsTable;
  withdrawals: WithdrawalsTable;
  depositPayments: DepositPaymentsTable;
  depositDeductions: DepositDeductionsTable;
}
