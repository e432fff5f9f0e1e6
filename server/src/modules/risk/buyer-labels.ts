import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import type { BuyerLabelsTable } from './engine.tables.ts';

/** Rows per insert statement (well under PostgreSQL's 65,535 parameters). */
const CHUNK = 1_000;

export type BuyerLabelName = BuyerLabelsTable['label'];

export interface BuyerLabel {
  label: BuyerLabelName;
  setBy: BuyerLabelsTable['setBy'];
  setAt: Date;
  configVersion: number | null;
  /** The rule's figures and explanation (system), or the reason and who set it (ops). */
  inputs: Record<string, unknown>;
}

export interface SystemBuyerLabel {
  buyerId: number;
  inputs: Record<string, unknown>;
  configVersion: number;
}

/**
 * Whether the buyer carries the high-refund label (system or ops): one primary-key lookup, for the
 * hot path of opening an after-sales request and of every checkpoint.
 */
export async function isHighRefundBuyer(db: Executor, buyerId: number): Promise<boolean> {
  const row = await db
    .selectFrom('buyerLabels')
    .select('buyerId')
    .where('buyerId', '=', buyerId)
    .where('label', '=', 'high_refund')
    .executeTakeFirst();
  return row !== undefined;
}

/** The buyer's labels, by name. */
export function buyerLabelsOf(db: Executor, buyerId: number): Promise<BuyerLabel[]> {
  return db
    .selectFrom('buyerLabels')
    .select(['label', 'setBy', 'setAt', 'configVersion', 'inputs'])
    .where('buyerId', '=', buyerId)
    .orderBy('label')
    .execute();
}

/**
 * Makes the system's `label` exactly these buyers (the rule that computes them lives with its data,
 * e.g. after-sales' 薅羊毛): a label already held keeps its date and gets the new figures; system labels
 * of other buyers are cleared; labels set by ops are never touched. Set-based.
 * @returns buyers newly labelled, and system labels cleared.
 */
export async function replaceSystemLabels(
  tx: Tx,
  label: BuyerLabelName,
  labels: SystemBuyerLabel[],
  now: Date,
): Promise<{ labelled: number; cleared: number }> {
  const rows = labels.map((l) => ({ ...l, label, setBy: 'system' as const, setAt: now }));
  let labelled = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const written = await tx
      .insertInto('buyerLabels')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['buyerId', 'label'])
          .doUpdateSet((eb) => ({
            inputs: eb.ref('excluded.inputs'),
            configVersion: eb.ref('excluded.configVersion'),
          }))
          .where('buyerLabels.setBy', '=', 'system'),
      )
      .returning(sql<boolean>`xmax = 0`.as('inserted'))
      .execute();
    labelled += written.filter((row) => row.inserted).length;
  }

  const kept = labels.map((l) => l.buyerId);
  const cleared = await tx
    .deleteFrom('buyerLabels')
    .where('label', '=', label)
    .where('setBy', '=', 'system')
    .where(sql<boolean>`buyer_id <> all(${kept}::bigint[])`)
    .executeTakeFirst();
  return { labelled, cleared: Number(cleared.numDeletedRows) };
}

/** Ops set a label with their reason; it replaces a system label, and the system leaves it alone. */
export async function setOpsBuyerLabel(
  db: Executor,
  input: { buyerId: number; label: BuyerLabelName; inputs: Record<string, unknown>; now: Date },
): Promise<void> {
  const { buyerId, label, inputs, now } = input;
  await db
    .insertInto('buyerLabels')
    .values({ buyerId, label, inputs, configVersion: null, setBy: 'ops', setAt: now })
    .onConflict((oc) =>
      oc.columns(['buyerId', 'label']).doUpdateSet({ inputs, configVersion: null, setBy: 'ops', setAt: now }),
    )
    .execute();
}

/** Clears a label, whoever set it. */
export async function clearBuyerLabel(db: Executor, buyerId: number, label: BuyerLabelName): Promise<void> {
  await db.deleteFrom('buyerLabels').where('buyerId', '=', buyerId).where('label', '=', label).execute();
}
