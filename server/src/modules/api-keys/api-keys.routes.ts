import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import type { ApiKeyAuthenticator } from './api-key-auth.ts';
import { ApiKeyParams, ApiKeySchema, CreateApiKeyBody, CreatedApiKey } from './api-keys.schema.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';

const merchant = { kinds: ['merchant'] } as const;
const failures = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/**
 * A shop's API keys (docs/api-keys.md): the owner makes, lists and revokes them; staff get 403,
 * other shops 404. No scope: a key cannot manage keys.
 */
export async function apiKeysRoutes(app: App, { db, clock }: AppContext, keys: ApiKeyAuthenticator) {
  registerRoutes(
    app,
    ['api keys'],
    [
      route({
        method: 'GET',
        url: '/shops/:id/api-keys',
        access: merchant,
        summary: "The shop's API keys, newest first (revoked ones too); owner only",
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(ApiKeySchema) }),
          403: errorBodySchema,
          404: errorBodySchema,
        },
        handler: async ({ principal, params }) => ({ items: await listApiKeys(db, principal, params.id) }),
      }),
      route({
        method: 'POST',
        url: '/shops/:id/api-keys',
        access: merchant,
        summary: 'Make an API key with its scopes; the token is in this answer only; owner only',
        description:
          'The token (`xr_…`) is shown once and kept only as its SHA-256: store it in the system that will use it. Requests with it act for this shop, within its scopes, as the owner who made it. At most 20 active keys per shop (409).',
        params: IdParams,
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey, ...failures },
        status: 201,
        handler: async ({ principal, params, body }) => createApiKey(db, principal, params.id, body, clock),
      }),
      route({
        method: 'POST',
        url: '/shops/:id/api-keys/:keyId/revoke',
        access: merchant,
        summary: 'Revoke an API key for good: from this answer on, requests with it answer 401; owner only',
        params: ApiKeyParams,
        response: { 200: ApiKeySchema, ...failures },
        handler: async ({ principal, params }) => {
          const key = await revokeApiKey(db, principal, params.id, params.keyId, clock);
          keys.forget(key.id);
          return key;
        },
      }),
    ],
  );
}
