import type { AftersalesPolicy, ClaimableGuarantee } from '../../configuration/index.ts';
import { duration } from '../decision.ts';

export interface GuaranteeClaimInput {
  code: string;
  /** The guarantees frozen on the order line at checkout. */
  lineGuarantees: readonly string[];
  deliveredAt: Date | null;
  now: Date;
  photoCount: number;
}

export type GuaranteeClaimCheck =
  | { ok: true; windowEndsAt: Date }
  | { ok: false; field: string; reason: string };

// product rules §4: these claims are made "with photos".
const NEEDS_PHOTOS: ReadonlySet<ClaimableGuarantee> = new Set([
  'spoiled_refund',
  'damage_refund',
  'allergy_refund',
  'melted_refund',
  'segment_refund',
]);

/**
 * Whether a buyer may claim a guarantee on an order line (product rules §4): a guarantee buyers claim
 * themselves, frozen on the line, on a delivered order, before delivery + its claim window (closed at
 * the end instant), with photos where the guarantee asks for them. 假一赔N is not claimed here: a
 * counterfeit is decided by arbitration.
 */
export function guaranteeClaim(
  input: GuaranteeClaimInput,
  policy: Pick<AftersalesPolicy, 'claimWindows'>,
): GuaranteeClaimCheck {
  const { code } = input;
  if (code === 'fake_pays_n') {
    return {
      ok: false,
      field: 'guaranteeCode',
      reason:
        "fake_pays_n is not claimed directly: open a return_refund or refund_only request with reason 'counterfeit'; arbitration decides and pays the compensation",
    };
  }
  if (!isClaimable(code, policy)) {
    const claimable = Object.keys(policy.claimWindows).join(', ');
    return {
      ok: false,
      field: 'guaranteeCode',
      reason: `${code} cannot be claimed; claimable: ${claimable}`,
    };
  }
  if (!input.lineGuarantees.includes(code)) {
    return { ok: false, field: 'guaranteeCode', reason: `the order line does not carry ${code}` };
  }
  if (!input.deliveredAt) return { ok: false, field: 'order', reason: 'the order has not been delivered' };

  const windowMs = policy.claimWindows[code];
  const windowEndsAt = new Date(input.deliveredAt.getTime() + windowMs);
  if (input.now >= windowEndsAt) {
    return {
      ok: false,
      field: 'guaranteeCode',
      reason: `${code} must be claimed within ${duration(windowMs).en} of delivery; the window ended at ${windowEndsAt.toISOString()}`,
    };
  }
  if (NEEDS_PHOTOS.has(code) && input.photoCount < 1) {
    return { ok: false, field: 'evidence', reason: `${code} claims need at least one photo` };
  }
  return { ok: true, windowEndsAt };
}

function isClaimable(
  code: string,
  policy: Pick<AftersalesPolicy, 'claimWindows'>,
): code is ClaimableGuarantee {
  return Object.hasOwn(policy.claimWindows, code);
}
