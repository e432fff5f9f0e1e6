import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { Id, IdParams, Timestamp } from '../../platform/schemas.ts';
import {
  type FileReadGrant,
  MAX_EVIDENCE_BYTES,
  readEvidenceFile,
  storeEvidenceFile,
} from './files.service.ts';
import { EVIDENCE_CONTENT_TYPES, mediaTypeOf } from './image-type.rule.ts';

const Binary = { type: 'string', format: 'binary' } as const;

const EvidenceFileSchema = Type.Object({
  id: Id,
  contentType: Type.Union(EVIDENCE_CONTENT_TYPES.map((t) => Type.Literal(t))),
  sizeBytes: Type.Integer(),
  sha256: Type.String({ description: 'hex SHA-256 of the bytes' }),
  createdAt: Timestamp,
});

const allowed = EVIDENCE_CONTENT_TYPES.join(', ');

/**
 * Evidence images stored by the platform: `POST /evidence-files` (raw bytes) and
 * `GET /evidence-files/:id`. Registered in a scope of their own, whose only body parser takes any
 * Content-Type as bytes: the use case checks the type, not a JSON parser.
 */
export async function evidenceFileRoutes(app: App, ctx: AppContext, grants: readonly FileReadGrant[] = []) {
  const { db, clock } = ctx;
  const tags = ['after-sales'];

  await app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post(
      '/evidence-files',
      {
        config: { access: 'user' },
        bodyLimit: MAX_EVIDENCE_BYTES,
        // The body is raw bytes, checked by the use case (type, magic bytes, size); its schema
        // only documents it and is not given to the JSON validator.
        validatorCompiler: () => () => true,
        schema: {
          tags,
          summary: 'Upload an evidence image (JPEG, PNG or WEBP, at most 5 MiB) for after-sales evidence',
          description: `The body is the image bytes, sent with Content-Type ${allowed}; the bytes must be of the declared type. Returns the stored file (201), or the one you already uploaded with the same bytes (200). Cite its id in after-sales evidence.`,
          consumes: [...EVIDENCE_CONTENT_TYPES],
          body: {
            ...Binary,
            description: `The image bytes (${allowed}), at most ${MAX_EVIDENCE_BYTES} bytes`,
          },
          response: {
            200: EvidenceFileSchema,
            201: EvidenceFileSchema,
            400: errorBodySchema,
            413: errorBodySchema,
            415: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const { file, created } = await storeEvidenceFile(db, clock, {
          uploadedBy: request.principal!.userId,
          declaredType: mediaTypeOf(request.headers['content-type']),
          bytes: Buffer.isBuffer(request.body) ? request.body : undefined,
        });
        return reply.code(created ? 201 : 200).send(file);
      },
    );

    scope.get(
      '/evidence-files/:id',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'Download an evidence image',
          description:
            'For its uploader, ops, and the buyer and shop of an after-sales request whose evidence cites it; anyone else gets 404.',
          params: IdParams,
          response: {
            200: {
              description: 'The image bytes, with their content type',
              content: Object.fromEntries(EVIDENCE_CONTENT_TYPES.map((type) => [type, { schema: Binary }])),
            },
            404: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const file = await readEvidenceFile(db, request.principal!, request.params.id, grants);
        return reply
          .type(file.contentType)
          .header('cache-control', 'private, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .send(file.data);
      },
    );
  });
}
