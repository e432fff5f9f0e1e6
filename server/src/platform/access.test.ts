import { describe, expect, it } from 'vitest';
import { type Access, allows, type Principal } from './access.ts';

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
