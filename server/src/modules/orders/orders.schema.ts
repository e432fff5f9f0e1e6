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
    addressId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description: "the delivery address; default: the buyer's default address",
      }),
    ),
    couponIds: Type.Optional(
      Type.Array(Id, {
        maxItems: 20,
        description:
          'the buyer coupons to use (at most one shop coupon per shop order and one platform coupon per order); omitted: the best combination; []: none',
      }),
    ),
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

const NullableId = Type.Union([Id, Type.Null()]);

const CheckoutLine = Type.Object({
  skuId: Id,
  productId: Id,
  title: Type.String(),
  spec: Type.String(),
  unitPriceFen: Type.Integer({
    minimum: 1,
    description: 'the flash price when a flash sale priced the line',
  }),
  listPriceFen: Type.Union([Fen, Type.Null()], {
    description: "the SKU's own price when a flash price applied",
  }),
  flashSaleId: NullableId,
  quantity: Type.Integer(),
  lineFen: Fen,
  shopDiscountFen: Fen,
  platformDiscountFen: Fen,
  paidFen: Type.Integer({
    minimum: 0,
    description: 'what the buyer pays for the line: a refund of it returns at most this',
  }),
});

const CouponUse = Type.Union([
  Type.Object({ buyerCouponId: Id, title: Type.String(), discountFen: Fen }),
  Type.Null(),
]);

const OrderAmounts = {
  itemsFen: Fen,
  shippingFen: Fen,
  shopDiscountFen: Fen,
  platformDiscountFen: Fen,
  totalFen: Type.Integer({ minimum: 0, description: 'items + shipping − discounts: what the buyer pays' }),
};

export const AddressSchema = Type.Object({
  recipient: Type.String(),
  phone: Type.String({ description: 'masked (138****1234) except for the buyer and on orders to ship' }),
  regionCode: Type.String(),
  regionName: Type.String(),
  detail: Type.String(),
});

export const CheckoutResultSchema = Type.Object({
  groupId: Id,
  itemsFen: Fen,
  shippingFen: Fen,
  discountFen: Fen,
  totalFen: Fen,
  paymentDueAt: Type.String({ format: 'date-time' }),
  orders: Type.Array(
    Type.Object({
      id: Id,
      shopId: Id,
      state: Type.Union([Type.Literal('pending_payment'), Type.Literal('paid')], {
        description: 'paid when `pay` was given and the payment succeeded',
      }),
      ...OrderAmounts,
      shopCoupon: CouponUse,
      platformCoupon: CouponUse,
      presaleShipDays: Type.Union([Type.Integer(), Type.Null()]),
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
  ...OrderAmounts,
  presaleShipDays: Type.Union([Type.Integer(), Type.Null()], {
    description: 'a pre-sale order: days after payment it ships by (else 48 h)',
  }),
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
    address: Type.Union([AddressSchema, Type.Null()], {
      description: 'null on orders placed before addresses',
    }),
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
        listUnitPriceFen: Type.Union([Fen, Type.Null()]),
        flashSaleId: NullableId,
        shopDiscountFen: Fen,
        platformDiscountFen: Fen,
        paidFen: Type.Integer({ minimum: 0 }),
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

export const QuoteBody = Type.Omit(CheckoutBody, ['pay'], { additionalProperties: false });

export const QuoteSchema = Type.Object({
  address: Type.Union([Type.Intersect([Type.Object({ addressId: Id }), AddressSchema]), Type.Null()], {
    description: 'the address priced (phone masked); null when the buyer has none yet (no fees then)',
  }),
  orders: Type.Array(
    Type.Object({
      shopId: Id,
      shopName: Type.String(),
      lines: Type.Array(CheckoutLine),
      ...OrderAmounts,
      shipping: Type.Union([Type.Object({ free: Type.Boolean(), remote: Type.Boolean() }), Type.Null()]),
      undeliverable: Type.Union([Type.String(), Type.Null()], {
        description:
          'the region (as named in the region table) this shop does not deliver to; checkout refuses with not_delivered',
      }),
      shopCoupon: CouponUse,
      platformCoupon: CouponUse,
      presaleShipDays: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
  coupons: Type.Array(
    Type.Object({
      buyerCouponId: Id,
      title: Type.String(),
      funder: Type.Union([Type.Literal('platform'), Type.Literal('shop')]),
      shopId: NullableId,
      discountFen: Fen,
      usable: Type.Boolean(),
      reason: Type.Union([Type.Literal('other_shop'), Type.Literal('threshold_not_met'), Type.Null()]),
    }),
  ),
  itemsFen: Fen,
  shippingFen: Fen,
  discountFen: Fen,
  payableFen: Fen,
});
