import { describe, expect, it } from 'vitest';
import { carrierOf, readShipRows } from './bulk-ship-rows.rule.ts';

describe('readShipRows', () => {
  it('skips a header and blank rows, reads codes and Chinese carrier names, upper-cases waybills', () => {
    const rows = readShipRows([
      ['订单号', '快递公司', '运单号'],
      ['12', '顺丰', 'sf1234567890'],
      ['', '', ''],
      ['#13', 'ZTO', 'ZT00000001'],
    ]);
    expect(rows).toEqual([
      { line: 2, ok: true, orderId: 12, carrier: 'sf', trackingNumber: 'SF1234567890' },
      { line: 4, ok: true, orderId: 13, carrier: 'zto', trackingNumber: 'ZT00000001' },
    ]);
  });

  it.each([
    ['an order number that is not one', ['A12', 'sf', 'SF12345678'], 'order_number_invalid', 'order'],
    ['order number zero', ['0', 'sf', 'SF12345678'], 'order_number_invalid', 'order'],
    ['an unknown carrier', ['12', '飞鸽', 'SF12345678'], 'carrier_unknown', 'carrier'],
    ['a waybill too short', ['12', 'sf', 'SF1'], 'waybill_invalid', 'waybill'],
    ['a waybill with spaces', ['12', 'sf', 'SF 1234 5678'], 'waybill_invalid', 'waybill'],
    ['no waybill', ['12', 'sf'], 'waybill_invalid', 'waybill'],
  ])('refuses %s, naming the column', (_name, record, reason, field) => {
    const [row] = readShipRows([record]);
    expect(row).toMatchObject({ line: 1, ok: false, reason, field });
  });

  it('ships an order named twice from its first row only', () => {
    const rows = readShipRows([
      ['12', 'sf', 'SF12345678'],
      ['12', 'sf', 'SF87654321'],
    ]);
    expect(rows.map((r) => r.ok)).toEqual([true, false]);
    expect(rows[1]).toMatchObject({ reason: 'duplicate_in_file', line: 2 });
  });

  it('knows carriers by code and by name, nothing else', () => {
    expect([carrierOf('SF'), carrierOf('韵达快递'), carrierOf('jd'), carrierOf('dhl')]).toEqual([
      'sf',
      'yunda',
      'jd',
      null,
    ]);
  });
});
