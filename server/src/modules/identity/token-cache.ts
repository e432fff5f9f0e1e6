import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { PubSub } from '../../platform/pubsub.ts';
import { resolveToken } from './identity.service.ts';
import { ACCOUNT_CHANGED_CHANNEL, hashToken, TOKEN_REVOKED_CHANNEL } from './token.ts';

const TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

/**
 * Token → principal, remembered for 30 s so that a busy buyer does not cost a query per request.
 * Logout publishes the token's hash on TOKEN_REVOKED_CHANNEL, and a change of an account's roles or
 * status the account's id on ACCOUNT_CHANGED_CHANNEL: every process forgets those tokens at once
 * (within the notification's delivery, well under a second). Expiry is checked on every hit.
 */
export class TokenCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  /** Nothing is cached until this process listens for revocations: a logout it missed would stand. */
  private listening = false;
  /** Bumped by every revocation or account change: a lookup that raced one is not cached. */
  private changes = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    pubsub: PubSub,
  ) {
    void Promise.all([
      pubsub.subscribe(TOKEN_REVOKED_CHANNEL, (hex) => {
        this.changes++;
        this.entries.delete(hex);
      }),
      pubsub.subscribe(ACCOUNT_CHANGED_CHANNEL, (id) => this.forgetAccount(Number(id))),
    ]).then(() => {
      this.listening = true;
    });
  }

  async resolve(token: string): Promise<Principal | null> {
    const key = hashToken(token).toString('hex');
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.principal;
    const changesBefore = this.changes;
    const principal = await resolveToken(this.db, this.clock, token);
    if (principal && this.listening && this.changes === changesBefore) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { principal, until: Math.min(now + TTL_MS, principal.expiresAt.getTime()) });
    } else {
      this.entries.delete(key);
    }
    return principal;
  }

  forget(tokenHash: Buffer): void {
    this.entries.delete(tokenHash.toString('hex'));
  }

  /** Drops every cached token of the account (rare: a role or status change scans the cache once). */
  forgetAccount(userId: number): void {
    this.changes++;
    for (const [key, entry] of this.entries) {
      if (entry.principal.userId === userId) this.entries.delete(key);
    }
  }
}
