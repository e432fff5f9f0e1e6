import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
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
  const { db, clock } = ctx;
  const tags = ['catalog: review'];

  app.get(
    '/ops/products',
    {
      config: { access: reviewer },
      schema: {
        tags,
        summary: 'Products by state, oldest change first (default: the in_review queue)',
        querystring: StateListQuery,
        response: { 200: Page(ProductListItemSchema) },
      },
    },
    async (request) => reviewQueue(db, request.query),
  );

  app.get(
    '/ops/products/:id',
    {
      config: { access: reviewer },
      schema: {
        tags,
        summary: 'One product in any state, with its qualification number',
        params: IdParams,
        response: { 200: ManagedProductSchema, 404: errorBodySchema },
      },
    },
    async (request) => getAnyProduct(db, request.params.id),
  );

  app.get(
    '/ops/products/:id/events',
    {
      config: { access: reviewer },
      schema: {
        tags,
        summary: "The product's state history",
        params: IdParams,
        response: { 200: Type.Array(ProductEventSchema), 404: errorBodySchema },
      },
    },
    async (request) => productHistory(db, request.params.id),
  );

  app.post(
    '/ops/products/:id/approve',
    {
      config: { access: reviewer },
      schema: {
        tags,
        summary: 'Approve a product in review: it is listed',
        params: IdParams,
        body: OptionalReasonBody,
        response: { 200: ManagedProductSchema, ...failures },
      },
    },
    async (request) =>
      reviewProduct(
        db,
        request.principal!,
        request.params.id,
        { approve: true, reason: request.body.reason },
        clock,
      ),
  );

  app.post(
    '/ops/products/:id/reject',
    {
      config: { access: reviewer },
      schema: {
        tags,
        summary: 'Reject a product in review, telling the merchant why',
        params: IdParams,
        body: ReasonBody,
        response: { 200: ManagedProductSchema, ...failures },
      },
    },
    async (request) =>
      reviewProduct(
        db,
        request.principal!,
        request.params.id,
        { approve: false, reason: request.body.reason },
        clock,
      ),
  );

  app.post(
    '/ops/products/:id/block',
    {
      config: { access: { ops: ['super_admin'] } },
      schema: {
        tags,
        summary: 'Block a listed product (governance, super admin); blocked is final',
        params: IdParams,
        body: ReasonBody,
        response: { 200: ManagedProductSchema, ...failures },
      },
    },
    async (request) => blockProduct(db, request.principal!, request.params.id, request.body.reason, clock),
  );
}
