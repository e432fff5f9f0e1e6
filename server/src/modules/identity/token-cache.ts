import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { PubSub } from '../../platform/pubsub.ts';
import { resolveToken } from './identity.service.ts';
import { hashToken, TOKEN_REVOKED_CHANNEL } from './token.ts';

const TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

/**
 * Token → principal, remembered for 30 s so that a busy buyer does not cost a query per request.
 * Logout publishes the token's hash on TOKEN_REVOKED_CHANNEL and every process forgets it at once;
 * expiry is checked on every hit. What the cache may serve stale for up to 30 s: a role change or a
 * disabled account.
 */
export class TokenCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  /** Nothing is cached until this process listens for revocations: a logout it missed would stand. */
  private listening = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    pubsub: PubSub,
  ) {
    void pubsub
      .subscribe(TOKEN_REVOKED_CHANNEL, (hex) => this.entries.delete(hex))
      .then(() => {
        this.listening = true;
      });
  }

  async resolve(token: string): Promise<Principal | null> {
    const key = hashToken(token).toString('hex');
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.principal;
    const principal = await resolveToken(this.db, this.clock, token);
    if (principal && this.listening) {
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
}
