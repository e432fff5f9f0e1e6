import type { DeadlineHandlers } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { DEPOSIT_TOP_UP, SETTLE_ORDER } from './deadline-kinds.ts';
import { enforceDepositTopUp } from './deposits.service.ts';
import { settleOrder } from './settle-order.service.ts';

/** Settlement's deadline handlers; `settings` is read when a deadline fires. */
export function settlementDeadlineHandlers(settings: Settings): DeadlineHandlers {
  return {
    [SETTLE_ORDER]: async (tx, deadline, { now }) => {
      await settleOrder(tx, deadline.subjectId, now, settings);
    },
    [DEPOSIT_TOP_UP]: (tx, deadline, { now }) => enforceDepositTopUp(tx, deadline.subjectId, now),
  };
}
