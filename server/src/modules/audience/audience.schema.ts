import { Type } from '@sinclair/typebox';
import { Id, Page, Pagination, Timestamp } from '../../platform/schemas.ts';

const NullableTimestamp = Type.Unsafe<Date | null>({ type: ['string', 'null'], format: 'date-time' });

export const TargetKindSchema = Type.Union([Type.Literal('shop'), Type.Literal('host')]);

export const AudienceSchema = Type.Object({
  followerCount: Type.Integer({ minimum: 0 }),
  following: Type.Boolean({ description: 'whether the signed-in caller follows it (false when signed out)' }),
});

export const FollowedTargetSchema = Type.Object({
  kind: TargetKindSchema,
  id: Id,
  name: Type.String({ description: 'the shop name or the host display name' }),
  followedAt: Timestamp,
});

export const FollowingQuery = Type.Composite([
  Pagination,
  Type.Object({ kind: Type.Optional(TargetKindSchema) }),
]);

export const FollowingPage = Page(FollowedTargetSchema);

export const FollowerSchema = Type.Object({
  userId: Id,
  displayName: Type.String(),
  followedAt: Timestamp,
});

export const FollowerPage = Page(FollowerSchema);

export const NotificationSchema = Type.Object({
  id: Id,
  kind: Type.String({
    description:
      'live_started: a followed host or shop went live; payload {sessionId, title, hostName, shopName}',
  }),
  payload: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
  readAt: NullableTimestamp,
});

export const NotificationPage = Type.Composite([
  Page(NotificationSchema),
  Type.Object({ unreadCount: Type.Integer({ minimum: 0 }) }),
]);

export const NotificationsQuery = Type.Composite([
  Pagination,
  Type.Object({ unread: Type.Optional(Type.Boolean({ description: 'only unread ones' })) }),
]);

export const MarkReadBody = Type.Object(
  {
    ids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true })),
    all: Type.Optional(Type.Literal(true, { description: 'mark every notification read' })),
  },
  { additionalProperties: false },
);

export const UnreadSchema = Type.Object({ unreadCount: Type.Integer({ minimum: 0 }) });
