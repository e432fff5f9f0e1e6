import { CARRIERS, type Carrier } from '../fulfilment/index.ts';
import type { BulkShipReason } from './order-desk.schema.ts';

export type ShipRow =
  | { line: number; ok: true; orderId: number; carrier: Carrier; trackingNumber: string }
  | {
      line: number;
      ok: false;
      orderId: number | null;
      carrier: Carrier | null;
      trackingNumber: string | null;
      reason: BulkShipReason;
      field: 'order' | 'carrier' | 'waybill' | null;
    };

/** Carrier names as merchants write them in their sheets (快递公司 column). */
const CARRIER_NAMES: Record<string, Carrier> = {
  顺丰: 'sf',
  顺丰速运: 'sf',
  中通: 'zto',
  中通快递: 'zto',
  圆通: 'yto',
  圆通速递: 'yto',
  申通: 'sto',
  申通快递: 'sto',
  韵达: 'yunda',
  韵达快递: 'yunda',
  京东: 'jd',
  京东物流: 'jd',
  邮政: 'ems',
  中国邮政: 'ems',
  沙盒: 'sandbox',
};

const HEADER = /^(订单|order|#)/i;
const WAYBILL = /^[A-Za-z0-9]{8,30}$/;

export function carrierOf(text: string): Carrier | null {
  const t = text.trim();
  const code = t.toLowerCase();
  if ((CARRIERS as readonly string[]).includes(code)) return code as Carrier;
  return CARRIER_NAMES[t] ?? null;
}

/**
 * The rows of a bulk-ship file (records as csv-parse gives them): each row on its own, a header row
 * skipped, blank rows ignored; a row that cannot be read says which column and why. An order named
 * twice ships from its first row only.
 */
export function readShipRows(records: readonly (readonly string[])[]): ShipRow[] {
  const rows: ShipRow[] = [];
  const seen = new Set<number>();
  for (const [index, record] of records.entries()) {
    const line = index + 1;
    const cells = record.map((c) => c.trim());
    if (cells.every((c) => c === '')) continue;
    if (index === 0 && HEADER.test(cells[0] ?? '') && !/\d/.test(cells[0] ?? '')) continue;
    const [orderText = '', carrierText = '', waybillText = ''] = cells;
    const digits = orderText.replace(/^#/, '').trim();
    const orderId = /^\d{1,15}$/.test(digits) && Number(digits) > 0 ? Number(digits) : null;
    const carrier = carrierOf(carrierText);
    const trackingNumber = waybillText ? waybillText.toUpperCase() : null;
    const problem: [BulkShipReason, 'order' | 'carrier' | 'waybill'] | null =
      orderId === null
        ? ['order_number_invalid', 'order']
        : carrier === null
          ? ['carrier_unknown', 'carrier']
          : !trackingNumber || !WAYBILL.test(trackingNumber)
            ? ['waybill_invalid', 'waybill']
            : seen.has(orderId)
              ? ['duplicate_in_file', 'order']
              : null;
    if (problem) {
      rows.push({ line, ok: false, orderId, carrier, trackingNumber, reason: problem[0], field: problem[1] });
      continue;
    }
    seen.add(orderId!);
    rows.push({ line, ok: true, orderId: orderId!, carrier: carrier!, trackingNumber: trackingNumber! });
  }
  return rows;
}
