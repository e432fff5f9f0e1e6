import { type Static, Type } from '@sinclair/typebox';

const H = 3_600_000;

/**
 * product rules §6.2 the decision engine's own health. Key prefix `risk.`. A rule that sends more than
 * `shareBp` of a checkpoint's decisions to review over `windowMs` (once there are `minDecisions`) is
 * flagged in the policy editor: a queue nobody can work is no review at all.
 */
export const RiskSchema = Type.Object(
  {
    reviewShareAlert: Type.Object(
      {
        shareBp: Type.Integer({
          minimum: 1,
          maximum: 10_000,
          description:
            'a rule is flagged above this share of its checkpoint’s decisions sent to review (basis points)',
        }),
        minDecisions: Type.Integer({
          minimum: 1,
          maximum: 1_000_000,
          description: 'no flag before the checkpoint has decided this many times in the window',
        }),
        windowMs: Type.Integer({
          minimum: H,
          maximum: 90 * 24 * H,
          description: 'the review share is measured over this window (ms)',
        }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type RiskConfig = Static<typeof RiskSchema>;

export const defaultRisk: RiskConfig = {
  reviewShareAlert: { shareBp: 2_000, minDecisions: 50, windowMs: 24 * H },
};
