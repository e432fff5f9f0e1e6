import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { type Confusion, confusion, type Label } from './backtest.rule.ts';
import type { FeatureSnapshot } from './checkpoints.ts';
import { compilePolicy } from './compile-policy.ts';
import { getPolicy } from './policies.service.ts';
import { type Outcome, RULE_OUTCOMES } from './rule-language.ts';

export interface BacktestReport {
  checkpoint: string;
  policy: { id: number; version: number; status: string };
  since: Date | null;
  until: Date | null;
  /** Enforced decisions replayed (shadow rows are not events). */
  events: number;
  before: Record<Outcome, number>;
  after: Record<Outcome, number>;
  changed: number;
  transitions: { from: Outcome; to: Outcome; count: number }[];
  /** Up to 20 changed decisions, oldest first. */
  examples: {
    decisionId: number;
    subject: { type: string; id: number };
    before: Outcome;
    after: Outcome;
    fired: string[];
  }[];
  /** Events with a label: their case's resolution, else `fraud` when the subject carries that label. */
  labelled: number;
  precisionRecall: { before: Confusion; after: Confusion };
}

const PAGE = 2_000;

/**
 * Replays stored decisions of the policy's checkpoint through it: every enforced decision kept the
 * feature values it could read (`inputs`), so the candidate sees exactly what the live version saw.
 * Reads in pages by id, so a long history streams through in bounded memory.
 */
export async function backtest(
  db: Executor,
  input: { policyId: number; since?: Date; until?: Date },
): Promise<BacktestReport> {
  const stored = await getPolicy(db, input.policyId);
  const candidate = compilePolicy({ checkpoint: stored.checkpoint, rules: stored.rules });
  const zero = () => ({ allow: 0, review: 0, block: 0 }) as Record<Outcome, number>;
  const report: BacktestReport = {
    checkpoint: stored.checkpoint,
    policy: { id: stored.id, version: stored.version, status: stored.status },
    since: input.since ?? null,
    until: input.until ?? null,
    events: 0,
    before: zero(),
    after: zero(),
    changed: 0,
    transitions: [],
    examples: [],
    labelled: 0,
    precisionRecall: { before: confusion([]), after: confusion([]) },
  };
  const transitions = new Map<string, number>();
  const scoredBefore: { label: Label; flagged: boolean }[] = [];
  const scoredAfter: { label: Label; flagged: boolean }[] = [];
  let lastId = 0;
  for (;;) {
    let query = db
      .selectFrom('trustDecisions as d')
      // each review decision's own outcome: the hit of the case it joined (cases.service.ts)
      .leftJoin('trustCaseHits as c', 'c.decisionId', 'd.id')
      .leftJoin('trustLabels as l', (join) =>
        join
          .onRef('l.subjectType', '=', 'd.subjectType')
          .onRef('l.subjectId', '=', 'd.subjectId')
          .on('l.label', '=', 'fraud'),
      )
      .select([
        'd.id',
        'd.subjectType',
        'd.subjectId',
        'd.outcome',
        'c.resolution',
        'l.label',
        sql<string>`d.inputs::text`.as('inputs'),
      ])
      .where('d.checkpoint', '=', stored.checkpoint)
      .where('d.shadow', '=', false)
      .where('d.id', '>', lastId);
    if (input.since) query = query.where('d.at', '>=', input.since);
    if (input.until) query = query.where('d.at', '<', input.until);
    const rows = await query.orderBy('d.id').limit(PAGE).execute();
    for (const row of rows) {
      const result = candidate.evaluate(JSON.parse(row.inputs) as FeatureSnapshot);
      const after = result.outcome;
      const before = row.outcome;
      report.events += 1;
      report.before[before] += 1;
      report.after[after] += 1;
      if (before !== after) {
        report.changed += 1;
        const key = `${before}>${after}`;
        transitions.set(key, (transitions.get(key) ?? 0) + 1);
        if (report.examples.length < 20) {
          const fired = result.fired.map((f) => f.id);
          report.examples.push({
            decisionId: row.id,
            subject: { type: row.subjectType, id: row.subjectId },
            before,
            after,
            fired,
          });
        }
      }
      const label: Label = row.resolution ?? (row.label === 'fraud' ? 'fraud' : null);
      if (label) {
        report.labelled += 1;
        scoredBefore.push({ label, flagged: isFlagged(before) });
        scoredAfter.push({ label, flagged: isFlagged(after) });
      }
    }
    if (rows.length < PAGE) break;
    lastId = rows.at(-1)!.id;
  }
  report.transitions = [...transitions].map(([key, count]) => {
    const [from, to] = key.split('>') as [Outcome, Outcome];
    return { from, to, count };
  });
  report.precisionRecall = { before: confusion(scoredBefore), after: confusion(scoredAfter) };
  return report;
}

const isFlagged = (outcome: Outcome) => (RULE_OUTCOMES as readonly string[]).includes(outcome);
