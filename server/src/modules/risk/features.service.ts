import type { Executor } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';
import {
  blacklistFeature,
  type Checkpoint,
  type EntityType,
  type FeatureSnapshot,
  type FeatureValue,
  LABELS_FEATURE,
  LINK_TYPES,
  type LinkType,
  REGISTRIES,
  type Window,
} from './checkpoints.ts';
import { type CounterKey, counterKey, velocity } from './counters.service.ts';
import { blacklistedTypes } from './entities.service.ts';
import { labelsOf, type Subject } from './labels.service.ts';

export type Facts = Record<string, number | string | boolean | readonly string[]>;
export type Entities = Partial<Record<EntityType, string>>;

export interface FeatureInput {
  checkpoint: Checkpoint;
  subject: Subject;
  facts: Facts;
  entities?: Entities;
  now: Date;
}

/**
 * Every feature the checkpoint knows that the input allows computing: the facts as given, velocity
 * counts for the entities given (every counter and window: a backtest may need a feature the live
 * policy did not read), blacklist flags for the identifiers given, and the labels of the subject,
 * its buyer and its shop. Three or four indexed queries whatever the policy.
 */
export async function computeFeatures(db: Executor, input: FeatureInput): Promise<FeatureSnapshot> {
  const registry = REGISTRIES[input.checkpoint];
  const snapshot: FeatureSnapshot = {};
  for (const [name, value] of Object.entries(input.facts)) {
    const type = registry.facts[name];
    if (!type) throw invalidField(`facts.${name}`, `not a fact of checkpoint ${input.checkpoint}`);
    if (!matches(type, value)) throw invalidField(`facts.${name}`, `must be a ${type}`);
    snapshot[name] = value;
  }
  const entities = input.entities ?? {};
  for (const type of Object.keys(entities) as EntityType[])
    if (!registry.entities.has(type))
      throw invalidField(`entities.${type}`, `not an entity of checkpoint ${input.checkpoint}`);

  const keys: (CounterKey & { feature: string; window: Window })[] = [];
  for (const [feature, source] of registry.velocity) {
    const value = entities[source.entity];
    if (value !== undefined)
      keys.push({ entity: source.entity, value, counter: source.counter, feature, window: source.window });
  }
  const unique = new Map(keys.map((k) => [counterKey(k), k]));
  const counts = await velocity(db, [...unique.values()], input.now);
  for (const k of keys) snapshot[k.feature] = counts.get(counterKey(k))![k.window];

  const given = Object.fromEntries(
    LINK_TYPES.filter((t) => entities[t] !== undefined).map((t) => [t, entities[t]!]),
  );
  if (Object.keys(given).length > 0) {
    const listed = await blacklistedTypes(db, given);
    for (const type of Object.keys(given) as LinkType[]) snapshot[blacklistFeature(type)] = listed.has(type);
  }

  const subjects: Subject[] = [input.subject];
  let buyerId = entities.buyer !== undefined ? Number(entities.buyer) : undefined;
  if (buyerId !== undefined && !Number.isSafeInteger(buyerId))
    throw invalidField('entities.buyer', 'must be a user id');
  if (buyerId !== undefined) subjects.push({ type: 'user', id: buyerId });
  else if (input.subject.type === 'user') buyerId = input.subject.id;
  const shopId = entities.shop !== undefined ? Number(entities.shop) : undefined;
  if (shopId !== undefined && Number.isSafeInteger(shopId)) subjects.push({ type: 'shop', id: shopId });
  snapshot[LABELS_FEATURE] = await labelsOf(db, subjects, buyerId);
  return snapshot;
}

function matches(type: string, value: FeatureValue): boolean {
  if (type === 'list') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  return typeof value === type;
}
