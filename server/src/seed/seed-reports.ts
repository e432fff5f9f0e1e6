import { HOUR } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';

/** The demo's reporters (none of them is used by the other demos' stories). */
const REPORTERS = ['buyer21', 'buyer22', 'buyer23'] as const;
/** Wrote the abusive comment the demo reports; buyer24 reported an earlier one and knows the outcome. */
const COMMENTER = 'buyer25';
const TOLD = 'buyer24';
const SHOP_OWNER = 'merchant1';

/**
 * Demo buyer reports (product rules §8.7), written directly as the other demos' rows are: in the ops
 * 买家举报 queue, an abusive comment in a room of merchant1's 鲜丰果园 reported by two buyers and one of
 * its products reported for false advertising; and an earlier comment report already upheld (the
 * comment hidden, the reporter notified), so buyer24's 我的举报 shows an outcome.
 */
export async function insertReports(db: Db, now: Date): Promise<{ reports: number }> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'login'])
    .where('login', 'in', [...REPORTERS, COMMENTER, TOLD, SHOP_OWNER])
    .execute();
  const id = (login: string) => users.find((u) => u.login === login)?.id;
  const owner = id(SHOP_OWNER);
  const commenter = id(COMMENTER);
  const told = id(TOLD);
  const reporters = REPORTERS.map(id);
  if (!owner || !commenter || !told || reporters.some((r) => r === undefined)) return { reports: 0 };
  const shop = await db
    .selectFrom('shops')
    .select('id')
    .where('ownerUserId', '=', owner)
    .orderBy('id')
    .executeTakeFirst();
  if (!shop) return { reports: 0 };
  const [session, product] = await Promise.all([
    db.selectFrom('liveSessions').select('id').where('shopId', '=', shop.id).orderBy('id').executeTakeFirst(),
    db
      .selectFrom('products')
      .select(['id', 'title'])
      .where('shopId', '=', shop.id)
      .where('state', '=', 'listed')
      .orderBy('id')
      .executeTakeFirst(),
  ]);
  if (!session || !product) return { reports: 0 };
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);

  return db.transaction().execute(async (tx) => {
    const [abusive, earlier] = await tx
      .insertInto('liveComments')
      .values([
        {
          sessionId: session.id,
          userId: commenter,
          text: '这家卖的全是烂果子，主播就是骗子',
          createdAt: at(5),
        },
        {
          sessionId: session.id,
          userId: commenter,
          text: '垃圾店铺，谁买谁倒霉',
          state: 'hidden',
          hiddenReason: 'reported: 辱骂商家，已隐藏',
          createdAt: at(30),
        },
      ])
      .returning('id')
      .execute();
    const open = [
      {
        reporterId: reporters[0]!,
        subjectType: 'live_comment' as const,
        subjectId: abusive!.id,
        reason: 'harassment' as const,
        text: '在直播间辱骂主播',
        hoursAgo: 4,
      },
      {
        reporterId: reporters[1]!,
        subjectType: 'live_comment' as const,
        subjectId: abusive!.id,
        reason: 'harassment' as const,
        text: '',
        hoursAgo: 3,
      },
      {
        reporterId: reporters[2]!,
        subjectType: 'product' as const,
        subjectId: product.id,
        reason: 'false_advertising' as const,
        text: '页面写的“当天现摘”，收到的明显放了好几天',
        hoursAgo: 2,
      },
    ];
    await tx
      .insertInto('buyerReports')
      .values([
        ...open.map(({ hoursAgo, ...r }) => ({ ...r, shopId: shop.id, createdAt: at(hoursAgo) })),
        {
          reporterId: told,
          subjectType: 'live_comment',
          subjectId: earlier!.id,
          shopId: shop.id,
          reason: 'harassment',
          text: '骂人',
          state: 'upheld',
          decidedAt: at(26),
          decisionNote: '辱骂商家，已隐藏',
          effect: 'hidden',
          createdAt: at(29),
        },
      ])
      .execute();
    await tx
      .insertInto('notifications')
      .values({
        userId: told,
        kind: 'report_decided',
        payload: JSON.stringify({
          subjectType: 'live_comment',
          subjectId: earlier!.id,
          title: '垃圾店铺，谁买谁倒霉',
          state: 'upheld',
          effect: 'hidden',
        }),
        createdAt: at(26),
      })
      .execute();
    return { reports: open.length + 1 };
  });
}
