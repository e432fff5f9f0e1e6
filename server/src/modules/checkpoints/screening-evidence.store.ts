import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { Screening, Surface } from '../screening/index.ts';
import type { ScreeningEvidenceTable } from './evidence.tables.ts';
import { findingOf, worthKeeping } from './screening-evidence.rule.ts';

/** The screening a decision saw, as kept with it. */
export type StoredEvidence = Omit<Selectable<ScreeningEvidenceTable>, 'subjectType' | 'subjectId'>;

/**
 * Keeps what the screening of a text saw with the decision taken on it, in the decision's
 * transaction: when the text was held or blocked, or when anything fired at all (a clean text that
 * passed leaves nothing). Ops later read this rather than a re-screen with today's lexicon.
 */
export async function keepScreening(
  tx: Executor,
  input: {
    decisionId: number;
    checkpoint: string;
    subject: { type: string; id: number };
    outcome: 'allow' | 'review' | 'block';
    surface: Surface;
    text: string;
    screened: Screening;
    now: Date;
  },
): Promise<void> {
  const { screened } = input;
  if (!worthKeeping(screened, input.outcome)) return;
  const { hits, model } = findingOf(screened);
  await tx
    .insertInto('screeningEvidence')
    .values({
      decisionId: input.decisionId,
      checkpoint: input.checkpoint,
      subjectType: input.subject.type,
      subjectId: input.subject.id,
      outcome: input.outcome,
      surface: input.surface,
      text: input.text,
      risk: screened.risk,
      categories: [...screened.categories],
      lexiconVersion: screened.version,
      modelVersion: screened.modelVersion,
      hits: JSON.stringify(hits),
      model: JSON.stringify(model),
      at: input.now,
    })
    .onConflict((oc) => oc.column('decisionId').doNothing())
    .execute();
}

const columns = [
  'decisionId',
  'checkpoint',
  'outcome',
  'surface',
  'text',
  'risk',
  'categories',
  'lexiconVersion',
  'modelVersion',
  'hits',
  'model',
  'at',
] as const;

/** The screenings kept for a subject's decisions, newest first. */
export async function screeningsOf(
  db: Executor,
  subject: { type: string; id: number },
  limit = 20,
): Promise<StoredEvidence[]> {
  return db
    .selectFrom('screeningEvidence')
    .select(columns)
    .where('subjectType', '=', subject.type)
    .where('subjectId', '=', subject.id)
    .orderBy('decisionId', 'desc')
    .limit(limit)
    .execute();
}

/** The screening kept with one decision, if any. */
export async function screeningOfDecision(
  db: Executor,
  decisionId: number,
): Promise<StoredEvidence | undefined> {
  return db
    .selectFrom('screeningEvidence')
    .select(columns)
    .where('decisionId', '=', decisionId)
    .executeTakeFirst();
}
