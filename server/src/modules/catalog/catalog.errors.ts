import { AppError } from '../../platform/errors.ts';
import type { FieldProblem } from './review-readiness.rule.ts';

/** Several field problems at once: 400 naming each field and its reason. */
export function invalidFields(problems: readonly FieldProblem[]): AppError {
  return new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
    fields: problems,
  });
}

/** A unique name (or code) that is taken: 409 naming the field. */
export function taken(field: string, what: string, value: string): AppError {
  return new AppError('already_exists', `${field}: ${what} "${value}" exists`, {
    fields: [{ field, reason: 'already taken' }],
  });
}
