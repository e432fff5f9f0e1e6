import { Value } from '@sinclair/typebox/value';
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { notify } from '../../platform/pubsub.ts';
import type { Settings } from '../../platform/settings.ts';
import {
  type ConfigSection,
  type ConfigVersion,
  configProblems,
  defaultConfig,
  type PlatformConfig,
  PlatformConfigSchema,
} from './platform-config.ts';
import { type AftersalesPolicy, type PolicyVersion, policyProblems } from './policy.ts';

/** Other processes hear of a new version on this channel (LISTEN/NOTIFY; payload: the version). */
export const CONFIG_CHANNEL = 'platform_config';

// As text: the CamelCasePlugin would rename the document's own keys (claim window codes are snake_case).
const policyText = sql<string>`policy::text`.as('policy');

/**
 * The configuration in force: the highest version. Version 1 (the defaults of product rules §2–§6) is
 * written on first use, so a fresh database always has one. One indexed read; callers inside a
 * transaction see the version that transaction started with, and record it with their decision.
 */
export async function currentConfig(db: Executor): Promise<ConfigVersion> {
  const found = await readCurrent(db);
  if (found) return found;
  await db
    .insertInto('platformConfigVersions')
    .values({
      version: 1,
      policy: JSON.stringify(defaultConfig),
      note: 'platform defaults',
      createdBy: null,
    })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  return (await readCurrent(db)) ?? { version: 1, config: defaultConfig };
}

/** The configuration in force without writing version 1 (the defaults stand for it until then). */
export async function readCurrentConfig(db: Executor): Promise<ConfigVersion> {
  return (await readCurrent(db)) ?? { version: 1, config: defaultConfig };
}

/**
 * Versions are written once and never changed, so each process parses a version once: a decision
 * reads only the number of the version in force (one small statement, as before), not the document.
 */
const parsedVersions = new Map<number, ConfigVersion>();

async function readCurrent(db: Executor): Promise<ConfigVersion | null> {
  const latest = await db
    .selectFrom('platformConfigVersions')
    .select('version')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const known = parsedVersions.get(latest.version);
  if (known) return known;
  const found = await configVersion(db, latest.version);
  if (found && parsedVersions.size < 1_000) parsedVersions.set(found.version, deepFreeze(found));
  return found;
}

/** Shared between requests, so nobody may change it in place. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The after-sales section (product rules §4–5) in force; see `currentConfig`. */
export async function currentPolicy(db: Executor): Promise<PolicyVersion> {
  const { version, config } = await currentConfig(db);
  return { version, policy: config.aftersales };
}

/** A stored version, e.g. the one an old decision used; null when there is none. */
export async function configVersion(db: Executor, version: number): Promise<ConfigVersion | null> {
  const row = await db
    .selectFrom('platformConfigVersions')
    .select(['version', policyText])
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? { version: row.version, config: fromStored(JSON.parse(row.policy)) } : null;
}

/** The after-sales section of a stored version; null when there is none. */
export async function policyVersion(db: Executor, version: number): Promise<PolicyVersion | null> {
  const found = await configVersion(db, version);
  return found ? { version: found.version, policy: found.config.aftersales } : null;
}

export async function listConfigVersions(db: Executor, limit: number, offset: number) {
  await currentConfig(db);
  const [items, total] = await Promise.all([
    db
      .selectFrom('platformConfigVersions')
      .select(['version', policyText, 'note', 'createdBy', 'createdAt'])
      .orderBy('version', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('platformConfigVersions')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map(({ policy, ...r }) => ({ ...r, config: fromStored(JSON.parse(policy)) })),
    total: total.n,
    limit,
    offset,
  };
}

/** The after-sales section of every version (the API of before the sections). */
export async function listPolicyVersions(db: Executor, limit: number, offset: number) {
  const page = await listConfigVersions(db, limit, offset);
  return { ...page, items: page.items.map(({ config, ...r }) => ({ ...r, policy: config.aftersales })) };
}

/**
 * Ops change the configuration: a change is a partial document (by section) merged over the current
 * version and stored as the next version.
 * Concurrent changes never share a version number (the loser retries on the new one). Every process
 * hears of it (NOTIFY on commit).
 */
export async function updateConfig(
  db: Db,
  input: { changes: Record<string, unknown>; note: string; userId: number },
): Promise<ConfigVersion> {
  return db.transaction().execute(async (tx) => {
    await sql`lock table platform_config_versions in share row exclusive mode`.execute(tx);
    const current = await currentConfig(tx);
    const merged = deepMerge(current.config, input.changes);
    const errors = [...Value.Errors(PlatformConfigSchema, merged)];
    if (errors.length > 0) {
      const fields = errors.slice(0, 10).map((e) => ({
        field: `changes${e.path.replaceAll('/', '.')}`,
        reason: e.message,
      }));
      throw new AppError('validation_failed', `${fields[0]!.field}: ${fields[0]!.reason}`, { fields });
    }
    const config = merged as PlatformConfig;
    const problems = [
      ...policyProblems(config.aftersales).map((p) => ({
        field: p.field.replace(/^policy\./, 'aftersales.'),
        reason: p.reason,
      })),
      ...configProblems(config),
    ].map((p) => ({ field: `changes.${p.field}`, reason: p.reason }));
    if (problems.length > 0) {
      throw new AppError('validation_failed', `${problems[0]!.field}: ${problems[0]!.reason}`, {
        fields: problems,
      });
    }
    const version = current.version + 1;
    await tx
      .insertInto('platformConfigVersions')
      .values({ version, policy: JSON.stringify(config), note: input.note, createdBy: input.userId })
      .execute();
    await notify(tx, CONFIG_CHANNEL, String(version));
    return { version, config };
  });
}

/** Change the after-sales section only (the API of before the sections; field names without the section). */
export async function updatePolicy(
  db: Db,
  input: { changes: Record<string, unknown>; note: string; userId: number },
): Promise<PolicyVersion> {
  try {
    const saved = await updateConfig(db, { ...input, changes: { aftersales: input.changes } });
    return { version: saved.version, policy: saved.config.aftersales };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') throw withoutSection(error);
    throw error;
  }
}

function withoutSection(error: AppError): AppError {
  const strip = (field: string) => field.replace(/^changes\.aftersales\b/, 'changes');
  const details = error.details as { fields?: { field: string; reason: string }[] } | undefined;
  const fields = (details?.fields ?? []).map((f) => ({ ...f, field: strip(f.field) }));
  return new AppError('validation_failed', strip(error.message), { fields });
}

/**
 * A stored document with every key: versions written before a key (or a section) existed get that
 * key's default. Versions written before the sections hold the after-sales policy alone.
 */
function fromStored(stored: Record<string, unknown>): PlatformConfig {
  const sectioned = isPlainObject(stored.aftersales);
  return deepMerge(defaultConfig, sectioned ? stored : { aftersales: stored }) as PlatformConfig;
}

export function isConfigSection(key: string): key is ConfigSection {
  return key in defaultConfig;
}

/** The §2–3 numbers services take as `ctx.settings`, from a configuration. */
export function settingsOf(config: PlatformConfig): Settings {
  const { probationListingLimits: _limits, ...deposits } = config.deposits;
  return { ...config.marketplace, ...deposits, reviewShareAlert: { ...config.risk.reviewShareAlert } };
}

export type { AftersalesPolicy };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, changes: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(changes)) return changes;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const merged = deepMerge(Object.hasOwn(base, key) ? base[key] : undefined, value);
    // an own property even for `__proto__`: the schema then refuses it as an unknown key
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
