import type { DeadlineHandlers } from '../../platform/scheduler/index.ts';
import { openCampaign } from './campaigns.store.ts';
import { CAMPAIGN_OPEN } from './deadline-kinds.ts';

/** product rules §9 Coupons: a scheduled campaign opens for claims at its claim_starts_at. */
export function promotionDeadlineHandlers(): DeadlineHandlers {
  return {
    [CAMPAIGN_OPEN]: async (tx, deadline, { now }) => openCampaign(tx, deadline.subjectId, now),
  };
}
