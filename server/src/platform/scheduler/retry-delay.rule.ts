import { HOUR } from '../clock.ts';

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = HOUR;

/**
 * How long a deadline whose handler failed waits before its next try: 30 s after the first failure,
 * doubling each time, at most an hour (a database hiccup heals fast; a bug needs a deploy).
 */
export function retryDelayMs(failedAttempts: number): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) {
    throw new Error(`failedAttempts must be a positive integer, got ${failedAttempts}`);
  }
  // Capping the exponent first keeps 2 ** n finite for any attempt count.
  return Math.min(FIRST_RETRY_MS * 2 ** Math.min(failedAttempts - 1, 20), MAX_RETRY_MS);
}
