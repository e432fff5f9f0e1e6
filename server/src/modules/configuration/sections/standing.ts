import { type Static, Type } from '@sinclair/typebox';

/** product rules §7 trust badge, probation exit, deposit discount, campaign eligibility. Key prefix `standing.`. */
export const StandingSchema = Type.Object({}, { additionalProperties: false });

export type StandingConfig = Static<typeof StandingSchema>;

export const defaultStanding: StandingConfig = {};
