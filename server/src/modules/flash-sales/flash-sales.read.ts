import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { getProductSummaries, getSkuStocks } from '../catalog/index.ts';
import { livePinsForSessions, sessionFacts } from '../live/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { OPEN_STATES } from './flash-sales.machine.ts';
import type { FlashSaleRow } from './flash-sales.store.ts';
import type { FlashSaleState } from './flash-sales.tables.ts';

export interface FlashSaleView {
  id: number;
  shopId: number;
  productId: number;
  skuId: number;
  spec: string;
  liveSessionId: number | null;
  title: string;
  imageUrl: string | null;
  priceFen: number;
  originalPriceFen: number;
  stockCap: number;
  sold: number;
  remaining: number;
  perBuyerLimit: number;
  startsAt: Date;
  endsAt: Date;
  state: FlashSaleState;
  createdAt: Date;
}

/** Running and upcoming sales with the server's time, so every viewer counts down from the same clock. */
export interface FlashSalesNow {
  serverNow: Date;
  flashSales: FlashSaleView[];
}

/** Sales as people see them: with the product's title and image and the SKU's own price now. */
export async function flashSaleViews(db: Executor, rows: FlashSaleRow[]): Promise<FlashSaleView[]> {
  const productIds = [...new Set(rows.map((r) => r.productId))];
  const [products, skus] = await Promise.all([
    getProductSummaries(db, productIds),
    getSkuStocks(db, productIds),
  ]);
  const productById = new Map(products.map((p) => [p.id, p]));
  const skuById = new Map(skus.map((s) => [s.skuId, s]));
  return rows.map((r) => {
    const product = productById.get(r.productId);
    const sku = skuById.get(r.skuId);
    return {
      id: r.id,
      shopId: r.shopId,
      productId: r.productId,
      skuId: r.skuId,
      spec: sku?.spec ?? '',
      liveSessionId: r.liveSessionId,
      title: product?.title ?? '',
      imageUrl: product?.imageUrl ?? null,
      priceFen: r.priceFen,
      originalPriceFen: sku?.priceFen ?? r.priceFen,
      stockCap: r.stockCap,
      sold: r.sold,
      remaining: Math.max(r.stockCap - r.sold, 0),
      perBuyerLimit: r.perBuyerLimit,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      state: r.state,
      createdAt: r.createdAt,
    };
  });
}

/** The shop's flash sales, newest first (merchant console). */
export async function listShopFlashSales(
  db: Executor,
  principal: Principal,
  shopId: number,
  query: { state?: FlashSaleState | undefined; limit: number; offset: number },
) {
  await requireShopMember(db, principal, shopId);
  let base = db.selectFrom('flashSales').where('shopId', '=', shopId);
  if (query.state) base = base.where('state', '=', query.state);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await flashSaleViews(db, rows), total: Number(count.n), ...query };
}

/**
 * Running and upcoming sales of a live room (every viewer's list and countdown): those offered in the
 * room, and the console's sales of products pinned in it while it is live (the price holds anywhere).
 */
export async function liveRoomFlashSales(
  db: Executor,
  clock: Clock,
  sessionId: number,
): Promise<FlashSalesNow> {
  if (!(await sessionFacts(db, sessionId))) throw notFound('live session', sessionId);
  const pinned = [...((await livePinsForSessions(db, [sessionId])).get(sessionId)?.pins.keys() ?? [])];
  const rows = await db
    .selectFrom('flashSales')
    .selectAll()
    .where((eb) =>
      pinned.length === 0
        ? eb('liveSessionId', '=', sessionId)
        : eb.or([
            eb('liveSessionId', '=', sessionId),
            eb.and([eb('liveSessionId', 'is', null), eb('productId', 'in', pinned)]),
          ]),
    )
    .where('state', 'in', OPEN_STATES)
    .orderBy('startsAt')
    .orderBy('id')
    .execute();
  return { serverNow: clock.now(), flashSales: await flashSaleViews(db, rows) };
}

/** Running and upcoming sales of a product's SKUs (the product page). */
export async function productFlashSales(
  db: Executor,
  clock: Clock,
  productId: number,
): Promise<FlashSalesNow> {
  const rows = await db
    .selectFrom('flashSales')
    .selectAll()
    .where('productId', '=', productId)
    .where('state', 'in', OPEN_STATES)
    .orderBy('startsAt')
    .orderBy('id')
    .execute();
  return { serverNow: clock.now(), flashSales: await flashSaleViews(db, rows) };
}
