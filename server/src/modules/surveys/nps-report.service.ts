import type { Executor } from '../../platform/db.ts';
import type { NpsFigure } from './nps.rule.ts';
import { npsByShop, platformNps } from './nps.service.ts';

const DAY_MS = 86_400_000;

/** The window of the last `days` days ending at `now`. */
export function npsWindow(now: Date, days: number): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}

/** The platform figure for ops: NPS over the window's answers and how many surveys it offered. */
export async function platformNpsReport(db: Executor, window: { from: Date; to: Date }) {
  const [platform, offered] = await Promise.all([
    platformNps(db, window.from, window.to),
    db
      .selectFrom('npsInvitations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('offeredAt', '>', window.from)
      .where('offeredAt', '<=', window.to)
      .executeTakeFirstOrThrow(),
  ]);
  return { ...window, platform, offered: Number(offered.n) };
}

/** A shop's NPS beside the platform's over the same window (the merchant dashboard's card). */
export async function shopNpsReport(
  db: Executor,
  shopId: number,
  window: { from: Date; to: Date },
): Promise<{ from: Date; to: Date; shop: NpsFigure; platform: NpsFigure }> {
  const [[shop], platform] = await Promise.all([
    npsByShop(db, window.from, window.to, [shopId]),
    platformNps(db, window.from, window.to),
  ]);
  const none = { promoters: 0, passives: 0, detractors: 0, responses: 0, nps: null };
  const { shopId: _id, ...figure } = shop ?? { shopId, ...none };
  return { ...window, shop: figure, platform };
}
