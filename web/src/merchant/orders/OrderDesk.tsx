import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { paths } from '../../api/client.ts';
import { unwrap } from '../../api/client.ts';
import { EmptyState, SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, Countdown, ErrorMessage, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import { BulkShip } from './BulkShip.tsx';
import { DeskFilters } from './DeskFilters.tsx';
import { apiFilters, type DeskState, PAGE_SIZES, readDesk, VIEWS, writeDesk } from './desk-query.ts';
import { Receiver } from './Receiver.tsx';
import { ShipForm } from './ShipForm.tsx';

type DeskPage =
  paths['/api/v1/shops/{id}/order-desk']['get']['responses'][200]['content']['application/json'];
export type DeskRow = DeskPage['items'][number];

/**
 * /merchant/orders: every order of the shop (快手小店 / Shopify admin order list): status tabs,
 * a filters bar, the table with what is still to ship and to be paid out, paging, bulk shipping from
 * a file and export. The filters live in the address, so a filtered list can be linked and reloaded.
 */
export function OrderDesk() {
  const { t, timeZone, lang } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { shop } = useShop();
  const [params, setParams] = useSearchParams();
  const state = readDesk(params);
  const [bulkOpen, setBulkOpen] = useState(false);
  const go = (next: Partial<DeskState>) => setParams(writeDesk({ ...state, page: 1, ...next }));
  const filters = apiFilters(state, timeZone);
  const key = JSON.stringify([filters, state.page, state.size]);
  const orders = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/order-desk', {
          params: {
            path: { id: shop.id },
            query: { ...filters, limit: state.size, offset: (state.page - 1) * state.size },
          },
        }),
      ),
    [api, shop.id, key],
  );
  const exportFile = useAction(async (format: 'csv' | 'xlsx') => {
    const outcome = await api.GET('/api/v1/shops/{id}/order-desk/export', {
      params: { path: { id: shop.id }, query: { ...filters, format, lang } },
      parseAs: 'blob',
    });
    const blob: Blob = await unwrap(Promise.resolve(outcome));
    const name =
      /filename="([^"]+)"/.exec(outcome.response.headers.get('content-disposition') ?? '')?.[1] ??
      `orders.${format}`;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    toast.success(t('merchant.desk.exported'));
  });

  return (
    <section>
      <PageHead title={t('merchant.desk.title')}>
        <Button kind="secondary" onClick={() => setBulkOpen(!bulkOpen)} aria-expanded={bulkOpen}>
          {t('merchant.desk.bulkShip')}
        </Button>
        <Button kind="secondary" busy={exportFile.busy} onClick={() => void exportFile.run('csv')}>
          {t('merchant.desk.exportCsv')}
        </Button>
        <Button kind="secondary" busy={exportFile.busy} onClick={() => void exportFile.run('xlsx')}>
          {t('merchant.desk.exportXlsx')}
        </Button>
      </PageHead>
      <ErrorMessage error={exportFile.error} />
      {bulkOpen ? <BulkShip onClose={() => setBulkOpen(false)} onShipped={orders.reload} /> : null}
      <div className="m-tabs" role="tablist" aria-label={t('merchant.desk.tabs')}>
        {VIEWS.map((view) => (
          <button
            key={view}
            type="button"
            role="tab"
            aria-selected={state.view === view}
            className={`m-tab${state.view === view ? ' m-tab-active' : ''}`}
            onClick={() => go({ view })}
          >
            {t(`merchant.desk.view.${view}`)}
          </button>
        ))}
      </div>
      <DeskFilters key={params.toString()} state={state} onApply={go} />
      <SkeletonLoadState loaded={orders} rows={6}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState
              title={t('merchant.desk.emptyTitle')}
              hint={t('merchant.desk.emptyHint')}
              action={{ label: t('merchant.desk.emptyAll'), to: '/merchant/orders' }}
            />
          ) : (
            <>
              <DeskTable
                rows={page.items}
                onShipped={(id) => {
                  toast.success(t('merchant.desk.shippedToast', { id }));
                  orders.reload();
                }}
              />
              <Pager
                page={state.page}
                size={state.size}
                total={page.total}
                onPage={(p) => setParams(writeDesk({ ...state, page: p }))}
                onSize={(size) => go({ size })}
              />
            </>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function DeskTable({ rows, onShipped }: { rows: DeskRow[]; onShipped(id: number): void }) {
  const { t } = useI18n();
  return (
    <table className="m-desk-table">
      <caption className="visually-hidden">{t('merchant.desk.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('merchant.desk.col.order')}</th>
          <th scope="col">{t('merchant.desk.col.items')}</th>
          <th scope="col">{t('merchant.desk.col.buyer')}</th>
          <th scope="col">{t('merchant.receiver.title')}</th>
          <th scope="col">{t('merchant.desk.col.amount')}</th>
          <th scope="col">{t('merchant.desk.col.status')}</th>
          <th scope="col">{t('merchant.desk.col.shipping')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <DeskRowView key={row.id} row={row} onShipped={() => onShipped(row.id)} />
        ))}
      </tbody>
    </table>
  );
}

function DeskRowView({ row, onShipped }: { row: DeskRow; onShipped(): void }) {
  const { t, tEnum, dateTime, money } = useI18n();
  const [shipping, setShipping] = useState(false);
  const nothingToShip = row.lines.every((l) => l.refundedQuantity >= l.quantity);
  return (
    <tr data-order-id={row.id}>
      <td>
        <Link to={`/merchant/orders/${row.id}`} aria-label={t('merchant.desk.open', { id: row.id })}>
          <strong>{t('merchant.orders.orderNo', { id: row.id })}</strong>
        </Link>
        <div className="hint">{t('merchant.desk.placed', { time: dateTime(row.createdAt) })}</div>
        {row.liveSession ? (
          <div className="hint">{t('merchant.desk.fromLive', { title: row.liveSession.title })}</div>
        ) : null}
      </td>
      <td>
        <ul className="m-desk-lines">
          {row.lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines keep their order and never move
            <li key={i} className={l.refundedQuantity >= l.quantity ? 'm-line-refunded' : undefined}>
              {l.title}
              {l.spec ? `（${l.spec}）` : ''} × {l.quantity}
              {l.refundedQuantity > 0 ? (
                <>
                  {' '}
                  <Badge tone="warn">{t('merchant.desk.refundedUnits', { n: l.refundedQuantity })}</Badge>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </td>
      <td>{row.buyer.displayName}</td>
      <td>
        <Receiver receiver={row.receiver} copy={row.status === 'to_ship'} />
      </td>
      <td>
        <Money fen={row.totalFen} />
        {row.refundedFen > 0 ? (
          <>
            <div className="hint">{t('merchant.desk.refunded', { amount: money(row.refundedFen) })}</div>
            <div className="hint">{t('merchant.desk.payout', { amount: money(row.payoutFen) })}</div>
          </>
        ) : null}
      </td>
      <td>
        <Badge tone={row.status === 'to_ship' ? 'warn' : row.status === 'cancelled' ? 'neutral' : 'ok'}>
          {tEnum('merchant.desk.view.', row.status)}
        </Badge>
        {row.openAftersales > 0 ? (
          <div>
            <Badge tone="bad">{t('merchant.desk.openAftersales', { n: row.openAftersales })}</Badge>
          </div>
        ) : null}
      </td>
      <td>
        {row.status === 'to_ship' ? (
          nothingToShip ? (
            <span className="hint">{t('merchant.desk.nothingToShip')}</span>
          ) : (
            <>
              {row.remainingMs !== null && row.remainingMs <= 0 ? (
                <Badge tone="bad">{t('merchant.orders.late')}</Badge>
              ) : null}{' '}
              <Countdown deadline={row.shipByAt} />
              <div>
                <Button kind="link" aria-expanded={shipping} onClick={() => setShipping(!shipping)}>
                  {shipping ? t('merchant.desk.shipClose') : t('merchant.desk.shipOpen')}
                </Button>
              </div>
              {shipping ? <ShipForm orderId={row.id} onShipped={onShipped} /> : null}
            </>
          )
        ) : row.shipment ? (
          <>
            <div>{tEnum('merchant.carrier.', row.shipment.carrier)}</div>
            <div className="hint">{row.shipment.trackingNumber}</div>
            <div className="hint">{tEnum('merchant.parcel.', row.shipment.status)}</div>
          </>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

function Pager({
  page,
  size,
  total,
  onPage,
  onSize,
}: {
  page: number;
  size: number;
  total: number;
  onPage(page: number): void;
  onSize(size: number): void;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <nav className="m-pager row" aria-label={t('merchant.desk.page', { page, pages, total })}>
      <Button kind="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('merchant.desk.prev')}
      </Button>
      <span>{t('merchant.desk.page', { page, pages, total })}</span>
      <Button kind="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('merchant.desk.next')}
      </Button>
      <label>
        {t('merchant.desk.pageSize')}{' '}
        <select value={size} onChange={(e) => onSize(Number(e.target.value))}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
