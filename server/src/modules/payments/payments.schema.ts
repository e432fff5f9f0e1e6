import { Type } from '@sinclair/typebox';
import { Fen, Id, Timestamp } from '../../platform/schemas.ts';

export const SandboxOutcomeSchema = Type.Union(
  [Type.Literal('succeed'), Type.Literal('fail'), Type.Literal('timeout')],
  {
    description: 'sandbox provider only: what the provider does with this payment (default succeed)',
  },
);

export const PayBody = Type.Object(
  { method: Type.Literal('sandbox'), sandboxOutcome: Type.Optional(SandboxOutcomeSchema) },
  { additionalProperties: false },
);

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PaymentSchema = Type.Object({
  id: Id,
  groupId: Id,
  amountFen: Fen,
  provider: Type.String(),
  state: Type.Union([
    Type.Literal('pending'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
    Type.Literal('timed_out'),
  ]),
  providerRef: NullableString,
  failureReason: NullableString,
  createdAt: Timestamp,
  completedAt: Type.Union([Timestamp, Type.Null()]),
});

export const SandboxNotifyBody = Type.Object(
  { outcome: Type.Union([Type.Literal('succeeded'), Type.Literal('failed')]) },
  { additionalProperties: false },
);

export const RefundSchema = Type.Object({
  id: Id,
  paymentId: Id,
  amountFen: Fen,
  reason: Type.String(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  createdAt: Timestamp,
  completedAt: Type.Union([Timestamp, Type.Null()]),
});
