import type { DeadlineHandlers } from '../../platform/scheduler/index.ts';
import { FLASH_SALE_END, FLASH_SALE_START } from './deadline-kinds.ts';
import { lockFlashSale, moveFlashSale } from './flash-sales.store.ts';

/** DOMAIN.md §9: flash sales start at starts_at and end at ends_at, whatever happens in between. */
export function flashSaleDeadlineHandlers(): DeadlineHandlers {
  return {
    [FLASH_SALE_START]: async (tx, deadline, { now }) => {
      const sale = await lockFlashSale(tx, deadline.subjectId);
      if (sale?.state !== 'scheduled' || now < sale.startsAt) return;
      // Fired after the window closed (the runner was down): the sale ends without having run.
      await moveFlashSale(tx, sale, now >= sale.endsAt ? 'ended' : 'running', now);
    },
    [FLASH_SALE_END]: async (tx, deadline, { now }) => {
      const sale = await lockFlashSale(tx, deadline.subjectId);
      if ((sale?.state !== 'scheduled' && sale?.state !== 'running') || now < sale.endsAt) return;
      await moveFlashSale(tx, sale, 'ended', now);
    },
  };
}
