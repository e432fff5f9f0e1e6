import { AppError, type MessageParams } from '../../platform/errors.ts';

// Growth's refusals are 409 conflicts with a message key the web words (web/src/i18n/growth.ts).
const refusal = (key: string, message: string, params: MessageParams = {}) =>
  new AppError('conflict', message, { reason: key, ...params }, { key, params });

/** Spending more exposure credits than the shop has: 409 naming the balance and the cost. */
export const insufficientCredits = (balance: number, cost: number) =>
  refusal('insufficient_credits', `the shop has ${balance} exposure credits; this costs ${cost}`, {
    balance,
    cost,
  });

/** A product or live room already boosted: one boost in force per target. */
export const boostActive = (endsAt: Date) =>
  refusal('boost_active', `this target is boosted until ${endsAt.toISOString()}`, {
    endsAt: endsAt.toISOString(),
  });

/** A live room that has ended cannot be boosted. */
export const liveNotBoostable = () =>
  refusal('boost_live_ended', 'only a scheduled or live session of the shop can be boosted');

/** A product that is not listed cannot be boosted. */
export const productNotBoostable = () =>
  refusal('boost_product_unlisted', 'only a listed product of the shop can be boosted');

/** Claiming the reward of a step not yet done. */
export const stepNotDone = (step: string) =>
  refusal('growth_step_not_done', `step ${step} is not done yet`, { step });

/** A shop too old for the new-merchant ladder. */
export const notOnLadder = () =>
  refusal('growth_not_on_ladder', 'the new-merchant ladder is for shops in their first 90 days');

/** A payout that is not (or no longer) due, or whose amount changed since ops saw it. */
export const payoutNotDue = (state: string) =>
  refusal('growth_payout_not_due', `this payout is ${state}, not due`, { state });

export const payoutChanged = (rebateFen: number) =>
  refusal('growth_payout_changed', `the payout is now ${rebateFen} fen; reload and confirm again`, {
    rebateFen,
  });
