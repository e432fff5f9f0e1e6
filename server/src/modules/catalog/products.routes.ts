import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Page } from '../../platform/schemas.ts';
import type { ListingGate } from './listing-gate.ts';
import {
  BulkPricesBody,
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
import { bulkEditPrices } from './sku-prices.service.ts';

const merchant = { kinds: ['merchant'] } as const;
const failures = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** A shop's own products: its members (owner or staff) manage them; other tenants get 404. */
export async function productRoutes(
  app: App,
  ctx: AppContext,
  listingGate: ListingGate,
  unitsSold: UnitsSold = noUnitsSold,
) {
  registerRoutes(app, ['catalog: shop products'], productRouteTable(ctx, listingGate, unitsSold));
}

/** The shop-products API as a table: one row per route (access, schemas, the use case it calls). */
function productRouteTable(
  { db, clock }: AppContext,
  listingGate: ListingGate,
  unitsSold: UnitsSold,
): AnyRouteSpec[] {
  return [
    route({
      method: 'POST',
      url: '/shops/:id/products',
      access: merchant,
      scope: 'products:write',
      summary: 'Create a product with its SKUs (state draft)',
      params: IdParams,
      body: CreateProductBody,
      response: { 201: ManagedProductSchema, ...failures },
      status: 201,
      handler: async ({ principal, params, body }) => createProduct(db, principal, params.id, body, clock),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/products',
      access: merchant,
      scope: 'products:read',
      reads: 'replica',
      summary:
        "The shop's products in any state: searched by title, sorted by a column (default: latest change first)",
      params: IdParams,
      querystring: ShopProductsQuery,
      response: { 200: Page(ShopProductListItemSchema), 404: errorBodySchema },
      handler: async ({ principal, params, query, readDb }) =>
        listShopProducts(readDb ?? db, principal, params.id, query, unitsSold),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/products/bulk-state',
      access: merchant,
      scope: 'products:write',
      summary: 'List (send to review) or delist many products; each answers its own outcome',
      description:
        "Each product moves on its own: one refused (not this shop's, a state that does not allow it, the probation listing limit) leaves the others moving. `list` runs the listing checkpoint as submitting one does.",
      params: IdParams,
      body: BulkStateBody,
      response: { 200: BulkStateResultSchema, 400: errorBodySchema, 404: errorBodySchema },
      handler: async ({ principal, params, body }) =>
        bulkChangeState(db, principal, params.id, body, clock, listingGate),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/products/bulk-prices',
      access: merchant,
      scope: 'products:write',
      summary: 'Edit the prices and original prices (划线价) of many SKUs at once; all or nothing',
      description:
        "Each claimed original price is checked against its own SKU's price history (product rules §6.3): above the price, and not above the lowest price charged in the 7 days before the price took effect. One refused refuses all, naming `skus.<i>.<field>`; each changed price starts a new row of the SKU's price history.",
      params: IdParams,
      body: BulkPricesBody,
      response: {
        200: Type.Object({
          skus: Type.Array(
            Type.Object({
              id: Type.Integer(),
              productId: Type.Integer(),
              priceFen: Type.Integer(),
              originalPriceFen: Type.Union([Type.Integer(), Type.Null()]),
            }),
          ),
        }),
        400: errorBodySchema,
        404: errorBodySchema,
      },
      handler: async ({ principal, params, body }) => bulkEditPrices(db, principal, params.id, body, clock),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/products/:productId',
      access: merchant,
      scope: 'products:read',
      reads: 'replica',
      summary: 'One product of the shop, in any state',
      params: ShopProductParams,
      response: { 200: ManagedProductSchema, 404: errorBodySchema },
      handler: async ({ principal, params, readDb }) =>
        getShopProduct(readDb ?? db, principal, params.id, params.productId),
    }),
    route({
      method: 'PATCH',
      url: '/shops/:id/products/:productId',
      access: merchant,
      scope: 'products:write',
      summary: 'Edit a product; content edits of a listed product send it back to review',
      params: ShopProductParams,
      body: UpdateProductBody,
      response: { 200: ManagedProductSchema, ...failures },
      handler: async ({ principal, params, body }) =>
        updateProduct(db, principal, params.id, params.productId, body, clock),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/products/:productId/skus',
      access: merchant,
      scope: 'products:write',
      summary: 'Add a SKU',
      params: ShopProductParams,
      body: SkuBody,
      response: { 201: SkuSchema, ...failures },
      status: 201,
      handler: async ({ principal, params, body }) =>
        addSku(db, principal, params.id, params.productId, body, clock),
    }),
    route({
      method: 'PATCH',
      url: '/shops/:id/products/:productId/skus/:skuId',
      access: merchant,
      scope: 'products:write',
      summary: 'Edit the spec, price or purchase limit of a SKU (stays listed)',
      params: ShopSkuParams,
      body: UpdateSkuBody,
      response: { 200: SkuSchema, ...failures },
      handler: async ({ principal, params, body }) =>
        updateSku(db, principal, params.id, params.productId, params.skuId, body, clock),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/products/:productId/skus/:skuId/stock',
      access: merchant,
      scope: 'inventory:write',
      summary: 'Add or remove stock of a SKU (stays listed)',
      params: ShopSkuParams,
      body: StockAdjustBody,
      response: { 200: SkuSchema, ...failures },
      handler: async ({ principal, params, body }) =>
        adjustStock(db, principal, params.id, params.productId, params.skuId, body.delta, clock),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/products/:productId/submit',
      access: merchant,
      scope: 'products:write',
      summary:
        'Send a draft, rejected or delisted product to review: listed at once, left for ops, or rejected with the reason',
      description:
        'The listing checkpoint (product rules §6) decides at once: qualification number against the registry, banned claims, brand authorisation, price anomalies. `state` says the outcome and `stateReason` why.',
      params: ShopProductParams,
      response: { 200: ManagedProductSchema, ...failures },
      handler: async ({ principal, params }) =>
        submitForReview(db, principal, params.id, params.productId, clock, listingGate),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/products/:productId/delist',
      access: merchant,
      scope: 'products:write',
      summary: 'Take a listed product off sale',
      params: ShopProductParams,
      body: OptionalReasonBody,
      response: { 200: ManagedProductSchema, ...failures },
      handler: async ({ principal, params, body }) =>
        delistProduct(db, principal, params.id, params.productId, body.reason, clock),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/products/:productId/events',
      access: merchant,
      scope: 'products:read',
      summary: "The product's state history: who moved it, when and why",
      params: ShopProductParams,
      response: { 200: Type.Array(ProductEventSchema), 404: errorBodySchema },
      handler: async ({ principal, params }) =>
        shopProductHistory(db, principal, params.id, params.productId),
    }),
  ];
}
