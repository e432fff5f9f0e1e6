import { DAY, HOUR } from '../src/platform/clock.ts';
import { createRandom, type Random } from '../src/seed/random.ts';
import { SimClient } from './client.ts';
import type { BuyerRole, MerchantRole, Population } from './population.ts';
import * as T from './texts.ts';
import { createAccount, renewToken, type World } from './world.ts';

/**
 * The marketplace simulator's agents and their day: buyers and merchants with ground truth acting
 * through the real HTTP API, hour by hour on the manual clock, the deadlines run after every step.
 * Everything an agent did is logged with what it really was (`Ledger`), for the measurement.
 */

export interface Buyer {
  role: BuyerRole;
  id: number;
  login: string;
  token: string;
  device: string;
  ring: number | null;
  /** This buyer's appetite: orders per day. */
  ordersPerDay: number;
}

interface Listing {
  productId: number;
  skuId: number;
  priceFen: number;
  truth: 'ok' | 'counterfeit' | 'unlicensed';
  category: keyof typeof T.GOOD_TITLES;
}

export interface Merchant {
  role: MerchantRole;
  id: number;
  token: string;
  shopId: number;
  listings: Listing[];
  /** Hours from payment to shipping, drawn per order in [min, max]. */
  shipDelay: [number, number];
  /** UTC hour its live session starts each day. */
  liveHour: number;
  session: { id: number; endsAt: number } | null;
}

interface SimOrder {
  id: number;
  lineId: number;
  buyer: Buyer;
  merchant: Merchant;
  listing: Listing;
  paidFen: number;
  paidAt: number;
  shipAt: number;
  shipmentId: number | null;
  track: { at: number; event: 'picked_up' | 'in_transit' | 'delivered' }[];
  deliveredAt: number | null;
  /** What the buyer does on delivery, decided when it orders. */
  plan: 'confirm' | 'return' | 'quality_refund' | 'quality_return' | 'not_received' | 'extort' | 'cancel';
  /** Hours after delivery it acts. */
  actAfter: number;
  done: boolean;
}

/** An after-sales request as opened, with what it really was. */
export interface SimRequest {
  id: number;
  buyerRole: BuyerRole;
  buyerId: number;
  shopId: number;
  merchantRole: MerchantRole;
  productId: number;
  type: string;
  reason: string;
  abusive: boolean;
  openedAt: number;
  /** The state and rule the answer to the request carried (decided within the request or not). */
  stateAtOpen: string;
  autoRule: string | null;
  requestedFen: number;
  /** Merchant action planned at (ms), and the return parcel's steps. */
  merchantActAt: number | null;
  returnShipAt: number | null;
  receiptAt: number | null;
  state: string;
}

export type TextKind = 'live_comment' | 'live_title' | 'video_caption' | 'review' | 'chat';
export type TextTruth = 'honest' | 'evasive' | 'hype' | 'extortion';

export interface SimText {
  kind: TextKind;
  truth: TextTruth;
  text: string;
  authorRole: BuyerRole | MerchantRole;
  /** Row of the content (comment, review, chat message) when written; its decision is read at the end. */
  table: 'liveComments' | 'reviews' | 'videos' | 'chatMessages' | null;
  rowId: number | null;
  /** Decided at the call: 'block' (refused), or the outcome of a decision read right after it. */
  outcome: 'allow' | 'review' | 'block' | null;
}

export interface SimListing {
  productId: number | null;
  shopId: number;
  merchantRole: MerchantRole;
  truth: Listing['truth'];
  title: string;
  /** listed | in_review | rejected | refused (the submit itself answered 4xx). */
  state: string;
}

export interface Ledger {
  buyers: Buyer[];
  merchants: Merchant[];
  orders: number;
  ordersRefused: Map<string, number>;
  requests: SimRequest[];
  texts: SimText[];
  listings: SimListing[];
}

export interface MarketOptions {
  days: number;
  seed: number;
  population: Population;
  /** Progress lines (a day done); silent when absent. */
  progress?: (line: string) => void;
}

const START = new Date('2026-11-02T00:00:00Z');

export async function runMarket(
  world: World,
  options: MarketOptions,
): Promise<{ ledger: Ledger; client: SimClient }> {
  const r = createRandom(options.seed);
  const client = new SimClient(world.baseUrl, options.seed);
  world.clock.set(START);
  const ledger: Ledger = {
    buyers: [],
    merchants: [],
    orders: 0,
    ordersRefused: new Map(),
    requests: [],
    texts: [],
    listings: [],
  };
  await setUpWorld(world, client, r, options.population, ledger);
  const market = new Market(world, client, r, ledger);
  const hours = options.days * 24;
  const started = performance.now();
  const spent = { agents: 0, deadlines: 0 };
  for (let h = 0; h < hours; h++) {
    const t0 = performance.now();
    await market.hour();
    world.clock.advance(HOUR);
    const t1 = performance.now();
    await runDeadlines(world);
    spent.agents += t1 - t0;
    spent.deadlines += performance.now() - t1;
    if ((h + 1) % 24 === 0) {
      if ((h + 1) % (20 * 24) === 0) await market.renewTokens();
      options.progress?.(
        `day ${(h + 1) / 24}/${options.days}: ${ledger.orders} orders, ${ledger.requests.length} after-sales requests, ${client.totalCalls} calls, ${Math.round((performance.now() - started) / 1000)} s (agents ${Math.round(spent.agents / 1000)} s, deadlines ${Math.round(spent.deadlines / 1000)} s)`,
      );
    }
  }
  // Let the last deadlines (merchant silence, refunds) play out for two more days, with no new orders.
  for (let h = 0; h < 48; h++) {
    await market.hour({ quiet: true });
    world.clock.advance(HOUR);
    await runDeadlines(world);
  }
  return { ledger, client };
}

/** Runs the tasks, at most `size` at a time. */
async function inPool(tasks: (() => Promise<void>)[], size: number) {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, lane));
}

async function runDeadlines(world: World) {
  // A handler may schedule another deadline already due: run until nothing is.
  for (let i = 0; i < 20; i++) {
    const ran = await world.deadlines.runDue();
    if (ran.claimed === 0) break;
  }
}

interface Categories {
  apparel: number;
  food: number;
  cosmetic: number;
  brands: number[];
}

/** Categories, brands, ops, accounts and shops (direct inserts: world setup), products through the API. */
async function setUpWorld(world: World, client: SimClient, r: Random, pop: Population, ledger: Ledger) {
  const db = world.db;
  const now = world.clock.now();
  const category = async (values: {
    name: string;
    regulatedType: 'food' | 'cosmetic' | null;
    noReasonReturn: boolean;
    guarantees: string[];
    required: string[];
  }) =>
    (
      await db
        .insertInto('categories')
        .values({
          name: values.name,
          nameEn: values.name,
          parentId: null,
          regulatedType: values.regulatedType,
          noReasonReturn: values.noReasonReturn,
          perishable: false,
          defaultGuarantees: values.guarantees,
          requiredQualifications: values.required,
          depositFen: 0,
          commissionBp: 500,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const categories: Categories = {
    apparel: await category({
      name: '模拟服饰',
      regulatedType: null,
      noReasonReturn: true,
      guarantees: ['no_reason_7d', 'freight_insurance'],
      required: [],
    }),
    food: await category({
      name: '模拟食品',
      regulatedType: 'food',
      noReasonReturn: true,
      guarantees: ['no_reason_7d'],
      required: ['food_production_licence'],
    }),
    cosmetic: await category({
      name: '模拟美妆',
      regulatedType: 'cosmetic',
      noReasonReturn: true,
      guarantees: ['no_reason_7d'],
      required: ['cosmetic_registration', 'cosmetic_filing'],
    }),
    brands: [],
  };
  for (const name of ['极光运动', '云锦家纺', '白鹭美妆']) {
    const brand = await db
      .insertInto('brands')
      .values({ name, nameEn: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    categories.brands.push(brand.id);
  }

  // ---- merchants and their shops ----
  let m = 0;
  for (const role of ['good', 'slow_shipper', 'hype_host', 'unlicensed', 'counterfeiter'] as const) {
    for (let i = 0; i < pop.merchants[role]; i++) {
      m += 1;
      const owner = await createAccount(world, 'merchant', `sim-${role}-${i + 1}`, {
        createdAt: new Date(now.getTime() - r.int(200, 900) * DAY),
      });
      const main =
        role === 'unlicensed'
          ? r.pick([categories.food, categories.cosmetic])
          : role === 'good' && i % 3 === 1
            ? categories.food
            : categories.apparel;
      const shop = await db
        .insertInto('shops')
        .values({
          name: `模拟店铺${m}`,
          type: 'enterprise',
          ownerUserId: owner.id,
          mainCategoryId: main,
          state: 'active',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('shopMembers')
        .values({ shopId: shop.id, userId: owner.id, role: 'owner' })
        .execute();
      for (const kind of ['warehouse', 'return'] as const)
        await db
          .insertInto('shopAddresses')
          .values({
            shopId: shop.id,
            kind,
            recipient: `店主${m}`,
            phone: `1390000${String(1000 + m)}`,
            regionCode: '330106',
            detail: `模拟仓库 ${m} 号`,
          })
          .execute();
      ledger.merchants.push({
        role,
        id: owner.id,
        token: owner.token,
        shopId: shop.id,
        listings: [],
        shipDelay: role === 'slow_shipper' ? [30, 110] : [2, 26],
        liveHour: 10 + (m % 6),
        session: null,
      });
    }
  }

  // ---- listings, through the API (the listing checkpoint decides them) ----
  const submit = async (
    merchant: Merchant,
    truth: Listing['truth'],
    body: Record<string, unknown>,
    category: Listing['category'],
    priceFen: number,
  ) => {
    const created = await client.call('POST', '/shops/:id/products', `/shops/${merchant.shopId}/products`, {
      token: merchant.token,
      body: {
        skus: [{ code: 'A', spec: '默认', priceFen, stock: 100_000 }],
        ...body,
      },
    });
    const title = String(body.title);
    if (!created.ok) {
      ledger.listings.push({
        productId: null,
        shopId: merchant.shopId,
        merchantRole: merchant.role,
        truth,
        title,
        state: 'refused',
      });
      return;
    }
    const productId: number = created.body.id;
    const submitted = await client.call(
      'POST',
      '/shops/:id/products/:productId/submit',
      `/shops/${merchant.shopId}/products/${productId}/submit`,
      { token: merchant.token },
    );
    const state = submitted.ok ? String(submitted.body.state) : 'refused';
    ledger.listings.push({
      productId,
      shopId: merchant.shopId,
      merchantRole: merchant.role,
      truth,
      title,
      state,
    });
    if (state === 'listed') {
      const skuId = created.body.skus?.[0]?.id ?? (await skuOf(world, productId));
      merchant.listings.push({ productId, skuId, priceFen, truth, category });
    }
  };
  const honestListing = async (merchant: Merchant) => {
    const main = (
      await db
        .selectFrom('shops')
        .select('mainCategoryId')
        .where('id', '=', merchant.shopId)
        .executeTakeFirstOrThrow()
    ).mainCategoryId;
    const category: Listing['category'] =
      main === categories.food ? 'food' : main === categories.cosmetic ? 'cosmetic' : 'apparel';
    const title =
      `${r.pick(T.GOOD_TITLES[category])} ${r.pick(['经典款', '新款', '家庭装', '基础款', ''])}`.trim();
    const body: Record<string, unknown> = { title, categoryId: main };
    if (category === 'food') body.qualificationNo = r.pick(T.VALID_FOOD_NUMBERS);
    if (category === 'cosmetic') body.qualificationNo = r.pick(T.VALID_COSMETIC_NUMBERS);
    await submit(merchant, 'ok', body, category, r.int(29, 199) * 100 + 90);
  };
  // Honest shops first: comparable listings exist before the counterfeit ones are priced against them.
  for (const merchant of ledger.merchants.filter(
    (x) => x.role !== 'counterfeiter' && x.role !== 'unlicensed',
  ))
    for (let k = 0; k < 4; k++) await honestListing(merchant);
  for (const merchant of ledger.merchants.filter((x) => x.role === 'unlicensed')) {
    for (let k = 0; k < 2; k++) await honestListing(merchant);
    const main = (
      await db
        .selectFrom('shops')
        .select('mainCategoryId')
        .where('id', '=', merchant.shopId)
        .executeTakeFirstOrThrow()
    ).mainCategoryId;
    const food = main === categories.food;
    for (let k = 0; k < 4; k++) {
      const category = food ? 'food' : 'cosmetic';
      const body: Record<string, unknown> = {
        title: `${r.pick(T.GOOD_TITLES[category])} ${r.pick(['特价', '老客专享', '厂家直供'])}`,
        categoryId: main,
      };
      // Some leave the number out (refused at submit, naming the field), most give a bad one.
      if (k > 0 || r.chance(0.5))
        body.qualificationNo = r.pick(food ? T.BAD_FOOD_NUMBERS : T.BAD_COSMETIC_NUMBERS);
      await submit(merchant, 'unlicensed', body, category, r.int(29, 129) * 100);
    }
  }
  for (const merchant of ledger.merchants.filter((x) => x.role === 'counterfeiter')) {
    for (let k = 0; k < 2; k++) await honestListing(merchant);
    for (let k = 0; k < 4; k++) {
      const body: Record<string, unknown> = {
        title: r.pick(T.COUNTERFEIT_TITLES),
        categoryId: categories.apparel,
      };
      // Half claim the brand outright; the others only hint at it in the title.
      if (r.chance(0.5)) body.brandId = r.pick(categories.brands);
      await submit(merchant, 'counterfeit', body, 'apparel', r.int(12, 60) * 100 + 90);
    }
  }

  // ---- buyers ----
  let n = 0;
  const buyer = async (
    role: BuyerRole,
    ring: number | null,
    shared?: { device: string; phone: string; detail: string },
  ) => {
    n += 1;
    const ageDays =
      role === 'honest' ? r.int(60, 900) : role === 'fraud_ring' ? r.int(1, 20) : r.int(10, 400);
    const phone = shared?.phone ?? `13${r.digits(9)}`;
    const account = await createAccount(world, 'buyer', `sim-${role}-${n}`, {
      createdAt: new Date(now.getTime() - ageDays * DAY),
      phone,
    });
    await db
      .insertInto('buyerAddresses')
      .values({
        buyerId: account.id,
        recipient: `买家${n}`,
        phone,
        regionCode: r.pick(['330106', '310104', '440305', '110105', '510107']),
        detail: shared?.detail ?? `模拟路 ${r.int(1, 999)} 号 ${r.int(1, 30)} 幢 ${r.int(101, 2505)} 室`,
        isDefault: true,
      })
      .execute();
    const appetite: Record<BuyerRole, [number, number]> = {
      honest: [0.15, 0.8],
      refund_abuser: [0.8, 1.6],
      freight_abuser: [0.6, 1.2],
      fraud_ring: [0.8, 1.5],
      extortioner: [0.4, 0.8],
      evasive_commenter: [0.05, 0.2],
    };
    const [lo, hi] = appetite[role];
    ledger.buyers.push({
      role,
      id: account.id,
      login: `sim-${role}-${n}`,
      token: account.token,
      device: shared?.device ?? `dev-${options_seed(r)}-${n}`,
      ring,
      ordersPerDay: lo + r.next() * (hi - lo),
    });
  };
  for (const role of [
    'honest',
    'refund_abuser',
    'freight_abuser',
    'extortioner',
    'evasive_commenter',
  ] as const)
    for (let i = 0; i < pop.buyers[role]; i++) await buyer(role, null);
  for (let g = 0; g < pop.rings.count; g++) {
    const shared = {
      device: `ring-device-${g + 1}`,
      phone: `1770000${String(1000 + g)}`,
      detail: `城中村 ${g + 1} 巷 ${r.int(1, 99)} 号 代收点`,
    };
    for (let i = 0; i < pop.rings.size; i++) await buyer('fraud_ring', g + 1, shared);
  }
  return { categories };
}

const options_seed = (r: Random) => r.digits(6);

async function skuOf(world: World, productId: number): Promise<number> {
  return (
    await world.db
      .selectFrom('skus')
      .select('id')
      .where('productId', '=', productId)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
}

class Market {
  private orders: SimOrder[] = [];
  private open: SimRequest[] = [];
  private conversations = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly client: SimClient,
    private readonly r: Random,
    private readonly ledger: Ledger,
  ) {}

  private get now() {
    return this.world.clock.now().getTime();
  }

  async renewTokens() {
    for (const b of this.ledger.buyers) b.token = await renewToken(this.world, b.id);
    for (const m of this.ledger.merchants) m.token = await renewToken(this.world, m.id);
  }

  async hour(opts: { quiet?: boolean } = {}) {
    const hourOfDay = this.world.clock.now().getUTCHours();
    if (!opts.quiet) await this.liveRooms(hourOfDay);
    await this.shipAndTrack();
    await this.buyersAct(opts.quiet === true);
    await this.afterDelivery();
    await this.merchantsAnswer();
  }

  // ---- live rooms: schedule, start, speak, end ----

  private async liveRooms(hourOfDay: number) {
    const r = this.r;
    for (const m of this.ledger.merchants) {
      if (m.session && this.now >= m.session.endsAt) {
        await this.client.call('POST', '/live/sessions/:id/end', `/live/sessions/${m.session.id}/end`, {
          token: m.token,
        });
        m.session = null;
      }
      if (!m.session && hourOfDay === m.liveHour && m.listings.length > 0) {
        const hype = m.role === 'hype_host' && r.chance(0.7);
        const title = hype ? T.hypeTitle(r) : T.honestTitle(r);
        const scheduled = await this.client.call('POST', '/live/sessions', '/live/sessions', {
          token: m.token,
          body: { title, scheduledAt: new Date(this.now + 60_000).toISOString(), shopId: m.shopId },
        });
        const text: SimText = {
          kind: 'live_title',
          truth: hype ? 'hype' : 'honest',
          text: title,
          authorRole: m.role,
          table: null,
          rowId: null,
          outcome: null,
        };
        if (!scheduled.ok) {
          text.outcome = scheduled.status === 400 ? 'block' : null;
          if (text.outcome) this.ledger.texts.push(text);
          continue;
        }
        text.outcome = await this.lastDecision('live_title', 'user', m.id);
        this.ledger.texts.push(text);
        const id: number = scheduled.body.id;
        const started = await this.client.call(
          'POST',
          '/live/sessions/:id/start',
          `/live/sessions/${id}/start`,
          {
            token: m.token,
          },
        );
        if (!started.ok) continue;
        for (const l of m.listings.slice(0, 3))
          await this.client.call('POST', '/live/sessions/:id/pins', `/live/sessions/${id}/pins`, {
            token: m.token,
            body: { productId: l.productId },
          });
        m.session = { id, endsAt: this.now + 2 * HOUR };
      }
      if (m.session && r.chance(0.5)) {
        // The host renames the room on air now and then (the title passes the checkpoint again).
        const hype = m.role === 'hype_host' && r.chance(0.6);
        const title = hype ? T.hypeHostLine(r) : T.honestHostLine(r);
        const edited = await this.client.call(
          'PATCH',
          '/live/sessions/:id',
          `/live/sessions/${m.session.id}`,
          {
            token: m.token,
            body: { title: title.slice(0, 60) },
          },
        );
        const outcome =
          edited.status === 400
            ? 'block'
            : edited.ok
              ? await this.lastDecision('live_title', 'live_session', m.session.id)
              : null;
        if (outcome)
          this.ledger.texts.push({
            kind: 'live_title',
            truth: hype ? 'hype' : 'honest',
            text: title,
            authorRole: m.role,
            table: null,
            rowId: null,
            outcome,
          });
        if (edited.ok && edited.body.state !== 'live') m.session = null;
      }
      if (hourOfDay === (m.liveHour + 12) % 24 && r.chance(0.5) && m.listings.length > 0) {
        // A short video for the shop's page, its caption screened.
        const hype = m.role === 'hype_host' && r.chance(0.7);
        const caption = hype ? T.hypeHostLine(r) : T.honestHostLine(r);
        const posted = await this.client.call('POST', '/videos', '/videos', {
          token: m.token,
          body: { caption, shopId: m.shopId, productId: r.pick(m.listings).productId },
        });
        this.ledger.texts.push({
          kind: 'video_caption',
          truth: hype ? 'hype' : 'honest',
          text: caption,
          authorRole: m.role,
          table: posted.ok ? 'videos' : null,
          rowId: posted.ok ? posted.body.id : null,
          outcome: posted.ok ? null : posted.status === 400 ? 'block' : null,
        });
      }
    }
  }

  private async comment(
    token: string,
    sessionId: number,
    text: string,
    truth: Pick<SimText, 'kind' | 'truth' | 'authorRole'>,
  ) {
    const res = await this.client.call(
      'POST',
      '/live/sessions/:id/comments',
      `/live/sessions/${sessionId}/comments`,
      {
        token,
        body: { text },
      },
    );
    if (res.ok)
      this.ledger.texts.push({ ...truth, text, table: 'liveComments', rowId: res.body.id, outcome: null });
    else if (res.status === 400 || res.status === 403 || res.status === 422)
      this.ledger.texts.push({ ...truth, text, table: null, rowId: null, outcome: 'block' });
  }

  /** The outcome of the newest decision at `checkpoint` about a subject (read right after the call). */
  private async lastDecision(checkpoint: string, subjectType: string, subjectId: number) {
    const row = await this.world.db
      .selectFrom('trustDecisions')
      .select('outcome')
      .where('checkpoint', '=', checkpoint)
      .where('subjectType', '=', subjectType)
      .where('subjectId', '=', subjectId)
      .where('shadow', '=', false)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return (row?.outcome as SimText['outcome']) ?? 'allow';
  }

  // ---- shipping and the carrier ----

  /**
   * Merchants ship what is due and the sandbox carrier moves parcels. Each order's calls of the hour
   * run in order, orders side by side (a few at a time): nothing here is decided by the trust engine,
   * and every random draw is made before the calls, so a seed still gives the same run.
   */
  private async shipAndTrack() {
    const work: (() => Promise<void>)[] = [];
    for (const o of this.orders) {
      if (o.done) continue;
      const ship = o.shipmentId === null && o.shipAt <= this.now && o.plan !== 'cancel';
      const t = this.now;
      const plan = ship
        ? {
            waybill: `SIM${o.id}X${this.r.digits(8)}`,
            track: [
              { at: t + this.r.int(1, 6) * HOUR, event: 'picked_up' as const },
              { at: t + this.r.int(8, 20) * HOUR, event: 'in_transit' as const },
              { at: t + this.r.int(30, 60) * HOUR, event: 'delivered' as const },
            ],
          }
        : null;
      const due = o.shipmentId !== null && o.track.length > 0 && o.track[0]!.at <= t;
      if (!plan && !due) continue;
      work.push(async () => {
        if (plan) {
          const res = await this.client.call(
            'POST',
            '/shops/:id/orders/:orderId/shipment',
            `/shops/${o.merchant.shopId}/orders/${o.id}/shipment`,
            { token: o.merchant.token, body: { carrier: 'sandbox', trackingNumber: plan.waybill } },
          );
          if (!res.ok) {
            // refunded before shipping (the buyer cancelled): nothing more to do
            o.done = true;
            return;
          }
          o.shipmentId = res.body.shipment?.id ?? res.body.id;
          o.track = plan.track;
        }
        while (o.shipmentId !== null && o.track.length > 0 && o.track[0]!.at <= t) {
          const step = o.track.shift()!;
          await this.client.call(
            'POST',
            '/shipments/:id/sandbox-events',
            `/shipments/${o.shipmentId}/sandbox-events`,
            { token: o.merchant.token, body: { event: step.event } },
          );
          if (step.event === 'delivered') o.deliveredAt = t;
        }
      });
    }
    await inPool(work, 4);
  }

  // ---- buyers ----

  private async buyersAct(quiet: boolean) {
    const r = this.r;
    const rooms = this.ledger.merchants.filter((m) => m.session !== null);
    // Comments are screened one by one whatever their order: written side by side after the orders.
    const comments: (() => Promise<void>)[] = [];
    for (const b of this.ledger.buyers) {
      if (!quiet && r.chance(b.ordersPerDay / 24)) await this.order(b, rooms);
      if (!quiet && rooms.length > 0) {
        const p = b.role === 'evasive_commenter' ? 0.6 : 0.06;
        if (r.chance(p)) {
          const room = r.pick(rooms);
          const evasive = b.role === 'evasive_commenter' && r.chance(0.6);
          const text = evasive ? T.evasiveComment(r) : T.honestComment(r);
          const sessionId = room.session!.id;
          comments.push(() =>
            this.comment(b.token, sessionId, text, {
              kind: 'live_comment',
              truth: evasive ? 'evasive' : 'honest',
              authorRole: b.role,
            }),
          );
        }
      }
      if (
        !quiet &&
        (b.role === 'honest' || b.role === 'evasive_commenter') &&
        r.chance(b.role === 'honest' ? 0.004 : 0.02)
      ) {
        const shop = r.pick(this.ledger.merchants);
        const evasive = b.role === 'evasive_commenter' && r.chance(0.7);
        await this.chat(
          b,
          shop,
          evasive ? T.evasiveComment(r) : T.honestChat(r),
          evasive ? 'evasive' : 'honest',
        );
      }
    }
    await inPool(comments, 4);
  }

  private async chat(b: Buyer, shop: Merchant, text: string, truth: TextTruth) {
    const key = `${b.id}:${shop.shopId}`;
    let conversation = this.conversations.get(key);
    if (conversation === undefined) {
      const opened = await this.client.call('POST', '/chat/conversations', '/chat/conversations', {
        token: b.token,
        body: { shopId: shop.shopId },
      });
      if (!opened.ok) return;
      conversation = Number(opened.body.id ?? opened.body.conversation?.id);
      this.conversations.set(key, conversation);
    }
    const sent = await this.client.call(
      'POST',
      '/chat/conversations/:id/messages',
      `/chat/conversations/${conversation}/messages`,
      { token: b.token, body: { kind: 'text', text } },
    );
    const rowId = sent.ok ? Number(sent.body.id ?? sent.body.message?.id) : null;
    this.ledger.texts.push({
      kind: 'chat',
      truth,
      text,
      authorRole: b.role,
      table: rowId ? 'chatMessages' : null,
      rowId,
      outcome: sent.ok ? null : sent.status < 500 ? 'block' : null,
    });
  }

  /** Which shop a buyer buys from: anywhere listed; freight abusers like shops with return insurance. */
  private pickListing(b: Buyer): { merchant: Merchant; listing: Listing } | null {
    const r = this.r;
    const pool = this.ledger.merchants.flatMap((merchant) =>
      merchant.listings.map((listing) => ({ merchant, listing })),
    );
    if (pool.length === 0) return null;
    let candidates = pool;
    if (b.role === 'freight_abuser') candidates = pool.filter((p) => p.listing.category === 'apparel');
    if (b.role === 'refund_abuser' || b.role === 'fraud_ring')
      candidates = pool.filter((p) => p.listing.priceFen <= 12_000);
    return r.pick(candidates.length > 0 ? candidates : pool);
  }

  private planFor(b: Buyer, merchant: Merchant, listing: Listing): SimOrder['plan'] {
    const r = this.r;
    const x = r.next();
    switch (b.role) {
      case 'refund_abuser':
        return x < 0.55 ? 'quality_refund' : x < 0.8 ? 'return' : x < 0.9 ? 'cancel' : 'confirm';
      case 'freight_abuser':
        return x < 0.85 ? 'return' : 'confirm';
      case 'fraud_ring':
        return x < 0.7 ? 'not_received' : x < 0.85 ? 'quality_refund' : 'confirm';
      case 'extortioner':
        return x < 0.8 ? 'extort' : 'confirm';
      default: {
        // Honest buyers: genuine problems where the goods are bad, a no-reason return now and then.
        const bad = listing.truth === 'counterfeit' ? 0.3 : merchant.role === 'slow_shipper' ? 0.06 : 0.03;
        if (x < bad * 0.6) return 'quality_refund';
        if (x < bad) return 'quality_return';
        if (x < bad + 0.06) return 'return';
        if (x < bad + 0.09) return 'cancel';
        return 'confirm';
      }
    }
  }

  private async order(b: Buyer, rooms: Merchant[]) {
    const r = this.r;
    const inRoom = rooms.length > 0 && r.chance(0.4) ? r.pick(rooms) : null;
    const picked =
      inRoom && inRoom.listings.length > 0 && (b.role === 'honest' || b.role === 'evasive_commenter')
        ? { merchant: inRoom, listing: r.pick(inRoom.listings) }
        : this.pickListing(b);
    if (!picked) return;
    const { merchant, listing } = picked;
    const res = await this.client.call('POST', '/checkout', '/checkout', {
      token: b.token,
      idempotent: true,
      headers: { 'x-device-id': b.device },
      body: {
        items: [{ skuId: listing.skuId, quantity: 1 }],
        pay: { method: 'sandbox' },
        ...(inRoom === merchant && merchant.session ? { liveSessionId: merchant.session.id } : {}),
      },
    });
    if (!res.ok || res.body.payment?.state !== 'succeeded') {
      const why = `${res.status} ${res.body?.error?.code ?? ''}`.trim();
      this.ledger.ordersRefused.set(
        `${b.role}: ${why}`,
        (this.ledger.ordersRefused.get(`${b.role}: ${why}`) ?? 0) + 1,
      );
      return;
    }
    const order = res.body.orders[0];
    const line = await this.world.db
      .selectFrom('orderLines')
      .select(['id', 'paidFen'])
      .where('orderId', '=', order.id)
      .executeTakeFirstOrThrow();
    this.ledger.orders += 1;
    const [lo, hi] = merchant.shipDelay;
    const plan = this.planFor(b, merchant, listing);
    const o: SimOrder = {
      id: order.id,
      lineId: line.id,
      buyer: b,
      merchant,
      listing,
      paidFen: line.paidFen,
      paidAt: this.now,
      shipAt: this.now + r.int(lo, hi) * HOUR,
      shipmentId: null,
      track: [],
      deliveredAt: null,
      plan,
      actAfter: r.int(2, 40),
      done: false,
    };
    this.orders.push(o);
    if (plan === 'cancel') {
      // Cancelled before shipping, a few hours later; for a slow shop the honest buyer gives up waiting.
      o.shipAt = this.now + r.int(1, 10) * HOUR;
    }
  }

  private async openRequest(o: SimOrder, body: Record<string, unknown>, abusive: boolean) {
    const res = await this.client.call('POST', '/aftersales/requests', '/aftersales/requests', {
      token: o.buyer.token,
      idempotent: true,
      body: { orderId: o.id, orderLineId: o.lineId, quantity: 1, ...body },
    });
    if (!res.ok) return null;
    const merchantDelay = o.merchant.role === 'slow_shipper' ? this.r.int(10, 60) : this.r.int(1, 20);
    const req: SimRequest = {
      id: res.body.id,
      buyerRole: o.buyer.role,
      buyerId: o.buyer.id,
      shopId: o.merchant.shopId,
      merchantRole: o.merchant.role,
      productId: o.listing.productId,
      type: String(body.type),
      reason: String(body.reason),
      abusive,
      openedAt: this.now,
      stateAtOpen: res.body.state,
      autoRule: res.body.autoRule ?? null,
      requestedFen: res.body.requestedFen ?? o.paidFen,
      merchantActAt: res.body.state === 'pending_merchant' ? this.now + merchantDelay * HOUR : null,
      returnShipAt: res.body.state === 'awaiting_return' ? this.now + this.r.int(2, 48) * HOUR : null,
      receiptAt: null,
      state: res.body.state,
    };
    this.ledger.requests.push(req);
    this.open.push(req);
    return req;
  }

  private async afterDelivery() {
    const r = this.r;
    for (const o of this.orders) {
      if (o.done) continue;
      if (o.plan === 'cancel' && o.shipmentId === null && this.now >= o.shipAt - HOUR * 0) {
        // before the merchant ships: 仅退款（未发货）
        await this.openRequest(
          o,
          { type: 'refund_only_unshipped', reason: 'not_shipped_yet' },
          o.buyer.role === 'refund_abuser',
        );
        o.done = true;
        continue;
      }
      if (o.deliveredAt === null || this.now < o.deliveredAt + o.actAfter * HOUR) continue;
      o.done = true;
      const abuser = o.buyer.role !== 'honest' && o.buyer.role !== 'evasive_commenter';
      switch (o.plan) {
        case 'confirm': {
          await this.client.call('POST', '/orders/:id/confirm-receipt', `/orders/${o.id}/confirm-receipt`, {
            token: o.buyer.token,
          });
          if (r.chance(o.buyer.role === 'honest' ? 0.4 : 0.2)) {
            const unhappy = r.chance(
              o.merchant.role === 'slow_shipper' || o.listing.truth === 'counterfeit' ? 0.45 : 0.08,
            );
            await this.review(o, T.honestReview(r, unhappy), 'honest');
          }
          break;
        }
        case 'extort': {
          await this.client.call('POST', '/orders/:id/confirm-receipt', `/orders/${o.id}/confirm-receipt`, {
            token: o.buyer.token,
          });
          await this.review(o, T.extortionReview(r), 'extortion');
          break;
        }
        case 'return':
          await this.openRequest(
            o,
            { type: 'return_refund', reason: r.pick(['no_reason', 'dont_like', 'ordered_wrong']) },
            abuser,
          );
          break;
        case 'quality_return':
          await this.openRequest(
            o,
            {
              type: 'return_refund',
              reason:
                o.listing.truth === 'counterfeit'
                  ? 'counterfeit'
                  : r.pick(['quality_issue', 'not_as_described']),
              evidence: { text: r.pick(T.QUALITY_EVIDENCE) },
            },
            false,
          );
          break;
        case 'quality_refund':
          await this.openRequest(
            o,
            {
              type: 'refund_only',
              reason:
                o.listing.truth === 'counterfeit' && !abuser
                  ? 'counterfeit'
                  : r.pick(['quality_issue', 'not_as_described', 'damaged']),
              evidence: { text: r.pick(T.QUALITY_EVIDENCE) },
            },
            abuser,
          );
          break;
        case 'not_received':
          await this.openRequest(
            o,
            {
              type: 'refund_only',
              reason: 'not_received',
              evidence: { text: '显示签收了但我没收到，驿站也说没有' },
            },
            true,
          );
          break;
        case 'cancel':
          break;
      }
    }
  }

  private async review(o: SimOrder, review: { rating: number; text: string }, truth: TextTruth) {
    const res = await this.client.call('POST', '/orders/:id/reviews', `/orders/${o.id}/reviews`, {
      token: o.buyer.token,
      body: { orderLineId: o.lineId, rating: review.rating, text: review.text },
    });
    this.ledger.texts.push({
      kind: 'review',
      truth,
      text: review.text,
      authorRole: o.buyer.role,
      table: res.ok ? 'reviews' : null,
      rowId: res.ok ? res.body.id : null,
      outcome: res.ok ? null : res.status === 400 || res.status === 403 ? 'block' : null,
    });
  }

  // ---- merchants answer after-sales; buyers ship returns ----

  private async merchantsAnswer() {
    const r = this.r;
    for (const req of this.open) {
      const merchant = this.ledger.merchants.find((m) => m.shopId === req.shopId)!;
      const buyer = this.ledger.buyers.find((b) => b.id === req.buyerId)!;
      if (req.merchantActAt !== null && this.now >= req.merchantActAt) {
        req.merchantActAt = null;
        // Slow shops often let the 48 h pass (the platform approves then).
        if (merchant.role === 'slow_shipper' && r.chance(0.5)) continue;
        const quality = !['no_reason', 'dont_like', 'ordered_wrong', 'not_shipped_yet'].includes(req.reason);
        // A merchant cannot see intent: it approves most requests and disputes some refund-only ones.
        const dispute = req.type === 'refund_only' && quality && r.chance(0.3);
        if (dispute) {
          const comm = await this.client.call(
            'POST',
            '/aftersales/requests/:id/communications',
            `/aftersales/requests/${req.id}/communications`,
            {
              token: merchant.token,
              body: { channel: 'phone', summary: '电话联系买家，请其补充商品问题的照片' },
            },
          );
          if (comm.ok) {
            const rejected = await this.client.call(
              'POST',
              '/aftersales/requests/:id/reject',
              `/aftersales/requests/${req.id}/reject`,
              {
                token: merchant.token,
                body: { communicationId: comm.body.id, reason: '买家未能提供商品问题的凭证' },
              },
            );
            if (rejected.ok) req.state = 'rejected';
            continue;
          }
        }
        const approved = await this.client.call(
          'POST',
          '/aftersales/requests/:id/approve',
          `/aftersales/requests/${req.id}/approve`,
          {
            token: merchant.token,
          },
        );
        if (approved.ok) {
          req.state = approved.body.state;
          if (req.state === 'awaiting_return') req.returnShipAt = this.now + r.int(2, 48) * HOUR;
        }
      }
      if (req.returnShipAt !== null && this.now >= req.returnShipAt) {
        req.returnShipAt = null;
        const shipped = await this.client.call(
          'POST',
          '/aftersales/requests/:id/return-shipment',
          `/aftersales/requests/${req.id}/return-shipment`,
          { token: buyer.token, body: { carrier: 'sandbox', trackingNumber: `RET${req.id}X${r.digits(8)}` } },
        );
        if (shipped.ok) req.receiptAt = this.now + r.int(36, 96) * HOUR;
      }
      if (req.receiptAt !== null && this.now >= req.receiptAt) {
        req.receiptAt = null;
        // Slow shops sometimes forget: the receipt deadline then refunds the buyer.
        if (merchant.role === 'slow_shipper' && r.chance(0.4)) continue;
        await this.client.call(
          'POST',
          '/aftersales/requests/:id/confirm-receipt',
          `/aftersales/requests/${req.id}/confirm-receipt`,
          { token: merchant.token },
        );
      }
    }
    this.open = this.open.filter(
      (q) => q.merchantActAt !== null || q.returnShipAt !== null || q.receiptAt !== null,
    );
  }
}
