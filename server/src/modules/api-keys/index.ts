export { ApiKeyAuthenticator, type SessionResolver } from './api-key-auth.ts';
export { apiKeysRoutes } from './api-keys.routes.ts';
export { type ApiKey, createApiKey, revokeApiKey } from './api-keys.service.ts';
