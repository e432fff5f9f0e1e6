import type { Executor } from '../../platform/db.ts';

interface Paging {
  limit: number;
  offset: number;
}

/** The orders a creator earned live commission on (settled settlements), newest first. */
export async function listCommissionEarnings(db: Executor, userId: number, page: Paging) {
  const base = db
    .selectFrom('settlements')
    .where('creatorUserId', '=', userId)
    .where('state', '=', 'settled')
    .where('creatorCommissionFen', '>', 0);
  const [items, total] = await Promise.all([
    base
      .select(['id', 'orderId', 'paidFen', 'refundedFen', 'creatorCommissionFen', 'settledAt'])
      .orderBy('settledAt', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((s) => ({ ...s, settledAt: s.settledAt ?? new Date(0) })),
    total: Number(total.n),
    ...page,
  };
}

/** A creator's commission withdrawals, newest first. */
export async function listCommissionWithdrawals(db: Executor, userId: number, page: Paging) {
  const base = db
    .selectFrom('withdrawals')
    .where('creatorUserId', '=', userId)
    .where('source', '=', 'creator_commission');
  const [items, total] = await Promise.all([
    base
      .select([
        'id',
        'source',
        'shopId',
        'creatorUserId',
        'amountFen',
        'provider',
        'providerRef',
        'createdAt',
      ])
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), ...page };
}
