import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { IdParams, Page } from '../../platform/schemas.ts';
import type { ListingGate } from './listing-gate.ts';
import {
  BulkStateBody,
  BulkStateResultSchema,
  CreateProductBody,
  ManagedProductSchema,
  OptionalReasonBody,
  ProductEventSchema,
  ShopProductListItemSchema,
  ShopProductParams,
  ShopProductsQuery,
  ShopSkuParams,
  SkuBody,
  SkuSchema,
  StockAdjustBody,
  UpdateProductBody,
  UpdateSkuBody,
} from './product.schema.ts';
import { bulkChangeState } from './product-bulk.service.ts';
import { getShopProduct, listShopProducts } from './product-query.service.ts';
import { noUnitsSold, type UnitsSold } from './product-sales.ts';
import { delistProduct, shopProductHistory, submitForReview } from './product-state.service.ts';
import { addSku, adjustStock, createProduct, updateProduct, updateSku } from './products.service.ts';

const merchant = { kinds: ['merchant'] } as const;
const failures = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** A shop's own products: its members (owner or staff) manage them; other tenants get 404. */
export async function productRoutes(
  app: App,
  ctx: AppContext,
  listingGate: ListingGate,
  unitsSold: UnitsSold = noUnitsSold,
) {
  const { db, clock } = ctx;
  const tags = ['catalog: shop products'];

  app.post(
    '/shops/:id/products',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Create a product with its SKUs (state draft)',
        params: IdParams,
        body: CreateProductBody,
        response: { 201: ManagedProductSchema, ...failures },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createProduct(db, request.principal!, request.params.id, request.body, clock);
    },
  );

  app.get(
    '/shops/:id/products',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary:
          "The shop's products in any state: searched by title, sorted by a column (default: latest change first)",
        params: IdParams,
        querystring: ShopProductsQuery,
        response: { 200: Page(ShopProductListItemSchema), 404: errorBodySchema },
      },
    },
    async (request) => listShopProducts(db, request.principal!, request.params.id, request.query, unitsSold),
  );

  app.post(
    '/shops/:id/products/bulk-state',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'List (send to review) or delist many products; each answers its own outcome',
        description:
          "Each product moves on its own: one refused (not this shop's, a state that does not allow it, the probation listing limit) leaves the others moving. `list` runs the listing checkpoint as submitting one does.",
        params: IdParams,
        body: BulkStateBody,
        response: { 200: BulkStateResultSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) =>
      bulkChangeState(db, request.principal!, request.params.id, request.body, clock, listingGate),
  );

  app.get(
    '/shops/:id/products/:productId',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'One product of the shop, in any state',
        params: ShopProductParams,
        response: { 200: ManagedProductSchema, 404: errorBodySchema },
      },
    },
    async (request) => getShopProduct(db, request.principal!, request.params.id, request.params.productId),
  );

  app.patch(
    '/shops/:id/products/:productId',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Edit a product; content edits of a listed product send it back to review',
        params: ShopProductParams,
        body: UpdateProductBody,
        response: { 200: ManagedProductSchema, ...failures },
      },
    },
    async (request) =>
      updateProduct(db, request.principal!, request.params.id, request.params.productId, request.body, clock),
  );

  app.post(
    '/shops/:id/products/:productId/skus',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Add a SKU',
        params: ShopProductParams,
        body: SkuBody,
        response: { 201: SkuSchema, ...failures },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return addSku(db, request.principal!, request.params.id, request.params.productId, request.body, clock);
    },
  );

  app.patch(
    '/shops/:id/products/:productId/skus/:skuId',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Edit the spec, price or purchase limit of a SKU (stays listed)',
        params: ShopSkuParams,
        body: UpdateSkuBody,
        response: { 200: SkuSchema, ...failures },
      },
    },
    async (request) => {
      const { id, productId, skuId } = request.params;
      return updateSku(db, request.principal!, id, productId, skuId, request.body, clock);
    },
  );

  app.post(
    '/shops/:id/products/:productId/skus/:skuId/stock',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Add or remove stock of a SKU (stays listed)',
        params: ShopSkuParams,
        body: StockAdjustBody,
        response: { 200: SkuSchema, ...failures },
      },
    },
    async (request) => {
      const { id, productId, skuId } = request.params;
      return adjustStock(db, request.principal!, id, productId, skuId, request.body.delta, clock);
    },
  );

  app.post(
    '/shops/:id/products/:productId/submit',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary:
          'Send a draft, rejected or delisted product to review: listed at once, left for ops, or rejected with the reason',
        description:
          'The listing checkpoint (product rules §6) decides at once: qualification number against the registry, banned claims, brand authorisation, price anomalies. `state` says the outcome and `stateReason` why.',
        params: ShopProductParams,
        response: { 200: ManagedProductSchema, ...failures },
      },
    },
    async (request) =>
      submitForReview(
        db,
        request.principal!,
        request.params.id,
        request.params.productId,
        clock,
        listingGate,
      ),
  );

  app.post(
    '/shops/:id/products/:productId/delist',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Take a listed product off sale',
        params: ShopProductParams,
        body: OptionalReasonBody,
        response: { 200: ManagedProductSchema, ...failures },
      },
    },
    async (request) =>
      delistProduct(
        db,
        request.principal!,
        request.params.id,
        request.params.productId,
        request.body.reason,
        clock,
      ),
  );

  app.get(
    '/shops/:id/products/:productId/events',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: "The product's state history: who moved it, when and why",
        params: ShopProductParams,
        response: { 200: Type.Array(ProductEventSchema), 404: errorBodySchema },
      },
    },
    async (request) =>
      shopProductHistory(db, request.principal!, request.params.id, request.params.productId),
  );
}
