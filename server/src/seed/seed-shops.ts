import { DAY } from '../platform/clock.ts';
import type { Tx } from '../platform/db.ts';
import { DEMO_SHOPS, type DemoShop } from './demo-shops.ts';
import type { Random } from './random.ts';
import type { SeededAccounts } from './seed-accounts.ts';
import type { SeededCatalog } from './seed-catalog.ts';

export interface SeededShop {
  id: number;
  def: DemoShop;
  ownerId: number;
  openedAt: Date;
}

/** The shops, their owners and staff as members, and the state history (开店 → 新手期 → active). */
export async function insertShops(
  tx: Tx,
  random: Random,
  now: Date,
  catalog: SeededCatalog,
  accounts: SeededAccounts,
): Promise<{ shops: SeededShop[]; memberCount: number }> {
  // product rules §2: probation lasts the first 90 days (or 30 orders), so probation shops are young.
  const plans = DEMO_SHOPS.map((def, i) => {
    const age = def.state === 'active' ? random.int(120, 700) : random.int(5, 60);
    const openedAt = new Date(now.getTime() - age * DAY);
    const activatedAt =
      def.state === 'active' ? new Date(openedAt.getTime() + random.int(20, 90) * DAY) : undefined;
    return { def, ownerId: accounts.owners[i]!, staffId: accounts.staff[i], openedAt, activatedAt };
  });

  const rows = await tx
    .insertInto('shops')
    .values(
      plans.map((p) => ({
        name: p.def.name,
        type: p.def.type,
        state: p.def.state,
        ownerUserId: p.ownerId,
        mainCategoryId: catalog.leaves.get(p.def.leaves[0]!)!.id,
        description: p.def.description,
        createdAt: p.openedAt,
        updatedAt: p.activatedAt ?? p.openedAt,
      })),
    )
    .returning(['id', 'name'])
    .execute();
  const idOf = new Map(rows.map((r) => [r.name, r.id]));
  const shops = plans.map((p) => ({
    id: idOf.get(p.def.name)!,
    def: p.def,
    ownerId: p.ownerId,
    openedAt: p.openedAt,
  }));

  const members = plans.flatMap((p, i) => [
    { shopId: shops[i]!.id, userId: p.ownerId, role: 'owner' as const, createdAt: p.openedAt },
    ...(p.staffId === undefined
      ? []
      : [
          {
            shopId: shops[i]!.id,
            userId: p.staffId,
            role: 'staff' as const,
            createdAt: new Date(now.getTime() - random.int(1, 29) * DAY),
          },
        ]),
  ]);
  await tx.insertInto('shopMembers').values(members).execute();

  await tx
    .insertInto('shopEvents')
    .values(
      plans.flatMap((p, i) => [
        {
          shopId: shops[i]!.id,
          fromState: null,
          toState: 'probation' as const,
          actorId: p.ownerId,
          reason: '开店入驻，进入新手期',
          at: p.openedAt,
        },
        ...(p.activatedAt
          ? [
              {
                shopId: shops[i]!.id,
                fromState: 'probation' as const,
                toState: 'active' as const,
                actorId: null,
                reason: '新手期考核通过',
                at: p.activatedAt,
              },
            ]
          : []),
      ]),
    )
    .execute();
  return { shops, memberCount: members.length };
}
