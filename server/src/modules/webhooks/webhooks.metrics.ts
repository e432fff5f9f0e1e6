import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** Deliveries waiting for a retry after a failed attempt (`xinren_webhook_deliveries_failing`). */
export async function countFailingDeliveries(db: Executor): Promise<number> {
  const { n } = await db
    .selectFrom('webhookDeliveries')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('state', '=', 'retrying')
    .executeTakeFirstOrThrow();
  return n;
}
