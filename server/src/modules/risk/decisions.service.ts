import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { Checkpoint, FeatureSnapshot } from './checkpoints.ts';
import type { FiredRule } from './compile-policy.ts';
import type { Outcome } from './rule-language.ts';

export interface DecisionView {
  id: number;
  checkpoint: string;
  subject: { type: string; id: number };
  outcome: Outcome;
  fired: FiredRule[];
  features: FeatureSnapshot;
  policyId: number;
  policyVersion: number;
  shadow: boolean;
  liveDecisionId: number | null;
  at: Date;
}

/** Stored decisions, newest first (the audit trail). */
export async function listDecisions(
  db: Executor,
  input: {
    checkpoint?: Checkpoint;
    outcome?: Outcome;
    shadow?: boolean;
    subjectType?: string;
    subjectId?: number;
    limit: number;
    offset: number;
  },
) {
  let query = db.selectFrom('trustDecisions');
  if (input.checkpoint) query = query.where('checkpoint', '=', input.checkpoint);
  if (input.outcome) query = query.where('outcome', '=', input.outcome);
  if (input.shadow !== undefined) query = query.where('shadow', '=', input.shadow);
  if (input.subjectType) query = query.where('subjectType', '=', input.subjectType);
  if (input.subjectId !== undefined) query = query.where('subjectId', '=', input.subjectId);
  const [rows, total] = await Promise.all([
    query
      .select([
        'id',
        'checkpoint',
        'subjectType',
        'subjectId',
        'outcome',
        'policyId',
        'policyVersion',
        'shadow',
        'liveDecisionId',
        'at',
        // as text: the CamelCasePlugin would rename keys inside the documents
        sql<string>`fired::text`.as('fired'),
        sql<string>`features::text`.as('features'),
      ])
      .orderBy('id', 'desc')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const items: DecisionView[] = rows.map(({ subjectType, subjectId, fired, features, ...rest }) => ({
    ...rest,
    subject: { type: subjectType, id: subjectId },
    fired: JSON.parse(fired),
    features: JSON.parse(features),
  }));
  return { items, total: total.n, limit: input.limit, offset: input.offset };
}

export interface ShadowSummary {
  checkpoint: string;
  shadowPolicy: { id: number; version: number; status: string };
  decisions: number;
  agreed: number;
  disagreed: number;
  /** disagreed ÷ decisions; null before any decision. */
  disagreementRate: number | null;
  /** How often the shadow answered `to` where the live version answered `from`. */
  matrix: { live: Outcome; shadow: Outcome; count: number }[];
  /** Rules of the shadow version and how often each fired. */
  shadowRulesFired: { id: string; count: number }[];
}

/** How a shadow version's decisions compare with the live ones they ran beside. */
export async function shadowSummary(db: Executor, input: { policyId: number }): Promise<ShadowSummary> {
  const policy = await db
    .selectFrom('trustPolicies')
    .select(['id', 'version', 'status', 'checkpoint'])
    .where('id', '=', input.policyId)
    .executeTakeFirst();
  if (!policy) throw notFound('policy', input.policyId);
  const matrix = await db
    .selectFrom('trustDecisions as s')
    .innerJoin('trustDecisions as l', 'l.id', 's.liveDecisionId')
    .select(['l.outcome as live', 's.outcome as shadow', sql<number>`count(*)::int`.as('count')])
    .where('s.policyId', '=', input.policyId)
    .where('s.shadow', '=', true)
    .groupBy(['l.outcome', 's.outcome'])
    .orderBy('l.outcome')
    .orderBy('s.outcome')
    .execute();
  const fired = await sql<{ id: string; count: number }>`
    select f->>'id' as id, count(*)::int as count
    from trust_decisions d, jsonb_array_elements(d.fired) f
    where d.policy_id = ${input.policyId} and d.shadow
    group by 1 order by 2 desc, 1`.execute(db);
  const decisions = matrix.reduce((n, m) => n + m.count, 0);
  const agreed = matrix.filter((m) => m.live === m.shadow).reduce((n, m) => n + m.count, 0);
  return {
    checkpoint: policy.checkpoint,
    shadowPolicy: { id: policy.id, version: policy.version, status: policy.status },
    decisions,
    agreed,
    disagreed: decisions - agreed,
    disagreementRate: decisions === 0 ? null : (decisions - agreed) / decisions,
    matrix,
    shadowRulesFired: fired.rows,
  };
}
