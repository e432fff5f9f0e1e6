import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { IdParams } from '../../platform/schemas.ts';
import { EVIDENCE_CONTENT_TYPES, mediaTypeOf } from '../files/index.ts';
import {
  ImageOrderBody,
  ManagedProductSchema,
  ShopProductImageParams,
  ShopProductParams,
} from './product.schema.ts';
import {
  addProductImage,
  MAX_PRODUCT_IMAGE_BYTES,
  readProductImage,
  removeProductImage,
  reorderProductImages,
  setMainProductImage,
} from './product-images.service.ts';

function pathId(field: string, value: string): number {
  const id = Number(value);
  if (!/^[1-9][0-9]*$/.test(value) || !Number.isSafeInteger(id))
    throw invalidField(field, 'must be a positive integer');
  return id;
}

const Binary = { type: 'string', format: 'binary' } as const;
const merchant = { kinds: ['merchant'] } as const;
const failures = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const allowed = EVIDENCE_CONTENT_TYPES.join(', ');
// An image never changes under its address (a new upload is a new image): cache it for good.
const FOREVER = 'public, max-age=31536000, immutable';

/**
 * Product images: a shop member uploads (raw bytes), reorders, picks the main one, removes; anyone
 * reads them. Uploads are registered in a scope whose only body parser takes any Content-Type as
 * bytes: the use case checks the type by its magic bytes, not a JSON parser.
 */
export async function productImageRoutes(app: App, ctx: AppContext) {
  const { db, clock } = ctx;
  const tags = ['catalog: shop products'];

  await app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(
      '/shops/:id/products/:productId/images',
      {
        config: { access: merchant, scope: 'products:write' },
        bodyLimit: MAX_PRODUCT_IMAGE_BYTES,
        validatorCompiler: () => () => true,
        schema: {
          tags,
          summary: `Upload a product image (${allowed}, at most 5 MiB; at most 9 per product)`,
          description: `The body is the image bytes, sent with Content-Type ${allowed}; the bytes must be of the declared type. A thumbnail is generated. The first image is the main one. On a listed product the change sends it back to review. Answers the product (201), or as it was when these bytes are already one of its images (200).`,
          consumes: [...EVIDENCE_CONTENT_TYPES],
          params: ShopProductParams,
          body: {
            ...Binary,
            description: `The image bytes (${allowed}), at most ${MAX_PRODUCT_IMAGE_BYTES} bytes`,
          },
          response: {
            200: ManagedProductSchema,
            201: ManagedProductSchema,
            ...failures,
            413: errorBodySchema,
            415: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        // This route's validator takes the body as bytes, so the path is read here.
        const { id, productId } = request.params as unknown as { id: string; productId: string };
        const { product, created } = await addProductImage(
          db,
          request.principal!,
          pathId('id', id),
          pathId('productId', productId),
          {
            declaredType: mediaTypeOf(request.headers['content-type']),
            bytes: Buffer.isBuffer(request.body) ? request.body : undefined,
          },
          clock,
        );
        return reply.code(created ? 201 : 200).send(product);
      },
    );
  });

  app.put(
    '/shops/:id/products/:productId/images/order',
    {
      config: { access: merchant, scope: 'products:write' },
      schema: {
        tags,
        summary: "Reorder the product's images; the first is the main image",
        params: ShopProductParams,
        body: ImageOrderBody,
        response: { 200: ManagedProductSchema, ...failures },
      },
    },
    async (request) => {
      const { id, productId } = request.params;
      return reorderProductImages(db, request.principal!, id, productId, request.body.imageIds, clock);
    },
  );

  app.post(
    '/shops/:id/products/:productId/images/:imageId/main',
    {
      config: { access: merchant, scope: 'products:write' },
      schema: {
        tags,
        summary: 'Make an image the main one (shown on product cards and in live rooms)',
        params: ShopProductImageParams,
        response: { 200: ManagedProductSchema, ...failures },
      },
    },
    async (request) => {
      const { id, productId, imageId } = request.params;
      return setMainProductImage(db, request.principal!, id, productId, imageId, clock);
    },
  );

  app.delete(
    '/shops/:id/products/:productId/images/:imageId',
    {
      config: { access: merchant, scope: 'products:write' },
      schema: {
        tags,
        summary: 'Remove an image from the product',
        params: ShopProductImageParams,
        response: { 200: ManagedProductSchema, ...failures },
      },
    },
    async (request) => {
      const { id, productId, imageId } = request.params;
      return removeProductImage(db, request.principal!, id, productId, imageId, clock);
    },
  );

  for (const variant of ['original', 'thumbnail'] as const) {
    app.get(
      variant === 'original' ? '/product-images/:id' : '/product-images/:id/thumbnail',
      {
        config: { access: 'public' },
        schema: {
          tags: ['catalog: browse'],
          summary:
            variant === 'original'
              ? 'A product image as uploaded'
              : 'A product image thumbnail (WEBP, at most 320×320)',
          description: 'Cached for good (immutable), with an ETag; If-None-Match answers 304.',
          params: IdParams,
          response: {
            200: {
              description: 'The image bytes, with their content type',
              content: Object.fromEntries(EVIDENCE_CONTENT_TYPES.map((type) => [type, { schema: Binary }])),
            },
            304: Type.Null({ description: 'Not modified' }),
            404: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const file = await readProductImage(db, request.params.id, variant);
        const etag = `"${file.sha256}"`;
        reply
          .header('cache-control', FOREVER)
          .header('etag', etag)
          .header('x-content-type-options', 'nosniff');
        if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
        return reply.type(file.contentType).send(file.data);
      },
    );
  }
}
