import type { Principal } from '../../platform/access.ts';
import { type Clock, MINUTE } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { PubSub } from '../../platform/pubsub.ts';
import { PgRateLimitCounters } from '../../platform/rate-limit-store.ts';
import { ACCOUNT_CHANGED_CHANNEL } from '../identity/index.ts';
import { hashApiKeyToken, hasKeyForm, lastUseIsStale } from './api-key.rule.ts';
import { API_KEY_REVOKED_CHANNEL, findActiveKey, noteKeyUse, type ResolvedKey } from './api-keys.service.ts';

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
/** A key's principal never expires by time: it stands until the key is revoked. */
const NEVER = new Date(8_640_000_000_000_000);

/** Resolves a bearer token that is not a key (a session): identity's token cache. */
export type SessionResolver = (token: string) => Promise<Principal | null>;

/**
 * Bearer tokens of API keys → principals (docs/api-keys.md). A key acts as the owner who made it,
 * kind merchant, with `apiKey` set (http.ts then holds it to its scopes and its shop). Keys share the
 * form of session tokens (`xr_` + 43), so a token is looked up as a session first and as a key after;
 * a key found is remembered for 30 s. Revoking a key forgets it here at once (`forget`) and in every
 * other process when the notification arrives (API_KEY_REVOKED_CHANNEL; an account's change on
 * ACCOUNT_CHANGED_CHANNEL likewise). Each request counts against the key's per-minute limit in the
 * shared counters (429 rate_limited past it); its last use is written at most once a minute.
 */
export class ApiKeyAuthenticator {
  private readonly entries = new Map<string, { key: ResolvedKey; until: number }>();
  /** When this process last wrote each key's last use (ms): no write, not even a guarded one, within a minute. */
  private readonly noted = new Map<number, number>();
  private readonly counters: PgRateLimitCounters;
  /** Nothing is cached until this process hears revocations: one it missed would stand for the TTL. */
  private listening = false;
  /** Bumped by every revocation or account change: a lookup that raced one is not cached. */
  private changes = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    pubsub: PubSub,
  ) {
    this.counters = new PgRateLimitCounters(db, clock);
    void Promise.all([
      pubsub.subscribe(API_KEY_REVOKED_CHANNEL, (id) => this.forget(Number(id))),
      pubsub.subscribe(ACCOUNT_CHANGED_CHANNEL, (id) => this.forgetAccount(Number(id))),
    ]).then(() => {
      this.listening = true;
    });
  }

  async authenticate(token: string, sessions: SessionResolver): Promise<Principal | null> {
    if (!hasKeyForm(token)) return sessions(token);
    const hex = hashApiKeyToken(token).toString('hex');
    const now = this.clock.now().getTime();
    let key = this.cached(hex, now);
    if (!key) {
      const session = await sessions(token);
      if (session) return session;
      const changesBefore = this.changes;
      const found = await findActiveKey(this.db, token);
      if (!found) return null;
      key = found;
      if (this.listening && this.changes === changesBefore) {
        if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
        this.entries.set(hex, { key, until: now + TTL_MS });
      }
    }
    await this.limit(key);
    await this.noteUse(key);
    return {
      userId: key.userId,
      kind: 'merchant',
      opsRoles: [],
      tokenHash: key.tokenHash,
      expiresAt: NEVER,
      apiKey: { keyId: key.keyId, shopId: key.shopId, scopes: key.scopes },
    };
  }

  /** Forgets a revoked key (this process: at once; others: on the notification). */
  forget(keyId: number): void {
    this.changes++;
    for (const [hex, entry] of this.entries) if (entry.key.keyId === keyId) this.entries.delete(hex);
  }

  private forgetAccount(userId: number): void {
    this.changes++;
    for (const [hex, entry] of this.entries) if (entry.key.userId === userId) this.entries.delete(hex);
  }

  private cached(hex: string, now: number): ResolvedKey | undefined {
    const hit = this.entries.get(hex);
    if (hit && hit.until > now) return hit.key;
    if (hit) this.entries.delete(hex);
    return undefined;
  }

  /** One hit of the key's per-minute window, shared by every process; past the limit, 429. */
  private async limit(key: ResolvedKey): Promise<void> {
    const { current, ttl } = await this.counters.hit(`api-key:${key.keyId}`, MINUTE);
    if (current <= key.rateLimitPerMinute) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(ttl / 1000));
    throw new AppError(
      'rate_limited',
      `This API key made more than ${key.rateLimitPerMinute} requests this minute; try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds, limitPerMinute: key.rateLimitPerMinute },
      { key: 'api_key_rate_limited', params: { seconds: retryAfterSeconds } },
    );
  }

  private async noteUse(key: ResolvedKey): Promise<void> {
    const now = this.clock.now();
    const last = this.noted.get(key.keyId) ?? key.lastUsedAt?.getTime() ?? null;
    if (!lastUseIsStale(last === null ? null : new Date(last), now)) return;
    if (this.noted.size >= MAX_ENTRIES) this.noted.clear();
    this.noted.set(key.keyId, now.getTime());
    await noteKeyUse(this.db, key.keyId, now);
  }
}
