import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction, type Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertTransition, transitionRow } from '../../platform/state-machine.ts';
import { type CaseResolvedHook, resolveOpenCasesOf } from '../risk/index.ts';
import { getShop, isSellingShop, requireShopMember, shopStanding } from '../shops/index.ts';
import { invalidFields } from './catalog.errors.ts';
import type { ProductState } from './catalog.tables.ts';
import { getCategory } from './categories.service.ts';
import type { GuaranteeCode } from './guarantees.ts';
import { humanReviewOnly, type ListingGate } from './listing-gate.ts';
import { assertWithinProbationLimit } from './probation-limit.ts';
import { productTransitions } from './product.machine.ts';
import { getAnyProduct, type ManagedProduct, requireShopProduct } from './product-query.service.ts';
import { reviewProblems } from './review-readiness.rule.ts';

export interface ProductEvent {
  id: number;
  fromState: ProductState | null;
  toState: ProductState;
  actorId: number | null;
  reason: string | null;
  at: Date;
}

interface LockedProduct {
  id: number;
  shopId: number;
  categoryId: number;
  state: ProductState;
  guarantees: string[];
  qualificationNo: string | null;
}

/**
 * Moves a product to another state (product rules §2) and records who did it and why. `check` runs on
 * the locked row before the move and may refuse it. Governance calls this too (block, delist).
 */
export async function changeProductState(
  db: Executor,
  productId: number,
  change: { to: ProductState; actorId: number | null; reason: string | null },
  clock: Clock,
  check?: (product: LockedProduct, tx: Tx) => Promise<void>,
): Promise<ManagedProduct> {
  await inTransaction(db, (tx) => lockAndMove(tx, productId, change, clock, check));
  return getAnyProduct(db, productId);
}

/**
 * Locks the product, checks the move, moves it; answers the row as it was locked. With `shopId`, a
 * product of another shop is not found (before anything about its state can show).
 */
async function lockAndMove(
  tx: Tx,
  productId: number,
  change: { to: ProductState; actorId: number | null; reason: string | null },
  clock: Clock,
  check?: (product: LockedProduct, tx: Tx) => Promise<void>,
  shopId?: number,
): Promise<LockedProduct> {
  const product = await tx
    .selectFrom('products')
    .select(['id', 'shopId', 'categoryId', 'state', 'guarantees', 'qualificationNo'])
    .where('id', '=', productId)
    .forUpdate()
    .executeTakeFirst();
  if (!product || (shopId !== undefined && product.shopId !== shopId)) throw notFound('product', productId);
  assertTransition(productTransitions, 'product', product.state, change.to);
  await check?.(product, tx);
  await moveProduct(tx, productId, product.state, change, clock.now());
  return product;
}

/** Moves a product this transaction has locked in state `from`, with its timeline event. */
async function moveProduct(
  tx: Tx,
  productId: number,
  from: ProductState,
  change: { to: ProductState; actorId: number | null; reason: string | null },
  now: Date,
): Promise<void> {
  await transitionRow(tx, 'products', {
    machine: productTransitions,
    what: `product ${productId}`,
    key: { id: productId },
    from,
    to: change.to,
    set: { stateReason: change.reason, updatedAt: now },
  });
  await tx
    .insertInto('productEvents')
    .values({
      productId,
      fromState: from,
      toState: change.to,
      actorId: change.actorId,
      reason: change.reason,
      at: now,
    })
    .execute();
}

/**
 * The merchant sends a draft, rejected or delisted product to review, and the listing checkpoint
 * (product rules §6) decides it in the same transaction: listed at once, left in review for ops, or
 * rejected with the reason. The timeline shows both steps.
 */
export async function submitForReview(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
  clock: Clock,
  gate: ListingGate = humanReviewOnly,
): Promise<ManagedProduct> {
  // the product's shop is checked by the lock read (one statement fewer than requireShopProduct)
  await requireShopMember(db, principal, shopId);
  return inTransaction(db, async (tx) => {
    await lockAndMove(
      tx,
      productId,
      { to: 'in_review', actorId: principal.userId, reason: 'submitted for review' },
      clock,
      async (product, tx) => {
        // listed → in_review exists for content edits; a listed product has nothing to submit.
        if (product.state === 'listed') {
          throw new AppError('invalid_transition', `product ${productId} is already listed`, {
            from: 'listed',
          });
        }
        // A shop that governance suspended or closed cannot put goods up for sale.
        const shop = await getShop(tx, product.shopId);
        if (!isSellingShop(shop.state)) {
          throw new AppError(
            'conflict',
            `shop ${product.shopId} is ${shop.state} and cannot submit products`,
            {
              shopState: shop.state,
            },
          );
        }
        await shopStanding().assertMayList(tx, product.shopId);
        await assertWithinProbationLimit(tx, product.shopId);
        const category = await getCategory(tx, product.categoryId);
        const problems = reviewProblems(category, {
          qualificationNo: product.qualificationNo,
          guarantees: product.guarantees as GuaranteeCode[],
        });
        if (problems.length > 0) throw invalidFields(problems);
      },
      shopId,
    );
    const verdict = await gate(tx, productId, clock.now());
    // the product is locked in review since the move above: the second step needs no second read
    if (verdict.outcome === 'allow')
      await moveProduct(
        tx,
        productId,
        'in_review',
        { to: 'listed', actorId: null, reason: verdict.reason ?? 'automatic review passed' },
        clock.now(),
      );
    else if (verdict.outcome === 'block')
      await moveProduct(
        tx,
        productId,
        'in_review',
        { to: 'rejected', actorId: null, reason: verdict.reason },
        clock.now(),
      );
    return getAnyProduct(tx, productId);
  });
}

export async function delistProduct(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
  reason: string | undefined,
  clock: Clock,
): Promise<ManagedProduct> {
  await requireShopProduct(db, principal, shopId, productId);
  return changeProductState(
    db,
    productId,
    { to: 'delisted', actorId: principal.userId, reason: reason?.trim() ?? 'delisted by the merchant' },
    clock,
  );
}

/**
 * Ops review: approve lists the product, reject sends it back to the merchant with the reason. The
 * listing checkpoint's open review cases of the product carry the same decision (approved: legit,
 * rejected: fraud), in the same transaction, so no case waits on a listing already decided.
 */
export function reviewProduct(
  db: Executor,
  reviewer: Principal,
  productId: number,
  decision: { approve: true; reason?: string } | { approve: false; reason: string },
  clock: Clock,
): Promise<ManagedProduct> {
  return decideListing(db, productId, { ...decision, actorId: reviewer.userId }, clock);
}

async function decideListing(
  db: Executor,
  productId: number,
  decision: { approve: boolean; reason?: string; actorId: number },
  clock: Clock,
): Promise<ManagedProduct> {
  const reason = decision.reason?.trim() || (decision.approve ? 'approved' : null);
  return inTransaction(db, async (tx) => {
    const product = await changeProductState(
      tx,
      productId,
      { to: decision.approve ? 'listed' : 'rejected', actorId: decision.actorId, reason },
      clock,
    );
    await resolveOpenCasesOf(tx, {
      checkpoint: 'product_listing',
      subject: { type: 'product', id: productId },
      resolution: decision.approve ? 'legit' : 'fraud',
      // The reviewer's own words only (the default 'approved' is the product history's).
      note: decision.reason?.trim() ?? '',
      userId: decision.actorId,
      now: clock.now(),
    });
    return product;
  });
}

/**
 * The listing checkpoint's case hook: resolving a listing case decides the listing (legit lists it,
 * fraud rejects it with the note). A product no longer in review was decided already; the case only
 * records the reviewer's view then.
 */
export function listingCaseHook(clock: Clock): CaseResolvedHook {
  return async (tx, resolved) => {
    if (resolved.subject.type !== 'product') return;
    const product = await tx
      .selectFrom('products')
      .select('state')
      .where('id', '=', resolved.subject.id)
      .forUpdate()
      .executeTakeFirst();
    if (product?.state !== 'in_review') return;
    await decideListing(
      tx,
      resolved.subject.id,
      { approve: resolved.resolution === 'legit', reason: resolved.note, actorId: resolved.userId },
      clock,
    );
  };
}

export function blockProduct(
  db: Executor,
  admin: Principal,
  productId: number,
  reason: string,
  clock: Clock,
): Promise<ManagedProduct> {
  return changeProductState(
    db,
    productId,
    { to: 'blocked', actorId: admin.userId, reason: reason.trim() },
    clock,
  );
}

async function history(db: Executor, productId: number): Promise<ProductEvent[]> {
  return db
    .selectFrom('productEvents')
    .select(['id', 'fromState', 'toState', 'actorId', 'reason', 'at'])
    .where('productId', '=', productId)
    .orderBy('id')
    .execute();
}

export async function shopProductHistory(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
): Promise<ProductEvent[]> {
  await requireShopProduct(db, principal, shopId, productId);
  return history(db, productId);
}

export async function productHistory(db: Executor, productId: number): Promise<ProductEvent[]> {
  await getAnyProduct(db, productId);
  return history(db, productId);
}
