import { Value } from '@sinclair/typebox/value';
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError, invalidField } from '../../platform/errors.ts';
import {
  type AftersalesPolicy,
  AftersalesPolicySchema,
  defaultPolicy,
  type PolicyVersion,
} from './policy.ts';

// As text: the CamelCasePlugin would rename the document's own keys (claim window codes are snake_case).
const policyText = sql<string>`policy::text`.as('policy');

/**
 * The policy in force: the highest version. Version 1 (the defaults of product rules §4–5) is written on
 * first use, so a fresh database always has one. One indexed read; callers inside a transaction see
 * the version that transaction started with.
 */
export async function currentPolicy(db: Executor): Promise<PolicyVersion> {
  const row = await db
    .selectFrom('platformConfigVersions')
    .select(['version', policyText])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row) return { version: row.version, policy: withDefaults(JSON.parse(row.policy)) };
  await db
    .insertInto('platformConfigVersions')
    .values({
      version: 1,
      policy: JSON.stringify(defaultPolicy),
      note: 'platform defaults',
      createdBy: null,
    })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  return { version: 1, policy: defaultPolicy };
}

/** A stored version, e.g. the one an old decision used; null when there is none. */
export async function policyVersion(db: Executor, version: number): Promise<PolicyVersion | null> {
  const row = await db
    .selectFrom('platformConfigVersions')
    .select(['version', policyText])
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? { version: row.version, policy: withDefaults(JSON.parse(row.policy)) } : null;
}

export async function listPolicyVersions(db: Executor, limit: number, offset: number) {
  await currentPolicy(db);
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
    items: items.map((r) => ({ ...r, policy: withDefaults(JSON.parse(r.policy)) })),
    total: total.n,
    limit,
    offset,
  };
}

/** Cross-field rules the schema cannot say: a minimum above its maximum is a mistake, not a policy. */
export function policyProblems(policy: AftersalesPolicy): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  for (const key of ['lateShipment', 'fakeShipment', 'logisticsStall'] as const) {
    if (policy[key].minFen > policy[key].maxFen)
      problems.push({ field: `policy.${key}.minFen`, reason: 'must not exceed maxFen' });
  }
  if (policy.instantRefundBelowFen > policy.lightningReturnMaxFen + 1)
    problems.push({
      field: 'policy.instantRefundBelowFen',
      reason: 'instant refunds (no return) must not reach above lightning returns',
    });
  return problems;
}

/**
 * Ops change the policy: a change is a partial document merged over the current version and stored as
 * the next version. Concurrent changes never share a version number (the loser retries on the new one).
 */
export async function updatePolicy(
  db: Db,
  input: { changes: Record<string, unknown>; note: string; userId: number },
): Promise<PolicyVersion> {
  return db.transaction().execute(async (tx) => {
    await sql`lock table platform_config_versions in share row exclusive mode`.execute(tx);
    const current = await currentPolicy(tx);
    const merged = deepMerge(current.policy, input.changes);
    const errors = [...Value.Errors(AftersalesPolicySchema, merged)];
    if (errors.length > 0) {
      const fields = errors.slice(0, 10).map((e) => ({
        field: `changes${e.path.replaceAll('/', '.')}`,
        reason: e.message,
      }));
      throw new AppError('validation_failed', `${fields[0]!.field}: ${fields[0]!.reason}`, { fields });
    }
    const policy = merged as AftersalesPolicy;
    const problems = policyProblems(policy);
    if (problems.length > 0) {
      const first = problems[0]!;
      throw invalidField(first.field.replace(/^policy\./, 'changes.'), first.reason);
    }
    const version = current.version + 1;
    await tx
      .insertInto('platformConfigVersions')
      .values({ version, policy: JSON.stringify(policy), note: input.note, createdBy: input.userId })
      .execute();
    return { version, policy };
  });
}

/** Stored versions written before a key existed get that key's default. */
function withDefaults(stored: Record<string, unknown>): AftersalesPolicy {
  return deepMerge(defaultPolicy, stored) as AftersalesPolicy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, changes: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(changes)) return changes;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) out[key] = deepMerge(base[key], value);
  return out;
}
