import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Pagination, withPage } from '../../platform/schemas.ts';
import {
  AudienceSchema,
  FollowerPage,
  FollowingPage,
  FollowingQuery,
  MarkReadBody,
  NotificationPage,
  NotificationsQuery,
  UnreadSchema,
} from './audience.schema.ts';
import type { FollowTargetKind } from './audience.tables.ts';
import { audienceOf, follow, listFollowing, listShopFollowers, unfollow } from './follows.service.ts';
import { listNotifications, markRead } from './notifications.service.ts';

// Buyers, creators and merchants follow; ops accounts do not shop.
const followers = { kinds: ['buyer', 'creator', 'merchant'] } as const;

export async function audienceRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['audience'], audienceRouteTable(ctx));
}

function audienceRouteTable({ db, clock }: AppContext): AnyRouteSpec[] {
  const followRoutes = (kind: FollowTargetKind, plural: string, what: string): AnyRouteSpec[] => [
    route({
      method: 'PUT',
      url: `/me/follows/${plural}/:id`,
      access: followers,
      summary: `Follow a ${what} (idempotent)`,
      description: `404 when no such ${what}; 400 naming \`id\` when it is yourself${kind === 'shop' ? ' (your own shop)' : ''}.`,
      params: IdParams,
      response: { 200: AudienceSchema },
      handler: async ({ principal, params }) => follow(db, clock, principal, kind, params.id),
    }),
    route({
      method: 'DELETE',
      url: `/me/follows/${plural}/:id`,
      access: followers,
      summary: `Stop following a ${what} (idempotent)`,
      params: IdParams,
      response: { 200: AudienceSchema },
      handler: async ({ principal, params }) => unfollow(db, principal, kind, params.id),
    }),
    route({
      method: 'GET',
      url: `/${plural}/:id/audience`,
      access: 'public',
      summary: `Follower count of a ${what}, and whether the signed-in caller follows it`,
      params: IdParams,
      response: { 200: AudienceSchema },
      handler: async ({ principal, params }) => audienceOf(db, kind, params.id, principal?.userId ?? null),
    }),
  ];
  return [
    ...followRoutes('shop', 'shops', 'shop'),
    ...followRoutes('host', 'hosts', 'host (creator or merchant account)'),
    route({
      method: 'GET',
      url: '/me/follows',
      access: followers,
      summary: 'The shops and hosts I follow, newest first',
      querystring: FollowingQuery,
      response: { 200: FollowingPage },
      handler: async ({ principal, query }) => listFollowing(db, principal.userId, withPage(query)),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/followers',
      access: { kinds: ['merchant'] },
      summary: "A shop's followers, newest first (shop staff)",
      params: IdParams,
      querystring: Pagination,
      response: { 200: FollowerPage },
      handler: async ({ principal, params, query }) =>
        listShopFollowers(db, principal, params.id, withPage({ limit: query.limit, offset: query.offset })),
    }),
    route({
      method: 'GET',
      url: '/me/notifications',
      access: 'user',
      summary: 'My notifications (inbox), newest first, with the unread count',
      querystring: NotificationsQuery,
      response: { 200: NotificationPage },
      handler: async ({ principal, query }) => listNotifications(db, principal.userId, withPage(query)),
    }),
    route({
      method: 'POST',
      url: '/me/notifications/read',
      access: 'user',
      summary: 'Mark notifications read: the given ids (mine only), or all',
      description: '400 naming `ids` when neither ids nor all: true is given.',
      body: MarkReadBody,
      response: { 200: UnreadSchema },
      handler: async ({ principal, body }) => markRead(db, principal.userId, body, clock.now()),
    }),
  ];
}
