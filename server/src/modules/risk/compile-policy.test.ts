import { describe, expect, it } from 'vitest';
import type { Checkpoint, FeatureSnapshot } from './checkpoints.ts';
import { compilePolicy, policyProblems } from './compile-policy.ts';
import { DEFAULT_POLICIES } from './default-policies.ts';
import type { Condition, Policy, Rule } from './rule-language.ts';

const reason = { zh: '原因', en: 'reason' };
const rule = (id: string, when: Condition, outcome: Rule['outcome'] = 'review'): Rule => ({
  id,
  description: id,
  when,
  outcome,
  reason,
});
const policy = (rules: Rule[], checkpoint: Checkpoint = 'order_placement'): Policy => ({ checkpoint, rules });
const fires = (when: Condition, snapshot: FeatureSnapshot, checkpoint: Checkpoint = 'order_placement') =>
  compilePolicy(policy([rule('r', when)], checkpoint)).evaluate(snapshot).outcome === 'review';

describe('compilePolicy: operators', () => {
  it.each<{ name: string; when: Condition; snapshot: FeatureSnapshot; expected: boolean }>([
    {
      name: '> above',
      when: { feature: 'buyer.orders_1h', op: '>', value: 10 },
      snapshot: { 'buyer.orders_1h': 11 },
      expected: true,
    },
    {
      name: '> equal',
      when: { feature: 'buyer.orders_1h', op: '>', value: 10 },
      snapshot: { 'buyer.orders_1h': 10 },
      expected: false,
    },
    {
      name: '>= equal',
      when: { feature: 'buyer.orders_1h', op: '>=', value: 10 },
      snapshot: { 'buyer.orders_1h': 10 },
      expected: true,
    },
    {
      name: '< below',
      when: { feature: 'amount_fen', op: '<', value: 100 },
      snapshot: { amount_fen: 99 },
      expected: true,
    },
    {
      name: '< equal',
      when: { feature: 'amount_fen', op: '<', value: 100 },
      snapshot: { amount_fen: 100 },
      expected: false,
    },
    {
      name: '<= equal',
      when: { feature: 'amount_fen', op: '<=', value: 100 },
      snapshot: { amount_fen: 100 },
      expected: true,
    },
    {
      name: '== number',
      when: { feature: 'quantity', op: '==', value: 3 },
      snapshot: { quantity: 3 },
      expected: true,
    },
    {
      name: '== boolean',
      when: { feature: 'live', op: '==', value: true },
      snapshot: { live: false },
      expected: false,
    },
    {
      name: '!= differs',
      when: { feature: 'quantity', op: '!=', value: 3 },
      snapshot: { quantity: 4 },
      expected: true,
    },
    {
      name: '!= on a missing feature is false',
      when: { feature: 'quantity', op: '!=', value: 3 },
      snapshot: {},
      expected: false,
    },
    {
      name: '> on a missing feature is false',
      when: { feature: 'buyer.orders_1h', op: '>', value: 0 },
      snapshot: {},
      expected: false,
    },
    {
      name: 'in number',
      when: { feature: 'quantity', op: 'in', value: [1, 2] },
      snapshot: { quantity: 2 },
      expected: true,
    },
    {
      name: 'in number, absent',
      when: { feature: 'quantity', op: 'in', value: [1, 2] },
      snapshot: { quantity: 5 },
      expected: false,
    },
    {
      name: 'label held',
      when: { label: 'fraud' },
      snapshot: { labels: ['high_refund', 'fraud'] },
      expected: true,
    },
    {
      name: 'label not held',
      when: { label: 'fraud' },
      snapshot: { labels: ['high_refund'] },
      expected: false,
    },
    {
      name: 'linked to the blacklist by one of the identifiers',
      when: { linkedTo: 'blacklist', via: ['phone', 'device'] },
      snapshot: { 'blacklisted.device': true, 'blacklisted.phone': false },
      expected: true,
    },
    {
      name: 'not linked by the identifiers named',
      when: { linkedTo: 'blacklist', via: ['phone'] },
      snapshot: { 'blacklisted.device': true },
      expected: false,
    },
    {
      name: 'all: every part',
      when: { all: [{ label: 'a' }, { feature: 'quantity', op: '>', value: 1 }] },
      snapshot: { labels: ['a'], quantity: 2 },
      expected: true,
    },
    {
      name: 'all: one part fails',
      when: { all: [{ label: 'a' }, { feature: 'quantity', op: '>', value: 1 }] },
      snapshot: { labels: ['a'], quantity: 1 },
      expected: false,
    },
    {
      name: 'any: one part',
      when: { any: [{ label: 'a' }, { label: 'b' }] },
      snapshot: { labels: ['b'] },
      expected: true,
    },
    {
      name: 'any: none',
      when: { any: [{ label: 'a' }, { label: 'b' }] },
      snapshot: { labels: [] },
      expected: false,
    },
    { name: 'not', when: { not: { label: 'a' } }, snapshot: { labels: [] }, expected: true },
    {
      name: 'nested: any(all(...), not(...))',
      when: {
        any: [
          { all: [{ label: 'a' }, { not: { label: 'b' } }] },
          { feature: 'amount_fen', op: '>=', value: 1_000_000 },
        ],
      },
      snapshot: { labels: ['a', 'b'], amount_fen: 1_000_000 },
      expected: true,
    },
  ])('$name → $expected', ({ when, snapshot, expected }) => {
    expect(fires(when, snapshot)).toBe(expected);
  });

  it.each<{ name: string; when: Condition; snapshot: FeatureSnapshot; expected: boolean }>([
    {
      name: 'contains on a string (substring)',
      when: { feature: 'qualification_status', op: 'contains', value: 'revok' },
      snapshot: { qualification_status: 'revoked' },
      expected: true,
    },
    {
      name: 'contains on a list',
      when: { feature: 'screening_categories', op: 'contains', value: 'off_platform' },
      snapshot: { screening_categories: ['hype', 'off_platform'] },
      expected: true,
    },
    {
      name: 'contains on a list, missing',
      when: { feature: 'screening_categories', op: 'contains', value: 'off_platform' },
      snapshot: { screening_categories: ['hype'] },
      expected: false,
    },
    {
      name: 'in on a list: any element',
      when: { feature: 'screening_categories', op: 'in', value: ['medical_claim', 'false_advertising'] },
      snapshot: { screening_categories: ['hype', 'medical_claim'] },
      expected: true,
    },
    {
      name: 'in on a string',
      when: { feature: 'qualification_status', op: 'in', value: ['expired', 'revoked'] },
      snapshot: { qualification_status: 'valid' },
      expected: false,
    },
  ])('$name → $expected', ({ when, snapshot, expected }) => {
    expect(fires(when, snapshot, 'product_listing')).toBe(expected);
  });
});

describe('compilePolicy: the decision', () => {
  const compiled = compilePolicy(
    policy([
      rule('many-orders', { feature: 'buyer.orders_1h', op: '>', value: 10 }, 'review'),
      rule('device-farm', { feature: 'device.orders_1h', op: '>', value: 30 }, 'block'),
      rule('blacklisted', { linkedTo: 'blacklist', via: ['phone'] }, 'review'),
    ]),
  );

  it.each<{ name: string; snapshot: FeatureSnapshot; outcome: string; fired: string[] }>([
    {
      name: 'nothing fires: allow',
      snapshot: { 'buyer.orders_1h': 1, 'device.orders_1h': 1 },
      outcome: 'allow',
      fired: [],
    },
    { name: 'a review rule', snapshot: { 'buyer.orders_1h': 11 }, outcome: 'review', fired: ['many-orders'] },
    {
      name: 'block wins over review, both listed',
      snapshot: { 'buyer.orders_1h': 11, 'device.orders_1h': 31, 'blacklisted.phone': true },
      outcome: 'block',
      fired: ['many-orders', 'device-farm', 'blacklisted'],
    },
  ])('$name', ({ snapshot, outcome, fired }) => {
    const result = compiled.evaluate(snapshot);
    expect(result.outcome).toBe(outcome);
    expect(result.fired.map((f) => f.id)).toEqual(fired);
  });

  it('records the value of every feature the policy reads, and only those', () => {
    const result = compiled.evaluate({ 'buyer.orders_1h': 3, 'device.orders_1h': 4, amount_fen: 100 });
    expect(result.features).toEqual({ 'buyer.orders_1h': 3, 'device.orders_1h': 4 });
    expect([...compiled.reads].sort()).toEqual(['blacklisted.phone', 'buyer.orders_1h', 'device.orders_1h']);
  });

  it('the fired rule carries its reason in Chinese and English', () => {
    expect(compiled.evaluate({ 'device.orders_1h': 99 }).fired[0]).toEqual({
      id: 'device-farm',
      outcome: 'block',
      reason,
    });
  });
});

describe('policyProblems: validation names the path and the reason', () => {
  const good = rule('ok', { feature: 'buyer.orders_1h', op: '>', value: 1 });
  it.each<{ name: string; policy: unknown; field: string; reason: RegExp }>([
    {
      name: 'unknown checkpoint',
      policy: { checkpoint: 'nope', rules: [good] },
      field: 'checkpoint',
      reason: /unknown checkpoint/,
    },
    {
      name: 'no rules',
      policy: { checkpoint: 'order_placement', rules: [] },
      field: 'rules',
      reason: /non-empty/,
    },
    {
      name: 'unknown feature',
      policy: policy([
        good,
        rule('x', { all: [{ label: 'a' }, { feature: 'buyer.ordres_1h', op: '>', value: 1 }] }),
      ]),
      field: 'rules[1].when.all[1].feature',
      reason: /unknown feature "buyer.ordres_1h"/,
    },
    {
      name: 'feature of another checkpoint',
      policy: policy([rule('x', { feature: 'rating', op: '<', value: 2 })]),
      field: 'rules[0].when.feature',
      reason: /unknown feature "rating"/,
    },
    {
      name: 'a window that does not exist',
      policy: policy([rule('x', { feature: 'buyer.orders_2h', op: '>', value: 1 })]),
      field: 'rules[0].when.feature',
      reason: /unknown feature/,
    },
    {
      name: 'unknown operator',
      policy: policy([rule('x', { feature: 'quantity', op: '=~', value: 1 } as never)]),
      field: 'rules[0].when.op',
      reason: /must be one of/,
    },
    {
      name: 'ordering on a boolean',
      policy: policy([rule('x', { feature: 'live', op: '>', value: 1 })]),
      field: 'rules[0].when.op',
      reason: /does not apply to boolean/,
    },
    {
      name: 'a string compared with a number feature',
      policy: policy([rule('x', { feature: 'quantity', op: '>', value: '3' })]),
      field: 'rules[0].when.value',
      reason: /must be a number/,
    },
    {
      name: 'in without an array',
      policy: policy([rule('x', { feature: 'quantity', op: 'in', value: 3 })]),
      field: 'rules[0].when.value',
      reason: /non-empty array of numbers/,
    },
    {
      name: 'two kinds in one node',
      policy: policy([rule('x', { label: 'a', not: { label: 'b' } } as never)]),
      field: 'rules[0].when',
      reason: /exactly one of/,
    },
    {
      name: 'empty any',
      policy: policy([rule('x', { any: [] })]),
      field: 'rules[0].when.any',
      reason: /non-empty/,
    },
    {
      name: 'deep not',
      policy: policy([rule('x', { not: { not: { feature: 'nope', op: '==', value: 1 } } })]),
      field: 'rules[0].when.not.not.feature',
      reason: /unknown feature/,
    },
    {
      name: 'unknown link type',
      policy: policy([rule('x', { linkedTo: 'blacklist', via: ['email'] } as never)]),
      field: 'rules[0].when.via[0]',
      reason: /unknown identifier type/,
    },
    {
      name: 'bad label name',
      policy: policy([rule('x', { label: 'Fraud!' })]),
      field: 'rules[0].when.label',
      reason: /label name/,
    },
    { name: 'duplicate rule id', policy: policy([good, good]), field: 'rules[1].id', reason: /duplicate/ },
    {
      name: 'allow is not a rule outcome',
      policy: policy([{ ...good, outcome: 'allow' as never }]),
      field: 'rules[0].outcome',
      reason: /review' or 'block/,
    },
    {
      name: 'missing reason',
      policy: policy([{ ...good, reason: { zh: '原因' } as never }]),
      field: 'rules[0].reason',
      reason: /zh, en/,
    },
    {
      name: 'extra key on a comparison',
      policy: policy([rule('x', { feature: 'quantity', op: '>', value: 1, weight: 2 } as never)]),
      field: 'rules[0].when.weight',
      reason: /unknown key/,
    },
    {
      name: 'nesting too deep',
      policy: policy([
        rule(
          'x',
          Array.from({ length: 11 }).reduce<Condition>((c) => ({ not: c }), { label: 'a' }),
        ),
      ]),
      field: 'rules[0].when.not.not.not.not.not.not.not.not.not.not',
      reason: /nest at most/,
    },
  ])('$name → $field', ({ policy: input, field, reason: why }) => {
    const problems = policyProblems(input);
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.find((p) => p.field === field)!.reason).toMatch(why);
    expect(() => compilePolicy(input as Policy)).toThrow(/validation|:/);
  });

  it('the default policy of every checkpoint is valid', () => {
    for (const defaults of Object.values(DEFAULT_POLICIES)) expect(policyProblems(defaults)).toEqual([]);
  });
});
