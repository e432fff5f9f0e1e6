import type { Executor } from '../../platform/db.ts';
import { followerCounts, shopFollowerGains } from '../audience/index.ts';
import { listedProductCounts } from '../catalog/index.ts';
import { productVideoCounts } from '../content/index.ts';
import { shopLiveSessions } from '../live/index.ts';
import { shopPaidOrders } from '../orders/index.ts';
import type { LadderFacts } from './ladder.rule.ts';
import { type Airtime, airtimeIn, mostStartsWithin } from './live-activity.rule.ts';
import type { Quarter } from './quarter.rule.ts';
import type { QuarterIndicators } from './seller-tier.rule.ts';

// Progress comes from the owners' facts only (product rules §7.5), read through their index.ts.

const EPOCH = new Date(0);
const WEEK_MS = 7 * 86_400_000;
/** The platform calendar: Asia/Shanghai, UTC+8 all year. */
export const PLATFORM_OFFSET_MINUTES = 480;

function sessionsByShop(rows: { shopId: number; startedAt: Date; endedAt: Date | null }[]) {
  const byShop = new Map<number, Airtime[]>();
  for (const r of rows) {
    const list = byShop.get(r.shopId) ?? [];
    list.push(r);
    byShop.set(r.shopId, list);
  }
  return byShop;
}

/** What each shop has done up to `now`, one number per ladder metric. */
export async function ladderFacts(
  db: Executor,
  shopIds: number[],
  now: Date,
): Promise<Map<number, LadderFacts>> {
  // facts recorded at `now` itself count (the windows are half-open)
  const upTo = new Date(now.getTime() + 1);
  const [listed, sessions, orders, followers, videos] = await Promise.all([
    listedProductCounts(db, shopIds),
    shopLiveSessions(db, shopIds, EPOCH, upTo),
    shopPaidOrders(db, shopIds, EPOCH, upTo),
    followerCounts(db, 'shop', shopIds),
    productVideoCounts(db, shopIds, EPOCH, upTo),
  ]);
  const aired = sessionsByShop(sessions);
  return new Map(
    shopIds.map((id) => {
      const own = aired.get(id) ?? [];
      return [
        id,
        {
          listed_products: listed.get(id) ?? 0,
          live_sessions: own.length,
          live_sessions_7d: mostStartsWithin(own, WEEK_MS),
          paid_orders: orders.get(id)?.paidOrders ?? 0,
          followers: followers.get(id) ?? 0,
          product_videos: videos.get(id) ?? 0,
        },
      ];
    }),
  );
}

export type QuarterFacts = QuarterIndicators & { gmvFen: number };

/** Each shop's 斗金 indicators over `quarter` up to `now` (listed products: as of now). */
export async function quarterFacts(
  db: Executor,
  shopIds: number[],
  quarter: Quarter,
  now: Date,
): Promise<Map<number, QuarterFacts>> {
  const upTo = new Date(now.getTime() + 1);
  const to = upTo < quarter.end ? upTo : quarter.end;
  const [listed, sessions, orders, gains, videos] = await Promise.all([
    listedProductCounts(db, shopIds),
    shopLiveSessions(db, shopIds, quarter.start, to),
    shopPaidOrders(db, shopIds, quarter.start, to),
    shopFollowerGains(db, shopIds, quarter.start, to),
    productVideoCounts(db, shopIds, quarter.start, to),
  ]);
  const aired = sessionsByShop(sessions);
  return new Map(
    shopIds.map((id) => {
      const air = airtimeIn(aired.get(id) ?? [], {
        from: quarter.start,
        to: quarter.end,
        now: to,
        offsetMinutes: PLATFORM_OFFSET_MINUTES,
      });
      return [
        id,
        {
          liveMinutes: air.minutes,
          liveDays: air.days,
          productVideos: videos.get(id) ?? 0,
          followerGain: gains.get(id) ?? 0,
          listedProducts: listed.get(id) ?? 0,
          gmvFen: orders.get(id)?.gmvFen ?? 0,
        },
      ];
    }),
  );
}
