import { Type } from '@sinclair/typebox';
import { Fen, Id, Timestamp } from '../../platform/schemas.ts';
import { LiveSessionSchema, LiveStateSchema, PinnedProductSchema } from './live.schema.ts';

export const LiveSkuSchema = Type.Object({
  skuId: Id,
  spec: Type.String(),
  priceFen: Fen,
  stock: Type.Integer({ minimum: 0 }),
  purchaseLimit: Type.Union([Type.Integer(), Type.Null()]),
});

/** A pinned product as the live room shows it: the card of GET /live/sessions/:id plus its SKUs. */
export const LivePinSchema = Type.Intersect([
  PinnedProductSchema,
  Type.Object({ skus: Type.Array(LiveSkuSchema, { description: 'in SKU order, with stock now' }) }),
]);

/** Mirrors LiveCommentView of the content module (GET /live/sessions/:id/comments items). */
export const LiveEventCommentSchema = Type.Object({
  id: Id,
  sessionId: Id,
  author: Type.Object({ userId: Id, displayName: Type.String() }),
  text: Type.String(),
  state: Type.Literal('visible'),
  hiddenReason: Type.Null(),
  createdAt: Timestamp,
});

/** 讲解中: the product the host features now (one of the pinned ones). */
export const FeaturedProductSchema = Type.Object({
  productId: Id,
  title: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  priceFen: Type.Integer({ minimum: 0, description: 'the lowest SKU price' }),
  totalStock: Type.Integer({ minimum: 0 }),
  featuredAt: Timestamp,
});

export const LiveSnapshotSchema = Type.Object({
  session: LiveSessionSchema,
  pins: Type.Array(LivePinSchema, { description: 'in pin order' }),
  comments: Type.Array(LiveEventCommentSchema, {
    description: 'the latest visible comments, oldest first (catch-up after a reconnect)',
  }),
  featured: Type.Union([FeaturedProductSchema, Type.Null()], { description: '讲解中, or null' }),
  likes: Type.Integer({ minimum: 0, description: 'like total' }),
  viewers: Type.Integer({
    minimum: 0,
    description: 'viewers now over every server process, this one included',
  }),
});

export const LiveStockSchema = Type.Object({
  skuId: Id,
  productId: Id,
  stock: Type.Integer({ minimum: 0 }),
  totalStock: Type.Integer({ minimum: 0, description: "the product's stock over all its SKUs" }),
});

export const LiveSessionChangeSchema = Type.Object({
  id: Id,
  state: LiveStateSchema,
  reason: Type.Optional(Type.String({ description: 'why governance or ops stopped the session' })),
});

const event = <N extends string, T extends Parameters<typeof Type.Object>[0][string]>(
  name: N,
  data: T,
  description: string,
) => Type.Object({ event: Type.Literal(name), data }, { description });

/**
 * The stream's events as `{event, data}` pairs: on the wire each is an SSE message with `event:` the
 * name and `data:` the JSON. Documented (and typed for the web client) as a union.
 */
export const LiveEventSchema = Type.Union([
  event('snapshot', LiveSnapshotSchema, 'first event of every (re)connection: the room as it is now'),
  event('comment', LiveEventCommentSchema, 'a new visible comment; hidden ones are never sent'),
  event('pins', Type.Array(LivePinSchema), 'the whole pinned list after a pin or unpin, in pin order'),
  event('stock', LiveStockSchema, "a pinned SKU's stock changed (checkout, cancellation, restock)"),
  event('session', LiveSessionChangeSchema, 'the session started, ended, or was stopped by governance/ops'),
  event(
    'viewers',
    Type.Object({ current: Type.Integer({ minimum: 0 }) }),
    'viewers now over every server process, every few seconds when it changed',
  ),
  event(
    'likes',
    Type.Object({ total: Type.Integer({ minimum: 0 }) }),
    'the like total, a few times a second at most',
  ),
  event(
    'featured',
    Type.Union([FeaturedProductSchema, Type.Null()]),
    'the host featured a product (讲解中), or stopped (null; also when it is unpinned)',
  ),
  event(
    'offers',
    Type.Object({}),
    "the room's coupons or flash sales changed: refetch GET /live/sessions/{id}/coupons and /flash-sales",
  ),
]);
