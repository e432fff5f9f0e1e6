import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { Id } from '../../platform/schemas.ts';
import { getShopProduct } from '../catalog/index.ts';
import { HitSchema, type ScreenHit, type ScreeningService } from '../screening/index.ts';

const SCREENED_FIELDS = ['title', 'description'] as const;

const ListingScreeningSchema = Type.Object({
  version: Type.Integer({ description: 'the lexicon version used' }),
  risk: Type.Union([Type.Literal('none'), Type.Literal('low'), Type.Literal('high')], {
    description: 'the highest severity matched in any field',
  }),
  fields: Type.Array(
    Type.Object({
      field: Type.Union(SCREENED_FIELDS.map((f) => Type.Literal(f))),
      text: Type.String({ description: 'the field as written' }),
      hits: Type.Array(HitSchema, { description: 'what matched, with its place in `text`' }),
    }),
  ),
});

/**
 * What the lexicon in force finds in a shop's listing, field by field, with the place of each match:
 * the merchant sees which words a "high-risk listing text" verdict is about and where to change them.
 * The same screening the listing checkpoint and the ops content case use.
 */
export async function listingScreeningRoutes(app: App, ctx: AppContext, screening: ScreeningService) {
  const { db } = ctx;
  app.get(
    '/shops/:id/products/:productId/screening',
    {
      config: { access: { kinds: ['merchant'] } },
      schema: {
        tags: ['catalog: shop products'],
        summary: "What text screening finds in the product's title and description, with the words' places",
        params: Type.Object({ id: Id, productId: Id }),
        response: { 200: ListingScreeningSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const product = await getShopProduct(
        db,
        request.principal!,
        request.params.id,
        request.params.productId,
      );
      const screened = await Promise.all(
        SCREENED_FIELDS.map(async (field) => ({
          field,
          text: product[field],
          result: await screening.screen(product[field]),
        })),
      );
      const hits: ScreenHit[] = screened.flatMap((s) => s.result.hits);
      const risk = hits.some((h) => h.severity === 'high') ? 'high' : hits.length > 0 ? 'low' : 'none';
      return {
        version: screened[0]!.result.version,
        risk,
        fields: screened.map(({ field, text, result }) => ({ field, text, hits: result.hits })),
      };
    },
  );
}
