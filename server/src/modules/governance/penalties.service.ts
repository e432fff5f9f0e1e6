import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db.ts';
import { cancelDeadline, scheduleDeadline } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { changeProductState, getAnyProduct } from '../catalog/index.ts';
import { getAccount } from '../identity/index.ts';
import { accounts, postEntry } from '../ledger/index.ts';
import { blacklist as trustBlacklist } from '../risk/index.ts';
import { deductDeposit, releaseIfUnheld } from '../settlement/index.ts';
import { changeShopState, getShop } from '../shops/index.ts';
import type { DefaultPenalty, PenaltyKind, PenaltyParams, SubjectType } from './catalogue.ts';
import { createPenalty, movePenalty } from './governance.store.ts';
import type { Milestone, PenaltyState } from './governance.tables.ts';
import { rankingSignalsChanged } from './ranking-signals.ts';

/** Deadline kind: a time-limited penalty (ban, limit, freeze, restriction) ends. */
export const PENALTY_ENDS = 'governance.penalty_ends';

const DAY_MS = 86_400_000;

export interface PenaltyDeps {
  now: Date;
  settings: Pick<Settings, 'depositTopUpMs' | 'settlementDelayMs' | 'zeroDepositWithholdBp'>;
}

/** The violation a penalty belongs to, as far as applying it needs. */
export interface PenaltyTarget {
  violationId: number;
  shopId: number | null;
  hostUserId: number | null;
  subjectType: SubjectType;
  subjectId: number | null;
  /** Shown with the product, shop or live state change. */
  reason: string;
  actorId: number | null;
}

export type PenaltyOrder =
  | DefaultPenalty
  | { kind: 'warning'; endsAt: Date }
  | { kind: 'shop_restricted'; days: number; milestone: Milestone }
  | { kind: 'shop_closed'; milestone: Milestone };

const fixedClock = (now: Date): Clock => ({ now: () => now });

// Penalties that act once and are done (their effect stays): recorded as ended at once.
const ONE_SHOT: readonly PenaltyKind[] = ['delist_product', 'fine'];
// Penalties aimed at the host when the violation has no shop (a creator's own room).
const HOST_PENALTIES: readonly PenaltyKind[] = ['warning', 'live_ban', 'blacklist'];

/**
 * Applies one penalty of a violation inside the caller's transaction and records it, with what is
 * needed to undo it. A penalty that cannot apply to this target (a shop penalty for a creator's
 * room) is skipped and answers null.
 */
export async function imposePenalty(
  tx: Tx,
  target: PenaltyTarget,
  order: PenaltyOrder,
  deps: PenaltyDeps,
): Promise<number | null> {
  const { now } = deps;
  if (target.shopId === null && !HOST_PENALTIES.includes(order.kind)) return null;
  const endsAt =
    order.kind === 'warning'
      ? order.endsAt
      : 'days' in order
        ? new Date(now.getTime() + order.days * DAY_MS)
        : null;
  const params: PenaltyParams = {
    ...('days' in order ? { days: order.days } : {}),
    ...('amountFen' in order ? { amountFen: order.amountFen } : {}),
  };
  const oneShot = ONE_SHOT.includes(order.kind);
  const id = await createPenalty(
    tx,
    {
      violationId: target.violationId,
      shopId: target.shopId,
      // a host-level penalty binds the host only when there is no shop to bind
      hostUserId: target.shopId === null ? target.hostUserId : null,
      kind: order.kind,
      params: JSON.stringify(params),
      milestone: 'milestone' in order ? order.milestone : null,
      state: oneShot ? 'ended' : 'active',
      startsAt: now,
      endsAt,
      endedAt: oneShot ? now : null,
    },
    { actorId: target.actorId, note: `${order.kind}: ${target.reason}`, now },
  );

  const effect = await applyEffect(tx, id, target, order, deps);
  if (Object.keys(effect).length > 0) {
    await tx
      .updateTable('governancePenalties')
      .set({ params: JSON.stringify({ ...params, ...effect }) })
      .where('id', '=', id)
      .execute();
  }
  if (endsAt && order.kind !== 'warning') {
    await scheduleDeadline(tx, { kind: PENALTY_ENDS, subjectId: id, dueAt: endsAt });
  }
  // A traffic limit demotes the shop in search and feeds from this transaction on (product rules §7.4).
  if (order.kind === 'traffic_limit' && target.shopId !== null && !oneShot)
    await rankingSignalsChanged(tx, [target.shopId], now);
  return id;
}

async function applyEffect(
  tx: Tx,
  penaltyId: number,
  target: PenaltyTarget,
  order: PenaltyOrder,
  { now, settings }: PenaltyDeps,
): Promise<PenaltyParams> {
  const shopId = target.shopId;
  switch (order.kind) {
    case 'delist_product': {
      if (target.subjectType !== 'product' || target.subjectId === null) return { applied: false };
      const product = await getAnyProduct(tx, target.subjectId);
      // Only a listed product is on sale; one under review or already down has nothing to take down.
      if (product.state !== 'listed') return { productId: product.id, applied: false };
      await changeProductState(
        tx,
        product.id,
        { to: 'delisted', actorId: target.actorId, reason: target.reason },
        fixedClock(now),
      );
      return { productId: product.id, applied: true };
    }
    case 'fine': {
      // product rules §3/§6: fines come out of the deposit and go to platform revenue; a deposit that
      // falls short is topped up on settlement's usual terms (7 days, else settlement freezes).
      const result = await deductDeposit(
        tx,
        {
          shopId: shopId!,
          amountFen: order.amountFen,
          cause: { type: 'governance_penalty', id: penaltyId },
          reason: target.reason,
          to: accounts.platformCommissionRevenue,
          now,
        },
        settings,
      );
      return { deductedFen: result.deductedFen, deductionId: result.deductionId };
    }
    case 'shop_restricted': {
      const shop = await getShop(tx, shopId!);
      if (shop.state === 'probation' || shop.state === 'active') {
        await changeShopState(
          tx,
          shopId!,
          { to: 'restricted', reason: target.reason, actorId: target.actorId },
          fixedClock(now),
        );
      }
      return { shopStateBefore: shop.state };
    }
    case 'shop_closed': {
      const shop = await getShop(tx, shopId!);
      if (shop.state !== 'closed') {
        await changeShopState(
          tx,
          shopId!,
          { to: 'closed', reason: target.reason, actorId: target.actorId },
          fixedClock(now),
        );
      }
      return { shopStateBefore: shop.state };
    }
    case 'blacklist': {
      const userId = shopId !== null ? (await getShop(tx, shopId)).ownerUserId : target.hostUserId!;
      const { phone } = await getAccount(tx, userId);
      await tx
        .insertInto('governanceBlacklist')
        .values({ penaltyId, userId, phone, createdAt: now })
        .execute();
      // The trust engine's blacklist is what onboarding checks: the owner's account, the shop and
      // every identifier linked to them (phone, ID number, device, payout account) go on it.
      await trustBlacklist(tx, {
        userId,
        ...(shopId !== null ? { shopId } : {}),
        entities: phone ? { phone } : {},
        reason: `governance penalty ${penaltyId}: ${target.reason}`.slice(0, 500),
        addedBy: target.actorId,
        now,
      });
      return {};
    }
    default:
      // warning, listing_ban, live_ban, traffic_limit, settlement_freeze: the active row is the
      // penalty; catalog, live, search and settlement read it (./checks).
      return {};
  }
}

interface PenaltyRow {
  id: number;
  violationId: number;
  shopId: number | null;
  kind: PenaltyKind;
  params: PenaltyParams;
  state: PenaltyState;
}

async function lockPenalty(tx: Tx, penaltyId: number): Promise<PenaltyRow | undefined> {
  return tx
    .selectFrom('governancePenalties')
    .select(['id', 'violationId', 'shopId', 'kind', 'params', 'state'])
    .where('id', '=', penaltyId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * A penalty ended or was reversed: a restricted shop is active again unless another restriction holds
 * it; settlements a freeze held are settled unless something else still holds them.
 */
async function lift(tx: Tx, penalty: PenaltyRow, deps: PenaltyDeps, actorId: number | null): Promise<void> {
  const { now } = deps;
  if (penalty.kind === 'traffic_limit' && penalty.shopId !== null) {
    await rankingSignalsChanged(tx, [penalty.shopId], now);
    return;
  }
  if (penalty.kind === 'settlement_freeze' && penalty.shopId !== null) {
    await releaseIfUnheld(tx, penalty.shopId, now, deps.settings);
    return;
  }
  if (penalty.kind !== 'shop_restricted' || penalty.shopId === null) return;
  const other = await tx
    .selectFrom('governancePenalties')
    .select('id')
    .where('shopId', '=', penalty.shopId)
    .where('kind', '=', 'shop_restricted')
    .where('state', '=', 'active')
    .where('id', '<>', penalty.id)
    .executeTakeFirst();
  if (other) return;
  const shop = await getShop(tx, penalty.shopId);
  // Only a restriction governance put on is lifted here; a suspended or closed shop stays so.
  if (shop.state !== 'restricted') return;
  await changeShopState(
    tx,
    penalty.shopId,
    { to: 'active', reason: `governance restriction ${penalty.id} ended`, actorId },
    fixedClock(now),
  );
}

/** The deadline's action: a time-limited penalty ends (a restricted shop becomes active again). */
export async function endPenalty(tx: Tx, penaltyId: number, deps: PenaltyDeps): Promise<void> {
  const { now } = deps;
  const penalty = await lockPenalty(tx, penaltyId);
  if (penalty?.state !== 'active') return;
  await movePenalty(tx, penalty, 'ended', { actorId: null, note: 'its time ran out', now });
  await lift(tx, penalty, deps, null);
}

/**
 * Undoes a penalty after an upheld appeal (product rules §6: "reverses everything, money included"): bans,
 * limits and freezes end, a restriction lifts, a fine goes back to the deposit through the ledger,
 * governance's blacklist entries are struck. Not undone here: a delisted product stays delisted (the
 * merchant resubmits it to review); a closed shop stays closed (closed is final in the shop machine);
 * identifiers put on the trust engine's blacklist stay there (it has no removal yet).
 */
export async function reversePenalty(
  tx: Tx,
  penaltyId: number,
  deps: PenaltyDeps,
  actorId: number | null,
): Promise<void> {
  const { now } = deps;
  const penalty = await lockPenalty(tx, penaltyId);
  if (!penalty || penalty.state === 'reversed') return;
  await movePenalty(tx, penalty, 'reversed', { actorId, note: 'reversed by an upheld appeal', now });
  await cancelDeadline(tx, PENALTY_ENDS, penaltyId);
  if (penalty.state === 'active') await lift(tx, penalty, deps, actorId);
  if (penalty.kind === 'fine' && (penalty.params.deductedFen ?? 0) > 0) {
    const amountFen = penalty.params.deductedFen!;
    const entry = await postEntry(tx, {
      idempotencyKey: `governance_fine_refund:${penalty.id}`,
      kind: 'governance_fine_refund',
      cause: { type: 'governance_penalty', id: penalty.id },
      memo: `fine of violation ${penalty.violationId} refunded after an upheld appeal`,
      at: now,
      postings: [
        { account: accounts.platformCommissionRevenue, amountFen: -amountFen },
        { account: accounts.merchantDeposit(penalty.shopId!), amountFen },
      ],
    });
    await tx
      .updateTable('governancePenalties')
      .set({ params: JSON.stringify({ ...penalty.params, refundEntryId: entry.id }) })
      .where('id', '=', penalty.id)
      .execute();
  }
  if (penalty.kind === 'blacklist') {
    await tx
      .updateTable('governanceBlacklist')
      .set({ reversedAt: now })
      .where('penaltyId', '=', penalty.id)
      .where('reversedAt', 'is', null)
      .execute();
  }
}
