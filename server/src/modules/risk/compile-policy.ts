import { Value } from '@sinclair/typebox/value';
import { AppError } from '../../platform/errors.ts';
import { type VelocityLeaf, velocityLeaves } from './case-subject.rule.ts';
import {
  blacklistFeature,
  type Checkpoint,
  type FeatureDomain,
  type FeatureSnapshot,
  type FeatureType,
  type FeatureValue,
  isCheckpoint,
  isLinkType,
  LABELS_FEATURE,
  type LinkType,
  REGISTRIES,
} from './checkpoints.ts';
import {
  type Condition,
  MAX_DEPTH,
  MAX_RULES,
  OPERATORS,
  type Operator,
  type Outcome,
  type Policy,
  PolicySchema,
  type Reason,
  RULE_OUTCOMES,
  type RuleOutcome,
} from './rule-language.ts';

export interface FiredRule {
  id: string;
  outcome: RuleOutcome;
  reason: Reason;
}

export interface Evaluation {
  outcome: Outcome;
  fired: FiredRule[];
  /** The value of every feature the policy reads (absent ones are left out). */
  features: FeatureSnapshot;
}

/** Feature values in the order of `CompiledPolicy.reads` (undefined: the feature is absent). */
export type FeatureValues = readonly (FeatureValue | undefined)[];

export interface CompiledPolicy {
  checkpoint: Checkpoint;
  /** Every feature name a rule reads; `evaluateValues` takes their values in this order. */
  reads: readonly string[];
  /** Resolves the features the policy reads from the snapshot, then decides. */
  evaluate(snapshot: FeatureSnapshot): Evaluation;
  /** The decision alone over values already in `reads` order: the hot path. */
  evaluateValues(values: FeatureValues): { outcome: Outcome; fired: FiredRule[] };
  /** Per rule id, its comparisons on velocity features: whom a review case is kept for (case-subject.rule.ts). */
  caseLeaves: ReadonlyMap<string, readonly VelocityLeaf[]>;
}

export interface PolicyProblem {
  field: string;
  reason: string;
}

type Test = (v: FeatureValues) => boolean;
type Registry = (typeof REGISTRIES)[Checkpoint];
type Slot = (name: string) => number;

const SEVERITY: Record<Outcome, number> = { allow: 0, review: 1, block: 2 };

/** Which operators a feature of each type accepts, and what their value must be. */
const OPERATORS_BY_TYPE: Record<FeatureType, readonly Operator[]> = {
  number: ['>', '>=', '<', '<=', '==', '!=', 'in'],
  string: ['==', '!=', 'in', 'contains'],
  boolean: ['==', '!='],
  list: ['contains', 'in'],
};

const LABEL_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Everything wrong with a policy, each problem naming its path (`rules[2].when.any[0].feature`) and
 * the reason: shape, unknown features for the checkpoint, operators and values of the wrong type.
 */
export function policyProblems(policy: unknown): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field, reason });
  if (!isObject(policy)) return [{ field: 'policy', reason: 'must be an object' }];
  const { checkpoint, rules } = policy;
  if (typeof checkpoint !== 'string' || !isCheckpoint(checkpoint)) {
    add('checkpoint', 'unknown checkpoint');
    return problems;
  }
  for (const key of Object.keys(policy)) if (key !== 'checkpoint' && key !== 'rules') add(key, 'unknown key');
  if (!Array.isArray(rules) || rules.length === 0) {
    add('rules', 'must be a non-empty array of rules');
    return problems;
  }
  if (rules.length > MAX_RULES) add('rules', `at most ${MAX_RULES} rules`);
  const registry = REGISTRIES[checkpoint];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = `rules[${i}]`;
    if (!isObject(rule)) {
      add(at, 'must be an object');
      return;
    }
    for (const key of Object.keys(rule))
      if (!['id', 'description', 'when', 'outcome', 'reason'].includes(key))
        add(`${at}.${key}`, 'unknown key');
    if (typeof rule.id !== 'string' || !/^[a-z0-9][a-z0-9_.-]{0,63}$/.test(rule.id))
      add(`${at}.id`, 'must be 1–64 characters of a-z, 0-9, _ . - (starting with a letter or digit)');
    else if (seen.has(rule.id)) add(`${at}.id`, `duplicate rule id "${rule.id}"`);
    else seen.add(rule.id);
    if (!isText(rule.description, 500)) add(`${at}.description`, 'must be text of 1–500 characters');
    if (!(RULE_OUTCOMES as readonly unknown[]).includes(rule.outcome))
      add(`${at}.outcome`, "must be 'review' or 'block'");
    if (!isObject(rule.reason) || !isText(rule.reason.zh, 200) || !isText(rule.reason.en, 200))
      add(`${at}.reason`, 'must be { zh, en }, each text of 1–200 characters');
    conditionProblems(rule.when, `${at}.when`, 1, registry, add);
  });
  // The walk above gives the precise messages; the schema check is the backstop.
  if (problems.length === 0 && !Value.Check(PolicySchema, policy)) {
    const first = Value.Errors(PolicySchema, policy).First();
    add(first ? first.path.slice(1).replaceAll('/', '.') || 'policy' : 'policy', first?.message ?? 'invalid');
  }
  return problems;
}

function conditionProblems(
  node: unknown,
  at: string,
  depth: number,
  registry: Pick<Registry, 'features' | 'domains'>,
  add: (field: string, reason: string) => void,
): void {
  if (depth > MAX_DEPTH) {
    add(at, `conditions nest at most ${MAX_DEPTH} deep`);
    return;
  }
  if (!isObject(node)) {
    add(at, 'must be a condition object');
    return;
  }
  const kinds = ['all', 'any', 'not', 'feature', 'label', 'linkedTo'].filter((k) => k in node);
  if (kinds.length !== 1) {
    add(at, 'must have exactly one of all, any, not, feature, label, linkedTo');
    return;
  }
  const kind = kinds[0]!;
  const allowed: Record<string, string[]> = {
    all: ['all'],
    any: ['any'],
    not: ['not'],
    feature: ['feature', 'op', 'value'],
    label: ['label'],
    linkedTo: ['linkedTo', 'via'],
  };
  for (const key of Object.keys(node))
    if (!allowed[kind]!.includes(key)) add(`${at}.${key}`, `unknown key in a ${kind} condition`);

  if (kind === 'all' || kind === 'any') {
    const list = node[kind];
    if (!Array.isArray(list) || list.length === 0) {
      add(`${at}.${kind}`, 'must be a non-empty array');
      return;
    }
    list.forEach((child, i) => {
      conditionProblems(child, `${at}.${kind}[${i}]`, depth + 1, registry, add);
    });
    return;
  }
  if (kind === 'not') {
    conditionProblems(node.not, `${at}.not`, depth + 1, registry, add);
    return;
  }
  if (kind === 'label') {
    if (typeof node.label !== 'string' || !LABEL_PATTERN.test(node.label))
      add(`${at}.label`, 'must be a label name (a-z, 0-9, _; up to 64)');
    return;
  }
  if (kind === 'linkedTo') {
    if (node.linkedTo !== 'blacklist') add(`${at}.linkedTo`, "must be 'blacklist'");
    const via = node.via;
    if (!Array.isArray(via) || via.length === 0) {
      add(`${at}.via`, 'must be a non-empty array of phone, id_number, device, payout_account, address');
      return;
    }
    via.forEach((v, i) => {
      if (typeof v !== 'string' || !isLinkType(v))
        add(`${at}.via[${i}]`, `unknown identifier type ${JSON.stringify(v)}`);
    });
    return;
  }
  const { feature, op, value } = node;
  if (typeof feature !== 'string') {
    add(`${at}.feature`, 'must be a feature name');
    return;
  }
  const type = registry.features.get(feature);
  if (!type) {
    add(`${at}.feature`, `unknown feature "${feature}" for this checkpoint`);
    return;
  }
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) {
    add(`${at}.op`, `must be one of ${OPERATORS.join(' ')}`);
    return;
  }
  if (!OPERATORS_BY_TYPE[type].includes(op as Operator)) {
    add(`${at}.op`, `${op} does not apply to ${type} feature "${feature}"`);
    return;
  }
  const element = type === 'list' ? 'string' : type;
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== element)) {
      add(`${at}.value`, `must be a non-empty array of ${element}s for "in"`);
      return;
    }
  } else if (typeof value !== element) {
    add(`${at}.value`, `must be a ${element} to compare with ${type} feature "${feature}"`);
    return;
  }
  const domain = registry.domains.get(feature);
  if (domain) domainProblems(feature, type, op as Operator, value, domain, `${at}.value`, add);
}

/**
 * A literal the feature can never take makes a comparison that never holds (or always holds, for !=):
 * `screening_risk == 'medium'` against a screener that only said low or high was exactly that defect.
 * A string feature's `contains` must be part of some value it can take.
 */
export function domainProblems(
  feature: string,
  type: FeatureType,
  op: Operator,
  value: unknown,
  domain: FeatureDomain,
  at: string,
  add: (field: string, reason: string) => void,
): void {
  const allowed = `${domain.join(', ')}`;
  const outside = (v: unknown) =>
    type === 'string' && op === 'contains'
      ? !domain.some((d) => d.includes(String(v)))
      : !domain.includes(String(v));
  const values = Array.isArray(value) ? value : [value];
  values.forEach((v, i) => {
    if (outside(v))
      add(
        Array.isArray(value) ? `${at}[${i}]` : at,
        `${JSON.stringify(v)} is not a value of feature "${feature}" (one of: ${allowed})`,
      );
  });
}

/** A policy that failed validation: 400 with every problem named by its path. */
export function invalidPolicy(problems: PolicyProblem[], prefix = ''): AppError {
  const fields = problems.map((p) => ({ field: prefix + p.field, reason: p.reason }));
  return new AppError('validation_failed', `${fields[0]!.field}: ${fields[0]!.reason}`, { fields });
}

/**
 * Turns a policy into one function built from closures, once: evaluating a decision then costs a few
 * array reads and comparisons per rule, with no parsing or tree walking per call. Each feature a rule
 * names gets a slot; its value is looked up in the snapshot once per decision, however many rules read
 * it. Every rule is evaluated (the audit record lists all that fired); the outcome is the most severe.
 * A feature the snapshot lacks makes every comparison on it false (`!=` included).
 */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const problems = policyProblems(policy);
  if (problems.length > 0) throw invalidPolicy(problems);
  const reads: string[] = [];
  const slot: Slot = (name) => {
    const at = reads.indexOf(name);
    if (at >= 0) return at;
    reads.push(name);
    return reads.length - 1;
  };
  const rules = policy.rules.map((rule) => ({
    test: compileCondition(rule.when, slot),
    fired: { id: rule.id, outcome: rule.outcome, reason: rule.reason } satisfies FiredRule,
  }));
  const evaluateValues = (values: FeatureValues) => {
    let outcome: Outcome = 'allow';
    const fired: FiredRule[] = [];
    for (const rule of rules) {
      if (!rule.test(values)) continue;
      fired.push(rule.fired);
      if (SEVERITY[rule.fired.outcome] > SEVERITY[outcome]) outcome = rule.fired.outcome;
    }
    return { outcome, fired };
  };
  const velocity = REGISTRIES[policy.checkpoint].velocity;
  return {
    checkpoint: policy.checkpoint,
    reads,
    caseLeaves: new Map(policy.rules.map((rule) => [rule.id, velocityLeaves(rule.when, velocity)])),
    evaluateValues,
    evaluate(snapshot) {
      const values = reads.map((name) => snapshot[name]);
      const features: FeatureSnapshot = {};
      reads.forEach((name, i) => {
        if (values[i] !== undefined) features[name] = values[i];
      });
      return { ...evaluateValues(values), features };
    },
  };
}

function compileCondition(node: Condition, slot: Slot): Test {
  if ('all' in node) {
    const parts = node.all.map((c) => compileCondition(c, slot));
    return (v) => {
      for (const part of parts) if (!part(v)) return false;
      return true;
    };
  }
  if ('any' in node) {
    const parts = node.any.map((c) => compileCondition(c, slot));
    return (v) => {
      for (const part of parts) if (part(v)) return true;
      return false;
    };
  }
  if ('not' in node) {
    const inner = compileCondition(node.not, slot);
    return (v) => !inner(v);
  }
  if ('label' in node) {
    const label = node.label;
    const i = slot(LABELS_FEATURE);
    return (v) => {
      const labels = v[i];
      return Array.isArray(labels) && labels.includes(label);
    };
  }
  if ('linkedTo' in node) {
    const slots = [...new Set(node.via as LinkType[])].map((type) => slot(blacklistFeature(type)));
    return (v) => {
      for (const i of slots) if (v[i] === true) return true;
      return false;
    };
  }
  return comparison(slot(node.feature), node.op, node.value);
}

function comparison(i: number, op: Operator, value: unknown): Test {
  switch (op) {
    case '>': {
      const n = value as number;
      return (v) => {
        const x = v[i];
        return typeof x === 'number' && x > n;
      };
    }
    case '>=': {
      const n = value as number;
      return (v) => {
        const x = v[i];
        return typeof x === 'number' && x >= n;
      };
    }
    case '<': {
      const n = value as number;
      return (v) => {
        const x = v[i];
        return typeof x === 'number' && x < n;
      };
    }
    case '<=': {
      const n = value as number;
      return (v) => {
        const x = v[i];
        return typeof x === 'number' && x <= n;
      };
    }
    case '==':
      return (v) => v[i] === value;
    case '!=':
      return (v) => {
        const x = v[i];
        return x !== undefined && x !== value;
      };
    case 'in': {
      const set = new Set(value as FeatureValue[]);
      return (v) => {
        const x = v[i];
        if (x === undefined) return false;
        if (Array.isArray(x)) return x.some((e) => set.has(e));
        return set.has(x as string | number);
      };
    }
    case 'contains': {
      const needle = value as string;
      return (v) => {
        const x = v[i];
        if (typeof x === 'string') return x.includes(needle);
        return Array.isArray(x) && x.includes(needle);
      };
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}
