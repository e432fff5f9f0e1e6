import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../platform/access.ts';
import { invalidField } from '../../platform/errors.ts';

/** `xr_` and the base64url of 32 random bytes (43 characters), like a session token (docs/api-keys.md). */
const TOKEN_PATTERN = /^xr_[A-Za-z0-9_-]{43}$/;
/** How much of a token lists show: `xr_` and 7 of its random characters. */
export const PREFIX_LENGTH = 10;
export const MAX_NAME_LENGTH = 60;
/** Active keys a shop may hold at once (a revoked key no longer counts). */
export const MAX_ACTIVE_KEYS_PER_SHOP = 20;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

export interface NewToken {
  /** Shown once, in the answer that creates the key. */
  token: string;
  /** Its SHA-256: the only form stored. */
  hash: Buffer;
  prefix: string;
}

export function newApiKeyToken(): NewToken {
  const token = `xr_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiKeyToken(token), prefix: token.slice(0, PREFIX_LENGTH) };
}

export function hashApiKeyToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Whether a bearer token has a key's form (session tokens share it: the lookup decides). */
export function hasKeyForm(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * The scopes asked for, each once, in the order of API_KEY_SCOPES; an unknown one, or none, answers
 * 400 naming `scopes`.
 */
export function parseScopes(asked: readonly string[]): ApiKeyScope[] {
  const unknown = asked.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw invalidField('scopes', `unknown scope ${unknown.join(', ')}; known: ${API_KEY_SCOPES.join(', ')}`);
  }
  if (asked.length === 0) throw invalidField('scopes', 'at least one scope');
  return API_KEY_SCOPES.filter((s) => asked.includes(s));
}

/** The name as kept: trimmed, 1–60 characters (400 naming `name` otherwise). */
export function parseName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
    throw invalidField('name', `must be 1 to ${MAX_NAME_LENGTH} characters`);
  }
  return trimmed;
}

/** Whether a use at `now` should be written as the key's last use: at most once a minute. */
export function lastUseIsStale(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= 60_000;
}
