import type { Transitions } from '../../platform/state-machine.ts';
import type { ApiKeyState } from './api-keys.tables.ts';

/** A key works until its owner revokes it; revoking is for good (a new key is made instead). */
export const apiKeyTransitions = {
  active: ['revoked'],
  revoked: [],
} as const satisfies Transitions<ApiKeyState>;
