import { Type } from '@sinclair/typebox';
import { BasisPoints, Fen, Id, NonEmpty, Page, Pagination, Timestamp } from '../../platform/schemas.ts';

const NullableTimestamp = Type.Unsafe<Date | null>({ type: ['string', 'null'], format: 'date-time' });

export const LiveStateSchema = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('live'),
  Type.Literal('ended'),
  Type.Literal('terminated'),
]);

const Title = NonEmpty(60, { description: 'shown on the live room card' });
const StreamUrl = Type.String({
  maxLength: 2000,
  pattern: '^https?://[^\\s]+$',
  description: "the address of the room's HLS playlist (.m3u8); buyers' players load it",
});
const ScheduledAt = Type.String({
  format: 'date-time',
  description: 'ISO 8601 with time zone; in the future',
});

export const LiveSessionSchema = Type.Object({
  id: Id,
  title: Type.String(),
  state: LiveStateSchema,
  scheduledAt: Timestamp,
  startedAt: NullableTimestamp,
  endedAt: NullableTimestamp,
  endReason: Type.Union([Type.String(), Type.Null()]),
  streamUrl: Type.Union([Type.String(), Type.Null()], {
    description: "the room's HLS playlist; null: no video configured (apps show a placeholder)",
  }),
  host: Type.Object({ userId: Id, displayName: Type.String() }),
  shop: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()], {
    description: "the hosting shop; null for a creator's own room",
  }),
  pinnedCount: Type.Integer({ minimum: 0 }),
});

export const PinnedProductSchema = Type.Object({
  productId: Id,
  title: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  minPriceFen: Fen,
  originalPriceFen: Type.Union([Fen, Type.Null()], {
    description: 'the original price (划线价) of the cheapest SKU, shown struck through; null: none',
  }),
  totalStock: Type.Integer({ minimum: 0 }),
  commissionBp: BasisPoints,
  productState: Type.String({ description: 'catalog state now; only listed products can be bought' }),
  pinnedAt: Timestamp,
});

export const LiveSessionDetailSchema = Type.Intersect([
  LiveSessionSchema,
  Type.Object({ pins: Type.Array(PinnedProductSchema, { description: 'in pin order' }) }),
]);

export const LiveSessionPage = Page(LiveSessionSchema);

export const PublicListQuery = Type.Object({
  state: Type.Optional(
    Type.Union([Type.Literal('live'), Type.Literal('scheduled')], {
      default: 'live',
      description: 'live: on air now, latest start first; scheduled: upcoming, soonest first',
    }),
  ),
  ...Pagination.properties,
});

export const MyListQuery = Type.Object({
  state: Type.Optional(LiveStateSchema),
  ...Pagination.properties,
});

export const ScheduleBody = Type.Object(
  {
    title: Title,
    scheduledAt: ScheduledAt,
    streamUrl: Type.Optional(StreamUrl),
    shopId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'merchants: the shop hosting the session (required); creators: omit',
      }),
    ),
  },
  { additionalProperties: false },
);

export const EditBody = Type.Object(
  {
    title: Type.Optional(Title),
    scheduledAt: Type.Optional(ScheduledAt),
    streamUrl: Type.Optional(Type.Union([StreamUrl, Type.Null()], { description: 'null removes it' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const PinBody = Type.Object({ productId: Id }, { additionalProperties: false });

export const PinParams = Type.Object({ id: Id, productId: Id });

export const TerminateBody = Type.Object(
  { reason: NonEmpty(500, { description: 'why governance stopped the session; stored and shown' }) },
  { additionalProperties: false },
);
