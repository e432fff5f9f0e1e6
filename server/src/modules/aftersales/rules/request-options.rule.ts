import type { RequestType } from '../aftersales.tables.ts';
import type { Reason } from '../reasons.ts';

export type BuyerRequestType = Exclude<RequestType, 'late_shipment_compensation'>;

/** What the options of an order line depend on: its order's state, its category, its guarantees. */
export interface LineFacts {
  orderState: string;
  /** The guarantees frozen on the line at checkout. */
  guarantees: readonly string[];
  perishable: boolean;
  /** 三品一械 type of the product's category (food, drug, cosmetic, medical_device) or null. */
  regulatedType: string | null;
  customMade: boolean;
  isVirtual: boolean;
  /** Whether the 7-day no-reason window of the delivery is open now. */
  noReasonWindowOpen: boolean;
}

export interface TypeOption {
  type: BuyerRequestType;
  reasons: Reason[];
}

export interface RequestOptions {
  /** The types that fit, each with the reasons that fit it; empty when no request fits the order. */
  types: TypeOption[];
  defaultType: BuyerRequestType | null;
}

type Stage = 'unshipped' | 'shipped' | 'received';

const STAGE: Record<string, Stage | undefined> = {
  paid: 'unshipped',
  shipped: 'shipped',
  delivered: 'received',
  completed: 'received',
};

const AFTER_RECEIPT_QUALITY: Reason[] = [
  'quality_issue',
  'damaged',
  'not_as_described',
  'wrong_item',
  'missing_parts',
  'counterfeit',
];

// product rules §5, as the buyer apps people know offer them: before shipping only "don't want it";
// on the way only "not received / refuse the parcel"; after receipt what can be wrong with the item.
const REASONS_BY_STAGE_AND_TYPE: Record<Stage, Partial<Record<BuyerRequestType, Reason[]>>> = {
  unshipped: { refund_only_unshipped: ['not_shipped_yet', 'ordered_wrong', 'other'] },
  shipped: { refund_only: ['not_received', 'dont_like', 'ordered_wrong', 'other'] },
  received: {
    return_refund: ['no_reason', 'dont_like', 'ordered_wrong', ...AFTER_RECEIPT_QUALITY, 'allergy', 'other'],
    refund_only: ['not_received', ...AFTER_RECEIPT_QUALITY, 'spoiled', 'melted', 'allergy', 'other'],
    exchange: [
      'dont_like',
      'ordered_wrong',
      'quality_issue',
      'damaged',
      'not_as_described',
      'wrong_item',
      'other',
    ],
    resend: ['missing_parts', 'not_received', 'other'],
    guarantee_claim: [],
  },
};

// product rules §4: the guarantees a buyer claims and the reason each is claimed for.
const CLAIM_REASONS: Record<string, Reason[]> = {
  spoiled_refund: ['spoiled'],
  melted_refund: ['melted'],
  damage_refund: ['damaged'],
  allergy_refund: ['allergy'],
  segment_refund: ['missing_parts', 'not_as_described'],
  used_phone_warranty: ['quality_issue'],
};

const ALLERGY_CATEGORIES = new Set(['cosmetic', 'drug']);
const SUBJECTIVE: ReadonlySet<Reason> = new Set(['no_reason', 'dont_like', 'ordered_wrong']);

/** Whether a reason can be true of this kind of item at all (melted for a phone cannot). */
function fitsItem(reason: Reason, line: LineFacts): boolean {
  const carries = (code: string) => line.guarantees.includes(code);
  switch (reason) {
    case 'spoiled':
      return line.perishable || carries('spoiled_refund');
    case 'melted':
      return line.perishable || carries('melted_refund');
    case 'allergy':
      return ALLERGY_CATEGORIES.has(line.regulatedType ?? '') || carries('allergy_refund');
    case 'no_reason':
      return carries('no_reason_7d') && line.noReasonWindowOpen;
    default:
      return true;
  }
}

/** Whether the type fits this kind of item, whatever the reason. */
function typeFitsItem(type: BuyerRequestType, line: LineFacts): boolean {
  // Nothing goes back or comes again for a virtual item; a custom-made one is not exchanged.
  if (line.isVirtual) return type === 'refund_only_unshipped' || type === 'refund_only';
  if (line.customMade && type === 'exchange') return false;
  return true;
}

/**
 * The request types and reasons a buyer is offered on an order line (product rules §4–5), the same the
 * server accepts: by the order's state (unshipped, on its way, received), the product's category
 * (perishable, cosmetic, custom-made, virtual) and the guarantees on the line. Once the parcel has
 * arrived the default is return-and-refund, the usual remedy; before, the only type that fits.
 */
export function requestOptions(line: LineFacts): RequestOptions {
  const stage = STAGE[line.orderState];
  if (!stage) return { types: [], defaultType: null };
  const types: TypeOption[] = [];
  for (const [type, base] of Object.entries(REASONS_BY_STAGE_AND_TYPE[stage]) as [
    BuyerRequestType,
    Reason[],
  ][]) {
    if (!typeFitsItem(type, line)) continue;
    const candidates =
      type === 'guarantee_claim'
        ? [...new Set(line.guarantees.flatMap((g) => CLAIM_REASONS[g] ?? []))]
        : base;
    // Subjective returns are not for perishable or custom-made goods (§4 excludes them from 7-day returns).
    const reasons = candidates.filter(
      (r) =>
        (type === 'guarantee_claim' || fitsItem(r, line)) &&
        !(type !== 'refund_only_unshipped' && SUBJECTIVE.has(r) && (line.perishable || line.customMade)),
    );
    if (reasons.length > 0) types.push({ type, reasons });
  }
  const preferred: BuyerRequestType[] = ['return_refund', 'refund_only_unshipped', 'refund_only'];
  const defaultType = preferred.find((p) => types.some((t) => t.type === p)) ?? types[0]?.type ?? null;
  return { types, defaultType };
}

export type ReasonFit = { ok: true } | { ok: false; field: 'reason' | 'type'; reason: string };

/**
 * Whether a reason fits a request type on this line; the refusal names what fits instead. A type the
 * order's state does not allow is left to the opening rule, a guarantee claim on a line without a
 * claimable guarantee to the claim rule: each refuses with its own words.
 */
export function reasonFits(line: LineFacts, type: BuyerRequestType, reason: Reason): ReasonFit {
  const options = requestOptions(line).types;
  const option = options.find((t) => t.type === type);
  if (option) {
    if (option.reasons.includes(reason)) return { ok: true };
    return {
      ok: false,
      field: 'reason',
      reason: `${reason} does not fit a ${type} on this order line; fitting: ${option.reasons.join(', ')}`,
    };
  }
  const stage = STAGE[line.orderState];
  if (!stage || !(type in REASONS_BY_STAGE_AND_TYPE[stage]) || type === 'guarantee_claim')
    return { ok: true };
  return {
    ok: false,
    field: 'type',
    reason: `${type} does not fit this item; fitting: ${options.map((t) => t.type).join(', ') || 'none'}`,
  };
}
