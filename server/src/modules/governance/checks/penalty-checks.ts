import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { PenaltyKind } from '../catalogue.ts';

// Catalog, live and settlement reach these through the ShopStanding port (governanceShopStanding).

async function activePenalty(
  db: Executor,
  kind: PenaltyKind,
  owner: { shopId?: number | null; hostUserId?: number | null },
): Promise<{ id: number; violationId: number; endsAt: Date | null } | undefined> {
  if (owner.shopId == null && owner.hostUserId == null) return undefined;
  return db
    .selectFrom('governancePenalties')
    .select(['id', 'violationId', 'endsAt'])
    .where('state', '=', 'active')
    .where('kind', '=', kind)
    .where((eb) =>
      eb.or([
        ...(owner.shopId != null ? [eb('shopId', '=', owner.shopId)] : []),
        ...(owner.hostUserId != null ? [eb('hostUserId', '=', owner.hostUserId)] : []),
      ]),
    )
    .orderBy('endsAt', 'desc')
    .executeTakeFirst();
}

function penaltyActive(
  kind: PenaltyKind,
  what: string,
  found: { id: number; violationId: number; endsAt: Date | null },
) {
  return new AppError('penalty_active', `${what}: a ${kind} is in force`, {
    penalty: kind,
    penaltyId: found.id,
    violationId: found.violationId,
    endsAt: found.endsAt,
  });
}

/** Listing checkpoint: a shop under a listing ban may not submit products (409 penalty_active). */
export async function assertMayList(db: Executor, shopId: number): Promise<void> {
  const found = await activePenalty(db, 'listing_ban', { shopId });
  if (found) throw penaltyActive('listing_ban', `shop ${shopId} may not submit products`, found);
}

export interface OpenReminder {
  id: number;
  violationId: number;
  sessionId: number | null;
  messageZh: string;
  messageEn: string;
  createdAt: Date;
}

/** Reminders the host has not acknowledged yet (product rules §6: shown before the next live session). */
export async function openHostReminders(db: Executor, hostUserId: number): Promise<OpenReminder[]> {
  return db
    .selectFrom('governanceHostReminders')
    .select(['id', 'violationId', 'sessionId', 'messageZh', 'messageEn', 'createdAt'])
    .where('hostUserId', '=', hostUserId)
    .where('acknowledgedAt', 'is', null)
    .orderBy('id')
    .execute();
}

/** A live ban of the shop or of the host refuses scheduling and starting a session (409 penalty_active). */
export async function assertMayHostLive(
  db: Executor,
  host: { shopId: number | null; hostUserId: number },
): Promise<void> {
  const found = await activePenalty(db, 'live_ban', host);
  if (found) throw penaltyActive('live_ban', 'this host may not go live', found);
}

/**
 * Before a session goes live: no live ban, and every reminder acknowledged. A host with open
 * reminders gets 409 live_reminders_pending listing them; acknowledging them lets the start through.
 */
export async function assertMayGoLive(
  db: Executor,
  host: { shopId: number | null; hostUserId: number },
): Promise<void> {
  await assertMayHostLive(db, host);
  const reminders = await openHostReminders(db, host.hostUserId);
  if (reminders.length > 0) {
    throw new AppError(
      'live_reminders_pending',
      'Acknowledge the reminders of your last live violations before going live (POST /live/reminders/{id}/acknowledge)',
      { reminders },
    );
  }
}

/** Traffic limit (限流): a flag search, feeds and recommendations read. */
export async function hasTrafficLimit(db: Executor, shopId: number): Promise<boolean> {
  return (await activePenalty(db, 'traffic_limit', { shopId })) !== undefined;
}

/** A governance settlement freeze in force (settlement reads it; the freeze itself is not a money move). */
export async function isSettlementFrozenByGovernance(db: Executor, shopId: number): Promise<boolean> {
  return (await activePenalty(db, 'settlement_freeze', { shopId })) !== undefined;
}

/** Whether an account, or a phone number, is on the governance blacklist (re-registration checks). */
export async function isBlacklisted(
  db: Executor,
  who: { userId?: number; phone?: string | null },
): Promise<boolean> {
  if (who.userId === undefined && !who.phone) return false;
  const row = await db
    .selectFrom('governanceBlacklist')
    .select('id')
    .where('reversedAt', 'is', null)
    .where((eb) =>
      eb.or([
        ...(who.userId !== undefined ? [eb('userId', '=', who.userId)] : []),
        ...(who.phone ? [eb('phone', '=', who.phone)] : []),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** Shorthand for `isBlacklisted(db, { userId })`. */
export const isBlacklistedUser = (db: Executor, userId: number) => isBlacklisted(db, { userId });
