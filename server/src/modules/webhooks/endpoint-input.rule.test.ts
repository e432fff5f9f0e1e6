import { describe, expect, it } from 'vitest';
import {
  type CatalogType,
  eventTypeProblems,
  isSecret,
  newSecret,
  previousSecretExpiry,
  urlProblem,
} from './endpoint-input.rule.ts';

describe('an endpoint URL', () => {
  it.each([
    ['https://erp.example.com/hooks', false, null],
    ['https://erp.example.com:8443/hooks?shop=12', false, null],
    ['http://localhost:3000/hooks', false, null],
    ['http://127.0.0.1:9000/hooks', false, null],
    ['http://[::1]:9000/hooks', false, null],
    ['http://erp.example.com/hooks', false, 'must use https'],
    ['http://erp.example.com/hooks', true, null],
    ['http://10.0.0.5/hooks', false, 'must use https'],
    ['https://user:secret@erp.example.com/hooks', false, 'must not contain a user name or password'],
    ['https://user@erp.example.com/hooks', false, 'must not contain a user name or password'],
    ['http://user:pw@localhost/hooks', true, 'must not contain a user name or password'],
    ['ftp://erp.example.com/hooks', false, 'must be an http or https address'],
    ['mailto:ops@example.com', false, 'must be an http or https address'],
    ['javascript:alert(1)', false, 'must be an http or https address'],
    ['erp.example.com/hooks', false, 'must be an http or https address'],
    ['not a url', false, 'must be an http or https address'],
    ['', false, 'must be an http or https address'],
  ] as const)('%s (plain http allowed: %s) → %s', (url, allowHttp, problem) => {
    expect(urlProblem(url, { allowHttp, allowPrivateNetworks: true })).toBe(problem);
  });

  const privateReason = 'must not point to a private network address';
  it.each([
    ['http://127.0.0.1:9000/hooks', privateReason],
    ['http://localhost:3000/hooks', privateReason],
    ['https://localhost./hooks', privateReason],
    ['https://api.localhost/hooks', privateReason],
    ['https://10.0.0.5/', privateReason],
    ['https://172.20.1.1/', privateReason],
    ['https://192.168.0.10:8443/hooks', privateReason],
    ['https://169.254.169.254/latest/meta-data/', privateReason],
    ['https://100.100.100.200/', privateReason],
    ['https://0.0.0.0/', privateReason],
    ['https://[::1]/', privateReason],
    ['https://[fd00::5]/', privateReason],
    ['https://[fe80::1]/', privateReason],
    ['https://[::ffff:127.0.0.1]/', privateReason],
    ['https://2130706433/', privateReason], // 127.0.0.1 as one number
    ['https://0x7f.1/', privateReason], // 127.0.0.1 in hex
    ['https://erp.example.com/hooks', null],
    ['https://8.8.8.8/hooks', null],
    ['https://[2001:db8::1]/hooks', null],
    ['http://erp.example.com/hooks', 'must use https'],
  ] as const)('%s (private networks denied) → %s', (url, problem) => {
    expect(urlProblem(url, { allowHttp: false, allowPrivateNetworks: false })).toBe(problem);
  });
});

describe('an event filter', () => {
  const catalog: CatalogType[] = [
    { type: 'order.paid', shopScoped: true },
    { type: 'webhook.test', shopScoped: true },
    { type: 'platform.config_changed', shopScoped: false },
  ];

  it.each([
    [['order.paid'], 'shop', []],
    [['order.paid', 'webhook.test'], 'shop', []],
    [['platform.config_changed'], 'platform', []],
    [['order.paid', 'platform.config_changed'], 'platform', []],
    [['order.exploded'], 'shop', ['unknown event type order.exploded']],
    [['order.exploded'], 'platform', ['unknown event type order.exploded']],
    [['Order.Paid'], 'shop', ['unknown event type Order.Paid']],
    [
      ['platform.config_changed'],
      'shop',
      ['platform.config_changed is a platform event (platform endpoints only)'],
    ],
    [
      ['order.paid', 'nope', 'platform.config_changed'],
      'shop',
      ['unknown event type nope', 'platform.config_changed is a platform event (platform endpoints only)'],
    ],
  ] as const)('%j of a %s endpoint → %j', (types, owner, reasons) => {
    const problems = eventTypeProblems(types, catalog, owner);
    expect(problems.map((p) => p.reason)).toEqual(reasons);
    expect(problems.every((p) => p.field === 'eventTypes')).toBe(true);
  });
});

describe('a signing secret', () => {
  it('is whsec_ and the base64 of 24 random bytes', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(isSecret(secret)).toBe(true);
    expect(newSecret()).not.toBe(secret);
  });

  it('takes its bytes from the random source', () => {
    expect(newSecret((n) => Buffer.alloc(n, 0xff))).toBe(`whsec_${'/'.repeat(32)}`);
  });

  it.each([
    ['whsec_', false],
    ['whsec_abc', false],
    [`whsec_${'A'.repeat(31)}`, false],
    [`whsec_${'A'.repeat(32)}`, true],
    [`sk_${'A'.repeat(32)}`, false],
    [`whsec_${'A'.repeat(30)}==`, false],
  ])('%s has the form: %s', (text, ok) => {
    expect(isSecret(text)).toBe(ok);
  });

  it('after a rotation, the previous one signs for 24 hours', () => {
    expect(previousSecretExpiry(new Date('2026-12-07T10:00:00Z'))).toEqual(new Date('2026-12-08T10:00:00Z'));
  });
});
