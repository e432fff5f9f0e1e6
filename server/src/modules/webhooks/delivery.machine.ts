import type { Transitions } from '../../platform/state-machine.ts';
import type { DeliveryState } from './webhooks.tables.ts';

/**
 * A delivery waits (`pending`), is attempted under a lease (`delivering`), and then has succeeded, waits
 * for its next attempt (`retrying`) or has given up (`failed`, 3 days after its first attempt). A lease
 * that expires (the deliverer crashed) moves `delivering` back to `retrying`. A replay is a new delivery,
 * so `succeeded` and `failed` are final.
 */
export const deliveryTransitions = {
  pending: ['delivering'],
  delivering: ['succeeded', 'retrying', 'failed'],
  retrying: ['delivering'],
  succeeded: [],
  failed: [],
} as const satisfies Transitions<DeliveryState>;

export const DELIVERY_STATES = Object.keys(deliveryTransitions) as DeliveryState[];

/** States whose deliveries are still to be attempted: they hold back later events of their resource. */
export const OPEN_DELIVERY_STATES: readonly DeliveryState[] = ['pending', 'delivering', 'retrying'];
