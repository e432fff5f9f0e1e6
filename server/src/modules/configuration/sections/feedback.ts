import { type Static, Type } from '@sinclair/typebox';

/** product rules §7.3 NPS survey. Key prefix `feedback.`. */
export const FeedbackSchema = Type.Object(
  {
    nps: Type.Object(
      {
        sampleRateBp: Type.Integer({
          minimum: 0,
          maximum: 10_000,
          description: 'share of completed orders whose buyer is offered the NPS survey (basis points)',
        }),
        validDays: Type.Integer({
          minimum: 1,
          maximum: 90,
          description: 'an offered survey can be answered for this many days',
        }),
        buyerGapDays: Type.Integer({
          minimum: 0,
          maximum: 366,
          description: 'a buyer is offered at most one survey in this many days',
        }),
        windowDays: Type.Integer({
          minimum: 7,
          maximum: 366,
          description: 'NPS is read over the answers of this many days',
        }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type FeedbackConfig = Static<typeof FeedbackSchema>;

export const defaultFeedback: FeedbackConfig = {
  nps: { sampleRateBp: 3_000, validDays: 14, buyerGapDays: 30, windowDays: 90 },
};
