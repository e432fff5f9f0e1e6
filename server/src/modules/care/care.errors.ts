import { AppError, notFound } from '../../platform/errors.ts';

export const caseNotFound = (id: number) => notFound('care case', id);

/** Only the ops user holding a case acts on it (contacts, compensation, outcome). */
export const notYourCase = (id: number, claimedBy: number | null) =>
  new AppError(
    'conflict',
    claimedBy === null
      ? `care case ${id} must be claimed first`
      : `care case ${id} is claimed by another ops user`,
    { claimedBy },
    { key: claimedBy === null ? 'care_claim_first' : 'care_claimed_by_other' },
  );
