import type { UserKind } from '../modules/identity/index.ts';
import { DAY } from '../platform/clock.ts';
import type { Tx } from '../platform/db.ts';
import { BUYER_COUNT, chineseName, DEMO_CREATORS, DEMO_OPS, mobileNumber } from './demo-people.ts';
import { DEMO_SHOPS } from './demo-shops.ts';
import type { Random } from './random.ts';

export interface SeededAccounts {
  /** Owner user id per shop, in DEMO_SHOPS order. */
  owners: number[];
  /** Staff user id per shop (undefined when the shop has none), in DEMO_SHOPS order. */
  staff: (number | undefined)[];
  /** Creator user ids in DEMO_CREATORS order. */
  creators: number[];
  reviewerId: number;
  /** `brand1`: a buyer account with a rights-holder (权利人) profile. */
  rightsHolderUserId: number;
  count: number;
}

/** The demo rights holder (product rules §6 IP protection): a buyer account with a holder profile. */
export const DEMO_RIGHTS_HOLDER = {
  login: 'brand1',
  displayName: '李宁品牌维权专员',
  holderName: '李宁品牌维权中心',
  contact: 'ipr@brand-owner.example',
} as const;

interface NewUser {
  kind: UserKind;
  login: string;
  displayName: string;
  phone: string | null;
  createdAt: Date;
}

/**
 * Buyers `buyer1…`, shop owners `merchant1…` and staff `staff1…` (kind merchant), creators
 * `creator1…`, and the ops accounts; all share one password hash (hashing is the slow part).
 */
export async function insertAccounts(
  tx: Tx,
  random: Random,
  now: Date,
  passwordHash: string,
): Promise<SeededAccounts> {
  const daysAgo = (min: number, max: number) => new Date(now.getTime() - random.int(min, max) * DAY);
  const users: NewUser[] = [];
  const person = (kind: UserKind, login: string, displayName: string, createdAt: Date): void => {
    users.push({ kind, login, displayName, phone: mobileNumber(random), createdAt });
  };

  for (let i = 1; i <= BUYER_COUNT; i++) person('buyer', `buyer${i}`, chineseName(random), daysAgo(1, 400));
  for (const [i, shop] of DEMO_SHOPS.entries())
    person('merchant', `merchant${i + 1}`, shop.owner, daysAgo(700, 900));
  const staffShops = DEMO_SHOPS.flatMap((shop, i) =>
    shop.staff ? [{ shopIndex: i, name: shop.staff }] : [],
  );
  for (const [i, s] of staffShops.entries()) person('merchant', `staff${i + 1}`, s.name, daysAgo(30, 60));
  for (const [i, c] of DEMO_CREATORS.entries())
    person('creator', `creator${i + 1}`, c.displayName, daysAgo(100, 600));
  for (const ops of DEMO_OPS) {
    users.push({
      kind: 'ops',
      login: ops.login,
      displayName: ops.displayName,
      phone: null,
      createdAt: daysAgo(900, 900),
    });
  }

  // Rights holders are buyer accounts with a profile (no account kind of their own).
  users.push({
    kind: 'buyer',
    login: DEMO_RIGHTS_HOLDER.login,
    displayName: DEMO_RIGHTS_HOLDER.displayName,
    phone: null,
    createdAt: daysAgo(200, 200),
  });

  const rows = await tx
    .insertInto('users')
    .values(users.map((u) => ({ ...u, passwordHash })))
    .returning(['id', 'login'])
    .execute();
  const idOf = new Map(rows.map((r) => [r.login, r.id]));
  const id = (login: string) => {
    const found = idOf.get(login);
    if (found === undefined) throw new Error(`seed: account ${login} was not inserted`);
    return found;
  };

  await tx
    .insertInto('opsRoles')
    .values(DEMO_OPS.map((ops) => ({ userId: id(ops.login), role: ops.role })))
    .execute();

  await tx
    .insertInto('ipRightsHolders')
    .values({
      userId: id(DEMO_RIGHTS_HOLDER.login),
      name: DEMO_RIGHTS_HOLDER.holderName,
      contact: DEMO_RIGHTS_HOLDER.contact,
      createdAt: now,
    })
    .execute();

  const staff: (number | undefined)[] = DEMO_SHOPS.map(() => undefined);
  staffShops.forEach((s, i) => {
    staff[s.shopIndex] = id(`staff${i + 1}`);
  });
  return {
    owners: DEMO_SHOPS.map((_, i) => id(`merchant${i + 1}`)),
    staff,
    creators: DEMO_CREATORS.map((_, i) => id(`creator${i + 1}`)),
    reviewerId: id('reviewer'),
    rightsHolderUserId: id(DEMO_RIGHTS_HOLDER.login),
    count: rows.length,
  };
}
