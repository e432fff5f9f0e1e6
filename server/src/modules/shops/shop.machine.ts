import type { Transitions } from '../../platform/state-machine.ts';
import type { ShopState } from './shops.tables.ts';

/** product rules §2: probation (新手期) → active → restricted / suspended → closed. */
export const shopTransitions = {
  probation: ['active', 'restricted', 'suspended', 'closed'],
  active: ['restricted', 'suspended', 'closed'],
  restricted: ['active', 'suspended', 'closed'],
  suspended: ['active', 'restricted', 'closed'],
  closed: [],
} as const satisfies Transitions<ShopState>;

export const SHOP_STATES = Object.keys(shopTransitions) as ShopState[];
