import type { LiveState } from '../modules/live/index.ts';
import { DAY, HOUR, MINUTE } from '../platform/clock.ts';
import type { Tx } from '../platform/db.ts';
import type { Sector } from './demo-categories.ts';
import { DEMO_CREATORS } from './demo-people.ts';
import type { Random } from './random.ts';
import type { SeededProduct } from './seed-products.ts';
import type { SeededShop } from './seed-shops.ts';

interface SessionPlan {
  hostUserId: number;
  shopId: number | null;
  title: string;
  state: Extract<LiveState, 'scheduled' | 'live' | 'ended'>;
  scheduledAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  endedBy: number | null;
  /** Products to pin, with the commission each pin carries. */
  pins: { productId: number; commissionBp: number }[];
}

// Shop rooms of the demo: the first shop (merchant1) is live now.
const SHOP_ROOMS: readonly { shop: string; state: SessionPlan['state']; title: string }[] = [
  { shop: '鲜丰果园', state: 'live', title: '果园直播：赣南脐橙现摘现发，榴莲开箱' },
  { shop: '小米官方旗舰店', state: 'scheduled', title: '小米新品首发 官方直播间' },
  { shop: '三只松鼠官方旗舰店', state: 'scheduled', title: '年货坚果礼盒 工厂直供专场' },
  { shop: '李宁官方旗舰店', state: 'ended', title: '跑鞋节 赤兔飞电专场' },
];

const halfHour = 30 * MINUTE;
const roundUp = (ms: number) => Math.ceil(ms / halfHour) * halfHour;

/**
 * Live sessions: each creator has an ended session and a scheduled one, and several are live now;
 * creators pin other shops' goods at the commission offered, shop rooms pin their own goods.
 */
export async function insertLiveSessions(
  tx: Tx,
  random: Random,
  now: Date,
  creators: number[],
  shops: SeededShop[],
  products: SeededProduct[],
): Promise<{ sessionCount: number; pinCount: number; liveCount: number; scheduledCount: number }> {
  const t = now.getTime();
  const timing = (state: SessionPlan['state']) => {
    if (state === 'live') {
      const startedAt = new Date(t - random.int(10, 150) * MINUTE);
      return {
        scheduledAt: new Date(startedAt.getTime() - random.int(0, 5) * MINUTE),
        startedAt,
        endedAt: null,
      };
    }
    if (state === 'scheduled') {
      return {
        scheduledAt: new Date(roundUp(t + random.int(1, 5) * DAY + random.int(0, 10) * HOUR)),
        startedAt: null,
        endedAt: null,
      };
    }
    const scheduledAt = new Date(roundUp(t - random.int(1, 6) * DAY - random.int(0, 10) * HOUR));
    const startedAt = new Date(scheduledAt.getTime() + random.int(0, 10) * MINUTE);
    return { scheduledAt, startedAt, endedAt: new Date(startedAt.getTime() + random.int(90, 240) * MINUTE) };
  };

  const listed = products.filter((p) => p.state === 'listed');
  // 分销: a creator pins listed goods of their sectors that the shop offers a commission for.
  const creatorPins = (sectors: readonly Sector[]) =>
    random
      .sample(
        listed.filter((p) => p.creatorCommissionBp !== null && sectors.includes(p.sector)),
        random.int(4, 8),
      )
      .map((p) => ({ productId: p.id, commissionBp: p.creatorCommissionBp! }));

  const plans: SessionPlan[] = [];
  DEMO_CREATORS.forEach((creator, i) => {
    const hostUserId = creators[i]!;
    const states: SessionPlan['state'][] = creator.liveNow
      ? ['ended', 'live', 'scheduled']
      : ['ended', 'scheduled'];
    for (const state of states) {
      const title = state === 'scheduled' ? creator.titles[1] : creator.titles[0];
      plans.push({
        hostUserId,
        shopId: null,
        title,
        state,
        ...timing(state),
        endedBy: state === 'ended' ? hostUserId : null,
        pins: creatorPins(creator.sectors),
      });
    }
  });
  for (const room of SHOP_ROOMS) {
    const shop = shops.find((s) => s.def.name === room.shop)!;
    const own = listed.filter((p) => p.shopId === shop.id);
    const pins = random.sample(own, 6).map((p) => ({ productId: p.id, commissionBp: 0 }));
    plans.push({
      hostUserId: shop.ownerId,
      shopId: shop.id,
      title: room.title,
      state: room.state,
      ...timing(room.state),
      endedBy: room.state === 'ended' ? shop.ownerId : null,
      pins,
    });
  }

  const rows = await tx
    .insertInto('liveSessions')
    .values(
      plans.map(({ pins: _, ...session }) => ({
        ...session,
        // booked a day before it starts, or a day ago for one still ahead
        createdAt: new Date(Math.min(session.scheduledAt.getTime(), t) - DAY),
      })),
    )
    .returning(['id', 'hostUserId', 'scheduledAt'])
    .execute();
  rows.forEach((r, i) => {
    if (
      r.hostUserId !== plans[i]!.hostUserId ||
      r.scheduledAt.getTime() !== plans[i]!.scheduledAt.getTime()
    ) {
      throw new Error('seed: inserted live sessions came back out of order');
    }
  });

  // Pinned an hour or so before the start; ending a session keeps its pins (what was on sale).
  const pins = plans.flatMap((plan, i) =>
    plan.pins.map((pin, j) => ({
      sessionId: rows[i]!.id,
      productId: pin.productId,
      commissionBp: pin.commissionBp,
      pinnedBy: plan.hostUserId,
      pinnedAt: new Date(
        Math.min(t, (plan.startedAt ?? plan.scheduledAt).getTime()) - (j + 1) * MINUTE - HOUR,
      ),
      unpinnedAt: null,
    })),
  );
  await tx.insertInto('livePins').values(pins).execute();

  return {
    sessionCount: rows.length,
    pinCount: pins.length,
    liveCount: plans.filter((p) => p.state === 'live').length,
    scheduledCount: plans.filter((p) => p.state === 'scheduled').length,
  };
}
