import { createHash, randomBytes } from 'node:crypto';

/** Opaque bearer tokens: 32 random bytes; only their SHA-256 is stored. */
export function newToken(): { token: string; hash: Buffer } {
  const token = `xr_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Channel on which logout announces a revoked token's hash (hex) to every process. */
export const TOKEN_REVOKED_CHANNEL = 'xinren_token_revoked';

/** Channel on which a change of an account's roles or status announces the account's id to every process. */
export const ACCOUNT_CHANGED_CHANNEL = 'xinren_account_changed';
