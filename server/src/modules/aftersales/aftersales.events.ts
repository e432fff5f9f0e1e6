import { type TSchema, Type } from '@sinclair/typebox';
import type { EventDefinition } from '../../platform/outbox.ts';
import { Fen, Id, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const data = (properties: Record<string, TSchema>) =>
  Type.Object(properties, { additionalProperties: false });
const request = { resource: 'aftersales', shopScoped: true, version: 1 } as const;

/** After-sales events (migration 0110): triggers on `aftersales_requests` and `arbitrations`. */
export const aftersalesEvents: EventDefinition[] = [
  {
    ...request,
    type: 'aftersales.opened',
    summary: 'An after-sales request was opened',
    description:
      "Written when a buyer's after-sales request is opened (a resubmission is a new request with attempt + 1). A request a rule decides or escalates at once is followed by its aftersales.decided or arbitration event.",
    schema: data({
      requestId: Id,
      orderId: Id,
      orderLineId: Nullable(Id),
      type: Type.String(),
      reason: Type.String(),
      quantity: Type.Integer({ minimum: 0 }),
      requestedFen: Fen,
      attempt: Type.Integer({ minimum: 1 }),
      deadlineAt: Nullable(Timestamp),
      openedAt: Timestamp,
    }),
  },
  {
    ...request,
    type: 'aftersales.decided',
    summary: 'An after-sales request was decided',
    description:
      "Written when a request waiting for the merchant (or a returned parcel waiting for the merchant's check) is approved or rejected: by the merchant, by the deadline's default action, or by a rule at opening (autoRule).",
    schema: data({
      requestId: Id,
      orderId: Id,
      orderLineId: Nullable(Id),
      type: Type.String(),
      decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]),
      previousState: Nullable(Type.String()),
      state: Type.String(),
      approvedFen: Nullable(Fen),
      autoRule: Nullable(Type.String()),
      decidedAt: Timestamp,
    }),
  },
  {
    ...request,
    type: 'aftersales.refunded',
    summary: 'An after-sales request was refunded',
    description:
      "Written when a request reaches refunded (its refund is requested from payments; payment.refunded follows on the order's resource when the provider pays out).",
    schema: data({
      requestId: Id,
      orderId: Id,
      orderLineId: Nullable(Id),
      type: Type.String(),
      refundFen: Fen,
      refundedAt: Timestamp,
    }),
  },
  {
    ...request,
    type: 'arbitration.decided',
    summary: 'An arbitration was decided',
    description:
      "Written when ops decide the platform arbitration of an after-sales request (on the request's resource): outcome full, partial (awardedFen) or reject.",
    schema: data({
      arbitrationId: Id,
      requestId: Id,
      orderId: Id,
      openedBy: Type.String(),
      outcome: Nullable(Type.String()),
      awardedFen: Nullable(Fen),
      counterfeit: Type.Boolean(),
      decidedAt: Timestamp,
    }),
  },
];
