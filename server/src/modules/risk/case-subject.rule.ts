import type { EntityType, FeatureSnapshot, FeatureValue } from './checkpoints.ts';
import type { FiredRule } from './compile-policy.ts';
import type { Subject } from './labels.service.ts';
import type { Condition, Operator } from './rule-language.ts';

/** A comparison on a velocity feature inside a rule's condition, in the order the rule names them. */
export interface VelocityLeaf {
  feature: string;
  entity: EntityType;
  op: Operator;
  value: FeatureValue | readonly FeatureValue[];
}

/** The comparisons on velocity features in a condition (`velocity`: feature name → its entity). */
export function velocityLeaves(
  node: Condition,
  velocity: ReadonlyMap<string, { entity: EntityType }>,
): VelocityLeaf[] {
  if ('all' in node) return node.all.flatMap((c) => velocityLeaves(c, velocity));
  if ('any' in node) return node.any.flatMap((c) => velocityLeaves(c, velocity));
  if ('not' in node) return velocityLeaves(node.not, velocity);
  if (!('feature' in node)) return [];
  const source = velocity.get(node.feature);
  return source ? [{ feature: node.feature, entity: source.entity, op: node.op, value: node.value }] : [];
}

/** The entities that are records with ids, and the subject type each is. */
const ENTITY_SUBJECTS: Partial<Record<EntityType, string>> = { buyer: 'user', shop: 'shop', sku: 'sku' };

export interface CaseKey {
  ruleId: string;
  subject: Subject;
}

/**
 * The case a review decision joins (product rules §6.2): the first review rule that fired, kept per
 * the entity of that rule's velocity comparison that held (the buyer placing many orders, the shop
 * listing in a burst), so a few buyers' thousand orders make a few cases, not a thousand. A
 * comparison over an identifier known only by its hash (device, phone, address, payout account, ID
 * number) is kept per the buyer behind it when the decision names one. Anything else is kept per
 * the decision's own subject, so a hidden comment still gets its own case.
 */
export function caseKeyOf(input: {
  fired: readonly FiredRule[];
  leaves: ReadonlyMap<string, readonly VelocityLeaf[]>;
  snapshot: FeatureSnapshot;
  entities: Partial<Record<EntityType, string>>;
  subject: Subject;
}): CaseKey | null {
  const rule = input.fired.find((f) => f.outcome === 'review');
  if (!rule) return null;
  const held = (input.leaves.get(rule.id) ?? []).filter((leaf) =>
    holds(leaf.op, input.snapshot[leaf.feature], leaf.value),
  );
  const ordered = [
    ...held.filter((leaf) => ENTITY_SUBJECTS[leaf.entity]),
    ...held
      .filter((leaf) => !ENTITY_SUBJECTS[leaf.entity])
      .map((leaf) => ({ ...leaf, entity: 'buyer' as const })),
  ];
  for (const leaf of ordered) {
    const id = Number(input.entities[leaf.entity]);
    if (input.entities[leaf.entity] !== undefined && Number.isSafeInteger(id) && id > 0)
      return { ruleId: rule.id, subject: { type: ENTITY_SUBJECTS[leaf.entity]!, id } };
  }
  return { ruleId: rule.id, subject: input.subject };
}

function holds(op: Operator, x: FeatureValue | undefined, value: VelocityLeaf['value']): boolean {
  if (typeof x !== 'number') return false;
  switch (op) {
    case '>':
      return x > (value as number);
    case '>=':
      return x >= (value as number);
    case '<':
      return x < (value as number);
    case '<=':
      return x <= (value as number);
    case '==':
      return x === value;
    case '!=':
      return x !== value;
    case 'in':
      return Array.isArray(value) && value.includes(x);
    case 'contains':
      return false;
  }
}
