import type { Db } from '../platform/db.ts';

/** merchant1's 鲜丰果园 快捷短语 (product rules §8.2): what its agents pick in the workstation's composer. */
const REPLIES: readonly { title: string; text: string }[] = [
  { title: '问候', text: '您好，欢迎光临鲜丰果园，我是客服，请问有什么可以帮您？' },
  { title: '发货时间', text: '亲，现货水果付款后 48 小时内发货，产地直发，发货后可在订单详情查看物流。' },
  { title: '坏果处理', text: '亲，非常抱歉！请拍一张坏果的照片发给我，按坏果数量给您退款或补发。' },
  { title: '保存方法', text: '收到后请拆箱放在阴凉通风处，不要放冰箱冷冻，尽快食用口感最佳。' },
  { title: '结束语', text: '感谢您的支持，祝您生活愉快！有问题随时联系我们～' },
];

/** Inserts the canned replies of merchant1's shop; nothing when that shop is not there. */
export async function insertCannedReplies(db: Db, now: Date): Promise<{ cannedReplies: number }> {
  const shop = await db
    .selectFrom('shops as s')
    .innerJoin('users as u', 'u.id', 's.ownerUserId')
    .select('s.id')
    .where('u.login', '=', 'merchant1')
    .orderBy('s.id')
    .executeTakeFirst();
  if (!shop) return { cannedReplies: 0 };
  await db
    .insertInto('chatCannedReplies')
    .values(
      REPLIES.map((r, i) => ({ shopId: shop.id, title: r.title, text: r.text, sort: i, createdAt: now })),
    )
    .execute();
  return { cannedReplies: REPLIES.length };
}
