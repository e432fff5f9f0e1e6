import { Type } from '@sinclair/typebox';
import { Fen, Id, Page, Pagination, Timestamp } from '../../platform/schemas.ts';
import { CARRIERS, ReceiverSchema } from '../fulfilment/index.ts';

/** The desk's tabs (待付款 / 待发货 / 已发货 / 已完成 / 已取消 / 售后中); `all` is every order. */
export const DESK_STATUSES = ['to_pay', 'to_ship', 'shipped', 'completed', 'cancelled'] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];
export const DESK_VIEWS = ['all', ...DESK_STATUSES, 'aftersales'] as const;
export type DeskView = (typeof DESK_VIEWS)[number];

const NullableTime = Type.Union([Timestamp, Type.Null()]);
const Carrier = Type.String({ enum: [...CARRIERS] });

export const DeskFilter = Type.Object({
  view: Type.Optional(
    Type.String({
      enum: [...DESK_VIEWS],
      default: 'all',
      description:
        'a tab: to_pay (unpaid), to_ship (paid, not shipped; soonest ship-by first), shipped (shipped or delivered), completed, cancelled, aftersales (an after-sales request still open), all',
    }),
  ),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'placed at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'placed before' })),
  liveSessionId: Type.Optional(Id),
  buyer: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 50,
      description: "the buyer's account number (digits), or part of their login or display name",
    }),
  ),
  productId: Type.Optional(Id),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 30,
      description: 'an order number (digits, optionally after #)',
    }),
  ),
});

export const DeskListQuery = Type.Intersect([Pagination, DeskFilter]);

export const ExportQuery = Type.Intersect([
  DeskFilter,
  Type.Object({
    format: Type.String({ enum: ['csv', 'xlsx'] }),
    lang: Type.Optional(
      Type.String({ enum: ['zh', 'en'], default: 'zh', description: 'column names and states' }),
    ),
  }),
]);

const Buyer = Type.Object({ id: Id, displayName: Type.String() });
const LiveRef = Type.Union([Type.Object({ id: Id, title: Type.String() }), Type.Null()]);
const ShipmentRef = Type.Union([
  Type.Object({
    carrier: Carrier,
    trackingNumber: Type.String(),
    status: Type.String({ enum: ['created', 'picked_up', 'in_transit', 'delivered', 'lost'] }),
    shippedAt: Timestamp,
  }),
  Type.Null(),
]);

export const DeskRow = Type.Object({
  id: Id,
  status: Type.String({ enum: [...DESK_STATUSES] }),
  state: Type.String({ description: "the order's state" }),
  createdAt: Timestamp,
  paidAt: NullableTime,
  shipByAt: NullableTime,
  remainingMs: Type.Union([Type.Integer(), Type.Null()], {
    description: 'while to ship: time left before the ship-by promise (negative: late)',
  }),
  buyer: Buyer,
  receiver: ReceiverSchema,
  liveSession: LiveRef,
  lines: Type.Array(
    Type.Object({
      productId: Id,
      title: Type.String(),
      spec: Type.String(),
      quantity: Type.Integer(),
      refundedQuantity: Type.Integer({ minimum: 0 }),
    }),
  ),
  totalFen: Fen,
  refundedFen: Fen,
  payoutFen: Type.Integer({ minimum: 0, description: 'the total less refunds by after-sales' }),
  shipment: ShipmentRef,
  openAftersales: Type.Integer({ minimum: 0, description: 'after-sales requests still open' }),
});

export const DeskPage = Page(DeskRow);

export const DeskDetail = Type.Intersect([
  DeskRow,
  Type.Object({
    buyer: Type.Object({
      id: Id,
      displayName: Type.String(),
      phone: Type.Union([Type.String(), Type.Null()], { description: 'masked: 138****1234' }),
    }),
    amounts: Type.Object(
      {
        itemsFen: Fen,
        shippingFen: Fen,
        shopDiscountFen: Type.Integer({
          minimum: 0,
          description: "the shop coupon's discount (the shop funds it)",
        }),
        platformDiscountFen: Type.Integer({
          minimum: 0,
          description:
            "the platform coupon's discount (the platform's subsidy pays it to the shop at settlement)",
        }),
        totalFen: Type.Integer({
          minimum: 0,
          description: 'what the buyer paid: items + shipping − discounts',
        }),
      },
      { description: "the order's money as the buyer paid it" },
    ),
    lines: Type.Array(
      Type.Object({
        id: Id,
        productId: Id,
        skuId: Id,
        title: Type.String(),
        spec: Type.String(),
        unitPriceFen: Fen,
        quantity: Type.Integer(),
        lineFen: Fen,
        flashSaleId: Type.Union([Id, Type.Null()], { description: 'the flash sale that priced the line' }),
        listUnitPriceFen: Type.Union([Fen, Type.Null()], {
          description: "the SKU's own price when a flash sale priced it",
        }),
        shopDiscountFen: Type.Integer({ minimum: 0 }),
        platformDiscountFen: Type.Integer({ minimum: 0 }),
        paidFen: Type.Integer({ minimum: 0, description: 'the line less its share of the discounts' }),
        refundedQuantity: Type.Integer({ minimum: 0 }),
        refundedFen: Fen,
      }),
    ),
    payment: Type.Union([
      Type.Object({
        id: Id,
        provider: Type.String(),
        state: Type.String({ enum: ['pending', 'succeeded', 'failed', 'timed_out'] }),
        amountFen: Fen,
        completedAt: NullableTime,
      }),
      Type.Null(),
    ]),
    refunds: Type.Array(
      Type.Object({
        id: Id,
        amountFen: Fen,
        state: Type.String({ enum: ['pending', 'succeeded', 'failed'] }),
        createdAt: Timestamp,
        completedAt: NullableTime,
      }),
    ),
    tracking: Type.Array(
      Type.Object({
        event: Type.String(),
        location: Type.Union([Type.String(), Type.Null()]),
        at: Timestamp,
      }),
      { description: 'the parcel timeline, oldest first (empty until shipped)' },
    ),
    incidents: Type.Array(Type.Object({ kind: Type.String(), at: Timestamp })),
    autoConfirmAt: NullableTime,
    aftersales: Type.Array(
      Type.Object({
        id: Id,
        orderLineId: Type.Union([Id, Type.Null()]),
        type: Type.String(),
        reason: Type.String(),
        state: Type.String(),
        quantity: Type.Integer(),
        requestedFen: Fen,
        approvedFen: Type.Union([Fen, Type.Null()]),
        createdAt: Timestamp,
      }),
    ),
    timeline: Type.Array(
      Type.Object({
        fromState: Type.Union([Type.String(), Type.Null()]),
        toState: Type.String(),
        actorKind: Type.String(),
        at: Timestamp,
      }),
    ),
  }),
]);

export const DeskOrderParams = Type.Object({ id: Id, orderId: Id });

export const BULK_SHIP_REASONS = [
  'order_number_invalid',
  'carrier_unknown',
  'waybill_invalid',
  'duplicate_in_file',
  'order_not_found',
  'order_not_paid',
  'order_refunded',
  'shipped_with_other_waybill',
  'waybill_taken',
  'failed',
] as const;
export type BulkShipReason = (typeof BULK_SHIP_REASONS)[number];

export const BulkShipBody = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      maxLength: 1_000_000,
      description:
        'CSV text: order number, carrier, waybill per row; an optional header row (订单号,快递公司,运单号 or order,carrier,waybill). Carrier as a code (sf, zto, …) or its Chinese name (顺丰, 中通, …).',
    }),
  },
  { additionalProperties: false },
);

export const BulkShipResult = Type.Object({
  rows: Type.Array(
    Type.Object({
      line: Type.Integer({ description: 'the line of the file (1 is the first)' }),
      orderId: Type.Union([Id, Type.Null()]),
      carrier: Type.Union([Carrier, Type.Null()]),
      trackingNumber: Type.Union([Type.String(), Type.Null()]),
      outcome: Type.String({
        enum: ['shipped', 'already_shipped', 'failed'],
        description: 'already_shipped: the same carrier and waybill were recorded before (a re-run)',
      }),
      reason: Type.Union([Type.String({ enum: [...BULK_SHIP_REASONS] }), Type.Null()]),
      field: Type.Union([Type.String({ enum: ['order', 'carrier', 'waybill'] }), Type.Null()]),
    }),
  ),
  shipped: Type.Integer(),
  alreadyShipped: Type.Integer(),
  failed: Type.Integer(),
});
