import { randomUUID } from 'node:crypto';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { type Access, type ApiKeyScope, allows, apiKeyRefusal, type Principal } from './access.ts';
import { DEFAULT_TIME_ZONE } from './config.ts';
import { AppError, errorStatus } from './errors.ts';
import { lazySerializer, lazyValidator } from './lazy-compile.ts';
import { RequestLogController } from './logging.ts';
import { type OpenApiOptions, registerOpenApi } from './openapi.ts';
import { securityHeaders } from './security-headers.ts';
import { findBadText } from './text-guard.ts';
import { isWebBuild, pageSender, serveWeb } from './web.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** The API-key scope this route takes; a route without one refuses API keys (docs/api-keys.md). */
    scope?: ApiKeyScope;
  }
}

// ajv-formats is CommonJS: its plugin is the module's default export.
const addFormats = ((ajvFormats as unknown as { default?: typeof ajvFormats }).default ??
  ajvFormats) as unknown as (ajv: Ajv) => Ajv;

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpOptions {
  logger: FastifyBaseLogger;
  /** Resolves a bearer token to its principal, or null when unknown, expired or revoked. */
  authenticate(token: string): Promise<Principal | null>;
  bodyLimit?: number;
  /** The web apps' production build to serve (web/dist); nothing is served when it is not built. */
  webRoot?: string | undefined;
  /** The platform's time zone, named in the web apps' page (default Asia/Shanghai). */
  timeZone?: string;
  /** Fastify's `trustProxy` (config.trustProxy): whose X-Forwarded-For names the client. */
  trustProxy?: boolean | number | string[];
  /** A request slower than this is logged at info (others at debug, 5xx at warn): platform/logging.ts. */
  slowRequestMs?: number;
  /** What the OpenAPI document lists besides the routes (its `webhooks` section); false: no /openapi.json, no /docs. */
  openapi?: OpenApiOptions | false;
}

interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** `/body/price` + ajv's issue → `{ field: 'price', reason }`. */
function describeIssues(issues: ValidationIssue[], context: string | undefined) {
  return issues.map((issue) => {
    let field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
      field = field ? `${field}.${issue.params.missingProperty}` : issue.params.missingProperty;
    }
    if (issue.keyword === 'additionalProperties' && typeof issue.params.additionalProperty === 'string') {
      field = field ? `${field}.${issue.params.additionalProperty}` : issue.params.additionalProperty;
    }
    return {
      field: field || context || 'body',
      in: context ?? 'body',
      reason: issue.message ?? issue.keyword,
    };
  });
}

export const errorBodySchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
      required: ['code', 'message', 'details'],
    },
  },
  required: ['error'],
} as const;

function sendError(reply: FastifyReply, status: number, code: string, message: string, details: object = {}) {
  return reply.status(status).send({ error: { code, message, details } });
}

/** A hop count becomes Fastify's function form (the first `hops` proxies are believed). */
function trustedProxies(trust: boolean | number | string[] | undefined) {
  if (typeof trust !== 'number') return trust ?? false;
  return (_address: string, hop: number) => hop < trust;
}

export async function createHttp(options: HttpOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: options.logger,
    logController: new RequestLogController(options.slowRequestMs),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: trustedProxies(options.trustProxy),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON bodies are validated as sent (`"12"` is not a number, `false` is not null); only the
  // string-typed parts of a request (query, path, headers) are coerced to the schema's types.
  const ajvOptions = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;
  const strict = addFormats(new Ajv({ ...ajvOptions, coerceTypes: false }));
  const coercing = addFormats(new Ajv({ ...ajvOptions, coerceTypes: 'array' }));
  // compiled on a route's first request, not at start-up (platform/lazy-compile.ts)
  app.setValidatorCompiler(({ schema, httpPart }) =>
    lazyValidator(() => (httpPart === 'body' ? strict : coercing).compile(schema)),
  );
  const serializers = SerializerSelector()();
  // Fastify names the response status of each serializer it asks for
  app.setSerializerCompiler((route) =>
    lazySerializer(() => serializers(route as Parameters<typeof serializers>[0])),
  );

  app.decorateRequest('principal', null);
  await securityHeaders(app);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Access control runs before body validation, so an anonymous caller learns nothing about inputs.
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) {
      // Unknown URL (404 handler) has no route options; a route without `access` fails closed.
      if (request.routeOptions.url === undefined) return;
      return sendError(reply, 403, 'forbidden', 'This route declares no access rule');
    }
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.principal = await options.authenticate(header.slice(7).trim());
    }
    const verdict = allows(access, request.principal);
    if (verdict === 'unauthenticated') {
      return sendError(
        reply,
        401,
        'unauthenticated',
        header ? 'The bearer token is unknown, expired or revoked' : 'Sign in first',
      );
    }
    // A shop's API key: only routes that name a scope it holds, only its own shop (docs/api-keys.md).
    const key = request.principal?.apiKey;
    if (key) {
      const shopId = /\/shops\/:id(\/|$)/.test(request.routeOptions.url ?? '')
        ? (request.params as { id?: string }).id
        : undefined;
      const refusal = apiKeyRefusal(key, { scope: request.routeOptions.config.scope, shopId });
      if (refusal)
        return sendError(reply, errorStatus[refusal.code], refusal.code, refusal.message, refusal.details);
    }
    if (verdict === 'forbidden')
      return sendError(reply, 403, 'forbidden', 'Your account may not use this route');
  });

  // Text PostgreSQL cannot store (NUL, a lone surrogate) is refused in every part of every request,
  // before validation and before any route reads it; after access control, like validation.
  app.addHook('preValidation', async (request, reply) => {
    const parts = [
      ['body', request.body],
      ['querystring', request.query],
      ['params', request.params],
      ['headers', request.headers],
    ] as const;
    const fields = parts.flatMap(([where, value]) =>
      findBadText(value).map((bad) => ({ field: bad.field || where, in: where, reason: bad.reason })),
    );
    if (fields.length === 0) return;
    const message = fields.map((f) => `${f.field}: ${f.reason}`).join('; ');
    return sendError(reply, 400, 'validation_failed', message, { fields });
  });

  app.setErrorHandler(
    (error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof AppError) {
        const retryAfter = error.details.retryAfterSeconds;
        if (error.code === 'rate_limited' && typeof retryAfter === 'number') {
          void reply.header('retry-after', String(retryAfter));
        }
        return sendError(reply, errorStatus[error.code], error.code, error.message, error.details);
      }
      const fastifyError = error as FastifyError & { validation?: ValidationIssue[] };
      if (fastifyError.validation) {
        const fields = describeIssues(fastifyError.validation, fastifyError.validationContext);
        const message = fields.map((f) => `${f.field}: ${f.reason}`).join('; ');
        return sendError(reply, 400, 'validation_failed', message, { fields });
      }
      if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const limit = request.routeOptions.bodyLimit;
        return sendError(
          reply,
          413,
          'payload_too_large',
          `The request body is larger than the ${limit} bytes this route takes`,
          { maxBytes: limit },
        );
      }
      if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return sendError(reply, 415, 'unsupported_media_type', fastifyError.message);
      }
      if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
        return sendError(reply, fastifyError.statusCode, 'validation_failed', fastifyError.message);
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendError(
        reply,
        500,
        'internal',
        'Something went wrong on our side; the request id identifies it',
        {
          requestId: request.id,
        },
      );
    },
  );

  const web = isWebBuild(options.webRoot) ? options.webRoot : undefined;
  if (web) await serveWeb(app, web);
  const sendPage = web ? pageSender(web, options.timeZone ?? DEFAULT_TIME_ZONE) : undefined;
  app.setNotFoundHandler((request, reply) => {
    if (sendPage?.(request, reply)) return reply;
    return sendError(reply, 404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
  });

  if (options.openapi !== false) await registerOpenApi(app, errorBodySchema, options.openapi);

  return app;
}
