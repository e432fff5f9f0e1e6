import { type TSchema, Type } from '@sinclair/typebox';
import type { EventDefinition } from '../../platform/outbox.ts';
import { Id, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const data = (properties: Record<string, TSchema>) =>
  Type.Object(properties, { additionalProperties: false });
const violation = { resource: 'violation', shopScoped: true, version: 1 } as const;

/** Governance events (migration 0111): triggers on `governance_violations` and `governance_appeals`. */
export const governanceEvents: EventDefinition[] = [
  {
    ...violation,
    type: 'violation.created',
    summary: 'A violation was recorded',
    description:
      "Written when a violation is recorded against the shop (by ops, the trust engine, an IP complaint or the system): its code, severity, points and subject; state warned (fix by fixBy) or enforced. A host's violation without a shop is a platform event.",
    schema: data({
      violationId: Id,
      code: Type.String(),
      severity: Type.String(),
      points: Type.Integer({ minimum: 0 }),
      subjectType: Type.String(),
      subjectId: Nullable(Id),
      hostUserId: Nullable(Id),
      source: Type.String(),
      state: Type.String(),
      fixBy: Nullable(Timestamp),
      createdAt: Timestamp,
    }),
  },
  {
    ...violation,
    type: 'violation.appealed',
    summary: 'A violation was appealed',
    description:
      'Written when the shop files an appeal against a violation (attempt counts the appeals of it).',
    schema: data({
      violationId: Id,
      appealId: Id,
      attempt: Type.Integer({ minimum: 1 }),
      appealedAt: Timestamp,
    }),
  },
  {
    ...violation,
    type: 'violation.reversed',
    summary: 'A violation was reversed',
    description:
      'Written when a violation is reversed (an appeal upheld, or ops undid it): its points and penalties no longer count.',
    schema: data({
      violationId: Id,
      code: Type.String(),
      previousState: Type.String(),
      points: Type.Integer({ minimum: 0 }),
      reversedAt: Timestamp,
    }),
  },
];
