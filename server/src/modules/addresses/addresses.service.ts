import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction, type Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type AddressInput, assertAddress, MAX_BUYER_ADDRESSES, normalizeAddress } from './address.rule.ts';
import type { ShopAddressKind } from './addresses.tables.ts';
import { regionName } from './regions.ts';

/** An address as an order keeps it: who receives it, where, in words as well as by code. */
export interface AddressSnapshot {
  recipient: string;
  phone: string;
  /** 6-digit county code. */
  regionCode: string;
  /** '浙江省 杭州市 西湖区'. */
  regionName: string;
  detail: string;
}

export interface BuyerAddress extends AddressSnapshot {
  id: number;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShopAddress extends AddressSnapshot {
  kind: ShopAddressKind;
  updatedAt: Date;
}

const buyerColumns = [
  'id',
  'recipient',
  'phone',
  'regionCode',
  'detail',
  'isDefault',
  'createdAt',
  'updatedAt',
] as const;

const named = <T extends { regionCode: string }>(row: T): T & { regionName: string } => ({
  ...row,
  regionName: regionName(row.regionCode) ?? row.regionCode,
});

// Creating, deleting and switching the default of one buyer's book run one at a time, so that the
// count limit and "exactly one default" hold under concurrent requests.
const lockBook = (tx: Tx, buyerId: number) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`buyer_addresses:${buyerId}`}, 0))`.execute(tx);

/** The buyer's book: the default first, then the newest. */
export async function listBuyerAddresses(db: Executor, buyerId: number): Promise<BuyerAddress[]> {
  const rows = await db
    .selectFrom('buyerAddresses')
    .select(buyerColumns)
    .where('buyerId', '=', buyerId)
    .orderBy('isDefault', 'desc')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(named);
}

async function requireOwn(db: Executor, buyerId: number, id: number) {
  const row = await db
    .selectFrom('buyerAddresses')
    .select(buyerColumns)
    .where('id', '=', id)
    .where('buyerId', '=', buyerId)
    .executeTakeFirst();
  // Someone else's address is as unknown as a missing one.
  if (!row) throw notFound('address', id);
  return row;
}

/** Adds an address; the first one (or one asked to be) becomes the default. */
export async function createBuyerAddress(
  db: Executor,
  buyerId: number,
  raw: AddressInput & { isDefault?: boolean | undefined },
  clock: Clock,
): Promise<BuyerAddress> {
  const input = normalizeAddress(raw);
  assertAddress(input);
  return inTransaction(db, async (tx) => {
    await lockBook(tx, buyerId);
    const { count, defaults } = await tx
      .selectFrom('buyerAddresses')
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn.count<number>('id').filterWhere('isDefault', '=', true).as('defaults'),
      ])
      .where('buyerId', '=', buyerId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_BUYER_ADDRESSES) {
      throw new AppError(
        'address_limit_reached',
        `An address book holds at most ${MAX_BUYER_ADDRESSES} addresses`,
        { max: MAX_BUYER_ADDRESSES },
        { key: 'address_limit_reached', params: { max: MAX_BUYER_ADDRESSES } },
      );
    }
    const makeDefault = Number(defaults) === 0 || raw.isDefault === true;
    const now = clock.now();
    if (makeDefault) await clearDefault(tx, buyerId, now);
    const row = await tx
      .insertInto('buyerAddresses')
      .values({
        buyerId,
        recipient: input.recipient,
        phone: input.phone,
        regionCode: input.regionCode,
        detail: input.detail,
        isDefault: makeDefault,
        createdAt: now,
        updatedAt: now,
      })
      .returning(buyerColumns)
      .executeTakeFirstOrThrow();
    return named(row);
  });
}

/** Changes the given fields of the buyer's own address (`isDefault: true` also makes it the default). */
export async function updateBuyerAddress(
  db: Executor,
  buyerId: number,
  id: number,
  raw: Partial<AddressInput> & { isDefault?: boolean | undefined },
  clock: Clock,
): Promise<BuyerAddress> {
  const { isDefault, ...fields } = raw;
  const input = normalizeAddress(fields);
  assertAddress(input);
  return inTransaction(db, async (tx) => {
    await lockBook(tx, buyerId);
    await requireOwn(tx, buyerId, id);
    const now = clock.now();
    if (isDefault === true) await clearDefault(tx, buyerId, now, id);
    const row = await tx
      .updateTable('buyerAddresses')
      .set({
        ...(input.recipient !== undefined ? { recipient: input.recipient } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.regionCode !== undefined ? { regionCode: input.regionCode } : {}),
        ...(input.detail !== undefined ? { detail: input.detail } : {}),
        ...(isDefault === true ? { isDefault: true } : {}),
        updatedAt: now,
      })
      .where('id', '=', id)
      .where('buyerId', '=', buyerId)
      .returning(buyerColumns)
      .executeTakeFirstOrThrow();
    return named(row);
  });
}

/** Makes the buyer's own address the default, clearing the previous one in the same transaction. */
export async function setDefaultBuyerAddress(
  db: Executor,
  buyerId: number,
  id: number,
  clock: Clock,
): Promise<BuyerAddress> {
  return updateBuyerAddress(db, buyerId, id, { isDefault: true }, clock);
}

/** Deletes the buyer's own address; when it was the default, the newest other one becomes the default. */
export async function deleteBuyerAddress(
  db: Executor,
  buyerId: number,
  id: number,
  clock: Clock,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockBook(tx, buyerId);
    const row = await requireOwn(tx, buyerId, id);
    await tx.deleteFrom('buyerAddresses').where('id', '=', id).where('buyerId', '=', buyerId).execute();
    if (!row.isDefault) return;
    const next = await tx
      .selectFrom('buyerAddresses')
      .select('id')
      .where('buyerId', '=', buyerId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (next) {
      await tx
        .updateTable('buyerAddresses')
        .set({ isDefault: true, updatedAt: clock.now() })
        .where('id', '=', next.id)
        .execute();
    }
  });
}

async function clearDefault(tx: Tx, buyerId: number, now: Date, exceptId?: number): Promise<void> {
  let q = tx
    .updateTable('buyerAddresses')
    .set({ isDefault: false, updatedAt: now })
    .where('buyerId', '=', buyerId)
    .where('isDefault', '=', true);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  await q.execute();
}

const snapshotOf = (row: {
  recipient: string;
  phone: string;
  regionCode: string;
  detail: string;
}): AddressSnapshot => ({
  recipient: row.recipient,
  phone: row.phone,
  regionCode: row.regionCode,
  regionName: regionName(row.regionCode) ?? row.regionCode,
  detail: row.detail,
});

/**
 * For checkout: per want, the address to ship to — the given one when it is the buyer's, else
 * (no id given) the buyer's default; undefined when there is none (or the given id is not the buyer's).
 * One query for all wants.
 */
export async function checkoutAddresses(
  db: Executor,
  wants: { buyerId: number; addressId?: number | undefined }[],
): Promise<((AddressSnapshot & { addressId: number }) | undefined)[]> {
  if (wants.length === 0) return [];
  const buyerIds = [...new Set(wants.map((w) => w.buyerId))];
  const ids = [...new Set(wants.flatMap((w) => (w.addressId === undefined ? [] : [w.addressId])))];
  const rows = await db
    .selectFrom('buyerAddresses')
    .select(['id', 'buyerId', 'recipient', 'phone', 'regionCode', 'detail', 'isDefault'])
    .where('buyerId', 'in', buyerIds)
    .where((eb) =>
      ids.length > 0 ? eb.or([eb('isDefault', '=', true), eb('id', 'in', ids)]) : eb('isDefault', '=', true),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const defaults = new Map(rows.filter((r) => r.isDefault).map((r) => [r.buyerId, r]));
  return wants.map((want) => {
    const row =
      want.addressId === undefined
        ? defaults.get(want.buyerId)
        : byId.get(want.addressId)?.buyerId === want.buyerId
          ? byId.get(want.addressId)
          : undefined;
    return row ? { addressId: row.id, ...snapshotOf(row) } : undefined;
  });
}

/** The shop's warehouse or return address, if it has set one. */
export async function shopAddress(
  db: Executor,
  shopId: number,
  kind: ShopAddressKind,
): Promise<AddressSnapshot | undefined> {
  const row = await db
    .selectFrom('shopAddresses')
    .select(['recipient', 'phone', 'regionCode', 'detail'])
    .where('shopId', '=', shopId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row ? snapshotOf(row) : undefined;
}

/** Both addresses of a shop (either may be missing). */
export async function listShopAddresses(db: Executor, shopId: number): Promise<ShopAddress[]> {
  const rows = await db
    .selectFrom('shopAddresses')
    .select(['kind', 'recipient', 'phone', 'regionCode', 'detail', 'updatedAt'])
    .where('shopId', '=', shopId)
    .orderBy('kind', 'desc')
    .execute();
  return rows.map(named);
}

/** Sets the shop's address of `kind` (creates or replaces it). */
export async function putShopAddress(
  db: Executor,
  shopId: number,
  kind: ShopAddressKind,
  raw: AddressInput,
  clock: Clock,
): Promise<ShopAddress> {
  const input = normalizeAddress(raw);
  assertAddress(input);
  const now = clock.now();
  const row = await db
    .insertInto('shopAddresses')
    .values({ shopId, kind, ...pick(input), updatedAt: now })
    .onConflict((oc) => oc.columns(['shopId', 'kind']).doUpdateSet({ ...pick(input), updatedAt: now }))
    .returning(['kind', 'recipient', 'phone', 'regionCode', 'detail', 'updatedAt'])
    .executeTakeFirstOrThrow();
  return named(row);
}

const pick = (a: AddressInput): AddressInput => ({
  recipient: a.recipient,
  phone: a.phone,
  regionCode: a.regionCode,
  detail: a.detail,
});
