import { sql } from 'kysely';
import { hashPassword } from '../modules/identity/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import { DEMO_PASSWORD } from './demo-people.ts';
import { createRandom } from './random.ts';
import { insertAccounts } from './seed-accounts.ts';
import { insertAddresses } from './seed-addresses.ts';
import { insertFollows } from './seed-audience.ts';
import { insertCatalog } from './seed-catalog.ts';
import { insertCoupons } from './seed-coupons.ts';
import { insertFlashSales } from './seed-flash-sales.ts';
import { insertFreight } from './seed-freight.ts';
import { insertGrowth } from './seed-growth.ts';
import { insertLiveSessions } from './seed-live.ts';
import { insertProducts } from './seed-products.ts';
import { insertShops } from './seed-shops.ts';

/** What the seed logs its progress to (pino and Fastify loggers fit). */
export interface SeedLog {
  info(details: object, message: string): void;
}

export interface SeedCounts {
  categories: number;
  brands: number;
  users: number;
  shops: number;
  shopMembers: number;
  products: number;
  skus: number;
  productEvents: number;
  liveSessions: number;
  livePins: number;
  buyerAddresses: number;
  shopAddresses: number;
  freightTemplates: number;
  flashSales: number;
  couponCampaigns: number;
  buyerCoupons: number;
  follows: number;
}

export type SeedResult =
  | { seeded: false; reason: 'not_empty' }
  | { seeded: true; counts: SeedCounts; ms: number };

// Any constant: serialises seeding across processes starting at once on one database.
const SEED_LOCK = 7_324_110_002;
const SEED = 20_260_101;

const hasUsers = async (db: Db) =>
  (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;

/**
 * Seeds the demo marketplace (product rules §1–4) when the database has no users, else does nothing.
 * One transaction under an advisory lock: a second process starting at the same time waits, then
 * finds the users and skips; a failure leaves nothing behind. Deterministic for a given clock.
 */
export async function seedIfEmpty(db: Db, clock: Clock, log: SeedLog): Promise<SeedResult> {
  if (await hasUsers(db)) return { seeded: false, reason: 'not_empty' };
  const started = performance.now();
  // argon2id is deliberately slow: hash once, every demo account shares it.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = clock.now();
  const random = createRandom(SEED);
  const phase = (name: string, details: object) =>
    log.info({ phase: name, ...details, ms: Math.round(performance.now() - started) }, `seed: ${name}`);

  const counts = await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(tx);
    if (await hasUsers(tx)) return undefined;
    const catalog = await insertCatalog(tx);
    phase('catalog', { categories: catalog.categoryCount, brands: catalog.brands.size });
    const accounts = await insertAccounts(tx, random, now, passwordHash);
    phase('accounts', { users: accounts.count });
    const { shops, memberCount } = await insertShops(tx, random, now, catalog, accounts);
    phase('shops', { shops: shops.length, members: memberCount });
    const catalogRows = await insertProducts(tx, random, now, catalog, shops, accounts.reviewerId);
    phase('products', { products: catalogRows.products.length, skus: catalogRows.skuCount });
    const live = await insertLiveSessions(tx, random, now, accounts.creators, shops, catalogRows.products);
    phase('live', { sessions: live.sessionCount, live: live.liveCount, pins: live.pinCount });
    // Its own random stream: adding addresses leaves the rest of the demo marketplace as it was.
    const addresses = await insertAddresses(tx, createRandom(SEED + 59), now, shops);
    phase('addresses', addresses);
    const freight = await insertFreight(tx, createRandom(SEED + 60), now, shops, catalogRows.products);
    phase('freight', freight);
    const flashSales = await insertFlashSales(tx, now, shops);
    phase('flash sales', flashSales);
    const coupons = await insertCoupons(tx, now, shops);
    phase('coupons', coupons);
    const follows = await insertFollows(tx, now);
    phase('follows', follows);
    // product rules §7.5: a new shop partway up 新商启航, with a reward claimed and a boost running
    phase('growth', await insertGrowth(tx, now, shops));
    return {
      categories: catalog.categoryCount,
      brands: catalog.brands.size,
      users: accounts.count,
      shops: shops.length,
      shopMembers: memberCount,
      products: catalogRows.products.length,
      skus: catalogRows.skuCount,
      productEvents: catalogRows.eventCount,
      liveSessions: live.sessionCount,
      livePins: live.pinCount,
      ...addresses,
      ...freight,
      ...flashSales,
      ...coupons,
      ...follows,
    } satisfies SeedCounts;
  });
  if (!counts) return { seeded: false, reason: 'not_empty' };
  const ms = Math.round(performance.now() - started);
  log.info({ ...counts, ms }, 'seed: demo marketplace ready');
  return { seeded: true, counts, ms };
}
