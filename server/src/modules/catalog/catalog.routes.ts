import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { browseRoutes } from './browse.routes.ts';
import { categoryRoutes } from './categories.routes.ts';
import { humanReviewOnly, type ListingGate } from './listing-gate.ts';
import { productImageRoutes } from './product-images.routes.ts';
import { productReviewRoutes } from './product-review.routes.ts';
import { noUnitsSold, type UnitsSold } from './product-sales.ts';
import { productRoutes } from './products.routes.ts';

/** Every catalog route: categories and brands, shop products, ops review, buyer browse. */
/** `listingGate`: the listing checkpoint (product rules §6); without one every submission waits for ops. */
/** `unitsSold`: the orders module's count of units sold per product, for the shop's product table. */
export async function catalogRoutes(
  app: App,
  ctx: AppContext,
  listingGate: ListingGate = humanReviewOnly,
  unitsSold: UnitsSold = noUnitsSold,
) {
  await categoryRoutes(app, ctx);
  await productRoutes(app, ctx, listingGate, unitsSold);
  await productImageRoutes(app, ctx);
  await productReviewRoutes(app, ctx);
  await browseRoutes(app, ctx);
}
