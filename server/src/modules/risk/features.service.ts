import type { EntityType } from './checkpoints.ts';

/** What the calling module knows at a checkpoint (names and types per checkpoint: checkpoints.ts). */
export type Facts = Record<string, number | string | boolean | readonly string[]>;
/** Ids (buyer, shop, sku) and identifiers (phone, device, ...) whose counters, links and labels count. */
export type Entities = Partial<Record<EntityType, string>>;
