import type { Transitions } from '../../platform/state-machine.ts';
import type { EndpointState } from './webhooks.tables.ts';

/**
 * An endpoint is enabled or disabled: its owner turns it off and on (reason `by_user`); the delivery
 * engine disables it when its deliveries have failed for 3 days (reason `failing`); the owner enables it
 * again. Deleting is a mark (`deleted_at`), not a state: the log stays.
 */
export const endpointTransitions = {
  enabled: ['disabled'],
  disabled: ['enabled'],
} as const satisfies Transitions<EndpointState>;

export const ENDPOINT_STATES = Object.keys(endpointTransitions) as EndpointState[];
