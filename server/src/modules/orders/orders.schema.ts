import { Type } from '@sinclair/typebox';
import { BasisPoints, Fen, Id, IdempotencyHeaders, Pagination, Timestamp } from '../../platform/schemas.ts';

export const CheckoutHeaders = Type.Object({
  ...IdempotencyHeaders.properties,
  'x-device-id': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        "the buyer's device id, when the client knows it: counted by the trust engine's velocity rules",
    }),
  ),
});

export const OrderStateSchema = Type.Union([
  Type.Literal('pending_payment'),
  Type.Literal('paid'),
  Type.Literal('shipped'),
  Type.Literal('delivered'),
  Type.Literal('completed'),
  Type.Literal('cancelled'),
]);

export const CheckoutBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { skuId: Id, quantity: Type.Integer({ minimum: 1, maximum: 999 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    liveSessionId: Type.Optional(Id),
    pay: Type.Optional(
      Type.Object(
        {
          method: Type.Literal('sandbox'),
          sandboxOutcome: Type.Optional(
            Type.Union([Type.Literal('succeed'), Type.Literal('fail'), Type.Literal('timeout')]),
          ),
        },
        { additionalProperties: false, description: 'pay the new order group in the same call' },
      ),
    ),
  },
  { additionalProperties: false },
);

const CheckoutLine = Type.Object({
  skuId: Id,
  productId: Id,
  title: Type.String(),
  spec: Type.String(),
  unitPriceFen: Fen,
  quantity: Type.Integer(),
  lineFen: Fen,
});

export const CheckoutResultSchema = Type.Object({
  groupId: Id,
  totalFen: Fen,
  paymentDueAt: Type.String({ format: 'date-time' }),
  orders: Type.Array(
    Type.Object({
      id: Id,
      shopId: Id,
      state: Type.Union([Type.Literal('pending_payment'), Type.Literal('paid')], {
        description: 'paid when `pay` was given and the payment succeeded',
      }),
      itemsFen: Fen,
      totalFen: Fen,
      liveSessionId: Type.Union([Id, Type.Null()]),
      paymentDueAt: Type.String({ format: 'date-time' }),
      lines: Type.Array(CheckoutLine),
    }),
  ),
  payment: Type.Optional(
    Type.Object(
      {},
      { additionalProperties: true, description: 'with `pay`: the payment, or the error that refused it' },
    ),
  ),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableTime = Type.Union([Timestamp, Type.Null()]);

export const OrderSchema = Type.Object({
  id: Id,
  groupId: Id,
  buyerId: Id,
  shopId: Id,
  state: OrderStateSchema,
  itemsFen: Fen,
  totalFen: Fen,
  liveSessionId: Type.Union([Id, Type.Null()]),
  hostUserId: Type.Union([Id, Type.Null()]),
  paymentDueAt: Timestamp,
  paidAt: NullableTime,
  shipByAt: NullableTime,
  shippedAt: NullableTime,
  deliveredAt: NullableTime,
  completedAt: NullableTime,
  cancelledAt: NullableTime,
  cancelReason: Nullable(Type.String()),
  createdAt: Timestamp,
});

export const OrderDetailSchema = Type.Intersect([
  OrderSchema,
  Type.Object({
    lines: Type.Array(
      Type.Object({
        id: Id,
        skuId: Id,
        productId: Id,
        title: Type.String(),
        spec: Type.String(),
        unitPriceFen: Fen,
        quantity: Type.Integer(),
        lineFen: Fen,
        creatorCommissionBp: BasisPoints,
        guarantees: Type.Array(Type.String()),
      }),
    ),
    timeline: Type.Array(
      Type.Object({
        fromState: Type.Union([OrderStateSchema, Type.Null()]),
        toState: OrderStateSchema,
        actorKind: Type.String(),
        actorId: Type.Union([Id, Type.Null()]),
        note: Nullable(Type.String()),
        at: Timestamp,
      }),
    ),
  }),
]);

export const OrderListQuery = Type.Intersect([
  Pagination,
  Type.Object({ state: Type.Optional(OrderStateSchema) }),
]);

export const OrderPage = Type.Object({
  items: Type.Array(OrderSchema),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
