import { type Static, type TLiteral, type TUnion, Type } from '@sinclair/typebox';
import { CHECKPOINTS, LINK_TYPES } from './checkpoints.ts';

/**
 * The rule language: a policy is data (JSON), one per checkpoint and version. A rule fires when its
 * condition holds; the decision is the most severe outcome among the rules that fired.
 *
 *   Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition }
 *             | { feature, op, value }            compare a feature (fact, velocity count, blacklist flag)
 *             | { label }                         the subject, its buyer or its shop carries the label
 *             | { linkedTo: 'blacklist', via }    an identifier given (phone, ID number, device, payout
 *                                                 account) is on the blacklist
 */

export const OPERATORS = ['>', '>=', '<', '<=', '==', '!=', 'in', 'contains'] as const;
export type Operator = (typeof OPERATORS)[number];
export const RULE_OUTCOMES = ['review', 'block'] as const;
export type RuleOutcome = (typeof RULE_OUTCOMES)[number];
export type Outcome = 'allow' | RuleOutcome;

/** A union of string literals whose static type is the union of the values. */
export const literals = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;

const Scalar = Type.Union([Type.Number(), Type.String({ maxLength: 200 }), Type.Boolean()]);

export const ConditionSchema = Type.Recursive(
  (This) =>
    Type.Union([
      Type.Object({ all: Type.Array(This, { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(This, { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ not: This }, { additionalProperties: false }),
      Type.Object(
        {
          feature: Type.String({ minLength: 1 }),
          op: literals(OPERATORS),
          value: Type.Union([Scalar, Type.Array(Scalar, { minItems: 1 })]),
        },
        { additionalProperties: false },
      ),
      Type.Object({ label: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
      Type.Object(
        { linkedTo: Type.Literal('blacklist'), via: Type.Array(literals(LINK_TYPES), { minItems: 1 }) },
        { additionalProperties: false },
      ),
    ]),
  { $id: 'TrustCondition' },
);
export type Condition = Static<typeof ConditionSchema>;

export const ReasonSchema = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type Reason = Static<typeof ReasonSchema>;

export const RuleSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$' }),
    description: Type.String({ minLength: 1, maxLength: 500 }),
    when: ConditionSchema,
    outcome: literals(RULE_OUTCOMES),
    reason: ReasonSchema,
  },
  { additionalProperties: false },
);
export type Rule = Static<typeof RuleSchema>;

export const MAX_RULES = 200;
export const MAX_DEPTH = 10;

export const PolicySchema = Type.Object(
  {
    checkpoint: literals(CHECKPOINTS),
    rules: Type.Array(RuleSchema, { minItems: 1, maxItems: MAX_RULES }),
  },
  { additionalProperties: false },
);
export type Policy = Static<typeof PolicySchema>;
