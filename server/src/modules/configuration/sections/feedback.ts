import { type Static, Type } from '@sinclair/typebox';

/** product rules §7 NPS survey and ratings. Key prefix `feedback.`. */
export const FeedbackSchema = Type.Object({}, { additionalProperties: false });

export type FeedbackConfig = Static<typeof FeedbackSchema>;

export const defaultFeedback: FeedbackConfig = {};
