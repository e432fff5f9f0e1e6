import type { Transitions } from '../../platform/state-machine.ts';
import type { ProductState } from './catalog.tables.ts';

/**
 * product rules §2: draft → in_review → listed / rejected; rejected → in_review (resubmit); listed →
 * delisted (merchant) or blocked (governance); delisted → in_review (relist). Editing the content of a
 * listed product sends it back to review (listed → in_review). Blocked is final.
 */
export const productTransitions = {
  draft: ['in_review'],
  in_review: ['listed', 'rejected'],
  rejected: ['in_review'],
  listed: ['delisted', 'blocked', 'in_review'],
  delisted: ['in_review'],
  blocked: [],
} as const satisfies Transitions<ProductState>;

export const PRODUCT_STATES = Object.keys(productTransitions) as ProductState[];
