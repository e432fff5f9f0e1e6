import type { Guards, Transitions } from '../../platform/state-machine.ts';
import type { FlashSaleState } from './flash-sales.tables.ts';

/**
 * DOMAIN.md §9: a flash sale is scheduled, runs from its start to its end (durable deadlines move it),
 * and ends; the merchant may cancel it before it ends. A start deadline that fires after the end (the
 * runner was down) ends it without running.
 */
export const flashSaleTransitions = {
  scheduled: ['running', 'ended', 'cancelled'],
  running: ['ended', 'cancelled'],
  ended: [],
  cancelled: [],
} as const satisfies Transitions<FlashSaleState>;

export const FLASH_SALE_STATES = Object.keys(flashSaleTransitions) as FlashSaleState[];

/** States in which a sale still matters to buyers (listed in rooms, one per SKU). */
export const OPEN_STATES: readonly FlashSaleState[] = ['scheduled', 'running'];

export interface FlashSaleFacts {
  startsAt: Date;
  endsAt: Date;
  now: Date;
}

/** A sale runs only inside its window and ends only once its end has come. */
export const flashSaleGuards: Guards<FlashSaleState, FlashSaleFacts> = {
  running: ({ startsAt, endsAt, now }) =>
    now < startsAt || now >= endsAt
      ? {
          code: 'invalid_transition',
          message: 'a flash sale runs only between its start and its end',
          details: { startsAt, endsAt },
        }
      : null,
  ended: ({ endsAt, now }) =>
    now < endsAt
      ? { code: 'invalid_transition', message: 'a flash sale ends at its end time', details: { endsAt } }
      : null,
};
