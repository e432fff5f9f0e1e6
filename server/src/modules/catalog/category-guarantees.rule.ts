import type { RegulatedType } from './catalog.tables.ts';
import type { GuaranteeCode } from './guarantees.ts';

/** The category attributes that decide which guarantees it may carry (product rules §2, §4). */
export interface GuaranteeTraits {
  regulatedType: RegulatedType | null;
  noReasonReturn: boolean;
  perishable: boolean;
  customMade: boolean;
  isVirtual: boolean;
}

/** One condition on a category: null when it holds, else why the guarantee does not fit. */
type Condition = (c: GuaranteeTraits) => string | null;

const shipped: Condition = (c) => (c.isVirtual ? 'virtual goods are not shipped' : null);
const perishableOnly: Condition = (c) => (c.perishable ? null : 'only for perishable goods');

const conditions: Record<GuaranteeCode, readonly Condition[]> = {
  // product rules §4: excluded are custom, perishable, virtual goods, and categories without no-reason returns.
  no_reason_7d: [
    (c) => (c.noReasonReturn ? null : 'the category has no 7-day no-reason returns'),
    (c) => (c.perishable ? 'not for perishable goods' : null),
    (c) => (c.customMade ? 'not for custom-made goods' : null),
    (c) => (c.isVirtual ? 'not for virtual goods' : null),
  ],
  freight_insurance: [shipped],
  fake_pays_n: [shipped],
  authenticity: [shipped],
  spoiled_refund: [shipped, perishableOnly],
  damage_refund: [shipped],
  allergy_refund: [shipped, (c) => (c.regulatedType === 'cosmetic' ? null : 'only for cosmetics')],
  melted_refund: [shipped, perishableOnly],
  segment_refund: [shipped, perishableOnly],
  used_phone_warranty: [shipped, (c) => (c.perishable ? 'not for perishable goods' : null)],
};

/** Why a category may not carry this guarantee, or null when it may. */
export function guaranteeRefusal(category: GuaranteeTraits, code: GuaranteeCode): string | null {
  for (const condition of conditions[code]) {
    const reason = condition(category);
    if (reason) return reason;
  }
  return null;
}

/** The guarantees of `codes` the category may not carry, each with the reason. */
export function refusedGuarantees(
  category: GuaranteeTraits,
  codes: readonly GuaranteeCode[],
): { code: GuaranteeCode; reason: string }[] {
  return codes.flatMap((code) => {
    const reason = guaranteeRefusal(category, code);
    return reason ? [{ code, reason }] : [];
  });
}
