import { AppError, notFound } from '../../platform/errors.ts';
import type { LiveState } from './live.tables.ts';
import type { PinRefusal } from './pin-eligibility.rule.ts';

/** Another tenant's session answers the same as a missing one, so ids leak nothing. */
export const sessionNotFound = (sessionId: number) => notFound('live session', sessionId);

export const hostBusy = (liveSessionId: number | undefined) =>
  new AppError('live_host_busy', 'The host already has a live session; end it first', {
    liveSessionId: liveSessionId ?? null,
  });

export const wrongState = (
  sessionId: number,
  state: LiveState,
  action: string,
  allowed: readonly LiveState[],
) =>
  new AppError(
    'invalid_transition',
    `live session ${sessionId} is ${state}; ${action} needs ${allowed.join(' or ')}`,
    { state, allowed },
    { key: 'live_wrong_state', params: { state } },
  );

/** A refused pin names the product and why (validation_failed with field productId, or a 409). */
export function pinRefused(productId: number, refusal: PinRefusal, reason: string): AppError {
  const details = { productId, refusal, fields: [{ field: 'productId', reason }] };
  const message = `productId ${productId}: ${reason}`;
  if (refusal === 'pin_limit_reached') return new AppError('live_pin_limit_reached', message, details);
  if (refusal === 'already_pinned') return new AppError('already_exists', message, details);
  return new AppError('validation_failed', message, details);
}
