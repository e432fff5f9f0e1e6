import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, withPage } from '../../platform/schemas.ts';
import { badgeEventsOf, listBadges } from './badge-history.ts';
import {
  BadgeEventPage,
  BadgeEventQuery,
  OpsBadgePage,
  OpsBadgeQuery,
  StandingViewSchema,
} from './standing.schema.ts';
import { shopStandingView } from './standing-view.service.ts';

const merchants = { kinds: ['merchant'] } as const;
const opsStaff = { ops: ['reviewer', 'arbiter', 'rule_admin'] } as const;

export async function standingRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['standing'], standingRouteTable(ctx));
}

/** The rewards of standing (店铺权益, product rules §7.2) as a table: one row per route. */
function standingRouteTable({ db, clock }: AppContext): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/shops/:id/standing',
      access: merchants,
      summary: "The shop's rewards of standing: trust badge (信任购), probation, deposit discount, campaigns",
      description:
        'The badge as buyers see it, each of its conditions with its value now, why it was last revoked and its history; probation progress (days and completed orders toward exit); the required deposit before and after the discount the score earns; the campaign tiers the shop qualifies for. The badge and probation are re-evaluated daily after the experience scores.',
      params: IdParams,
      response: { 200: StandingViewSchema },
      handler: async ({ principal, params }) => shopStandingView(db, principal, params.id, clock.now()),
    }),
    route({
      method: 'GET',
      url: '/ops/trust-badges',
      access: opsStaff,
      summary: 'Shops with a trust badge record (granted, or revoked and why), most recent change first',
      querystring: OpsBadgeQuery,
      response: { 200: OpsBadgePage },
      handler: async ({ query }) => listBadges(db, withPage(query)),
    }),
    route({
      method: 'GET',
      url: '/ops/trust-badges/events',
      access: opsStaff,
      summary: 'Trust badge grants and revocations with the values the rule saw, newest first',
      querystring: BadgeEventQuery,
      response: { 200: BadgeEventPage },
      handler: async ({ query }) => badgeEventsOf(db, withPage(query)),
    }),
  ];
}
