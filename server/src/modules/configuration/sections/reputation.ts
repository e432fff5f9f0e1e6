import { type Static, Type } from '@sinclair/typebox';

/** product rules §7 experience score. Key prefix `reputation.`. */
export const ReputationSchema = Type.Object({}, { additionalProperties: false });

export type ReputationConfig = Static<typeof ReputationSchema>;

export const defaultReputation: ReputationConfig = {};
