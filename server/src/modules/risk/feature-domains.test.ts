import { describe, expect, it } from 'vitest';
import { CATEGORIES, SCREENING_RISKS } from '../screening/index.ts';
import { CHECKPOINTS, type Checkpoint, QUALIFICATION_STATUSES, REGISTRIES } from './checkpoints.ts';
import { policyProblems } from './compile-policy.ts';
import { DEFAULT_POLICIES } from './default-policies.ts';
import type { Condition, Rule } from './rule-language.ts';

const reason = { zh: '原因', en: 'reason' };
const policyWith = (checkpoint: Checkpoint, ...conditions: Condition[]) => ({
  checkpoint,
  rules: conditions.map(
    (when, i): Rule => ({ id: `r${i}`, description: 'test', when, outcome: 'review', reason }),
  ),
});

/** Every comparison leaf of a condition, with its path below `when`. */
function leaves(node: Condition, at: string): { at: string; feature: string; op: string; value: unknown }[] {
  if ('all' in node) return node.all.flatMap((c, i) => leaves(c, `${at}.all[${i}]`));
  if ('any' in node) return node.any.flatMap((c, i) => leaves(c, `${at}.any[${i}]`));
  if ('not' in node) return leaves(node.not, `${at}.not`);
  if ('feature' in node) return [{ at, feature: node.feature, op: node.op, value: node.value }];
  return [];
}

describe('feature domains: a rule never compares a feature to a value it cannot take', () => {
  it.each(CHECKPOINTS)('the default policy of %s validates', (checkpoint) => {
    expect(policyProblems(DEFAULT_POLICIES[checkpoint])).toEqual([]);
  });

  const defaultLiterals = CHECKPOINTS.flatMap((checkpoint) =>
    DEFAULT_POLICIES[checkpoint].rules.flatMap((rule, i) =>
      leaves(rule.when, `rules[${i}].when`)
        .filter((leaf) => REGISTRIES[checkpoint].domains.has(leaf.feature))
        .map((leaf) => ({ checkpoint, rule: rule.id, ...leaf })),
    ),
  );

  it('the defaults compare closed features to literals (there is something to check)', () => {
    expect(defaultLiterals.length).toBeGreaterThan(20);
  });

  it.each(defaultLiterals)('$checkpoint $rule $at: $feature $op $value is inside the domain', (leaf) => {
    const domain = REGISTRIES[leaf.checkpoint].domains.get(leaf.feature)!;
    for (const v of Array.isArray(leaf.value) ? leaf.value : [leaf.value]) expect(domain).toContain(v);
  });

  it('every text checkpoint maps high → block and medium → review', () => {
    const text: Checkpoint[] = [
      'live_comment',
      'live_title',
      'video_caption',
      'review',
      'chat_message',
      'product_listing',
    ];
    for (const checkpoint of text) {
      const outcomeOf = (risk: string) =>
        DEFAULT_POLICIES[checkpoint].rules
          .filter((r) =>
            leaves(r.when, 'when').some((l) => l.feature === 'screening_risk' && l.value === risk),
          )
          .map((r) => r.outcome);
      expect(outcomeOf('high'), checkpoint).toContain('block');
      expect(outcomeOf('medium'), checkpoint).toEqual(['review']);
      // low risk is allowed: no rule names it
      expect(outcomeOf('low'), checkpoint).toEqual([]);
    }
  });

  it('the screening facts take the screener’s risks and categories, the listing’s licence its statuses', () => {
    for (const checkpoint of ['live_comment', 'review', 'chat_message', 'product_listing'] as const) {
      expect(REGISTRIES[checkpoint].domains.get('screening_risk')).toEqual(SCREENING_RISKS);
      expect(REGISTRIES[checkpoint].domains.get('screening_categories')).toEqual(CATEGORIES);
    }
    expect(REGISTRIES.product_listing.domains.get('qualification_status')).toEqual(QUALIFICATION_STATUSES);
    // an after-sales reason is free text: left open
    expect(REGISTRIES.aftersales_request.domains.has('reason')).toBe(false);
  });

  it.each<{ name: string; checkpoint: Checkpoint; when: Condition[]; field: string; reason: RegExp }>([
    {
      name: "'severe' is not a screening risk",
      checkpoint: 'live_comment',
      when: [
        { feature: 'screening_risk', op: '==', value: 'high' },
        { feature: 'screening_risk', op: '==', value: 'severe' },
      ],
      field: 'rules[1].when.value',
      reason: /"severe" is not a value of feature "screening_risk" \(one of: none, low, medium, high\)/,
    },
    {
      name: 'nested, with !=',
      checkpoint: 'review',
      when: [
        {
          all: [
            { feature: 'rating', op: '<', value: 3 },
            { not: { feature: 'screening_risk', op: '!=', value: 'Medium' } },
          ],
        },
      ],
      field: 'rules[0].when.all[1].not.value',
      reason: /"Medium" is not a value of feature "screening_risk"/,
    },
    {
      name: 'a list feature with an unknown category',
      checkpoint: 'chat_message',
      when: [{ feature: 'screening_categories', op: 'contains', value: 'spam' }],
      field: 'rules[0].when.value',
      reason: /"spam" is not a value of feature "screening_categories" \(one of: off_platform, .*vulgarity/,
    },
    {
      name: 'in, with one unknown element named by its index',
      checkpoint: 'video_caption',
      when: [{ feature: 'screening_categories', op: 'in', value: ['hype', 'giveaway'] }],
      field: 'rules[0].when.value[1]',
      reason: /"giveaway" is not a value/,
    },
    {
      name: 'contains on a string feature: no value has it',
      checkpoint: 'live_title',
      when: [{ feature: 'screening_risk', op: 'contains', value: 'med-' }],
      field: 'rules[0].when.value',
      reason: /"med-" is not a value/,
    },
    {
      name: 'the listing’s qualification status',
      checkpoint: 'product_listing',
      when: [{ feature: 'qualification_status', op: '==', value: 'missing' }],
      field: 'rules[0].when.value',
      reason: /"missing" is not a value of feature "qualification_status" \(one of: none, valid, bad_shape/,
    },
  ])('refuses $name', ({ checkpoint, when, field, reason: why }) => {
    const problems = policyProblems(policyWith(checkpoint, ...when));
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0]!.reason).toMatch(why);
  });

  it.each<{ checkpoint: Checkpoint; when: Condition }>([
    { checkpoint: 'live_comment', when: { feature: 'screening_risk', op: 'in', value: ['medium', 'high'] } },
    {
      checkpoint: 'review',
      when: { feature: 'screening_categories', op: 'contains', value: 'recycling_scam' },
    },
    { checkpoint: 'live_title', when: { feature: 'screening_risk', op: 'contains', value: 'ig' } },
    { checkpoint: 'aftersales_request', when: { feature: 'reason', op: '==', value: '任何文字' } },
    { checkpoint: 'order_placement', when: { label: 'anything_goes' } },
  ])('accepts $checkpoint $when.feature $when.op $when.value', ({ checkpoint, when }) => {
    expect(policyProblems(policyWith(checkpoint, when))).toEqual([]);
  });
});
