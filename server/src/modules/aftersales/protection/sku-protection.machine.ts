import type { Transitions } from '../../../platform/state-machine.ts';
import type { SkuProtectionState } from './sku-protection.tables.ts';

/** A SKU protection (product rules §8.5): active until ops clear it; a new spike opens a new one. */
export const skuProtectionTransitions = {
  active: ['cleared'],
  cleared: [],
} as const satisfies Transitions<SkuProtectionState>;
