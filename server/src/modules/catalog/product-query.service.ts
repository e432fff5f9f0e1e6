import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { ReadCache } from '../../platform/read-cache.ts';
import { regionName, shopAddress } from '../addresses/index.ts';
import { type ShippingTerms, shippingTerms } from '../freight/index.ts';
import {
  isSellingShop,
  requireShopMember,
  type ShopState,
  shopIsSelling,
  shopNameOf,
  shopStateOf,
} from '../shops/index.ts';
import type { ProductState } from './catalog.tables.ts';
import { subtreeIds } from './categories.service.ts';
import { effectiveGuarantees, type Guarantee, type GuaranteeCode } from './guarantees.ts';
import type { ShopProductSort } from './product.schema.ts';
import { cardImageUrl, imageUrlOf, type ProductImage, thumbnailUrlOf } from './product-images.read.ts';
import type { UnitsSold } from './product-sales.ts';

export interface Sku {
  id: number;
  code: string;
  spec: string;
  priceFen: number;
  /** The claimed original price (划线价), shown struck through; null: none. */
  originalPriceFen: number | null;
  stock: number;
  purchaseLimit: number | null;
  weightGrams: number;
}

/** A product as buyers see it. */
export interface ProductDetail {
  id: number;
  shopId: number;
  shopName: string;
  categoryId: number;
  categoryName: string;
  brand: { id: number; name: string } | null;
  title: string;
  description: string;
  imageUrl: string | null;
  creatorCommissionBp: number | null;
  guarantees: Guarantee[];
  skus: Sku[];
  /** Uploaded images, the main one first. */
  images: ProductImage[];
  freightTemplateId: number | null;
  presaleShipDays: number | null;
  /** The terms it ships on (its template or the shop's default); null: free. */
  shipping: ShippingTerms | null;
  /** Where it ships from: the city of the shop's warehouse ('浙江省 杭州市'); null when the shop has none. */
  shipsFrom: string | null;
}

/** A product as its shop and ops see it. */
export interface ManagedProduct extends ProductDetail {
  state: ProductState;
  stateReason: string | null;
  optInGuarantees: GuaranteeCode[];
  qualificationNo: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProductListItem {
  id: number;
  shopId: number;
  shopName: string;
  categoryId: number;
  title: string;
  imageUrl: string | null;
  state: ProductState;
  minPriceFen: number;
  /** The 划线价 of the cheapest SKU, shown struck through beside its price; null: none. */
  originalPriceFen: number | null;
  totalStock: number;
  guarantees: GuaranteeCode[];
  updatedAt: Date;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

async function shipsFrom(db: Executor, shopId: number): Promise<string | null> {
  const warehouse = await shopAddress(db, shopId, 'warehouse');
  return warehouse ? (regionName(`${warehouse.regionCode.slice(0, 4)}00`) ?? null) : null;
}

// Buyers do not see the goods of shops that governance suspended or closed (product rules §2): the
// shop's name and state come from shops' own SQL fragments, one query as before.
const productShopId = sql.ref<number>('p.shopId');

/** Where a shop ships from and on which terms: the same for all its products on one template. */
type ShopTerms = (
  db: Executor,
  shopId: number,
  templateId: number | null,
) => Promise<{ shipping: ShippingTerms | null; shipsFrom: string | null }>;

const readShopTerms: ShopTerms = async (db, shopId, templateId) => {
  const [shipping, from] = await Promise.all([shippingTerms(db, shopId, templateId), shipsFrom(db, shopId)]);
  return { shipping, shipsFrom: from };
};

/**
 * The shop's terms through the read cache (kept `ttlMs`, dropped when the shop, its freight templates or
 * its addresses change: migration 0106): a product page that misses the cache is then one statement.
 */
export function cachedShopTerms(cache: ReadCache, ttlMs: number): ShopTerms {
  return (db, shopId, templateId) =>
    cache.get(`shop-terms:${shopId}:${templateId}`, ttlMs, async () => ({
      value: await readShopTerms(db, shopId, templateId),
      tags: [`shop:${shopId}`],
    }));
}

interface ProductRow {
  id: number;
  shopId: number;
  shopName: string;
  shopState: ShopState;
  categoryId: number;
  categoryName: string;
  defaultGuarantees: string[];
  brandId: number | null;
  brandName: string | null;
  title: string;
  description: string;
  imageUrl: string | null;
  creatorCommissionBp: number | null;
  guarantees: string[];
  state: ProductState;
  stateReason: string | null;
  qualificationNo: string | null;
  freightTemplateId: number | null;
  presaleShipDays: number | null;
  createdAt: Date;
  updatedAt: Date;
  skus: Sku[];
  imageRows: { id: number; width: number; height: number }[];
}

async function loadProduct(
  db: Executor,
  productId: number,
  shopTerms: ShopTerms = readShopTerms,
): Promise<{ product: ManagedProduct; shopState: ShopState } | undefined> {
  // One statement with the SKUs and images, written as SQL: a product page that misses the read cache
  // is one round trip of catalog's, and building it costs little (the query builder's tree for the
  // same select cost about as much CPU as the round trip).
  const result = await sql<ProductRow>`
    select p.id, p.shop_id, ${shopNameOf(productShopId)} as shop_name, ${shopStateOf(productShopId)} as shop_state,
      p.category_id, c.name as category_name, c.default_guarantees, b.id as brand_id, b.name as brand_name,
      p.title, p.description, p.image_url, p.creator_commission_bp, p.guarantees, p.state, p.state_reason,
      p.qualification_no, p.freight_template_id, p.presale_ship_days, p.created_at, p.updated_at,
      (select coalesce(json_agg(k order by k.id), '[]') from (
        select id, code, spec, price_fen, original_price_fen, stock, purchase_limit, weight_grams
        from skus where product_id = p.id) k) as skus,
      (select coalesce(json_agg(json_build_object('id', i.id, 'width', i.width, 'height', i.height)
        order by i.position), '[]') from product_images i where i.product_id = p.id) as image_rows
    from products p
    join categories c on c.id = p.category_id
    left join brands b on b.id = p.brand_id
    where p.id = ${productId}`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  // the shop's shipping terms and warehouse (their modules' tables): one more round trip
  const terms = await shopTerms(db, row.shopId, row.freightTemplateId);
  const images = row.imageRows.map((r) => ({
    ...r,
    url: imageUrlOf(r.id),
    thumbnailUrl: thumbnailUrlOf(r.id),
  }));
  const { defaultGuarantees, brandId, brandName, shopState, guarantees, imageRows, ...product } = row;
  return {
    shopState,
    product: {
      ...product,
      brand: brandId !== null && brandName !== null ? { id: brandId, name: brandName } : null,
      guarantees: effectiveGuarantees(defaultGuarantees, guarantees),
      optInGuarantees: guarantees as GuaranteeCode[],
      images,
      ...terms,
    },
  };
}

/** The buyer's view: listed products of selling shops only; anything else is not found. */
export async function getListedProduct(
  db: Executor,
  productId: number,
  shopTerms?: ShopTerms,
): Promise<ProductDetail> {
  const found = await loadProduct(db, productId, shopTerms);
  if (found?.product.state !== 'listed' || !isSellingShop(found.shopState)) {
    throw notFound('product', productId);
  }
  const { state, stateReason, optInGuarantees, qualificationNo, createdAt, updatedAt, ...detail } =
    found.product;
  // Buyers see the main uploaded image where the product has one.
  return { ...detail, imageUrl: detail.images[0]?.url ?? detail.imageUrl };
}

/** Ops see any product. */
export async function getAnyProduct(db: Executor, productId: number): Promise<ManagedProduct> {
  const found = await loadProduct(db, productId);
  if (!found) throw notFound('product', productId);
  return found.product;
}

/**
 * The shop's product for one of its members. Another tenant's shop or product answers 404, so that
 * ids of others leak nothing.
 */
export async function requireShopProduct(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
): Promise<void> {
  await requireShopMember(db, principal, shopId);
  const found = await db
    .selectFrom('products')
    .select('id')
    .where('id', '=', productId)
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  if (!found) throw notFound('product', productId);
}

export async function getShopProduct(
  db: Executor,
  principal: Principal,
  shopId: number,
  productId: number,
): Promise<ManagedProduct> {
  await requireShopProduct(db, principal, shopId, productId);
  return getAnyProduct(db, productId);
}

interface ListFilter {
  state?: ProductState;
  shopId?: number;
  categoryId?: number;
  q?: string;
  sellingShopsOnly?: boolean;
  limit?: number;
  offset?: number;
  /** newest first (default), or oldest change first for review queues */
  order?: 'newest' | 'oldest_change';
  /** a column and direction; overrides `order` */
  sort?: { by: ShopProductSort; direction: 'asc' | 'desc' };
}

const SORT_COLUMNS = {
  updated: sql`p.updated_at`,
  created: sql`p.created_at`,
  title: sql`p.title`,
  price: sql`min_price_fen`,
  stock: sql`total_stock`,
} as const satisfies Record<ShopProductSort, unknown>;

/** `LIKE` pattern matching `text` anywhere, with its own % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Executor, filter: ListFilter & { categoryIds?: readonly number[] }) {
  let query = db.selectFrom('products as p');
  if (filter.state) query = query.where('p.state', '=', filter.state);
  if (filter.shopId !== undefined) query = query.where('p.shopId', '=', filter.shopId);
  if (filter.sellingShopsOnly) query = query.where(shopIsSelling(productShopId));
  if (filter.categoryIds)
    query = query.where(sql<boolean>`p.category_id = any(${filter.categoryIds}::bigint[])`);
  const keyword = filter.q?.trim();
  if (keyword) query = query.where(sql<boolean>`p.title ilike ${containsPattern(keyword)} escape '\\'`);
  return query;
}

export async function listProducts(db: Executor, query: ListFilter): Promise<Page<ProductListItem>> {
  const limit = query.limit ?? 20;
  const offset = query.offset ?? 0;
  // The ids first, as a plain list: a recursive subquery inside the filter hides from the planner how
  // few categories match, and it scans every product instead of using the category index.
  const filter =
    query.categoryId === undefined
      ? query
      : { ...query, categoryIds: await subtreeIds(db, query.categoryId) };
  const ordered = filter.order === 'oldest_change' ? (['p.updatedAt', 'p.id'] as const) : (['p.id'] as const);
  const direction = filter.order === 'oldest_change' ? 'asc' : 'desc';
  const sort = filter.sort;
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .innerJoin('categories as c', 'c.id', 'p.categoryId')
      .select([
        'p.id',
        'p.shopId',
        shopNameOf(productShopId).as('shopName'),
        'p.categoryId',
        'p.title',
        cardImageUrl.as('imageUrl'),
        'p.state',
        'p.guarantees',
        'c.defaultGuarantees',
        'p.updatedAt',
        sql<number>`coalesce((select min(k.price_fen) from skus k where k.product_id = p.id), 0)`.as(
          'minPriceFen',
        ),
        sql<
          number | null
        >`(select k.original_price_fen from skus k where k.product_id = p.id order by k.price_fen, k.id limit 1)`.as(
          'originalPriceFen',
        ),
        sql<number>`coalesce((select sum(k.stock) from skus k where k.product_id = p.id), 0)::bigint`.as(
          'totalStock',
        ),
      ])
      .$call((q) =>
        sort
          ? q
              .orderBy(sql`${SORT_COLUMNS[sort.by]} ${sql.raw(sort.direction === 'asc' ? 'asc' : 'desc')}`)
              .orderBy('p.id', sort.direction)
          : ordered.reduce((acc, column) => acc.orderBy(column, direction), q),
      )
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered(db, filter).select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map(({ guarantees, defaultGuarantees, ...row }) => ({
    ...row,
    guarantees: effectiveGuarantees(defaultGuarantees, guarantees).map((g) => g.code),
  }));
  return { items, total: count.total, limit, offset };
}

/** product rules §2 browse: listed products of selling shops, newest first. */
export function searchProducts(
  db: Executor,
  query: { q?: string; categoryId?: number; shopId?: number; limit?: number; offset?: number },
): Promise<Page<ProductListItem>> {
  return listProducts(db, { ...query, state: 'listed', sellingShopsOnly: true });
}

export interface ShopProductListItem extends ProductListItem {
  unitsSold: number;
  skus: Pick<Sku, 'id' | 'code' | 'spec' | 'priceFen' | 'originalPriceFen' | 'stock'>[];
}

/**
 * The shop's product table: any state, searchable by title, sorted by a column (default: the latest
 * change first), with each product's SKUs (for editing price and stock in place) and units sold.
 */
export async function listShopProducts(
  db: Executor,
  principal: Principal,
  shopId: number,
  query: {
    state?: ProductState;
    q?: string;
    sort?: ShopProductSort;
    order?: 'asc' | 'desc';
    limit?: number;
    offset?: number;
  },
  unitsSold: UnitsSold,
): Promise<Page<ShopProductListItem>> {
  await requireShopMember(db, principal, shopId);
  const { sort = 'updated', order = 'desc', ...filter } = query;
  const page = await listProducts(db, { ...filter, shopId, sort: { by: sort, direction: order } });
  const ids = page.items.map((p) => p.id);
  const [skus, sold] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .selectFrom('skus')
          .select(['id', 'productId', 'code', 'spec', 'priceFen', 'originalPriceFen', 'stock'])
          .where('productId', 'in', ids)
          .orderBy('id')
          .execute(),
    unitsSold(db, ids),
  ]);
  const items = page.items.map((p) => ({
    ...p,
    unitsSold: sold.get(p.id) ?? 0,
    skus: skus.filter((k) => k.productId === p.id).map(({ productId, ...k }) => k),
  }));
  return { ...page, items };
}

/** The review queue: oldest submission first. */
export function reviewQueue(
  db: Executor,
  query: { state?: ProductState; limit?: number; offset?: number },
): Promise<Page<ProductListItem>> {
  return listProducts(db, { ...query, state: query.state ?? 'in_review', order: 'oldest_change' });
}
