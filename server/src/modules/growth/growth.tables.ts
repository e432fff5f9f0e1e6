import type { ColumnType, Generated } from 'kysely';

export type Programme = 'new_merchant' | 'active_seller';
export type StepMetric =
  | 'listed_products'
  | 'live_sessions'
  | 'live_sessions_7d'
  | 'paid_orders'
  | 'followers'
  | 'product_videos';
export type QuarterState = 'measuring' | 'due' | 'not_earned' | 'paid';
export type BoostTarget = 'product' | 'live';
export type CreditEntryKind = 'ladder_reward' | 'quarter_reward' | 'boost';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface GrowthProgrammeVersionsTable {
  id: Generated<number>;
  programme: Programme;
  version: number;
  effectiveFrom: Date;
  note: ColumnType<string, string | undefined>;
  boostCreditsPerHour: number | null;
  boostWeightBp: number | null;
  boostMaxHours: number | null;
  newShopBoostBp: number | null;
  newShopBoostDays: number | null;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface GrowthLadderStepsTable {
  versionId: number;
  position: number;
  code: string;
  metric: StepMetric;
  threshold: number;
  rewardCredits: number;
}

export interface GrowthSellerTiersTable {
  versionId: number;
  tier: number;
  minLiveHours: number;
  minLiveDays: number;
  minProductVideos: number;
  minFollowerGain: number;
  minListedProducts: number;
  rewardCredits: number;
  rebateBp: number;
  rebateCapFen: number;
}

export interface GrowthEnrolmentsTable {
  shopId: number;
  versionId: number;
  enrolledAt: Date;
}

export interface GrowthStepCompletionsTable {
  shopId: number;
  versionId: number;
  stepCode: string;
  measured: number;
  completedAt: Date;
  claimedAt: ColumnType<Date | null, Date | null | undefined>;
  creditEntryId: ColumnType<number | null, number | null | undefined>;
}

export interface GrowthQuarterResultsTable {
  shopId: number;
  quarter: string;
  versionId: number;
  liveMinutes: number;
  liveDays: number;
  productVideos: number;
  followerGain: number;
  listedProducts: number;
  gmvFen: number;
  tier: number | null;
  rewardCredits: number;
  rebateFen: number;
  state: QuarterState;
  measuredAt: Date;
  paidAt: ColumnType<Date | null, Date | null | undefined>;
  paidBy: ColumnType<number | null, number | null | undefined>;
  ledgerEntryId: ColumnType<number | null, number | null | undefined>;
  creditEntryId: ColumnType<number | null, number | null | undefined>;
}

export interface GrowthCreditAccountsTable {
  code: string;
  shopId: number | null;
  balance: ColumnType<number, number | undefined>;
  mayGoNegative: boolean;
}

export interface GrowthCreditEntriesTable {
  id: Generated<number>;
  idempotencyKey: string;
  kind: CreditEntryKind;
  causeType: string;
  causeId: number;
  memo: ColumnType<string, string | undefined>;
  createdAt: Date;
}

export interface GrowthCreditPostingsTable {
  entryId: number;
  accountCode: string;
  amount: number;
}

export interface GrowthBoostsTable {
  id: Generated<number>;
  shopId: number;
  targetType: BoostTarget;
  targetId: number;
  credits: number;
  weightBp: number;
  startsAt: Date;
  endsAt: Date;
  creditEntryId: number;
  createdBy: number;
  createdAt: CreatedAt;
}

export interface GrowthTables {
  growthProgrammeVersions: GrowthProgrammeVersionsTable;
  growthLadderSteps: GrowthLadderStepsTable;
  growthSellerTiers: GrowthSellerTiersTable;
  growthEnrolments: GrowthEnrolmentsTable;
  growthStepCompletions: GrowthStepCompletionsTable;
  growthQuarterResults: GrowthQuarterResultsTable;
  growthCreditAccounts: GrowthCreditAccountsTable;
  growthCreditEntries: GrowthCreditEntriesTable;
  growthCreditPostings: GrowthCreditPostingsTable;
  growthBoosts: GrowthBoostsTable;
}
