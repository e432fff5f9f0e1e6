import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { type OpenReminder, openHostReminders } from './checks/index.ts';

/** The caller's reminders to read before their next live session (product rules §6). */
export function myReminders(db: Executor, principal: Principal): Promise<OpenReminder[]> {
  return openHostReminders(db, principal.userId);
}

/** The host has read the reminder; starting a session no longer waits for it. */
export async function acknowledgeReminder(
  db: Executor,
  principal: Principal,
  reminderId: number,
  now: Date,
): Promise<{ id: number; acknowledgedAt: Date }> {
  const row = await db
    .updateTable('governanceHostReminders')
    .set({ acknowledgedAt: now })
    .where('id', '=', reminderId)
    .where('hostUserId', '=', principal.userId)
    .where('acknowledgedAt', 'is', null)
    .returning(['id', 'acknowledgedAt'])
    .executeTakeFirst();
  if (row) return { id: row.id, acknowledgedAt: row.acknowledgedAt! };
  // Acknowledging twice answers the first acknowledgement; another host's reminder is not found.
  const earlier = await db
    .selectFrom('governanceHostReminders')
    .select(['id', 'acknowledgedAt'])
    .where('id', '=', reminderId)
    .where('hostUserId', '=', principal.userId)
    .executeTakeFirst();
  if (!earlier) throw notFound('reminder', reminderId);
  return { id: earlier.id, acknowledgedAt: earlier.acknowledgedAt! };
}
