import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Access } from './access.ts';
import type { App } from './http.ts';

export interface OpenApiOptions {
  /** The event catalog (server/src/events.ts): the document's `webhooks` section. */
  webhooks?: readonly object[];
}

/**
 * The OpenAPI document (served at /openapi.json, reference page at /docs): @fastify/swagger over
 * every route's schema, with each operation's access rule as `security` and `x-access`.
 */
export async function registerOpenApi(
  app: App,
  _errorBody: object,
  _options: OpenApiOptions = {},
): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Xinren API',
        version: '0.1.0',
        description:
          'Trust-first live commerce. Money is integer fen. Authenticate with `Authorization: Bearer <token>` from `POST /api/v1/auth/login`.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
    },
    transform: ({ schema, url, route }) => {
      const access = (route.config as { access?: Access } | undefined)?.access;
      const transformed = { ...(schema ?? {}) } as Record<string, unknown>;
      if (access && access !== 'public') {
        transformed.security = [{ bearer: [] }];
        const who =
          access === 'user'
            ? 'any signed-in account'
            : 'kinds' in access
              ? access.kinds.join(', ')
              : `ops: ${access.ops.join(', ')}`;
        transformed['x-access'] = who;
      }
      return { schema: transformed, url };
    },
  });
  // The reference page and its assets are public.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), access: 'public' };
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    // The reference page runs under the platform's CSP (helmet's header; swagger-ui adds none of
    // its own): its page loads only files, and it checks no spec against an outside validator. The
    // base layout has no top bar, whose Swagger logo is an SVG with an inline <style> the CSP refuses.
    uiConfig: { deepLinking: true, validatorUrl: null, layout: 'BaseLayout' },
  });

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
