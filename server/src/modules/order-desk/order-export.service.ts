import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { searchShopOrders } from '../orders/index.ts';
import { requireShopMember } from '../shops/index.ts';
import type { DeskStatus } from './order-desk.schema.ts';
import { type DeskFilterInput, type DeskRowView, deskRows, resolveFilter } from './order-list.service.ts';

type Lang = 'zh' | 'en';
const PAGE = 200;
const MAX_ROWS = 50_000;

const COLUMNS = {
  zh: [
    '订单号',
    '状态',
    '下单时间',
    '付款时间',
    '买家',
    '收货人',
    '收货电话',
    '收货地址',
    '直播间',
    '商品',
    '订单金额',
    '已退款',
    '待结算',
    '快递公司',
    '运单号',
    '发货时间',
    '进行中的售后',
  ],
  en: [
    'Order',
    'Status',
    'Placed',
    'Paid',
    'Buyer',
    'Receiver',
    'Receiver phone',
    'Delivery address',
    'Live room',
    'Items',
    'Total',
    'Refunded',
    'To be paid out',
    'Carrier',
    'Waybill',
    'Shipped',
    'Open after-sales',
  ],
} as const;

const STATUS: Record<Lang, Record<DeskStatus, string>> = {
  zh: { to_pay: '待付款', to_ship: '待发货', shipped: '已发货', completed: '已完成', cancelled: '已取消' },
  en: {
    to_pay: 'To pay',
    to_ship: 'To ship',
    shipped: 'Shipped',
    completed: 'Completed',
    cancelled: 'Cancelled',
  },
};

const CARRIER: Record<Lang, Record<string, string>> = {
  zh: {
    sf: '顺丰速运',
    zto: '中通快递',
    yto: '圆通速递',
    sto: '申通快递',
    yunda: '韵达快递',
    jd: '京东物流',
    ems: 'EMS',
    sandbox: '沙盒快递',
  },
  en: {
    sf: 'SF Express',
    zto: 'ZTO Express',
    yto: 'YTO Express',
    sto: 'STO Express',
    yunda: 'Yunda Express',
    jd: 'JD Logistics',
    ems: 'EMS',
    sandbox: 'Sandbox carrier',
  },
};

/** Fen as a yuan amount with two decimals ("1234.50"), exact (no floating point on the way). */
export function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function timeText(at: Date | null, timeZone: string): string {
  if (!at) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function cells(row: DeskRowView, lang: Lang, timeZone: string) {
  const items = row.lines
    .map((l) => {
      const name = l.spec ? `${l.title}（${l.spec}）` : l.title;
      const refunded =
        l.refundedQuantity > 0
          ? lang === 'zh'
            ? `，已退 ${l.refundedQuantity}`
            : `, ${l.refundedQuantity} refunded`
          : '';
      return `${name} ×${l.quantity}${refunded}`;
    })
    .join(lang === 'zh' ? '；' : '; ');
  return {
    order: row.id,
    status: STATUS[lang][row.status as DeskStatus],
    placed: timeText(row.createdAt, timeZone),
    paid: timeText(row.paidAt, timeZone),
    buyer: row.buyer.displayName,
    // The phone in full only on orders waiting to be shipped (deskRows masks it elsewhere).
    receiver: row.receiver?.recipient ?? '',
    receiverPhone: row.receiver?.phone ?? '',
    address: row.receiver ? `${row.receiver.regionName} ${row.receiver.detail}` : '',
    room: row.liveSession?.title ?? '',
    items,
    totalFen: row.totalFen,
    refundedFen: row.refundedFen,
    payoutFen: row.payoutFen,
    carrier: row.shipment ? (CARRIER[lang][row.shipment.carrier] ?? row.shipment.carrier) : '',
    waybill: row.shipment?.trackingNumber ?? '',
    shipped: timeText(row.shipment?.shippedAt ?? null, timeZone),
    openAftersales: row.openAftersales,
  };
}

/** Every matching order, page by page, as the desk rows (at most MAX_ROWS). */
async function* matchingRows(db: Executor, shopId: number, input: DeskFilterInput, now: Date) {
  const filter = await resolveFilter(db, shopId, input);
  for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
    const page = await searchShopOrders(db, filter, { limit: PAGE, offset });
    if (page.items.length > 0) yield* await deskRows(db, page.items, now);
    if (page.items.length < PAGE) return;
  }
}

/**
 * The shop's orders matching the desk's filters as a CSV or XLSX download, streamed while it is read.
 * Filters are checked before the first byte, so bad input still answers 400. Times in the platform's
 * time zone (named in the column heads), amounts in yuan.
 */
export async function exportOrders(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: DeskFilterInput & { format: 'csv' | 'xlsx'; lang?: Lang },
  now: Date,
  timeZone: string,
): Promise<{ stream: Readable; contentType: string; fileName: string }> {
  await requireShopMember(db, principal, shopId);
  await resolveFilter(db, shopId, input);
  const lang: Lang = input.lang ?? 'zh';
  const zone = lang === 'zh' ? `（${timeZone}）` : ` (${timeZone})`;
  const heads = COLUMNS[lang].map((h, i) => ([2, 3, 15].includes(i) ? `${h}${zone}` : h));
  const stamp = timeText(now, timeZone).replace(/[-: ]/g, '').slice(0, 12);
  const fileName = `orders-${shopId}-${stamp}.${input.format}`;
  const rows = matchingRows(db, shopId, input, now);

  if (input.format === 'csv') {
    // A byte-order mark so spreadsheet programs read the Chinese as UTF-8.
    const out = stringify({ header: true, columns: heads, bom: true });
    const source = Readable.from(
      (async function* () {
        for await (const row of rows) {
          const c = cells(row, lang, timeZone);
          yield [
            c.order,
            c.status,
            c.placed,
            c.paid,
            c.buyer,
            c.receiver,
            c.receiverPhone,
            c.address,
            c.room,
            c.items,
            yuanText(c.totalFen),
            yuanText(c.refundedFen),
            yuanText(c.payoutFen),
            c.carrier,
            c.waybill,
            c.shipped,
            c.openAftersales,
          ];
        }
      })(),
    );
    source.on('error', (err) => out.destroy(err));
    source.pipe(out);
    return { stream: out, contentType: 'text/csv; charset=utf-8', fileName };
  }

  // loaded on the first spreadsheet export, not when the server starts (≈ 0.15–0.3 s of CPU)
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = book.addWorksheet(lang === 'zh' ? '订单' : 'Orders');
  sheet.columns = heads.map((header, i) => ({
    header,
    width: [12, 10, 20, 20, 16, 12, 14, 40, 20, 48, 12, 12, 12, 12, 20, 20, 10][i],
    ...([10, 11, 12].includes(i) ? { style: { numFmt: '#,##0.00' } } : {}),
  }));
  void (async () => {
    try {
      for await (const row of rows) {
        const c = cells(row, lang, timeZone);
        sheet
          .addRow([
            c.order,
            c.status,
            c.placed,
            c.paid,
            c.buyer,
            c.receiver,
            c.receiverPhone,
            c.address,
            c.room,
            c.items,
            // Whole fen to yuan for the sheet's number cells; the text export keeps exact strings.
            Number(yuanText(c.totalFen)),
            Number(yuanText(c.refundedFen)),
            Number(yuanText(c.payoutFen)),
            c.carrier,
            c.waybill,
            c.shipped,
            c.openAftersales,
          ])
          .commit();
      }
      sheet.commit();
      await book.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return {
    stream: out,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName,
  };
}
