import { describe, expect, it } from 'vitest';
import {
  type Access,
  type ApiKeyGrant,
  type ApiKeyScope,
  allows,
  apiKeyRefusal,
  type Principal,
} from './access.ts';

const p = (kind: Principal['kind'], opsRoles: Principal['opsRoles'] = []): Principal => ({
  userId: 1,
  kind,
  opsRoles,
  tokenHash: Buffer.alloc(0),
  expiresAt: new Date('2100-01-01'),
});

describe('allows', () => {
  const cases: [string, Access, Principal | null, ReturnType<typeof allows>][] = [
    ['public, anonymous', 'public', null, 'ok'],
    ['user, anonymous', 'user', null, 'unauthenticated'],
    ['user, buyer', 'user', p('buyer'), 'ok'],
    ['merchant route, buyer', { kinds: ['merchant'] }, p('buyer'), 'forbidden'],
    ['merchant route, merchant', { kinds: ['merchant'] }, p('merchant'), 'ok'],
    ['merchant route, anonymous', { kinds: ['merchant'] }, null, 'unauthenticated'],
    ['reviewer route, reviewer', { ops: ['reviewer'] }, p('ops', ['reviewer']), 'ok'],
    ['reviewer route, arbiter', { ops: ['reviewer'] }, p('ops', ['arbiter']), 'forbidden'],
    ['reviewer route, super admin', { ops: ['reviewer'] }, p('ops', ['super_admin']), 'ok'],
    ['ops route, merchant', { ops: ['reviewer'] }, p('merchant'), 'forbidden'],
  ];
  it.each(cases)('%s', (_name, access, principal, expected) => {
    expect(allows(access, principal)).toBe(expected);
  });
});

describe('apiKeyRefusal', () => {
  const grant: ApiKeyGrant = { keyId: 7, shopId: 12, scopes: ['orders:read', 'products:read'] };
  const cases: [string, ApiKeyScope | undefined, string | undefined, ReturnType<typeof apiKeyRefusal>][] = [
    ['a route of its shop, scope held', 'orders:read', '12', null],
    ['a route not of a shop, scope held', 'orders:read', undefined, null],
    ['a route without a scope', undefined, '12', expect.objectContaining({ code: 'api_key_not_allowed' })],
    [
      'a scope not held',
      'orders:ship',
      '12',
      expect.objectContaining({ code: 'insufficient_scope', details: { scope: 'orders:ship' } }),
    ],
    ['another shop', 'orders:read', '13', expect.objectContaining({ code: 'not_found' })],
    ['a shop id that is no number', 'orders:read', 'x', expect.objectContaining({ code: 'not_found' })],
    // refused for the route first: another shop's route without a scope says nothing about that shop
    ['another shop, no scope', undefined, '13', expect.objectContaining({ code: 'api_key_not_allowed' })],
  ];
  it.each(cases)('%s', (_name, scope, shopId, expected) => {
    expect(apiKeyRefusal(grant, { scope, shopId })).toEqual(expected);
  });
});
