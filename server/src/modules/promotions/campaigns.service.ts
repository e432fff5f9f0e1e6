import type { Principal } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { publishLiveChange, sessionFactsForShare } from '../live/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { type CampaignTermsInput, campaignTerms } from './campaign-terms.rule.ts';
import { type CampaignView, insertCampaign, stopCampaign, withUsed } from './campaigns.store.ts';
import { campaignNotFound, invalidTerms } from './promotions.errors.ts';
import type { CampaignState } from './promotions.tables.ts';

export interface CampaignInput extends CampaignTermsInput {
  title: string;
  validDays: number;
  perBuyerLimit: number;
  issueCap: number;
}

type Scope = { funder: 'platform' } | { funder: 'shop'; shopId: number; liveSessionId?: number };

/** Checks the terms (400 naming each field) and inserts the campaign in the caller's transaction. */
async function create(
  tx: Tx,
  principal: Principal,
  scope: Scope,
  input: CampaignInput,
  now: Date,
): Promise<CampaignView> {
  const checked = campaignTerms(input, now);
  if (!checked.ok) throw invalidTerms(checked.problems);
  return insertCampaign(
    tx,
    {
      funder: scope.funder,
      shopId: scope.funder === 'shop' ? scope.shopId : null,
      liveSessionId: scope.funder === 'shop' ? (scope.liveSessionId ?? null) : null,
      title: input.title.trim(),
      kind: input.kind,
      ...checked.terms,
      claimStartsAt: input.claimStartsAt,
      claimEndsAt: input.claimEndsAt,
      validDays: input.validDays,
      useEndsAt: input.useEndsAt ?? null,
      perBuyerLimit: input.perBuyerLimit,
      issueCap: input.issueCap,
      createdBy: principal.userId,
    },
    now,
  );
}

/** A shop coupon (merchant-funded), by a member of the shop. */
export async function createShopCampaign(
  db: Db,
  principal: Principal,
  shopId: number,
  input: CampaignInput,
  now: Date,
) {
  await requireShopMember(db, principal, shopId);
  return db.transaction().execute((tx) => create(tx, principal, { funder: 'shop', shopId }, input, now));
}

/** A platform coupon (platform-funded), by ops. */
export async function createPlatformCampaign(db: Db, principal: Principal, input: CampaignInput, now: Date) {
  return db.transaction().execute((tx) => create(tx, principal, { funder: 'platform' }, input, now));
}

export type LiveCampaignInput = Omit<CampaignInput, 'claimStartsAt' | 'claimEndsAt'> & {
  claimEndsAt?: Date | undefined;
};

/**
 * A live-room coupon: a coupon of the room's shop, claimable from now while the room is live. The host
 * or a member of the room's shop issues it while the room is scheduled or live (the room is held so it
 * cannot end meanwhile); the room's viewers are told to refetch its offers.
 */
export async function createLiveCampaign(
  db: Db,
  principal: Principal,
  sessionId: number,
  input: LiveCampaignInput,
  now: Date,
): Promise<CampaignView> {
  return db.transaction().execute(async (tx) => {
    const room = await sessionFactsForShare(tx, sessionId);
    // Someone else's room answers as a missing one, as the live module does.
    const missing = notFound('live session', sessionId);
    if (!room) throw missing;
    if (room.shopId === null) {
      if (room.hostUserId !== principal.userId) throw missing;
      throw new AppError('conflict', "a creator's own room has no shop to fund a coupon", { sessionId });
    }
    if (room.hostUserId !== principal.userId) {
      try {
        await requireShopMember(tx, principal, room.shopId);
      } catch {
        throw missing;
      }
    }
    if (room.state !== 'scheduled' && room.state !== 'live')
      throw new AppError('live_not_live', `live session ${sessionId} is ${room.state}`, {
        state: room.state,
      });
    const claimEndsAt = input.claimEndsAt ?? new Date(now.getTime() + 86_400_000);
    const scope = { funder: 'shop', shopId: room.shopId, liveSessionId: sessionId } as const;
    const view = await create(tx, principal, scope, { ...input, claimStartsAt: now, claimEndsAt }, now);
    await publishLiveChange(tx, { sessionId, kind: 'offers' });
    return view;
  });
}

interface ListQuery {
  state?: CampaignState | undefined;
  limit: number;
  offset: number;
}

async function list(db: Db, scope: { shopId: number | null }, query: ListQuery) {
  let q = db.selectFrom('couponCampaigns');
  q = scope.shopId === null ? q.where('shopId', 'is', null) : q.where('shopId', '=', scope.shopId);
  if (query.state) q = q.where('state', '=', query.state);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: await withUsed(db, rows),
    total: Number(count.n),
    limit: query.limit,
    offset: query.offset,
  };
}

/** A shop's coupons (live-room ones included), newest first, with issued and used counts. */
export async function listShopCampaigns(db: Db, principal: Principal, shopId: number, query: ListQuery) {
  await requireShopMember(db, principal, shopId);
  return list(db, { shopId }, query);
}

export async function listPlatformCampaigns(db: Db, query: ListQuery) {
  return list(db, { shopId: null }, query);
}

/**
 * Stops a campaign (shop member for a shop coupon, ops for a platform one): no further claims; coupons
 * already claimed stay usable until they expire. A live-room coupon's room is told to refetch.
 */
export async function stopShopCampaign(db: Db, principal: Principal, shopId: number, id: number, now: Date) {
  await requireShopMember(db, principal, shopId);
  return stop(db, { shopId }, id, now);
}

export async function stopPlatformCampaign(db: Db, id: number, now: Date) {
  return stop(db, { shopId: null }, id, now);
}

async function stop(db: Db, scope: { shopId: number | null }, id: number, now: Date): Promise<CampaignView> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('couponCampaigns')
      .select(['shopId', 'liveSessionId'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.shopId !== scope.shopId) throw campaignNotFound(id);
    const stopped = await stopCampaign(tx, id, now);
    if (stopped.liveSessionId !== null)
      await publishLiveChange(tx, { sessionId: stopped.liveSessionId, kind: 'offers' });
    const [view] = await withUsed(tx, [stopped]);
    return view!;
  });
}
