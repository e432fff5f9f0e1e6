import { sql } from 'kysely';
import { HOUR } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';
import { joinCases } from './case.store.ts';
import { caseKeyOf } from './case-subject.rule.ts';
import {
  blacklistFeature,
  type Checkpoint,
  type EntityType,
  type FeatureSnapshot,
  LABELS_FEATURE,
  type LinkType,
  REGISTRIES,
  WINDOW_NAMES,
  WINDOWS,
  type Window,
} from './checkpoints.ts';
import type { FiredRule } from './compile-policy.ts';
import {
  type Activity,
  bucketStart,
  type CounterKey,
  counterKey,
  counterUpsert,
  type WindowCounts,
} from './counters.service.ts';
import type { Decision } from './decide.service.ts';
import { entityKey, hashedIdentifiers } from './entities.service.ts';
import type { Entities, Facts } from './features.service.ts';
import type { Subject } from './labels.service.ts';
import { type LoadedPolicy, type PolicyInForceRow, policiesInForce } from './policies.service.ts';
import type { Outcome } from './rule-language.ts';

export interface BatchItem {
  subject: Subject;
  facts: Facts;
  entities?: Entities;
  /**
   * The event this item is about, e.g. { counter: 'orders', count: 2 }: unless blocked, it counts in
   * the velocity features of the later items of the same call, as if already recorded.
   */
  counts?: { counter: string; count: number };
}

/**
 * `decide` for many subjects at one checkpoint and instant (a checkout batch), in a constant number
 * of statements however many items: one velocity query, one blacklist query, one labels query, one
 * insert of the decisions (and of the shadow decisions and review cases when there are any). Items
 * are decided in order, and an earlier item that was not blocked counts toward the later ones
 * (`counts`), so ten orders of one buyer in one batch are seen as ten, not as zero ten times.
 * Results match `decide` item by item otherwise (same features, same stored rows).
 */
export async function decideMany(
  tx: Executor,
  checkpoint: Checkpoint,
  now: Date,
  items: BatchItem[],
  /** Events to count (as `recordActivities`), written by the statement that stores the decisions. */
  record: readonly Activity[] = [],
): Promise<Decision[]> {
  if (items.length === 0) return [];
  const registry = REGISTRIES[checkpoint];

  const snapshots: FeatureSnapshot[] = items.map((item) => {
    const snapshot: FeatureSnapshot = {};
    for (const [name, value] of Object.entries(item.facts)) {
      const type = registry.facts[name];
      if (!type) throw invalidField(`facts.${name}`, `not a fact of checkpoint ${checkpoint}`);
      const ok =
        type === 'list'
          ? Array.isArray(value) && value.every((v) => typeof v === 'string')
          : typeof value === type;
      if (!ok) throw invalidField(`facts.${name}`, `must be a ${type}`);
      // A value outside the fact's domain would make the policy's rules silently wrong.
      const domain = registry.domains.get(name);
      if (domain && (Array.isArray(value) ? value : [value]).some((v) => !domain.includes(v as string)))
        throw invalidField(`facts.${name}`, `must be one of ${domain.join(', ')}`);
      snapshot[name] = value;
    }
    for (const type of Object.keys(item.entities ?? {}) as EntityType[])
      if (!registry.entities.has(type))
        throw invalidField(`entities.${type}`, `not an entity of checkpoint ${checkpoint}`);
    return snapshot;
  });

  // Velocity keys, blacklisted identifiers, labelled subjects and buyers of every item.
  const keys = new Map<string, CounterKey>();
  const itemKeys = items.map((item) => {
    const own: (CounterKey & { feature: string; window: Window })[] = [];
    for (const [feature, source] of registry.velocity) {
      const value = item.entities?.[source.entity];
      if (value === undefined) continue;
      const key = { entity: source.entity, value, counter: source.counter };
      keys.set(counterKey(key), key);
      own.push({ ...key, feature, window: source.window });
    }
    return own;
  });
  const hashes = items.map((item) => hashedIdentifiers(item.entities ?? {}));
  const pairs = [
    ...new Map(hashes.flat().map(([type, hash]) => [`${type}:${hash}`, { type, hash }])).values(),
  ];
  const subjectsOf = items.map((item) => {
    const subjects: Subject[] = [item.subject];
    const buyer = item.entities?.buyer;
    if (buyer !== undefined && !Number.isSafeInteger(Number(buyer)))
      throw invalidField('entities.buyer', 'must be a user id');
    if (buyer !== undefined) subjects.push({ type: 'user', id: Number(buyer) });
    const shop = item.entities?.shop;
    if (shop !== undefined && Number.isSafeInteger(Number(shop)))
      subjects.push({ type: 'shop', id: Number(shop) });
    const buyerId =
      buyer !== undefined ? Number(buyer) : item.subject.type === 'user' ? item.subject.id : undefined;
    return { subjects, buyerId };
  });
  const allSubjects = [
    ...new Map(subjectsOf.flatMap((s) => s.subjects).map((s) => [`${s.type}:${s.id}`, s])).values(),
  ];
  const buyerIds = [...new Set(subjectsOf.flatMap((s) => (s.buyerId === undefined ? [] : [s.buyerId])))];

  // Everything the decisions read, in one statement: the policies in force, the velocity of every
  // key, the blacklisted identifiers, the subjects' labels and after-sales' high-refund buyers.
  const keyList = [...keys.values()];
  const read = await readInputs(tx, { checkpoint, keys: keyList, pairs, allSubjects, buyerIds, now });
  const { active, shadow } = await policiesInForce(tx, checkpoint, now, read.policies);
  const counts = new Map<string, WindowCounts>();
  for (const row of read.counts) {
    const counted = {} as WindowCounts;
    for (const name of WINDOW_NAMES) counted[name] = Math.round(Number(row[`w${name}`]) * 100) / 100;
    counts.set(counterKey(keyList[row.i - 1]!), counted);
  }
  const listed = new Set(read.listed.map((r) => `${r.t}:${r.h}`));
  const labelsBySubject = new Map<string, string[]>();
  for (const row of read.labels) {
    const k = `${row.t}:${row.id}`;
    labelsBySubject.set(k, [...(labelsBySubject.get(k) ?? []), row.l]);
  }
  // the 薅羊毛 buyer label (product rules §5), as labelsOf reads it through isHighRefundBuyer
  const highRefund = new Set(read.highRefund.map(Number));

  // Decide in order; what earlier items add counts for the later ones.
  const pending = new Map<string, number>();
  const results = items.map((item, n) => {
    const snapshot = snapshots[n]!;
    for (const k of itemKeys[n]!)
      snapshot[k.feature] = counts.get(counterKey(k))![k.window] + (pending.get(counterKey(k)) ?? 0);
    for (const [type, hash] of hashes[n]!)
      snapshot[blacklistFeature(type as LinkType)] = listed.has(`${type}:${hash}`);
    const labels = new Set(
      subjectsOf[n]!.subjects.flatMap((s) => labelsBySubject.get(`${s.type}:${s.id}`) ?? []),
    );
    const buyerId = subjectsOf[n]!.buyerId;
    if (buyerId !== undefined && highRefund.has(buyerId)) labels.add('high_refund');
    snapshot[LABELS_FEATURE] = [...labels].sort();
    const live = active.compiled.evaluate(snapshot);
    if (item.counts && live.outcome !== 'block')
      for (const k of itemKeys[n]!)
        if (k.counter === item.counts.counter && k.window === WINDOW_NAMES[0]) {
          const key = counterKey(k);
          pending.set(key, (pending.get(key) ?? 0) + item.counts.count);
        }
    return { item, snapshot, live, shadow: shadow ? shadow.compiled.evaluate(snapshot) : null };
  });

  const ids = await insertDecisions(
    tx,
    { checkpoint, policy: active, now, shadow: false, counted: counterUpsert(record, now) },
    results.map((r) => ({
      subject: r.item.subject,
      result: r.live,
      inputs: JSON.stringify(r.snapshot),
      liveDecisionId: null,
    })),
  );
  if (shadow)
    await insertDecisions(
      tx,
      { checkpoint, policy: shadow, now, shadow: true },
      results.map((r, n) => ({
        subject: r.item.subject,
        result: r.shadow!,
        inputs: null,
        liveDecisionId: ids[n]!,
      })),
    );
  // A review decision joins the open case of its rule and case subject (one per buyer placing too
  // many orders, not one per order), opening it when there is none.
  const hits = results.flatMap((r, n) => {
    if (r.live.outcome !== 'review') return [];
    const key = caseKeyOf({
      fired: r.live.fired,
      leaves: active.compiled.caseLeaves,
      snapshot: r.snapshot,
      entities: r.item.entities ?? {},
      subject: r.item.subject,
    });
    return key
      ? [{ decisionId: ids[n]!, ruleId: key.ruleId, caseSubject: key.subject, subject: r.item.subject }]
      : [];
  });
  const caseIds = await joinCases(tx, checkpoint, hits, {
    actorId: null,
    note: `review decision at ${checkpoint}`,
    now,
  });
  return results.map((r, n) => ({
    outcome: r.live.outcome,
    decisionId: ids[n]!,
    fired: r.live.fired,
    features: r.live.features,
    policyVersion: active.version,
    caseId: caseIds.get(ids[n]!) ?? null,
  }));
}

interface ReadInputs {
  policies: PolicyInForceRow[];
  /** Per velocity key (i: its 1-based position), the sum of each window. */
  counts: ({ i: number } & Record<string, number>)[];
  listed: { t: string; h: string }[];
  labels: { t: string; id: number; l: string }[];
  highRefund: number[];
}

/**
 * The inputs of a batch of decisions in one statement of constant text (keys as arrays). Velocity is
 * `velocity` (counters.service.ts) for many keys: each key summed by its own primary-key range scan (a
 * lateral join), where an OR of a hundred keys cost ~30 ms per checkout batch to plan and run; same
 * windows, same proportional oldest bucket, same rounding. JSON keys have no underscores (the
 * CamelCasePlugin renames nested keys too).
 */
async function readInputs(
  db: Executor,
  input: {
    checkpoint: Checkpoint;
    keys: CounterKey[];
    pairs: { type: string; hash: string }[];
    allSubjects: Subject[];
    buyerIds: number[];
    now: Date;
  },
): Promise<ReadInputs> {
  const { keys, now } = input;
  const oldest = new Date(bucketStart(now).getTime() - WINDOWS['90d'] * HOUR);
  const sums = WINDOW_NAMES.map(
    (name) => sql`coalesce(sum(c.count * least(1, greatest(0,
      extract(epoch from (c.bucket_start + interval '1 hour' - (${now}::timestamptz - make_interval(hours => ${WINDOWS[name]}::int))))
      / 3600.0))), 0)::float8 as ${sql.ref(`w${name}`)}`,
  );
  const { rows } = await sql<ReadInputs>`
    select
      (select coalesce(json_agg(json_build_object('id', p.id, 'version', p.version, 'status', p.status, 'digest', p.digest)), '[]')
       from trust_policies p where p.checkpoint = ${input.checkpoint} and p.status in ('active', 'shadow')) as policies,
      (select coalesce(json_agg(v), '[]') from (
         select k.i, s.*
         from unnest(${keys.map((k) => k.entity)}::text[], ${keys.map((k) => entityKey(k.entity, k.value))}::text[],
                     ${keys.map((k) => k.counter)}::text[]) with ordinality as k(t, v, c, i)
         cross join lateral (
           select ${sql.join(sums)}
           from trust_counters c
           where c.entity_type = k.t and c.entity_value = k.v and c.counter = k.c
             and c.bucket_start >= ${oldest} and c.bucket_start <= ${now}
         ) s) v) as counts,
      (select coalesce(json_agg(json_build_object('t', b.entity_type, 'h', b.value_hash)), '[]')
       from unnest(${input.pairs.map((p) => p.type)}::text[], ${input.pairs.map((p) => p.hash)}::text[]) as q(t, h)
       join trust_blacklist b on b.entity_type = q.t and b.value_hash = q.h) as listed,
      (select coalesce(json_agg(json_build_object('t', l.subject_type, 'id', l.subject_id, 'l', l.label)), '[]')
       from unnest(${input.allSubjects.map((s) => s.type)}::text[], ${input.allSubjects.map((s) => s.id)}::bigint[]) as q(t, id)
       join trust_labels l on l.subject_type = q.t and l.subject_id = q.id) as labels,
      (select coalesce(json_agg(b.buyer_id), '[]') from buyer_labels b
       where b.buyer_id = any(${input.buyerIds}::bigint[]) and b.label = 'high_refund') as high_refund`.execute(
    db,
  );
  return rows[0]!;
}

/**
 * The decisions of a batch in one statement of constant text (columns as arrays), in item order: ids
 * come from the identity in row order, so sorted they match the items.
 */
async function insertDecisions(
  tx: Executor,
  common: {
    checkpoint: Checkpoint;
    policy: LoadedPolicy;
    now: Date;
    shadow: boolean;
    /** A counter upsert to run in the same statement. */
    counted?: ReturnType<typeof counterUpsert>;
  },
  rows: {
    subject: Subject;
    result: { outcome: Outcome; fired: FiredRule[]; features: FeatureSnapshot };
    inputs: string | null;
    liveDecisionId: number | null;
  }[],
): Promise<number[]> {
  const { checkpoint, policy, now, shadow, counted } = common;
  const { rows: inserted } = await sql<{ id: string | number }>`
    ${counted ? sql`with counted as (${counted})` : sql``}
    insert into trust_decisions (checkpoint, subject_type, subject_id, outcome, fired, features, inputs,
                                 policy_id, policy_version, shadow, live_decision_id, at)
    select ${checkpoint}, r.st, r.sid, r.o, r.f::jsonb, r.fe::jsonb, r.inp::jsonb,
           ${policy.id}::bigint, ${policy.version}::int, ${shadow}::boolean, r.live, ${now}::timestamptz
    from unnest(${rows.map((r) => r.subject.type)}::text[], ${rows.map((r) => r.subject.id)}::bigint[],
                ${rows.map((r) => r.result.outcome)}::text[], ${rows.map((r) => JSON.stringify(r.result.fired))}::text[],
                ${rows.map((r) => JSON.stringify(r.result.features))}::text[], ${rows.map((r) => r.inputs)}::text[],
                ${rows.map((r) => r.liveDecisionId)}::bigint[])
      with ordinality as r(st, sid, o, f, fe, inp, live, n)
    order by r.n
    returning id`.execute(tx);
  return inserted.map((r) => Number(r.id)).sort((x, y) => x - y);
}
