import { Type } from '@sinclair/typebox';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../platform/access.ts';
import { Id, NonEmpty, Timestamp } from '../../platform/schemas.ts';
import { MAX_NAME_LENGTH } from './api-key.rule.ts';

const NullableTimestamp = Type.Unsafe<Date | null>({ type: ['string', 'null'], format: 'date-time' });

export const ScopeSchema = Type.Unsafe<ApiKeyScope>({
  type: 'string',
  enum: [...API_KEY_SCOPES],
  description: 'what the key may do; the routes of each scope are in docs/api-keys.md',
});

export const ApiKeySchema = Type.Object({
  id: Id,
  shopId: Id,
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  prefix: Type.String({ description: "the token's first 10 characters (xr_…), to tell keys apart" }),
  state: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
  rateLimitPerMinute: Type.Integer({ description: 'requests per minute; more answer 429 rate_limited' }),
});

export const CreateApiKeyBody = Type.Object(
  {
    name: NonEmpty(MAX_NAME_LENGTH, { description: 'what the key is for (the system that holds it)' }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: API_KEY_SCOPES.length * 2 }),
  },
  { additionalProperties: false },
);

export const CreatedApiKey = Type.Object({
  key: ApiKeySchema,
  token: Type.String({
    description: 'the key itself (xr_…): shown this once; send it as `Authorization: Bearer <token>`',
  }),
});

export const ApiKeyParams = Type.Object({ id: Id, keyId: Id });
