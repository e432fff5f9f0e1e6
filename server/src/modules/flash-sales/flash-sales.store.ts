import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { cancelDeadline, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { checkGuard, transitionRow } from '../../platform/state-machine.ts';
import { publishLiveChange } from '../live/index.ts';
import { FLASH_SALE_END, FLASH_SALE_START } from './deadline-kinds.ts';
import { flashSaleGuards, flashSaleTransitions } from './flash-sales.machine.ts';
import type { FlashSaleState, FlashSalesTable } from './flash-sales.tables.ts';

/**
 * The one way flash sales are created and change state: each move is checked against the machine
 * (flash-sales.machine.ts) and its guard, and updates only a row still in the state it was read in.
 * The sale's deadlines are scheduled and cancelled here, with the move that makes them due or moot, and
 * a sale of a live room tells the room's viewers (`offers`) on commit.
 */

export type FlashSaleRow = Selectable<FlashSalesTable>;

type NewFlashSale = Omit<Insertable<FlashSalesTable>, 'id' | 'state' | 'sold' | 'createdAt' | 'updatedAt'>;

/** Records a scheduled sale with its start and end deadlines; one starting now runs at once. */
export async function insertFlashSale(tx: Tx, values: NewFlashSale, now: Date): Promise<FlashSaleRow> {
  const row = await tx
    .insertInto('flashSales')
    .values({ ...values, state: 'scheduled', createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.column('skuId').where('state', 'in', ['scheduled', 'running']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    throw new AppError(
      'flash_sale_overlap',
      `skuId ${values.skuId} already has a scheduled or running flash sale; cancel it or wait until it ends`,
      {
        skuId: values.skuId,
        fields: [{ field: 'skuId', reason: 'already has a scheduled or running flash sale' }],
      },
    );
  }
  await scheduleDeadline(tx, { kind: FLASH_SALE_END, subjectId: row.id, dueAt: row.endsAt });
  if (row.startsAt.getTime() <= now.getTime()) return moveFlashSale(tx, row, 'running', now);
  await scheduleDeadline(tx, { kind: FLASH_SALE_START, subjectId: row.id, dueAt: row.startsAt });
  await announce(tx, row);
  return row;
}

/** Moves a sale from the state it was read in to `to` (409 when another action moved it first). */
export async function moveFlashSale(
  tx: Tx,
  sale: FlashSaleRow,
  to: FlashSaleState,
  now: Date,
): Promise<FlashSaleRow> {
  checkGuard(flashSaleGuards, to, { startsAt: sale.startsAt, endsAt: sale.endsAt, now });
  const moved = await transitionRow(tx, 'flashSales', {
    machine: flashSaleTransitions,
    what: `flash sale ${sale.id}`,
    key: { id: sale.id },
    from: sale.state,
    to,
    set: { updatedAt: now },
  });
  if (to === 'ended' || to === 'cancelled') {
    await cancelDeadline(tx, FLASH_SALE_START, sale.id);
    await cancelDeadline(tx, FLASH_SALE_END, sale.id);
  }
  await announce(tx, moved);
  return moved;
}

/** The sale under a row lock for the rest of the transaction, or undefined. */
export async function lockFlashSale(tx: Tx, id: number): Promise<FlashSaleRow | undefined> {
  return tx.selectFrom('flashSales').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

async function announce(tx: Tx, sale: FlashSaleRow): Promise<void> {
  if (sale.liveSessionId !== null) {
    await publishLiveChange(tx, { sessionId: sale.liveSessionId, kind: 'offers' });
  }
}
