import { sql } from 'kysely';
import { insertFlashSale } from '../modules/flash-sales/index.ts';
import { HOUR, MINUTE } from '../platform/clock.ts';
import type { Tx } from '../platform/db.ts';
import type { SeededShop } from './seed-shops.ts';

// Two scheduled flash sales (秒杀), started and ended by the deadline runner like any other:
// one in the shop room that is live now, on a product pinned there, 15 minutes after seeding (the
// room's countdown runs as soon as the demo opens); one on a shop's product, 2 hours after seeding.
const PLANS = [
  { shop: '鲜丰果园', inLiveRoom: true, startsInMs: 15 * MINUTE, lastsMs: 30 * MINUTE },
  { shop: '小米官方旗舰店', inLiveRoom: false, startsInMs: 2 * HOUR, lastsMs: 2 * HOUR },
] as const;

const wholeMinute = (ms: number) => Math.ceil(ms / MINUTE) * MINUTE;

export async function insertFlashSales(
  tx: Tx,
  now: Date,
  shops: SeededShop[],
): Promise<{ flashSales: number }> {
  let count = 0;
  for (const plan of PLANS) {
    const shop = shops.find((s) => s.def.name === plan.shop);
    if (!shop) continue;
    // The room's first pinned product, or the shop's listed SKU with the most stock.
    const pick = await sql<{
      skuId: number;
      productId: number;
      priceFen: number;
      stock: number;
      sessionId: number | null;
    }>`
      select s.id as sku_id, s.product_id, s.price_fen, s.stock, ${plan.inLiveRoom ? sql`ls.id` : sql`null::bigint`} as session_id
      from skus s
      join products p on p.id = s.product_id and p.state = 'listed' and p.shop_id = ${shop.id}
      ${
        plan.inLiveRoom
          ? sql`join live_pins lp on lp.product_id = p.id and lp.unpinned_at is null
                join live_sessions ls on ls.id = lp.session_id and ls.state = 'live' and ls.shop_id = ${shop.id}`
          : sql``
      }
      where s.stock >= 10 and s.price_fen >= 200
      order by ${plan.inLiveRoom ? sql`lp.id,` : sql``} s.stock desc, s.id
      limit 1`.execute(tx);
    const sku = pick.rows[0];
    if (!sku) continue;
    const startsAt = new Date(wholeMinute(now.getTime() + plan.startsInMs));
    await insertFlashSale(
      tx,
      {
        shopId: shop.id,
        productId: sku.productId,
        skuId: sku.skuId,
        liveSessionId: sku.sessionId,
        // about 30% off, to the ten fen
        priceFen: Math.max(10, Math.floor((sku.priceFen * 0.7) / 10) * 10),
        stockCap: Math.min(sku.stock, 50),
        perBuyerLimit: 2,
        startsAt,
        endsAt: new Date(startsAt.getTime() + plan.lastsMs),
        createdBy: shop.ownerId,
      },
      now,
    );
    count += 1;
  }
  return { flashSales: count };
}
