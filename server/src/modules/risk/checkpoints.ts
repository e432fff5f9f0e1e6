import { CATEGORIES, SCREENING_RISKS } from '../screening/index.ts';

/**
 * The checkpoints of the decision engine (product rules §6) and the features each one can read. A rule
 * naming a feature its checkpoint does not have is refused when the policy is created, so a typo
 * never reaches production as a rule that silently never fires.
 */

export const CHECKPOINTS = [
  'merchant_onboarding',
  'product_listing',
  'order_placement',
  'aftersales_request',
  'review',
  'live_comment',
  'live_title',
  'video_caption',
  'chat_message',
] as const;
export type Checkpoint = (typeof CHECKPOINTS)[number];

/** Who or what a velocity counter is kept for. Ids (buyer, shop, sku) are kept as text. */
export const ENTITY_TYPES = [
  'buyer',
  'shop',
  'sku',
  'device',
  'phone',
  'address',
  'payout_account',
  'id_number',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Personal identifiers that link accounts and shops (shared phone, ID number, device, payout account). */
export const LINK_TYPES = ['phone', 'id_number', 'device', 'payout_account', 'address'] as const;
export type LinkType = (typeof LINK_TYPES)[number];
export const isLinkType = (type: string): type is LinkType =>
  (LINK_TYPES as readonly string[]).includes(type);

/** Sliding windows of the velocity features (product rules §6), in hours. */
export const WINDOWS = { '1h': 1, '24h': 24, '7d': 168, '30d': 720, '90d': 2_160 } as const;
export type Window = keyof typeof WINDOWS;
export const WINDOW_NAMES = Object.keys(WINDOWS) as Window[];

export type FeatureType = 'number' | 'string' | 'boolean' | 'list';
export type FeatureValue = number | string | boolean | readonly string[];
/** Every feature value one decision saw, by name: what rules read and what a backtest replays. */
export type FeatureSnapshot = Record<string, FeatureValue>;

/**
 * The values a string fact (or each element of a list fact) can take, when they form a closed set: a
 * rule comparing the feature to anything else could never fire, so the policy is refused
 * (compile-policy.ts). Facts without a domain are open (free text such as an after-sales reason).
 */
export type FeatureDomain = readonly string[];

/** What the listing checkpoint reports of a regulated product's licence (checkpoints/listing-gate.ts). */
export const QUALIFICATION_STATUSES = [
  'none',
  'valid',
  'bad_shape',
  'unknown',
  'expired',
  'revoked',
] as const;

interface CheckpointSpec {
  /** What the calling module states about the subject. */
  facts: Record<string, FeatureType>;
  /** The closed domains of some of the facts (string facts: the value; list facts: each element). */
  domains?: Record<string, FeatureDomain>;
  /** Velocity counters this checkpoint reads, and the entities each is kept per. */
  counters: Record<string, readonly EntityType[]>;
}

// Text screening (another part of the engine) hands its verdict over as two facts, both closed sets:
// the risk the screener reports and the categories of its lexicon and model.
const screening = { screening_categories: 'list', screening_risk: 'string' } as const;
const screeningDomains = { screening_categories: CATEGORIES, screening_risk: SCREENING_RISKS } as const;

const SPECS: Record<Checkpoint, CheckpointSpec> = {
  merchant_onboarding: {
    facts: { id_verified: 'boolean', business_licence_valid: 'boolean', category: 'string' },
    counters: { registrations: ['phone', 'id_number', 'device', 'payout_account', 'address'] },
  },
  product_listing: {
    facts: {
      price_fen: 'number',
      // price ÷ the median of comparable listings: far below or above is a price anomaly
      price_ratio: 'number',
      regulated_category: 'boolean',
      // none | valid | bad_shape | unknown | expired | revoked (checked against the registry)
      qualification_status: 'string',
      brand_authorised: 'boolean',
      banned_claims: 'number',
      // the highest claimed original price (划线价) ÷ the lowest price the SKU was offered at in the
      // 7 days before (its own price history); 0 when no original price is claimed
      original_price_ratio: 'number',
      ...screening,
    },
    domains: { qualification_status: QUALIFICATION_STATUSES, ...screeningDomains },
    // buyer reports against the shop (product rules §8.7): `shop.reports_7d` and the other windows
    counters: { listings: ['shop'], reports: ['shop'] },
  },
  order_placement: {
    facts: { amount_fen: 'number', quantity: 'number', account_age_days: 'number', live: 'boolean' },
    counters: { orders: ['buyer', 'device', 'phone', 'address', 'payout_account', 'shop', 'sku'] },
  },
  aftersales_request: {
    facts: { requested_fen: 'number', type: 'string', reason: 'string', subjective_reason: 'boolean' },
    counters: {
      refund_requests: ['buyer', 'device', 'phone', 'address', 'shop', 'sku'],
      orders: ['buyer'],
    },
  },
  review: {
    facts: { rating: 'number', has_order: 'boolean', ...screening },
    domains: screeningDomains,
    counters: { reviews: ['buyer', 'device'], negative_reviews: ['shop', 'device', 'sku'] },
  },
  live_comment: {
    facts: { ...screening },
    domains: screeningDomains,
    counters: { comments: ['buyer', 'device'] },
  },
  live_title: { facts: { ...screening }, domains: screeningDomains, counters: {} },
  video_caption: { facts: { ...screening }, domains: screeningDomains, counters: {} },
  // a buyer's or a shop agent's chat message (product rules §8.1)
  chat_message: { facts: { ...screening }, domains: screeningDomains, counters: {} },
};

export interface FeatureRegistry {
  /** Every feature a rule of this checkpoint may name, with its type. */
  features: ReadonlyMap<string, FeatureType>;
  facts: Readonly<Record<string, FeatureType>>;
  /** The closed domain of a feature, by name (absent: any value of its type). */
  domains: ReadonlyMap<string, FeatureDomain>;
  /** Velocity features: name → where the count comes from. */
  velocity: ReadonlyMap<string, { entity: EntityType; counter: string; window: Window }>;
  /** Entities a caller may pass (those that some counter is kept per, and the link types). */
  entities: ReadonlySet<EntityType>;
}

export const velocityFeature = (entity: EntityType, counter: string, window: Window) =>
  `${entity}.${counter}_${window}`;
export const blacklistFeature = (type: LinkType) => `blacklisted.${type}`;
export const LABELS_FEATURE = 'labels';

function buildRegistry(spec: CheckpointSpec): FeatureRegistry {
  const features = new Map<string, FeatureType>(Object.entries(spec.facts));
  const velocity = new Map<string, { entity: EntityType; counter: string; window: Window }>();
  const entities = new Set<EntityType>(LINK_TYPES);
  for (const [counter, kept] of Object.entries(spec.counters)) {
    for (const entity of kept) {
      entities.add(entity);
      for (const window of WINDOW_NAMES) {
        const name = velocityFeature(entity, counter, window);
        velocity.set(name, { entity, counter, window });
        features.set(name, 'number');
      }
    }
  }
  for (const type of LINK_TYPES) features.set(blacklistFeature(type), 'boolean');
  features.set(LABELS_FEATURE, 'list');
  const domains = new Map<string, FeatureDomain>(Object.entries(spec.domains ?? {}));
  return { features, facts: spec.facts, domains, velocity, entities };
}

export const REGISTRIES: Record<Checkpoint, FeatureRegistry> = Object.fromEntries(
  CHECKPOINTS.map((c) => [c, buildRegistry(SPECS[c])]),
) as Record<Checkpoint, FeatureRegistry>;

export const isCheckpoint = (value: string): value is Checkpoint =>
  (CHECKPOINTS as readonly string[]).includes(value);
