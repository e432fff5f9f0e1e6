import { type Static, Type } from '@sinclair/typebox';

/** product rules §7 traffic allocation. Key prefix `ranking.`. */
export const RankingSchema = Type.Object({}, { additionalProperties: false });

export type RankingConfig = Static<typeof RankingSchema>;

export const defaultRanking: RankingConfig = {};
