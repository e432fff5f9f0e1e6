import { describe, expect, it } from 'vitest';
import { API_KEY_SCOPES } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { reachable } from '../../platform/state-machine.ts';
import { apiKeyTransitions } from './api-key.machine.ts';
import {
  hashApiKeyToken,
  hasKeyForm,
  lastUseIsStale,
  newApiKeyToken,
  parseName,
  parseScopes,
} from './api-key.rule.ts';

describe('API key tokens', () => {
  it('are xr_ and 43 base64url characters; the prefix is the first 10; the hash is their SHA-256', () => {
    const { token, hash, prefix } = newApiKeyToken();
    expect(token).toMatch(/^xr_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toBe(token.slice(0, 10));
    expect(hash).toHaveLength(32);
    expect(hash.equals(hashApiKeyToken(token))).toBe(true);
    expect(hasKeyForm(token)).toBe(true);
  });

  it('differ every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newApiKeyToken().token));
    expect(tokens.size).toBe(100);
  });

  it.each([
    ['', false],
    ['xr_short', false],
    [`xr_${'a'.repeat(42)}!`, false],
    [`xk_${'a'.repeat(43)}`, false],
    [`xr_${'a'.repeat(44)}`, false],
    [`xr_${'a'.repeat(43)}`, true],
  ])('%s has the form: %s', (token, form) => {
    expect(hasKeyForm(token)).toBe(form);
  });
});

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, fields: error.details.fields };
    throw error;
  }
  throw new Error('not refused');
};

describe('scopes asked for', () => {
  it.each<[string[], string[]]>([
    [['orders:read'], ['orders:read']],
    [
      ['reviews:read', 'orders:read', 'orders:read'],
      ['orders:read', 'reviews:read'],
    ],
    [[...API_KEY_SCOPES].reverse(), [...API_KEY_SCOPES]],
  ])('%j → %j (each once, in the table order)', (asked, kept) => {
    expect(parseScopes(asked)).toEqual(kept);
  });

  it.each<[string, string[]]>([
    ['none', []],
    ['an unknown one', ['orders:read', 'orders:delete']],
    ['a near miss', ['Orders:read']],
    ['a person’s powers', ['api-keys:write']],
  ])('%s answers 400 naming scopes', (_what, asked) => {
    expect(refusal(() => parseScopes(asked))).toEqual({
      code: 'validation_failed',
      fields: [expect.objectContaining({ field: 'scopes' })],
    });
  });
});

describe('key names', () => {
  it('are trimmed', () => expect(parseName('  仓库系统 ')).toBe('仓库系统'));
  it.each(['', '   ', 'x'.repeat(61)])('%j answers 400 naming name', (name) => {
    expect(refusal(() => parseName(name))).toEqual({
      code: 'validation_failed',
      fields: [expect.objectContaining({ field: 'name' })],
    });
  });
  it('of 60 characters pass', () => expect(parseName('名'.repeat(60))).toHaveLength(60));
});

describe('last use', () => {
  const t = new Date('2026-12-07T10:00:00Z');
  it.each<[Date | null, number, boolean]>([
    [null, 0, true],
    [t, 59_999, false],
    [t, 60_000, true],
    [t, 3_600_000, true],
  ])('last %s, used %d ms later: written %s', (last, after, written) => {
    expect(lastUseIsStale(last, new Date(t.getTime() + after))).toBe(written);
  });
});

describe('the key machine', () => {
  it('goes active → revoked, and never back', () => {
    expect([...reachable(apiKeyTransitions, 'active')]).toEqual(['active', 'revoked']);
    expect([...reachable(apiKeyTransitions, 'revoked')]).toEqual(['revoked']);
  });
});
