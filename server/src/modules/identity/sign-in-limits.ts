import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { PgRateLimitCounters, pgRateLimitStore } from '../../platform/rate-limit-store.ts';
import { normaliseLogin } from './identity.service.ts';

/** How many tries an account and an address get per window (failed sign-ins; sign-ups whatever the outcome). */
export interface SignInLimits {
  windowMs: number;
  /** Failed sign-ins of one account, from anywhere: guessing one password. */
  loginsPerAccount: number;
  /** Failed sign-ins from one address, any account: trying one password on many accounts. */
  loginsPerAddress: number;
  /** Sign-ups naming one login: probing which logins are taken. */
  registrationsPerLogin: number;
  /** Sign-ups from one address: mass account creation, probing many logins. */
  registrationsPerAddress: number;
}

export const defaultSignInLimits: SignInLimits = {
  windowMs: 15 * MINUTE,
  loginsPerAccount: 5,
  loginsPerAddress: 30,
  registrationsPerLogin: 5,
  registrationsPerAddress: 20,
};

type Limiter = (request: FastifyRequest) => Promise<{ isExceeded?: boolean; ttl?: number; key: string }>;

/** The limits on sign-in and sign-up; counters live in PostgreSQL and so hold across processes. */
export interface SignInGuard {
  /** Counts a sign-in attempt; throws rate_limited when the account or the address is over its limit. */
  login(request: FastifyRequest): Promise<{ succeeded(): Promise<void> }>;
  /** Counts a sign-up attempt; throws rate_limited when the login or the address is over its limit. */
  register(request: FastifyRequest): Promise<void>;
}

const loginOf = (request: FastifyRequest) => normaliseLogin((request.body as { login: string }).login);

/** Registers @fastify/rate-limit (route-less: limiters only) in `app` and builds the guard. */
export async function signInGuard(
  app: App,
  ctx: Pick<AppContext, 'db' | 'clock'>,
  limits: SignInLimits = defaultSignInLimits,
): Promise<SignInGuard> {
  const counters = new PgRateLimitCounters(ctx.db, ctx.clock);
  await app.register(rateLimit, { global: false, store: pgRateLimitStore(counters) });
  const limiter = (max: number, key: (request: FastifyRequest) => string): Limiter =>
    app.createRateLimit({ max, timeWindow: limits.windowMs, keyGenerator: key }) as Limiter;

  const loginLimiters = [
    limiter(limits.loginsPerAccount, (r) => `login:account:${loginOf(r)}`),
    limiter(limits.loginsPerAddress, (r) => `login:address:${r.ip}`),
  ];
  const registerLimiters = [
    limiter(limits.registrationsPerLogin, (r) => `register:login:${loginOf(r)}`),
    limiter(limits.registrationsPerAddress, (r) => `register:address:${r.ip}`),
  ];

  // Every limiter counts the attempt first (one atomic upsert each), so that parallel guesses
  // cannot all slip in under the limit before any of them is counted.
  const count = async (request: FastifyRequest, limiters: Limiter[]) => {
    const results = [];
    for (const l of limiters) results.push(await l(request));
    const over = results.filter((r) => r.isExceeded);
    if (over.length > 0) {
      const ttl = Math.max(...over.map((r) => r.ttl ?? 0));
      throw tooManyAttempts(Math.max(1, Math.ceil(ttl / 1000)));
    }
    return results.map((r) => r.key);
  };

  return {
    async login(request) {
      const keys = await count(request, loginLimiters);
      // A sign-in that succeeds does not count against the limits: they count failures.
      return { succeeded: async () => void (await Promise.all(keys.map((k) => counters.forgive(k)))) };
    },
    async register(request) {
      await count(request, registerLimiters);
    },
  };
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  return new AppError(
    'rate_limited',
    `Too many attempts; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
    { key: 'too_many_attempts', params: { minutes: Math.ceil(retryAfterSeconds / 60) } },
  );
}
