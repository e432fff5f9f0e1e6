import { Type } from '@sinclair/typebox';
import { Fen, Id, NonEmpty, Page, Timestamp } from '../../platform/schemas.ts';
import { type OrderState, orderTransitions } from '../orders/index.ts';
import { CARRIERS, type Carrier, TRACKING_NUMBER_PATTERN } from './carriers.ts';
import type { IncidentKind } from './fulfilment.tables.ts';
import {
  TRACKING_EVENTS,
  TRACKING_STATUSES,
  type TrackingEvent,
  type TrackingStatus,
} from './tracking.machine.ts';

const NullableTime = Type.Union([Timestamp, Type.Null()]);
const OrderStateSchema = Type.Unsafe<OrderState>(Type.String({ enum: Object.keys(orderTransitions) }));

const CarrierSchema = Type.Unsafe<Carrier>(
  Type.String({
    enum: [...CARRIERS],
    description: 'carrier code; `sandbox` takes tracking events posted through the API',
  }),
);
const TrackingStatusSchema = Type.Unsafe<TrackingStatus>(Type.String({ enum: [...TRACKING_STATUSES] }));

export const ShipBody = Type.Object(
  {
    carrier: CarrierSchema,
    trackingNumber: Type.String({
      pattern: TRACKING_NUMBER_PATTERN,
      description: 'the waybill number: 8–30 letters and digits (stored upper-case; unique per carrier)',
      examples: ['SF1234567890123'],
    }),
  },
  { additionalProperties: false },
);

export const SandboxEventBody = Type.Object(
  {
    event: Type.Unsafe<TrackingEvent>(
      Type.String({
        enum: [...TRACKING_EVENTS],
        description: 'in order: picked_up, then in_transit (repeatable), then delivered or lost',
      }),
    ),
    location: Type.Optional(NonEmpty(100, { description: 'where the carrier saw the parcel' })),
  },
  { additionalProperties: false },
);

export const ShopOrderParams = Type.Object({ id: Id, orderId: Id });

export const FulfilmentSchema = Type.Object({
  orderId: Id,
  orderState: OrderStateSchema,
  paidAt: NullableTime,
  shipByAt: Type.Union([Timestamp, Type.Null()], {
    description: 'the ship-by promise (`marketplace.shipByMs` after payment)',
  }),
  shippedAt: NullableTime,
  deliveredAt: NullableTime,
  completedAt: NullableTime,
  autoConfirmAt: Type.Union([Timestamp, Type.Null()], {
    description: 'while delivered: when receipt confirms itself unless the buyer does it first',
  }),
  shipment: Type.Union(
    [
      Type.Object({
        id: Id,
        carrier: CarrierSchema,
        trackingNumber: Type.String(),
        status: TrackingStatusSchema,
        shippedAt: Timestamp,
        events: Type.Array(
          Type.Object({
            event: TrackingStatusSchema,
            location: Type.Union([Type.String(), Type.Null()]),
            at: Timestamp,
          }),
          { description: 'the tracking timeline, oldest first' },
        ),
      }),
      Type.Null(),
    ],
    { description: 'null until the shop ships' },
  ),
  incidents: Type.Array(
    Type.Object({
      kind: Type.Unsafe<IncidentKind>(
        Type.String({ enum: ['ship_by_missed', 'parcel_lost', 'fake_shipment', 'tracking_stalled'] }),
      ),
      promisedAt: Type.Union([Timestamp, Type.Null()], { description: 'the promise that was broken' }),
      details: Type.String(),
      at: Timestamp,
    }),
    { description: 'broken fulfilment promises; after-sales compensates from them' },
  ),
});

/** The receiver of an order (DOMAIN §9): the full phone while it waits to be shipped, masked otherwise. */
export const ReceiverSchema = Type.Union(
  [
    Type.Object({
      recipient: Type.String(),
      phone: Type.String({ description: 'in full while the order waits to be shipped; else 138****1234' }),
      phoneMasked: Type.Boolean(),
      regionCode: Type.String({ description: '6-digit county code' }),
      regionName: Type.String({ description: "province, city and county, e.g. '浙江省 杭州市 西湖区'" }),
      detail: Type.String(),
    }),
    Type.Null(),
  ],
  { description: 'where the parcel goes; null for an order placed before orders kept an address' },
);

export const ToShipPage = Page(
  Type.Object({
    orderId: Id,
    buyerId: Id,
    itemsFen: Fen,
    totalFen: Fen,
    refundedFen: Type.Integer({ minimum: 0, description: 'refunded before shipment (极速退款), in fen' }),
    payoutFen: Type.Integer({
      minimum: 0,
      description: 'the amount still to be paid out for the order: its total less what was refunded',
    }),
    lines: Type.Array(
      Type.Object({
        orderLineId: Id,
        title: Type.String(),
        spec: Type.String(),
        quantity: Type.Integer({ minimum: 1, description: 'units still to ship' }),
        refundedQuantity: Type.Integer({ minimum: 0, description: 'units refunded before shipment' }),
      }),
      { description: 'what is still to ship; a line refunded whole is left out' },
    ),
    paidAt: Timestamp,
    shipByAt: Timestamp,
    remainingMs: Type.Integer({ description: 'time left to ship; negative: late by that much' }),
    overdue: Type.Boolean({ description: 'the ship-by promise has passed' }),
    receiver: ReceiverSchema,
  }),
);
