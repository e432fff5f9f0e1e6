import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { ReadCache } from '../../platform/read-cache.ts';
import { readsFrom } from '../../platform/read-replica.ts';
import { IdParams, Page } from '../../platform/schemas.ts';
import { listCommissionOffers } from './commission-offers.service.ts';
import {
  CommissionOfferQuery,
  CommissionOfferSchema,
  ProductDetailSchema,
  ProductListItemSchema,
  SearchQuery,
} from './product.schema.ts';
import { cachedShopTerms, getListedProduct, searchProducts } from './product-query.service.ts';

// A product page is read from the cache for at most this long; every change but a stock count
// invalidates it at once (migration 0106's triggers), so this bounds how stale a count can be.
const PRODUCT_PAGE_TTL_MS = 5_000;

/** Buyers browse and search listed products; no sign-in needed. */
export async function browseRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['catalog: browse'];
  const cache = new ReadCache(ctx.pubsub);
  const shopTerms = cachedShopTerms(cache, PRODUCT_PAGE_TTL_MS);

  app.get(
    '/products',
    {
      config: { access: 'public', reads: 'replica' },
      schema: {
        tags,
        summary: 'Search listed products by keyword, category (with its descendants) and shop, newest first',
        querystring: SearchQuery,
        response: { 200: Page(ProductListItemSchema) },
      },
    },
    async (request) => searchProducts(readsFrom(request, db), request.query),
  );

  app.get(
    '/products/commission-offers',
    {
      config: { access: { kinds: ['creator'] }, reads: 'replica' },
      schema: {
        tags,
        summary:
          'Listed products a creator may pin (挂车) with the commission their shop offers, highest first',
        querystring: CommissionOfferQuery,
        response: { 200: Page(CommissionOfferSchema) },
      },
    },
    async (request) => {
      const { q, limit = 20, offset = 0 } = request.query;
      return listCommissionOffers(readsFrom(request, db), { q, limit, offset });
    },
  );

  app.get(
    '/products/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A listed product with its SKUs, shop and guarantees',
        params: IdParams,
        response: { 200: ProductDetailSchema, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      // cached: loaded from the primary (a load from a lagging replica after an invalidation would keep the old row)
      const body = await cache.json(
        `product:${id}`,
        PRODUCT_PAGE_TTL_MS,
        async () => {
          const product = await getListedProduct(db, id, shopTerms);
          return { value: product, tags: [`product:${id}`, `shop:${product.shopId}`] };
        },
        (product) => reply.serialize(product) as string,
      );
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
}
