import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Page } from '../../platform/schemas.ts';
import {
  ManagedProductSchema,
  OptionalReasonBody,
  ProductEventSchema,
  ProductListItemSchema,
  ReasonBody,
  StateListQuery,
} from './product.schema.ts';
import { getAnyProduct, reviewQueue } from './product-query.service.ts';
import { blockProduct, productHistory, reviewProduct } from './product-state.service.ts';

const reviewer = { ops: ['reviewer'] } as const;
const failures = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** Ops: the listing review queue and governance blocks. */
export async function productReviewRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['catalog: review'], productReviewRouteTable(ctx));
}

function productReviewRouteTable({ db, clock }: AppContext): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/ops/products',
      access: reviewer,
      summary: 'Products by state, oldest change first (default: the in_review queue)',
      querystring: StateListQuery,
      response: { 200: Page(ProductListItemSchema) },
      handler: async ({ query }) => reviewQueue(db, query),
    }),
    route({
      method: 'GET',
      url: '/ops/products/:id',
      access: reviewer,
      summary: 'One product in any state, with its qualification number',
      params: IdParams,
      response: { 200: ManagedProductSchema, 404: errorBodySchema },
      handler: async ({ params }) => getAnyProduct(db, params.id),
    }),
    route({
      method: 'GET',
      url: '/ops/products/:id/events',
      access: reviewer,
      summary: "The product's state history",
      params: IdParams,
      response: { 200: Type.Array(ProductEventSchema), 404: errorBodySchema },
      handler: async ({ params }) => productHistory(db, params.id),
    }),
    route({
      method: 'POST',
      url: '/ops/products/:id/approve',
      access: reviewer,
      summary: 'Approve a product in review: it is listed',
      params: IdParams,
      body: OptionalReasonBody,
      response: { 200: ManagedProductSchema, ...failures },
      handler: async ({ principal, params, body }) =>
        reviewProduct(db, principal, params.id, { approve: true, reason: body.reason }, clock),
    }),
    route({
      method: 'POST',
      url: '/ops/products/:id/reject',
      access: reviewer,
      summary: 'Reject a product in review, telling the merchant why',
      params: IdParams,
      body: ReasonBody,
      response: { 200: ManagedProductSchema, ...failures },
      handler: async ({ principal, params, body }) =>
        reviewProduct(db, principal, params.id, { approve: false, reason: body.reason }, clock),
    }),
    route({
      method: 'POST',
      url: '/ops/products/:id/block',
      access: { ops: ['super_admin'] },
      summary: 'Block a listed product (governance, super admin); blocked is final',
      params: IdParams,
      body: ReasonBody,
      response: { 200: ManagedProductSchema, ...failures },
      handler: async ({ principal, params, body }) =>
        blockProduct(db, principal, params.id, body.reason, clock),
    }),
  ];
}
