import type { Transitions } from '../../platform/state-machine.ts';

export type TrackingStatus = 'created' | 'picked_up' | 'in_transit' | 'delivered' | 'lost';

/**
 * A parcel's tracking as the carrier reports it: created (waybill issued by the shop) → picked_up →
 * in_transit (once per hub, repeatable) → delivered, or lost once the carrier has had it.
 */
export const trackingTransitions = {
  created: ['picked_up'],
  picked_up: ['in_transit', 'lost'],
  in_transit: ['in_transit', 'delivered', 'lost'],
  delivered: [],
  lost: [],
} as const satisfies Transitions<TrackingStatus>;

export const TRACKING_STATUSES = Object.keys(trackingTransitions) as TrackingStatus[];

/** What a carrier reports; `created` is written by the shop's shipment itself. */
export const TRACKING_EVENTS = ['picked_up', 'in_transit', 'delivered', 'lost'] as const;
export type TrackingEvent = (typeof TRACKING_EVENTS)[number];
