import type { DeadlineHandlers } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { endPenalty, PENALTY_ENDS } from './penalties.service.ts';
import { enforceUnfixedWarning, WARNING_EXPIRES } from './violations.service.ts';

/** Governance's deadline handlers: warnings not fixed in time, time-limited penalties ending. */
export function governanceDeadlineHandlers(settings: Settings): DeadlineHandlers {
  return {
    [WARNING_EXPIRES]: (tx, deadline, { now }) =>
      enforceUnfixedWarning(tx, deadline.subjectId, { now, settings }),
    [PENALTY_ENDS]: (tx, deadline, { now }) => endPenalty(tx, deadline.subjectId, { now, settings }),
  };
}
