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
import { bucketStart, type CounterKey, counterKey, type WindowCounts } from './counters.service.ts';
import type { Decision } from './decide.service.ts';
import { entityKey, hashedIdentifiers } from './entities.service.ts';
import type { Entities, Facts } from './features.service.ts';
import type { Subject } from './labels.service.ts';
import { type LoadedPolicy, policiesInForce } from './policies.service.ts';
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
): Promise<Decision[]> {
  if (items.length === 0) return [];
  const registry = REGISTRIES[checkpoint];
  const { active, shadow } = await policiesInForce(tx, checkpoint, now);

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

  // Velocity: every key of every item in one query.
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
  const counts = await velocityOfMany(tx, [...keys.values()], now);

  // Blacklist: every identifier of every item in one query.
  const hashes = items.map((item) => hashedIdentifiers(item.entities ?? {}));
  const pairs = new Map(hashes.flat().map(([type, hash]) => [`${type}:${hash}`, { type, hash }]));
  const listed = new Set<string>();
  if (pairs.size > 0) {
    const rows = await tx
      .selectFrom('trustBlacklist')
      .select(['entityType', 'valueHash'])
      .where((eb) =>
        eb.or(
          [...pairs.values()].map((p) =>
            eb.and([eb('entityType', '=', p.type), eb('valueHash', '=', p.hash)]),
          ),
        ),
      )
      .execute();
    for (const row of rows) listed.add(`${row.entityType}:${row.valueHash}`);
  }

  // Labels of the subjects, buyers and shops, and after-sales' high-refund buyers, in two queries.
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
  const allSubjects = new Map(subjectsOf.flatMap((s) => s.subjects).map((s) => [`${s.type}:${s.id}`, s]));
  const labelsBySubject = new Map<string, string[]>();
  const labelRows = await tx
    .selectFrom('trustLabels')
    .select(['subjectType', 'subjectId', 'label'])
    .where((eb) =>
      eb.or(
        [...allSubjects.values()].map((s) =>
          eb.and([eb('subjectType', '=', s.type), eb('subjectId', '=', s.id)]),
        ),
      ),
    )
    .execute();
  for (const row of labelRows) {
    const k = `${row.subjectType}:${row.subjectId}`;
    labelsBySubject.set(k, [...(labelsBySubject.get(k) ?? []), row.label]);
  }
  const buyerIds = [...new Set(subjectsOf.flatMap((s) => (s.buyerId === undefined ? [] : [s.buyerId])))];
  // the 薅羊毛 buyer label (product rules §5), as labelsOf reads it through isHighRefundBuyer
  const highRefund = new Set(
    buyerIds.length === 0
      ? []
      : (
          await tx
            .selectFrom('buyerLabels')
            .select('buyerId')
            .where('buyerId', 'in', buyerIds)
            .where('label', '=', 'high_refund')
            .execute()
        ).map((r) => r.buyerId),
  );

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
    { checkpoint, policy: active, now, shadow: false },
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

/**
 * `velocity` (counters.service.ts) for many keys with one statement text whatever their number: the
 * keys go in as arrays and each is summed by its own primary-key range scan (a lateral join), so
 * the plan stays cheap, where an OR of a hundred keys cost ~30 ms per checkout batch to plan and run.
 * Same windows, same proportional oldest bucket, same rounding.
 */
async function velocityOfMany(
  db: Executor,
  keys: CounterKey[],
  now: Date,
): Promise<Map<string, WindowCounts>> {
  const out = new Map<string, WindowCounts>();
  if (keys.length === 0) return out;
  const oldest = new Date(bucketStart(now).getTime() - WINDOWS['90d'] * HOUR);
  const sums = WINDOW_NAMES.map(
    (name) => sql`coalesce(sum(c.count * least(1, greatest(0,
      extract(epoch from (c.bucket_start + interval '1 hour' - (${now}::timestamptz - make_interval(hours => ${WINDOWS[name]}::int))))
      / 3600.0))), 0)::float8 as ${sql.ref(`w${name}`)}`,
  );
  const { rows } = await sql<Record<string, number> & { i: string }>`
    select k.i, s.*
    from unnest(${keys.map((k) => k.entity)}::text[], ${keys.map((k) => entityKey(k.entity, k.value))}::text[],
                ${keys.map((k) => k.counter)}::text[]) with ordinality as k(t, v, c, i)
    cross join lateral (
      select ${sql.join(sums)}
      from trust_counters c
      where c.entity_type = k.t and c.entity_value = k.v and c.counter = k.c
        and c.bucket_start >= ${oldest} and c.bucket_start <= ${now}
    ) s`.execute(db);
  for (const row of rows) {
    const key = keys[Number(row.i) - 1]!;
    const counts = {} as WindowCounts;
    for (const name of WINDOW_NAMES) counts[name] = Math.round(Number(row[`w${name}`]) * 100) / 100;
    out.set(counterKey(key), counts);
  }
  return out;
}

/**
 * The decisions of a batch in one statement of constant text (columns as arrays), in item order: ids
 * come from the identity in row order, so sorted they match the items.
 */
async function insertDecisions(
  tx: Executor,
  common: { checkpoint: Checkpoint; policy: LoadedPolicy; now: Date; shadow: boolean },
  rows: {
    subject: Subject;
    result: { outcome: Outcome; fired: FiredRule[]; features: FeatureSnapshot };
    inputs: string | null;
    liveDecisionId: number | null;
  }[],
): Promise<number[]> {
  const { checkpoint, policy, now, shadow } = common;
  const { rows: inserted } = await sql<{ id: string | number }>`
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
