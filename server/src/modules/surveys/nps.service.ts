import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { type NpsFigure, npsOf } from './nps.rule.ts';

/** A shop's NPS over a window of answers. */
export interface ShopNps extends NpsFigure {
  shopId: number;
}

interface Counts {
  shopId: number | null;
  promoters: number;
  passives: number;
  detractors: number;
}

/** npsGroup's bands as SQL counts. */
const counts = sql`count(*) filter (where score >= 9)::int as promoters,
  count(*) filter (where score between 7 and 8)::int as passives,
  count(*) filter (where score <= 6)::int as detractors`;

/**
 * NPS per shop over the answers given in (from, to] (product rules §7.3), one grouped query; shops
 * without answers are absent.
 */
export async function npsByShop(
  db: Executor,
  from: Date,
  to: Date,
  shopIds?: readonly number[],
): Promise<ShopNps[]> {
  if (shopIds && shopIds.length === 0) return [];
  const { rows } = await sql<Counts>`
    select shop_id, ${counts}
    from nps_invitations
    where state = 'answered' and answered_at > ${from} and answered_at <= ${to}
      ${shopIds ? sql`and shop_id = any(${[...shopIds]}::bigint[])` : sql``}
    group by shop_id`.execute(db);
  return rows.map(({ shopId, ...c }) => ({ shopId: Number(shopId), ...npsOf(c) }));
}

/** The platform's NPS over the answers given in (from, to]. */
export async function platformNps(db: Executor, from: Date, to: Date): Promise<NpsFigure> {
  const { rows } = await sql<Counts>`
    select ${counts}
    from nps_invitations
    where state = 'answered' and answered_at > ${from} and answered_at <= ${to}`.execute(db);
  const row = rows[0] ?? { promoters: 0, passives: 0, detractors: 0 };
  return npsOf({ promoters: row.promoters, passives: row.passives, detractors: row.detractors });
}
