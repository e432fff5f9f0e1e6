import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { canTransition } from '../../platform/state-machine.ts';
import { accounts, postEntry } from '../ledger/index.ts';
import { shopNames } from '../shops/index.ts';
import { ISSUED, postCredits, shopAccount } from './credits.service.ts';
import { PLATFORM_OFFSET_MINUTES, quarterFacts } from './facts.service.ts';
import { payoutChanged, payoutNotDue } from './growth.errors.ts';
import { quarterTransitions } from './growth.machine.ts';
import type { QuarterState } from './growth.tables.ts';
import { programmeVersion, versionInForce } from './programmes.service.ts';
import { parseQuarter, type Quarter, quarterOf } from './quarter.rule.ts';
import { rebateFen, tierFor } from './seller-tier.rule.ts';

/**
 * Measures 斗金 for the given shops over `quarter` up to `now` against the version in force at the
 * quarter's start (a shop's quarter keeps the version it was first measured by). While the quarter
 * runs the result is `measuring`; once it has ended it is final: `due` when a tier was reached, else
 * `not_earned`. Results already final are left alone; `onlyMeasuring` finishes the shops' open results
 * without starting any (closing a past quarter). Inside a transaction.
 */
export async function measureQuarter(
  tx: Executor,
  shopIds: number[],
  quarter: Quarter,
  now: Date,
  opts: { onlyMeasuring?: boolean } = {},
): Promise<void> {
  if (shopIds.length === 0) return;
  const existing = await tx
    .selectFrom('growthQuarterResults')
    .select(['shopId', 'versionId', 'state'])
    .where('quarter', '=', quarter.code)
    .where('shopId', 'in', shopIds)
    .execute();
  const open = shopIds.filter((id) => {
    const row = existing.find((r) => r.shopId === id);
    return row ? row.state === 'measuring' : !opts.onlyMeasuring;
  });
  if (open.length === 0) return;
  const current = await versionInForce(tx, 'active_seller', quarter.start);
  const versions = new Map([[current.id, current]]);
  for (const row of existing) {
    if (!versions.has(row.versionId)) versions.set(row.versionId, await programmeVersion(tx, row.versionId));
  }
  const facts = await quarterFacts(tx, open, quarter, now);
  const ended = now >= quarter.end;
  const rows = open.map((shopId) => {
    const versionId = existing.find((r) => r.shopId === shopId)?.versionId ?? current.id;
    const x = facts.get(shopId)!;
    const tier = tierFor(versions.get(versionId)!.tiers, x);
    const state: QuarterState = !ended ? 'measuring' : tier ? 'due' : 'not_earned';
    return {
      shopId,
      quarter: quarter.code,
      versionId,
      liveMinutes: x.liveMinutes,
      liveDays: x.liveDays,
      productVideos: x.productVideos,
      followerGain: x.followerGain,
      listedProducts: x.listedProducts,
      gmvFen: x.gmvFen,
      tier: tier?.tier ?? null,
      rewardCredits: tier?.rewardCredits ?? 0,
      rebateFen: rebateFen(tier, x.gmvFen),
      state,
      measuredAt: now,
    };
  });
  await tx
    .insertInto('growthQuarterResults')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['shopId', 'quarter'])
        .doUpdateSet((eb) => ({
          liveMinutes: eb.ref('excluded.liveMinutes'),
          liveDays: eb.ref('excluded.liveDays'),
          productVideos: eb.ref('excluded.productVideos'),
          followerGain: eb.ref('excluded.followerGain'),
          listedProducts: eb.ref('excluded.listedProducts'),
          gmvFen: eb.ref('excluded.gmvFen'),
          tier: eb.ref('excluded.tier'),
          rewardCredits: eb.ref('excluded.rewardCredits'),
          rebateFen: eb.ref('excluded.rebateFen'),
          state: eb.ref('excluded.state'),
          measuredAt: eb.ref('excluded.measuredAt'),
        }))
        // a final result never changes again
        .where('growthQuarterResults.state', '=', 'measuring'),
    )
    .execute();
}

/** The quarter `now` is in, and the one before it (closed once `now` is past its end). */
export function currentAndPrevious(now: Date): [Quarter, Quarter] {
  const current = quarterOf(now, PLATFORM_OFFSET_MINUTES);
  return [current, quarterOf(new Date(current.start.getTime() - 1), PLATFORM_OFFSET_MINUTES)];
}

export interface QuarterResult {
  shopId: number;
  shopName: string;
  quarter: string;
  quarterStart: Date;
  quarterEnd: Date;
  programmeVersion: number;
  liveMinutes: number;
  liveDays: number;
  productVideos: number;
  followerGain: number;
  listedProducts: number;
  gmvFen: number;
  tier: number | null;
  rewardCredits: number;
  rebateFen: number;
  state: QuarterState;
  measuredAt: Date;
  paidAt: Date | null;
}

/** Quarter results: one shop's (newest first), or one quarter's payouts for ops (due first). */
export async function quarterResults(
  db: Executor,
  filter: { shopId?: number; quarter?: string; state?: QuarterState; limit?: number; offset?: number },
): Promise<{ items: QuarterResult[]; total: number }> {
  let query = db
    .selectFrom('growthQuarterResults as r')
    .innerJoin('growthProgrammeVersions as v', 'v.id', 'r.versionId');
  if (filter.shopId !== undefined) query = query.where('r.shopId', '=', filter.shopId);
  if (filter.quarter !== undefined) query = query.where('r.quarter', '=', filter.quarter);
  if (filter.state !== undefined) query = query.where('r.state', '=', filter.state);
  else if (filter.shopId === undefined) query = query.where('r.state', 'in', ['due', 'paid']);
  const [rows, total] = await Promise.all([
    query
      .selectAll('r')
      .select('v.version as programmeVersion')
      .orderBy('r.quarter', 'desc')
      .orderBy(sql`case r.state when 'due' then 0 else 1 end`)
      .orderBy('r.rebateFen', 'desc')
      .orderBy('r.shopId')
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await shopNames(db, [...new Set(rows.map((r) => r.shopId))]);
  return {
    total: Number(total.n),
    items: rows.map((r) => {
      const q = parseQuarter(r.quarter, PLATFORM_OFFSET_MINUTES)!;
      return {
        shopId: r.shopId,
        shopName: names.get(r.shopId) ?? '',
        quarter: r.quarter,
        quarterStart: q.start,
        quarterEnd: q.end,
        programmeVersion: r.programmeVersion,
        liveMinutes: r.liveMinutes,
        liveDays: r.liveDays,
        productVideos: r.productVideos,
        followerGain: r.followerGain,
        listedProducts: r.listedProducts,
        gmvFen: Number(r.gmvFen),
        tier: r.tier,
        rewardCredits: r.rewardCredits,
        rebateFen: Number(r.rebateFen),
        state: r.state,
        measuredAt: r.measuredAt,
        paidAt: r.paidAt,
      };
    }),
  };
}

/**
 * Ops pay a due quarter: the GMV rebate moves from the platform's growth_rebates expense to the
 * merchant's available balance (one ledger entry, key `growth_rebate:<shop>:<quarter>`), the tier's
 * exposure credits are granted (key `quarter:<shop>:<quarter>`), and the result becomes `paid` — once.
 * `expectedRebateFen` is the amount ops saw: a different amount now is 409 (reload and confirm again).
 */
export async function payQuarter(
  tx: Executor,
  input: { shopId: number; quarter: string; expectedRebateFen: number },
  by: number,
  now: Date,
): Promise<QuarterResult> {
  const row = await tx
    .selectFrom('growthQuarterResults')
    .selectAll()
    .where('shopId', '=', input.shopId)
    .where('quarter', '=', input.quarter)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('growth_payout', `${input.shopId}/${input.quarter}`);
  if (!canTransition(quarterTransitions, row.state, 'paid')) throw payoutNotDue(row.state);
  if (Number(row.rebateFen) !== input.expectedRebateFen) throw payoutChanged(Number(row.rebateFen));
  let ledgerEntryId: number | null = null;
  if (row.rebateFen > 0) {
    const entry = await postEntry(tx, {
      idempotencyKey: `growth_rebate:${row.shopId}:${row.quarter}`,
      kind: 'growth_rebate',
      cause: { type: 'shop', id: row.shopId },
      memo: `斗金 ${row.quarter}`,
      at: now,
      postings: [
        { account: accounts.growthRebates, amountFen: -Number(row.rebateFen) },
        { account: accounts.merchantAvailable(row.shopId), amountFen: Number(row.rebateFen) },
      ],
    });
    ledgerEntryId = entry.id;
  }
  let creditEntryId: number | null = null;
  if (row.rewardCredits > 0) {
    creditEntryId = (
      await postCredits(tx, {
        idempotencyKey: `quarter:${row.shopId}:${row.quarter}`,
        kind: 'quarter_reward',
        cause: { type: 'shop', id: row.shopId },
        memo: row.quarter,
        at: now,
        postings: [
          { account: ISSUED, amount: -row.rewardCredits },
          { account: shopAccount(row.shopId), amount: row.rewardCredits },
        ],
      })
    ).entryId;
  }
  await tx
    .updateTable('growthQuarterResults')
    .set({ state: 'paid', paidAt: now, paidBy: by, ledgerEntryId, creditEntryId })
    .where('shopId', '=', row.shopId)
    .where('quarter', '=', row.quarter)
    .where('state', '=', 'due')
    .execute();
  const { items } = await quarterResults(tx, { shopId: row.shopId, quarter: row.quarter });
  return items[0]!;
}
