import { randomBytes } from 'node:crypto';
import { issueToken, type OpsRole, type UserKind } from '../src/modules/identity/index.ts';
import { hashPassword } from '../src/modules/identity/password.ts';
import type { TestContext } from './harness.ts';

export interface TestUser {
  id: number;
  login: string;
  token: string;
}

const unique = () => randomBytes(4).toString('hex');

let sharedHash: Promise<string> | undefined;

/** An account of `kind`, signed in (password 'password-123'; hashed once per test file for speed). */
export async function buildUser(
  ctx: TestContext,
  kind: UserKind,
  overrides: {
    login?: string;
    opsRoles?: OpsRole[];
    displayName?: string;
    /** Buyers get one default address (杭州 西湖区) unless this is false. */
    address?: boolean;
  } = {},
): Promise<TestUser> {
  const login = overrides.login ?? `${kind}-${unique()}`;
  sharedHash ??= hashPassword('password-123');
  const user = await ctx.db
    .insertInto('users')
    .values({
      kind,
      login,
      displayName: overrides.displayName ?? `${kind} ${login}`,
      phone: null,
      passwordHash: await sharedHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const roles = overrides.opsRoles ?? (kind === 'ops' ? ['super_admin'] : []);
  if (roles.length > 0) {
    await ctx.db
      .insertInto('opsRoles')
      .values(roles.map((role) => ({ userId: user.id, role })))
      .execute();
  }
  if (kind === 'buyer' && overrides.address !== false) {
    await ctx.db
      .insertInto('buyerAddresses')
      .values({
        buyerId: user.id,
        recipient: '张三',
        phone: '13812341234',
        regionCode: '330106',
        detail: '文三路 100 号 1 幢 101 室',
        isDefault: true,
      })
      .execute();
  }
  const session = await issueToken(ctx.db, ctx.clock, user.id);
  return { id: user.id, login, token: session.token };
}

export const buildBuyer = (ctx: TestContext) => buildUser(ctx, 'buyer');
export const buildOps = (ctx: TestContext, roles: OpsRole[] = ['super_admin']) =>
  buildUser(ctx, 'ops', { opsRoles: roles });

/** A leaf category with DOMAIN.md §2 attributes (defaults: apparel-like, 7-day returns). */
export async function buildCategory(
  ctx: TestContext,
  overrides: Partial<{
    name: string;
    parentId: number | null;
    regulatedType: 'food' | 'drug' | 'cosmetic' | 'medical_device' | null;
    noReasonReturn: boolean;
    perishable: boolean;
    defaultGuarantees: string[];
    depositFen: number;
    commissionBp: number;
  }> = {},
): Promise<{ id: number }> {
  const name = overrides.name ?? `类目-${unique()}`;
  return ctx.db
    .insertInto('categories')
    .values({
      name,
      nameEn: name,
      parentId: overrides.parentId ?? null,
      regulatedType: overrides.regulatedType ?? null,
      noReasonReturn: overrides.noReasonReturn ?? true,
      perishable: overrides.perishable ?? false,
      defaultGuarantees: overrides.defaultGuarantees ?? ['no_reason_7d'],
      depositFen: overrides.depositFen ?? 500_000,
      commissionBp: overrides.commissionBp ?? 500,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A merchant owner signed in, with a shop in a fresh category. */
export async function buildShop(
  ctx: TestContext,
  overrides: { categoryId?: number; state?: 'probation' | 'active' } = {},
): Promise<{ shopId: number; categoryId: number; owner: TestUser }> {
  const owner = await buildUser(ctx, 'merchant');
  const categoryId = overrides.categoryId ?? (await buildCategory(ctx)).id;
  const shop = await ctx.db
    .insertInto('shops')
    .values({
      name: `店铺-${unique()}`,
      type: 'enterprise',
      ownerUserId: owner.id,
      mainCategoryId: categoryId,
      state: overrides.state ?? 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('shopMembers')
    .values({ shopId: shop.id, userId: owner.id, role: 'owner' })
    .execute();
  return { shopId: shop.id, categoryId, owner };
}

/** A merchant account signed in, added to the shop as staff. */
export async function buildStaff(ctx: TestContext, shopId: number): Promise<TestUser> {
  const staff = await buildUser(ctx, 'merchant');
  await ctx.db.insertInto('shopMembers').values({ shopId, userId: staff.id, role: 'staff' }).execute();
  return staff;
}

/** A listed product of `shopId` with SKUs (default: one SKU at ¥99.00 with 100 in stock). */
export async function buildListedProduct(
  ctx: TestContext,
  shopId: number,
  overrides: Partial<{
    categoryId: number;
    title: string;
    creatorCommissionBp: number | null;
    skus: { priceFen: number; stock: number; purchaseLimit?: number | null }[];
  }> = {},
): Promise<{ productId: number; skuIds: number[] }> {
  const categoryId =
    overrides.categoryId ??
    (
      await ctx.db
        .selectFrom('shops')
        .select('mainCategoryId')
        .where('id', '=', shopId)
        .executeTakeFirstOrThrow()
    ).mainCategoryId;
  const product = await ctx.db
    .insertInto('products')
    .values({
      shopId,
      categoryId,
      brandId: null,
      title: overrides.title ?? `商品-${unique()}`,
      imageUrl: null,
      state: 'listed',
      qualificationNo: null,
      creatorCommissionBp:
        overrides.creatorCommissionBp === undefined ? 1_000 : overrides.creatorCommissionBp,
      stateReason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const skus = overrides.skus ?? [{ priceFen: 9_900, stock: 100 }];
  const rows = await ctx.db
    .insertInto('skus')
    .values(
      skus.map((s, i) => ({
        productId: product.id,
        code: `SKU-${i + 1}`,
        priceFen: s.priceFen,
        stock: s.stock,
        purchaseLimit: s.purchaseLimit ?? null,
      })),
    )
    .returning('id')
    .execute();
  return { productId: product.id, skuIds: rows.map((r) => r.id) };
}

/** A live session of a creator (`hostUserId`) or a shop (`shopId` set), scheduled 1 h ahead unless live. */
export async function buildLiveSession(
  ctx: TestContext,
  host: { hostUserId: number; shopId?: number | null },
  overrides: Partial<{ title: string; state: 'scheduled' | 'live'; scheduledAt: Date }> = {},
): Promise<{ sessionId: number }> {
  const now = ctx.clock.now();
  const live = overrides.state === 'live';
  const session = await ctx.db
    .insertInto('liveSessions')
    .values({
      hostUserId: host.hostUserId,
      shopId: host.shopId ?? null,
      title: overrides.title ?? `直播-${unique()}`,
      state: overrides.state ?? 'scheduled',
      scheduledAt: overrides.scheduledAt ?? new Date(now.getTime() + (live ? 0 : 3_600_000)),
      startedAt: live ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { sessionId: session.id };
}

let orderKeySeq = 0;

/**
 * A paid order through the real API (checkout with pay-at-checkout, sandbox success): stock, escrow
 * and timeline as a buyer would leave them. Defaults: a new buyer, shop and product at ¥99.00.
 */
export async function buildPaidOrder(
  ctx: TestContext,
  overrides: {
    buyer?: TestUser;
    shopId?: number;
    skuId?: number;
    quantity?: number;
    liveSessionId?: number;
  } = {},
): Promise<{
  orderId: number;
  groupId: number;
  shopId: number;
  buyer: TestUser;
  totalFen: number;
  skuId: number;
}> {
  const buyer = overrides.buyer ?? (await buildUser(ctx, 'buyer'));
  let skuId = overrides.skuId;
  let shopId = overrides.shopId;
  if (skuId === undefined) {
    shopId ??= (await buildShop(ctx)).shopId;
    skuId = (await buildListedProduct(ctx, shopId)).skuIds[0]!;
  }
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/checkout',
    headers: {
      authorization: `Bearer ${buyer.token}`,
      'idempotency-key': `builder-${process.pid}-${++orderKeySeq}-${unique()}`,
    },
    payload: {
      items: [{ skuId, quantity: overrides.quantity ?? 1 }],
      pay: { method: 'sandbox' },
      ...(overrides.liveSessionId ? { liveSessionId: overrides.liveSessionId } : {}),
    },
  });
  const body = res.json();
  if (res.statusCode !== 201 || body.payment?.state !== 'succeeded') {
    throw new Error(`buildPaidOrder failed: ${res.statusCode} ${res.body}`);
  }
  const order = body.orders[0];
  return {
    orderId: order.id,
    groupId: body.groupId,
    shopId: order.shopId,
    buyer,
    totalFen: order.totalFen,
    skuId,
  };
}
