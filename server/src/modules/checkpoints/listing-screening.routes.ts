import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { Id } from '../../platform/schemas.ts';
import { getShopProduct } from '../catalog/index.ts';
import { SCREENING_RISKS, type ScreeningRisk, type ScreeningService } from '../screening/index.ts';
import { EvidenceHitSchema, EvidenceScoreSchema } from './evidence.schema.ts';
import { findingOf } from './screening-evidence.rule.ts';

const SCREENED_FIELDS = ['title', 'description'] as const;

const ListingScreeningSchema = Type.Object({
  version: Type.Integer({ description: 'the lexicon version used' }),
  modelVersion: Type.String({ description: "the model weights used ('none' without a model)" }),
  risk: Type.Union(
    SCREENING_RISKS.map((r) => Type.Literal(r)),
    { description: 'the highest risk of any field, screened as a listing' },
  ),
  fields: Type.Array(
    Type.Object({
      field: Type.Union(SCREENED_FIELDS.map((f) => Type.Literal(f))),
      text: Type.String({ description: 'the field as written' }),
      risk: Type.Union(SCREENING_RISKS.map((r) => Type.Literal(r))),
      hits: Type.Array(EvidenceHitSchema, {
        description:
          'what matched, with its place in `text`, and whether it counts (a negated claim does not)',
      }),
      model: Type.Array(EvidenceScoreSchema, {
        description: "the learned model's scores of the field on the listing surface, highest first",
      }),
    }),
  ),
});

const rank = (risk: ScreeningRisk) => SCREENING_RISKS.indexOf(risk);

/**
 * What the lexicon and the model in force find in a shop's listing (screened as a listing), field by
 * field, with the place of each match and whether it counts, and the model's scores:
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
          result: await screening.screen(product[field], { surface: 'listing' }),
        })),
      );
      const risk = screened
        .map((s) => s.result.risk)
        .reduce((a, b) => (rank(b) > rank(a) ? b : a), 'none' as ScreeningRisk);
      return {
        version: screened[0]!.result.version,
        modelVersion: screened[0]!.result.modelVersion,
        risk,
        fields: screened.map(({ field, text, result }) => {
          const { hits, model } = findingOf(result);
          return { field, text, risk: result.risk, hits, model };
        }),
      };
    },
  );
}
