import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import {
  ProductReputationSchema,
  ShopIdsQuery,
  ShopReputationList,
  StorefrontSchema,
} from './storefront.schema.ts';
import { productReputation, shopReputations, storefrontOf } from './storefront.service.ts';

/** The shop page and the reputation buyers see on product pages and cards; public. */
export async function storefrontRoutes(app: App, { db }: AppContext) {
  registerRoutes(
    app,
    ['storefront'],
    [
      route({
        method: 'GET',
        url: '/shops/:id/storefront',
        access: 'public',
        summary:
          'A shop’s page header: name, rating, good-rating rate, score band, 信任购 badge, followers, live now',
        description:
          '404 for no such shop or a closed one. The shop’s listed products: GET /discovery/products?shopId={id} (sort 综合/销量/价格).',
        reads: 'replica',
        params: IdParams,
        response: { 200: StorefrontSchema },
        handler: async ({ params, readDb }) => storefrontOf(readDb ?? db, params.id),
      }),
      route({
        method: 'GET',
        url: '/products/:id/reputation',
        access: 'public',
        summary: 'A product’s rating with its shop’s rating, score band and badge (the product page)',
        reads: 'replica',
        params: IdParams,
        response: { 200: ProductReputationSchema },
        handler: async ({ params, readDb }) => productReputation(readDb ?? db, params.id),
      }),
      route({
        method: 'GET',
        url: '/shop-reputations',
        access: 'public',
        summary: 'Rating, score band and badge of up to 50 shops at once (cards: live rooms, shops)',
        reads: 'replica',
        querystring: ShopIdsQuery,
        response: { 200: ShopReputationList },
        handler: async ({ query, readDb }) => {
          const ids = query.ids.split(',').map(Number);
          const found = await shopReputations(readDb ?? db, ids);
          return { items: [...found].map(([shopId, r]) => ({ shopId, ...r })) };
        },
      }),
    ],
  );
}
