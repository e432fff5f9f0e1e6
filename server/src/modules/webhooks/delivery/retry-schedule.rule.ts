import { DAY, HOUR, MINUTE } from '../../../platform/clock.ts';

const SECOND = 1_000;

/** Waits after failed attempt 1, 2, …, 9; every later failure waits `LATER_DELAY_MS`. */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
];
export const LATER_DELAY_MS = 12 * HOUR;
/** A delivery is retried until this long after its first attempt, then it gives up (`failed`). */
export const GIVE_UP_AFTER_MS = 3 * DAY;

/** The wait after failed attempt `attempt` (1-based). */
export function retryDelayMs(attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new Error(`attempt must be a positive integer: ${attempt}`);
  return RETRY_DELAYS_MS[attempt - 1] ?? LATER_DELAY_MS;
}

export type AfterFailure = { state: 'retrying'; nextAttemptAt: Date } | { state: 'failed' };

/**
 * What follows a failed attempt (1-based `attempt`, made at `now`) of a delivery first attempted at
 * `firstAttemptAt`: the next attempt after the schedule's wait, but never later than 3 days after the
 * first attempt (the last try falls on that mark); at or past the mark the delivery gives up.
 */
export function afterFailedAttempt(attempt: number, firstAttemptAt: Date, now: Date): AfterFailure {
  const giveUpAt = firstAttemptAt.getTime() + GIVE_UP_AFTER_MS;
  if (now.getTime() >= giveUpAt) return { state: 'failed' };
  const next = Math.min(now.getTime() + retryDelayMs(attempt), giveUpAt);
  return { state: 'retrying', nextAttemptAt: new Date(next) };
}

/**
 * An endpoint is failing, and gets disabled (reason `failing`), when one of its deliveries gave up
 * (3 days of failed attempts) and no delivery to it succeeded since that delivery's first attempt.
 */
export function endpointIsFailing(gaveUpFirstAttemptAt: Date, lastSuccessAt: Date | null): boolean {
  return lastSuccessAt === null || lastSuccessAt.getTime() < gaveUpFirstAttemptAt.getTime();
}

/** 2xx is success; anything else (other status, timeout, network error) is a failed attempt. */
export function isSuccessStatus(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}
