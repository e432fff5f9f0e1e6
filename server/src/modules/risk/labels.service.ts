import type { Executor } from '../../platform/db.ts';
import { isHighRefundBuyer } from './buyer-labels.ts';

/** What a label is attached to: 'user' (a buyer, merchant or creator account), 'shop', or a checkpoint subject. */
export interface Subject {
  type: string;
  id: number;
}

/** Sets a label (ops, a case resolution, another module); setting it again refreshes who and when. */
export async function setLabel(
  db: Executor,
  input: { subject: Subject; label: string; setBy: number | null; note?: string; now: Date },
): Promise<void> {
  const values = { setBy: input.setBy, note: input.note ?? null, at: input.now };
  await db
    .insertInto('trustLabels')
    .values({ subjectType: input.subject.type, subjectId: input.subject.id, label: input.label, ...values })
    .onConflict((oc) => oc.columns(['subjectType', 'subjectId', 'label']).doUpdateSet(values))
    .execute();
}

export async function clearLabel(db: Executor, input: { subject: Subject; label: string }): Promise<void> {
  await db
    .deleteFrom('trustLabels')
    .where('subjectType', '=', input.subject.type)
    .where('subjectId', '=', input.subject.id)
    .where('label', '=', input.label)
    .execute();
}

/**
 * Every label on these subjects, and the high-refund buyer label (薅羊毛, product rules §5) on
 * the buyer: one set, whatever the label sits on.
 */
export async function labelsOf(db: Executor, subjects: Subject[], buyerId?: number): Promise<string[]> {
  const labels = new Set<string>();
  if (subjects.length > 0) {
    const rows = await db
      .selectFrom('trustLabels')
      .select('label')
      .where((eb) =>
        eb.or(subjects.map((s) => eb.and([eb('subjectType', '=', s.type), eb('subjectId', '=', s.id)]))),
      )
      .execute();
    for (const row of rows) labels.add(row.label);
  }
  if (buyerId !== undefined && (await isHighRefundBuyer(db, buyerId))) labels.add('high_refund');
  return [...labels].sort();
}

export interface LabelView {
  subject: Subject;
  label: string;
  setBy: number | null;
  note: string | null;
  at: Date;
}

/** The labels set on one subject (buyer labels are read with `buyerLabelsOf`). */
export async function listLabels(db: Executor, subject: Subject): Promise<LabelView[]> {
  const rows = await db
    .selectFrom('trustLabels')
    .select(['label', 'setBy', 'note', 'at'])
    .where('subjectType', '=', subject.type)
    .where('subjectId', '=', subject.id)
    .orderBy('label')
    .execute();
  return rows.map((row) => ({ subject, ...row }));
}
