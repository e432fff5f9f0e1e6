import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction, isUniqueViolation, type Tx } from '../../platform/db.ts';
import { AppError, forbidden, invalidField } from '../../platform/errors.ts';
import { assertTransition, transitionRow } from '../../platform/state-machine.ts';
import { notifyFollowers } from '../audience/index.ts';
import { displayNames } from '../identity/index.ts';
import { getShop, requireShopMember, type ShopState, shopNames, shopStanding } from '../shops/index.ts';
import { hostBusy, sessionNotFound, wrongState } from './live.errors.ts';
import { liveTransitions } from './live.machine.ts';
import type { LiveState } from './live.tables.ts';
import { publishLiveChange } from './live-events.publish.ts';
import { closeViewsOf } from './live-presence.ts';
import {
  getSessionView,
  type LiveSessionRow,
  type LiveSessionView,
  sessionColumns,
} from './live-read.service.ts';

/** What the live_title checkpoint is asked: the title, who hosts it, and whether it is on air. */
export interface LiveTitleCheck {
  title: string;
  hostUserId: number;
  shopId: number | null;
  /** null when scheduling (the session does not exist yet). */
  sessionId: number | null;
  live: boolean;
  now: Date;
}

export interface LiveTitleVerdict {
  outcome: 'allow' | 'review' | 'block';
  /** Why, when not allowed. */
  reason?: string | undefined;
  /** The gate ended the live session (emergency stop) in the caller's transaction. */
  emergencyStop: boolean;
}

/**
 * The trust engine's checkpoint for live titles, injected by the composition root (app.ts), so the
 * live module knows nothing of screening or governance. Runs in the caller's transaction.
 */
export type LiveTitleGate = (tx: Tx, check: LiveTitleCheck) => Promise<LiveTitleVerdict>;

const allowAnyTitle: LiveTitleGate = async () => ({ outcome: 'allow', emergencyStop: false });

// A shop that governance suspended or closed may not put a room on air.
const SHOP_STATES_WITHOUT_LIVE: readonly ShopState[] = ['suspended', 'closed'];

async function assertShopMayHost(db: Executor, shopId: number): Promise<void> {
  const shop = await getShop(db, shopId);
  if (SHOP_STATES_WITHOUT_LIVE.includes(shop.state)) {
    throw new AppError(
      'forbidden',
      `shop ${shopId} is ${shop.state} and may not host live sessions`,
      { shopState: shop.state },
      { key: 'shop_may_not_host', params: { shopState: shop.state } },
    );
  }
}

function assertFuture(clock: Clock, scheduledAt: Date): void {
  if (scheduledAt.getTime() <= clock.now().getTime()) {
    throw invalidField('scheduledAt', 'must be in the future');
  }
}

/**
 * The session, locked, when the caller hosts it: the creator of a creator's room, or any member of
 * the hosting shop. Everyone else gets 404, as if it did not exist.
 */
export async function loadHostedSession(
  tx: Executor,
  principal: Principal,
  sessionId: number,
): Promise<LiveSessionRow> {
  const session = await tx
    .selectFrom('liveSessions')
    .select(sessionColumns)
    .where('id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst();
  if (!session) throw sessionNotFound(sessionId);
  if (session.shopId === null) {
    if (session.hostUserId !== principal.userId) throw sessionNotFound(sessionId);
    return session;
  }
  try {
    await requireShopMember(tx, principal, session.shopId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw sessionNotFound(sessionId);
    throw err;
  }
  return session;
}

/** A creator schedules their own room; a merchant schedules one for a shop they belong to. */
export async function scheduleSession(
  db: Executor,
  clock: Clock,
  principal: Principal,
  input: { title: string; scheduledAt: Date; shopId?: number; streamUrl?: string },
  titleGate: LiveTitleGate = allowAnyTitle,
): Promise<LiveSessionView> {
  if (principal.kind === 'creator' && input.shopId !== undefined) {
    throw invalidField('shopId', 'a creator hosts their own room; omit shopId');
  }
  if (principal.kind === 'merchant' && input.shopId === undefined) {
    throw invalidField('shopId', 'required: the shop that hosts the session');
  }
  if (principal.kind !== 'creator' && principal.kind !== 'merchant') {
    throw forbidden('Only creators and merchants host live sessions');
  }
  assertFuture(clock, input.scheduledAt);
  const shopId = input.shopId ?? null;
  if (shopId !== null) {
    await requireShopMember(db, principal, shopId);
    await assertShopMayHost(db, shopId);
  }
  await shopStanding().assertMayHostLive(db, { shopId, hostUserId: principal.userId });
  const title = input.title.trim();
  // The title passes the live_title checkpoint first; a refused one leaves only the stored decision.
  const result = await inTransaction(db, async (tx): Promise<{ id: number } | { refused: string }> => {
    const now = clock.now();
    const verdict = await titleGate(tx, {
      title,
      hostUserId: principal.userId,
      shopId,
      sessionId: null,
      live: false,
      now,
    });
    if (verdict.outcome === 'block') return { refused: verdict.reason ?? 'refused by risk control' };
    const { id } = await tx
      .insertInto('liveSessions')
      .values({
        hostUserId: principal.userId,
        shopId,
        title,
        scheduledAt: input.scheduledAt,
        streamUrl: input.streamUrl ?? null,
        createdAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id };
  });
  if ('refused' in result) throw invalidField('title', result.refused);
  return getSessionView(db, result.id);
}

/**
 * Title and time can change while the session is scheduled; the title and the stream address also while it is live. A new
 * title passes the live_title checkpoint: a blocked one is refused (400 naming `title`), and a
 * high-risk one on air ends the session at once (emergency stop, by the gate): the answer is then the
 * terminated session with the reason.
 */
export async function editSession(
  db: Executor,
  clock: Clock,
  principal: Principal,
  sessionId: number,
  input: { title?: string; scheduledAt?: Date; streamUrl?: string | null },
  titleGate: LiveTitleGate = allowAnyTitle,
): Promise<LiveSessionView> {
  if (input.scheduledAt) assertFuture(clock, input.scheduledAt);
  const refused = await db.transaction().execute(async (tx) => {
    const session = await loadHostedSession(tx, principal, sessionId);
    const editable: LiveState[] = input.scheduledAt === undefined ? ['scheduled', 'live'] : ['scheduled'];
    if (!editable.includes(session.state)) throw wrongState(sessionId, session.state, 'editing', editable);
    const title = input.title?.trim();
    if (title !== undefined && title !== session.title) {
      const verdict = await titleGate(tx, {
        title,
        hostUserId: session.hostUserId,
        shopId: session.shopId,
        sessionId,
        live: session.state === 'live',
        now: clock.now(),
      });
      if (verdict.emergencyStop) return null;
      if (verdict.outcome === 'block') return verdict.reason ?? 'refused by risk control';
    }
    await tx
      .updateTable('liveSessions')
      .set({
        ...(title !== undefined ? { title } : {}),
        ...(input.scheduledAt !== undefined ? { scheduledAt: input.scheduledAt } : {}),
        ...(input.streamUrl !== undefined ? { streamUrl: input.streamUrl } : {}),
      })
      .where('id', '=', sessionId)
      .execute();
    return null;
  });
  if (refused !== null) throw invalidField('title', refused);
  return getSessionView(db, sessionId);
}

/** The live session of the host of `session` other than itself, if any. */
async function findOtherLive(db: Executor, session: LiveSessionRow): Promise<number | undefined> {
  let query = db
    .selectFrom('liveSessions')
    .select('id')
    .where('state', '=', 'live')
    .where('id', '<>', session.id);
  query =
    session.shopId === null
      ? query.where('hostUserId', '=', session.hostUserId).where('shopId', 'is', null)
      : query.where('shopId', '=', session.shopId);
  return (await query.executeTakeFirst())?.id;
}

/**
 * product rules §9: the followers of the host and of the hosting shop (each once) get a live_started
 * notification, in the transaction that puts the room on air (no room on air, no notification).
 */
async function notifyGoLive(tx: Tx, session: LiveSessionRow, now: Date): Promise<void> {
  const [hosts, shops] = await Promise.all([
    displayNames(tx, [session.hostUserId]),
    shopNames(tx, session.shopId === null ? [] : [session.shopId]),
  ]);
  await notifyFollowers(tx, {
    hostUserId: session.hostUserId,
    shopId: session.shopId,
    kind: 'live_started',
    payload: {
      sessionId: session.id,
      title: session.title,
      hostName: hosts.get(session.hostUserId) ?? '',
      shopName: session.shopId === null ? null : (shops.get(session.shopId) ?? null),
    },
    now,
  });
}

/** scheduled → live. A host is on air at most once at a time (409 live_host_busy). */
export async function startSession(
  db: Executor,
  clock: Clock,
  principal: Principal,
  sessionId: number,
): Promise<LiveSessionView> {
  let hosted: LiveSessionRow | undefined;
  try {
    await db.transaction().execute(async (tx) => {
      const session = await loadHostedSession(tx, principal, sessionId);
      hosted = session;
      assertTransition(liveTransitions, `live session ${sessionId}`, session.state, 'live');
      if (session.shopId !== null) await assertShopMayHost(tx, session.shopId);
      await shopStanding().assertMayGoLive(tx, { shopId: session.shopId, hostUserId: session.hostUserId });
      const other = await findOtherLive(tx, session);
      if (other !== undefined) throw hostBusy(other);
      await transitionRow(tx, 'liveSessions', {
        machine: liveTransitions,
        what: `live session ${sessionId}`,
        key: { id: sessionId },
        from: session.state,
        to: 'live',
        set: { startedAt: clock.now() },
      });
      await publishLiveChange(tx, { sessionId, kind: 'session', state: 'live' });
      await notifyGoLive(tx, session, clock.now());
    });
  } catch (err) {
    // Two sessions of one host started at once: the partial unique index lets only one through.
    if (isUniqueViolation(err) && hosted) throw hostBusy(await findOtherLive(db, hosted));
    throw err;
  }
  return getSessionView(db, sessionId);
}

async function finish(
  db: Executor,
  clock: Clock,
  sessionId: number,
  load: (tx: Executor) => Promise<LiveSessionRow>,
  change: { to: Extract<LiveState, 'ended' | 'terminated'>; reason: string | null; actorId: number | null },
): Promise<LiveSessionView> {
  await inTransaction(db, async (tx) => {
    const session = await load(tx);
    // No timeline table: a session passes each state once, and startedAt, endedAt, endReason and
    // endedBy say when, why and by whom.
    await transitionRow(tx, 'liveSessions', {
      machine: liveTransitions,
      what: `live session ${sessionId}`,
      key: { id: sessionId },
      from: session.state,
      to: change.to,
      set: { endedAt: clock.now(), endReason: change.reason, endedBy: change.actorId },
    });
    // Watch time stops at the end for the viewers still on the room's page.
    await closeViewsOf(tx, sessionId);
    // Viewers learn it on commit, from whichever process (emergency stops run in the caller's tx).
    await publishLiveChange(tx, {
      sessionId,
      kind: 'session',
      state: change.to,
      ...(change.reason ? { reason: change.reason } : {}),
    });
  });
  return getSessionView(db, sessionId);
}

/** live → ended, by the host. */
export function endSession(
  db: Executor,
  clock: Clock,
  principal: Principal,
  sessionId: number,
): Promise<LiveSessionView> {
  return finish(db, clock, sessionId, (tx) => loadHostedSession(tx, principal, sessionId), {
    to: 'ended',
    reason: null,
    actorId: principal.userId,
  });
}

/**
 * live → terminated by ops or governance (高危内容紧急关播, live ban). The reason is stored and shown;
 * `actorId` is the ops user, or null for an automated decision.
 */
export function terminateSession(
  db: Executor,
  clock: Clock,
  sessionId: number,
  input: { reason: string; actorId: number | null },
): Promise<LiveSessionView> {
  const load = async (tx: Executor) => {
    const session = await tx
      .selectFrom('liveSessions')
      .select(sessionColumns)
      .where('id', '=', sessionId)
      .forUpdate()
      .executeTakeFirst();
    if (!session) throw sessionNotFound(sessionId);
    return session;
  };
  return finish(db, clock, sessionId, load, {
    to: 'terminated',
    reason: input.reason.trim(),
    actorId: input.actorId,
  });
}
