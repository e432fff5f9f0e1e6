import { AppError, notFound } from '../../platform/errors.ts';
import type { Refusal } from '../../platform/state-machine.ts';

export const campaignNotFound = (id: number) => notFound('coupon', id);

export function invalidTerms(problems: { field: string; reason: string }[]): AppError {
  const message = problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
  return new AppError('validation_failed', message, { fields: problems });
}

export const refused = (refusal: Refusal) =>
  new AppError(refusal.code, refusal.message, refusal.details ?? {});
