import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type RequestType =
  | 'refund_only_unshipped'
  | 'refund_only'
  | 'return_refund'
  | 'exchange'
  | 'resend'
  | 'guarantee_claim'
  | 'late_shipment_compensation';

export type RequestState =
  | 'pending_merchant'
  | 'awaiting_return'
  | 'return_shipped'
  | 'awaiting_reship'
  | 'rejected'
  | 'in_arbitration'
  | 'refunded'
  | 'resolved'
  | 'closed';

/** What happens when a state's deadline passes (product rules §5). */
export type DeadlineAction =
  | 'approve' // merchant silent on a request: approved
  | 'platform_pays' // merchant silent on a guarantee claim: the platform pays from the deposit
  | 'close' // buyer did not ship the return / did not resubmit or escalate
  | 'refund' // merchant did not confirm receipt, or did not reship: refunded
  | 'decide_for_buyer'; // arbitration not decided in time: decided for the buyer

export type BuyerTier = 'good' | 'standard';
export type Party = 'buyer' | 'merchant' | 'ops' | 'system';
export type ReturnState = 'awaiting_shipment' | 'shipped' | 'received' | 'refused';
export type ArbitrationState = 'awaiting_evidence' | 'awaiting_decision' | 'decided';
export type ArbitrationOutcome = 'full' | 'partial' | 'reject';
export type CompensationKind =
  | 'late_shipment'
  | 'fake_shipment'
  | 'logistics_stall'
  | 'fake_pays_n'
  | 'return_freight';
export type ChargeKind = 'refund_clawback' | 'compensation' | 'freight_premium';

type Inputs = JSONColumnType<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>;

export interface AftersalesRequestsTable {
  id: Generated<number>;
  orderId: number;
  orderLineId: number | null;
  buyerId: number;
  shopId: number;
  type: RequestType;
  reason: string;
  description: string | null;
  guaranteeCode: string | null;
  quantity: number;
  requestedFen: number;
  approvedFen: number | null;
  state: RequestState;
  deadlineAt: Date | null;
  deadlineAction: DeadlineAction | null;
  receiptExtended: ColumnType<boolean, boolean | undefined>;
  attempt: ColumnType<number, number | undefined>;
  autoRule: string | null;
  /** A guarantee claim's buyer tier when it was opened (product rules §7.6); null otherwise. */
  buyerTier: ColumnType<BuyerTier | null, BuyerTier | null | undefined>;
  configVersion: number;
  createdAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
  closedAt: Date | null;
}

export interface AftersalesEventsTable {
  id: Generated<number>;
  requestId: number;
  fromState: RequestState | null;
  toState: RequestState;
  actorKind: Party;
  actorId: number | null;
  rule: string | null;
  inputs: JSONColumnType<Record<string, unknown>, string | null, never> | null;
  configVersion: number | null;
  explanationZh: string;
  explanationEn: string;
  at: ColumnType<Date, Date, never>;
}

export interface AftersalesCommunicationsTable {
  id: Generated<number>;
  requestId: number;
  recordedBy: number;
  channel: 'phone' | 'chat' | 'sms' | 'other';
  summary: string;
  /** The buyer's conversation with the shop this communication cites (channel 'chat'), if any. */
  conversationId: ColumnType<number | null, number | null | undefined>;
  at: ColumnType<Date, Date, never>;
}

export interface AftersalesEvidenceTable {
  id: Generated<number>;
  requestId: number;
  party: 'buyer' | 'merchant' | 'ops';
  submittedBy: number;
  text: string | null;
  fileIds: ColumnType<number[], number[] | undefined>;
  at: ColumnType<Date, Date, never>;
}

export interface ReturnShipmentsTable {
  id: Generated<number>;
  requestId: number;
  state: ColumnType<ReturnState, ReturnState | undefined>;
  returnAddress: string;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: Date | null;
  receivedAt: Date | null;
  updatedAt: Date;
}

export interface ReshipmentsTable {
  id: Generated<number>;
  requestId: number;
  carrier: string;
  trackingNumber: string;
  shippedBy: number;
  shippedAt: ColumnType<Date, Date, never>;
}

export interface ArbitrationsTable {
  id: Generated<number>;
  requestId: number;
  state: ArbitrationState;
  openedBy: 'buyer' | 'merchant' | 'system';
  evidenceDueAt: Date;
  outcome: ArbitrationOutcome | null;
  awardedFen: number | null;
  counterfeit: ColumnType<boolean, boolean | undefined>;
  reason: string | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  createdAt: ColumnType<Date, Date, never>;
}

export interface MerchantChargesTable {
  id: Generated<number>;
  shopId: number;
  orderId: number | null;
  kind: ChargeKind;
  amountFen: number;
  fromAvailableFen: number;
  fromDepositFen: number;
  uncollectedFen: number;
  causeType: string;
  causeId: number;
  at: ColumnType<Date, Date, never>;
}

export interface CompensationsTable {
  id: Generated<number>;
  orderId: number;
  buyerId: number;
  shopId: number;
  requestId: number | null;
  kind: CompensationKind;
  amountFen: number;
  payer: 'merchant' | 'platform';
  rule: string;
  inputs: Inputs;
  configVersion: number;
  at: ColumnType<Date, Date, never>;
}

export interface FreightPremiumsTable {
  orderId: number;
  shopId: number;
  premiumFen: number;
  returnRateBp: number;
  configVersion: number;
  at: ColumnType<Date, Date, never>;
}

export interface FreightAbuseProductsTable {
  productId: number;
  inputs: Inputs;
  detectedAt: Date;
}

export interface AftersalesTables {
  aftersalesRequests: AftersalesRequestsTable;
  aftersalesEvents: AftersalesEventsTable;
  aftersalesCommunications: AftersalesCommunicationsTable;
  aftersalesEvidence: AftersalesEvidenceTable;
  returnShipments: ReturnShipmentsTable;
  reshipments: ReshipmentsTable;
  arbitrations: ArbitrationsTable;
  merchantCharges: MerchantChargesTable;
  compensations: CompensationsTable;
  freightPremiums: FreightPremiumsTable;
  freightAbuseProducts: FreightAbuseProductsTable;
}
