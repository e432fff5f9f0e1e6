import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { browseRoutes } from './browse.routes.ts';
import { categoryRoutes } from './categories.routes.ts';
import { productReviewRoutes } from './product-review.routes.ts';
import { productRoutes } from './products.routes.ts';

/** Every catalog route: categories and brands, shop products, ops review, buyer browse. */
export async function catalogRoutes(app: App, ctx: AppContext) {
  await categoryRoutes(app, ctx);
  await productRoutes(app, ctx);
  await productReviewRoutes(app, ctx);
  await browseRoutes(app, ctx);
}
