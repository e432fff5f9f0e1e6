import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { Fen } from '../../platform/money.ts';

/**
 * What a live session sold (the host's live console): its paid orders — placed in the room and paid,
 * whatever happened to them since — and their amount paid (GMV).
 */
export async function liveSessionSales(
  db: Executor,
  sessionId: number,
): Promise<{ orders: number; gmvFen: Fen }> {
  const result = await sql<{ orders: number; gmvFen: Fen }>`
    select count(*)::int as "orders", coalesce(sum(total_fen), 0)::bigint as "gmvFen"
    from orders where live_session_id = ${sessionId} and paid_at is not null`.execute(db);
  return result.rows[0]!;
}
