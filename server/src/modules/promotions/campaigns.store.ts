import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import { scheduleDeadline } from '../../platform/scheduler/index.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { CAMPAIGN_OPEN } from './deadline-kinds.ts';
import { campaignTransitions } from './promotions.machine.ts';
import type { CampaignState, CouponCampaignsTable } from './promotions.tables.ts';

export type CampaignRow = Selectable<CouponCampaignsTable>;
export type CampaignView = CampaignRow & { used: number };

/** Inserts a campaign, scheduled (with its opening deadline) or active when claims are open already. */
export async function insertCampaign(
  tx: Tx,
  values: Omit<Insertable<CouponCampaignsTable>, 'state'>,
  now: Date,
): Promise<CampaignView> {
  const state: CampaignState = values.claimStartsAt > now ? 'scheduled' : 'active';
  const row = await tx
    .insertInto('couponCampaigns')
    .values({ ...values, state, createdAt: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (state === 'scheduled')
    await scheduleDeadline(tx, { kind: CAMPAIGN_OPEN, subjectId: row.id, dueAt: row.claimStartsAt });
  return { ...row, used: 0 };
}

/** Campaigns with how many of their coupons are in use now. */
export async function withUsed(db: Executor, rows: CampaignRow[]): Promise<CampaignView[]> {
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom('buyerCoupons')
    .select(['campaignId', sql<number>`count(*)::int`.as('used')])
    .where(
      'campaignId',
      'in',
      rows.map((r) => r.id),
    )
    .where('state', '=', 'used')
    .groupBy('campaignId')
    .execute();
  const used = new Map(counts.map((c) => [c.campaignId, c.used]));
  return rows.map((r) => ({ ...r, used: used.get(r.id) ?? 0 }));
}

/** Stops a campaign: no further claims; coupons already claimed stay usable until they expire. */
export async function stopCampaign(tx: Tx, id: number, now: Date): Promise<CampaignRow> {
  return transitionRow(tx, 'couponCampaigns', {
    machine: campaignTransitions,
    what: `coupon ${id}`,
    key: { id },
    from: ['scheduled', 'active'],
    to: 'stopped',
    set: { stoppedAt: now },
  });
}

/** The opening deadline: a scheduled campaign becomes active (claims check the window themselves too). */
export async function openCampaign(tx: Tx, id: number, now: Date): Promise<void> {
  const row = await tx
    .selectFrom('couponCampaigns')
    .select(['state', 'claimStartsAt'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row?.state !== 'scheduled' || now < row.claimStartsAt) return;
  await transitionRow(tx, 'couponCampaigns', {
    machine: campaignTransitions,
    what: `coupon ${id}`,
    key: { id },
    from: 'scheduled',
    to: 'active',
    ifNotIn: 'skip',
  });
}
