import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import type { Checkpoint } from './checkpoints.ts';
import { type CompiledPolicy, compilePolicy, invalidPolicy, policyProblems } from './compile-policy.ts';
import { DEFAULT_POLICIES } from './default-policies.ts';
import type { PolicyStatus } from './engine.tables.ts';
import { policyTransitions } from './policy.machine.ts';
import type { Policy, Rule } from './rule-language.ts';

export interface StoredPolicy {
  id: number;
  checkpoint: Checkpoint;
  version: number;
  status: PolicyStatus;
  rules: Rule[];
  note: string | null;
  createdBy: number | null;
  createdAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
}

export interface LoadedPolicy {
  id: number;
  version: number;
  compiled: CompiledPolicy;
}

// Policy rows never change, so a compiled policy is cached under the digest of its rules for the life
// of the process (bounded: a process sees few versions).
const compiledCache = new Map<string, CompiledPolicy>();
const CACHE_LIMIT = 256;

export const policyDigest = (policy: Policy) =>
  createHash('sha256')
    .update(JSON.stringify({ checkpoint: policy.checkpoint, rules: policy.rules }))
    .digest('hex');

// As text: the CamelCasePlugin would rename keys inside the rules (`linkedTo`) on the way out.
const rulesText = sql<string>`rules::text`.as('rules');
const columns = [
  'id',
  'checkpoint',
  'version',
  'status',
  'note',
  'createdBy',
  'createdAt',
  'activatedAt',
  'retiredAt',
] as const;

const toStored = (row: { rules: string; checkpoint: string } & Omit<StoredPolicy, 'rules' | 'checkpoint'>) =>
  ({
    ...row,
    checkpoint: row.checkpoint as Checkpoint,
    rules: JSON.parse(row.rules) as Rule[],
  }) satisfies StoredPolicy;

/** Version 1 (DEFAULT_POLICIES) is written, active, the first time a checkpoint is used. */
export async function ensureDefaultPolicy(db: Executor, checkpoint: Checkpoint, now: Date): Promise<void> {
  const policy = DEFAULT_POLICIES[checkpoint];
  // A concurrent first use inserts the same row: the unique (checkpoint, version) keeps one.
  await db
    .insertInto('trustPolicies')
    .values({
      checkpoint,
      version: 1,
      rules: JSON.stringify(policy.rules),
      digest: policyDigest(policy),
      status: 'active',
      note: 'default policy',
      createdBy: null,
      createdAt: now,
      activatedAt: now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * The active policy of a checkpoint and its shadow, if any, compiled. One indexed read per call, in
 * the caller's transaction: an activation committed by any process is seen by the next decision
 * everywhere, with no restart, no cache to expire and no message to miss. Compiling happens once per
 * version and process.
 */
export async function policiesInForce(
  db: Executor,
  checkpoint: Checkpoint,
  now: Date,
  /** The rows of `inForce` when the caller read them in one of its own statements. */
  read?: PolicyInForceRow[],
): Promise<{ active: LoadedPolicy; shadow: LoadedPolicy | null }> {
  let rows = read ?? (await inForce(db, checkpoint));
  if (!rows.some((r) => r.status === 'active')) {
    await ensureDefaultPolicy(db, checkpoint, now);
    rows = await inForce(db, checkpoint);
  }
  const active = rows.find((r) => r.status === 'active');
  if (!active) throw new AppError('internal', `no active policy for ${checkpoint}`);
  const shadow = rows.find((r) => r.status === 'shadow');
  return { active: await load(db, active), shadow: shadow ? await load(db, shadow) : null };
}

/** A policy row in force (active or shadow), as `policiesInForce` reads it. */
export interface PolicyInForceRow {
  id: number;
  version: number;
  status: PolicyStatus;
  digest: string;
}

function inForce(db: Executor, checkpoint: Checkpoint) {
  return db
    .selectFrom('trustPolicies')
    .select(['id', 'version', 'status', 'digest'])
    .where('checkpoint', '=', checkpoint)
    .where('status', 'in', ['active', 'shadow'])
    .execute();
}

async function load(
  db: Executor,
  row: { id: number; version: number; digest: string },
): Promise<LoadedPolicy> {
  let compiled = compiledCache.get(row.digest);
  if (!compiled) {
    const stored = await getPolicy(db, row.id);
    compiled = compilePolicy({ checkpoint: stored.checkpoint, rules: stored.rules });
    if (compiledCache.size >= CACHE_LIMIT) compiledCache.clear();
    compiledCache.set(row.digest, compiled);
  }
  return { id: row.id, version: row.version, compiled };
}

export async function getPolicy(db: Executor, id: number): Promise<StoredPolicy> {
  const row = await db
    .selectFrom('trustPolicies')
    .select([...columns, rulesText])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('policy', id);
  return toStored(row);
}

export async function listPolicies(
  db: Executor,
  input: { checkpoint?: Checkpoint; status?: PolicyStatus; now: Date },
): Promise<StoredPolicy[]> {
  if (input.checkpoint) await ensureDefaultPolicy(db, input.checkpoint, input.now);
  let query = db.selectFrom('trustPolicies').select([...columns, rulesText]);
  if (input.checkpoint) query = query.where('checkpoint', '=', input.checkpoint);
  if (input.status) query = query.where('status', '=', input.status);
  const rows = await query.orderBy('checkpoint').orderBy('version', 'desc').limit(500).execute();
  return rows.map(toStored);
}

// Changes to one checkpoint's policies take turns (versions, the one-active swap).
const lockCheckpoint = (db: Executor, checkpoint: string) =>
  sql`select pg_advisory_xact_lock(hashtext(${`trust_policy:${checkpoint}`}))`.execute(db);

/** A rule admin's new version, stored as a draft once it validates (400 naming each rule path). */
export async function createDraft(
  db: Db,
  input: { checkpoint: Checkpoint; rules: unknown; note?: string; userId: number; now: Date },
): Promise<StoredPolicy> {
  const policy = { checkpoint: input.checkpoint, rules: input.rules };
  const problems = policyProblems(policy);
  if (problems.length > 0) throw invalidPolicy(problems);
  return db.transaction().execute(async (tx) => {
    await lockCheckpoint(tx, input.checkpoint);
    await ensureDefaultPolicy(tx, input.checkpoint, input.now);
    const { max } = await tx
      .selectFrom('trustPolicies')
      .select(sql<number>`coalesce(max(version), 0)::int`.as('max'))
      .where('checkpoint', '=', input.checkpoint)
      .executeTakeFirstOrThrow();
    const { id } = await tx
      .insertInto('trustPolicies')
      .values({
        checkpoint: input.checkpoint,
        version: max + 1,
        rules: JSON.stringify(input.rules),
        digest: policyDigest(policy as Policy),
        status: 'draft',
        note: input.note ?? null,
        createdBy: input.userId,
        createdAt: input.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return getPolicy(tx, id);
  });
}

/**
 * Puts a version in force: the active one is retired in the same transaction, so every decision sees
 * exactly one active version. A draft, the shadow or a retired version (a rollback) can be activated.
 */
export async function activatePolicy(db: Db, input: { policyId: number; now: Date }): Promise<StoredPolicy> {
  return db.transaction().execute(async (tx) => {
    const target = await getPolicy(tx, input.policyId);
    await lockCheckpoint(tx, target.checkpoint);
    const current = await getPolicy(tx, input.policyId);
    if (current.status === 'active') return current;
    assertTransition(policyTransitions, `policy ${current.id}`, current.status, 'active');
    await retireInForce(tx, current.checkpoint, 'active', input.now);
    await movePolicy(tx, current, 'active', input.now);
    return getPolicy(tx, current.id);
  });
}

/** Runs a version in shadow beside the active one (stored, never enforced); it replaces an earlier shadow. */
export async function startShadow(db: Db, input: { policyId: number; now: Date }): Promise<StoredPolicy> {
  return db.transaction().execute(async (tx) => {
    const target = await getPolicy(tx, input.policyId);
    await lockCheckpoint(tx, target.checkpoint);
    const current = await getPolicy(tx, input.policyId);
    if (current.status === 'shadow') return current;
    if (current.status === 'active')
      throw new AppError('invalid_transition', 'The active version cannot also run in shadow', {
        field: 'id',
        status: current.status,
      });
    assertTransition(policyTransitions, `policy ${current.id}`, current.status, 'shadow');
    await retireInForce(tx, current.checkpoint, 'shadow', input.now);
    await movePolicy(tx, current, 'shadow', input.now);
    return getPolicy(tx, current.id);
  });
}

/** Stops a shadow run: the version is retired (its shadow decisions stay for the comparison). */
export async function stopShadow(db: Db, input: { policyId: number; now: Date }): Promise<StoredPolicy> {
  return db.transaction().execute(async (tx) => {
    const target = await getPolicy(tx, input.policyId);
    await lockCheckpoint(tx, target.checkpoint);
    const current = await getPolicy(tx, input.policyId);
    // Only a shadow run stops here (the table also lets an active version retire, when another is activated).
    if (current.status !== 'shadow')
      throw new AppError('invalid_transition', `Policy ${input.policyId} is not running in shadow`, {
        status: current.status,
      });
    await movePolicy(tx, current, 'retired', input.now);
    return getPolicy(tx, input.policyId);
  });
}

/**
 * Moves one version through the policy machine with a conditional update (a version no longer in the
 * status read is a 409). Activated and shadowed versions stamp activatedAt; retired ones retiredAt.
 */
async function movePolicy(
  tx: Tx,
  policy: { id: number; status: PolicyStatus },
  to: PolicyStatus,
  now: Date,
): Promise<void> {
  assertTransition(policyTransitions, `policy ${policy.id}`, policy.status, to);
  const updated = await tx
    .updateTable('trustPolicies')
    .set(
      to === 'retired' ? { status: to, retiredAt: now } : { status: to, activatedAt: now, retiredAt: null },
    )
    .where('id', '=', policy.id)
    .where('status', '=', policy.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new AppError(
      'conflict',
      `policy ${policy.id} is no longer ${policy.status}; it cannot become ${to}`,
      {
        from: policy.status,
        to,
      },
    );
  }
}

/** Retires the checkpoint's version in force as `status` (at most one), for the one replacing it. */
async function retireInForce(
  tx: Tx,
  checkpoint: string,
  status: Extract<PolicyStatus, 'active' | 'shadow'>,
  now: Date,
): Promise<void> {
  assertTransition(policyTransitions, `the ${status} policy of ${checkpoint}`, status, 'retired');
  await tx
    .updateTable('trustPolicies')
    .set({ status: 'retired', retiredAt: now })
    .where('checkpoint', '=', checkpoint)
    .where('status', '=', status)
    .execute();
}
