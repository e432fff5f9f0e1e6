import { parse } from 'csv-parse/sync';
import type { Principal } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, invalidField } from '../../platform/errors.ts';
import { type FulfilmentHooks, shipmentsOfOrders, shipOrder } from '../fulfilment/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { readShipRows, type ShipRow } from './bulk-ship-rows.rule.ts';
import type { BulkShipReason } from './order-desk.schema.ts';

const MAX_ROWS = 500;

type Outcome = {
  line: number;
  orderId: number | null;
  carrier: ShipRow['carrier'];
  trackingNumber: string | null;
  outcome: 'shipped' | 'already_shipped' | 'failed';
  reason: BulkShipReason | null;
  field: 'order' | 'carrier' | 'waybill' | null;
};

/**
 * Ships the orders a file names (order number, carrier, waybill), each row on its own: a bad row is
 * reported with its reason and the others still ship. A re-run of the same file ships nothing twice:
 * a row whose order already has that carrier and waybill reports `already_shipped`.
 */
export async function bulkShip(
  db: Db,
  principal: Principal,
  shopId: number,
  csv: string,
  now: Date,
  hooks: FulfilmentHooks,
) {
  await requireShopMember(db, principal, shopId);
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch (err) {
    throw invalidField('csv', `is not readable CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const rows = readShipRows(records);
  if (rows.length === 0) throw invalidField('csv', 'has no rows to ship');
  if (rows.length > MAX_ROWS)
    throw invalidField('csv', `has ${rows.length} rows; at most ${MAX_ROWS} per file`);

  const results: Outcome[] = [];
  for (const row of rows) {
    if (!row.ok) {
      const { ok: _, ...rest } = row;
      results.push({ ...rest, outcome: 'failed' });
      continue;
    }
    results.push(await shipRow(db, principal, shopId, row, now, hooks));
  }
  const count = (o: Outcome['outcome']) => results.filter((r) => r.outcome === o).length;
  return {
    rows: results,
    shipped: count('shipped'),
    alreadyShipped: count('already_shipped'),
    failed: count('failed'),
  };
}

async function shipRow(
  db: Db,
  principal: Principal,
  shopId: number,
  row: Extract<ShipRow, { ok: true }>,
  now: Date,
  hooks: FulfilmentHooks,
): Promise<Outcome> {
  const base = {
    line: row.line,
    orderId: row.orderId,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
  };
  const failed = (reason: BulkShipReason, field: Outcome['field']): Outcome => ({
    ...base,
    outcome: 'failed',
    reason,
    field,
  });
  try {
    await shipOrder(
      db,
      principal,
      { shopId, orderId: row.orderId, carrier: row.carrier, trackingNumber: row.trackingNumber },
      now,
      hooks,
    );
    return { ...base, outcome: 'shipped', reason: null, field: null };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    switch (err.code) {
      case 'not_found':
        return failed('order_not_found', 'order');
      case 'order_refunded':
        return failed('order_refunded', 'order');
      case 'invalid_transition':
        return failed('order_not_paid', 'order');
      case 'already_exists': {
        if ('fields' in err.details) return failed('waybill_taken', 'waybill');
        const [shipment] = await shipmentsOfOrders(db, [row.orderId]);
        if (shipment?.carrier === row.carrier && shipment.trackingNumber === row.trackingNumber)
          return { ...base, outcome: 'already_shipped', reason: null, field: null };
        return failed('shipped_with_other_waybill', 'waybill');
      }
      default:
        return failed('failed', null);
    }
  }
}
