import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAction, useLoad } from '../shared/hooks.ts';
import { useApi } from '../shared/session.tsx';
import {
  Badge,
  Button,
  Countdown,
  DateTime,
  Empty,
  ErrorMessage,
  Form,
  LoadState,
  Money,
  SelectField,
  TextField,
} from '../shared/ui.tsx';
import { PageHead } from './parts.tsx';
import { useShop } from './shop.tsx';
import { CARRIERS, type Carrier, type ToShip } from './types.ts';

/** /merchant/orders: paid orders waiting for shipment, most urgent ship-by first, each with its ship form. */
export function OrdersToShip() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const toShip = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/orders-to-ship', {
          params: { path: { id: shop.id }, query: { limit: 100 } },
        }),
      ),
    [api, shop.id],
  );
  const [shipped, setShipped] = useState<number[]>([]);
  return (
    <section>
      <PageHead title={t('merchant.orders.title')}>
        <Button kind="secondary" onClick={toShip.reload}>
          {t('common.refresh')}
        </Button>
      </PageHead>
      <p className="hint">{t('merchant.orders.intro')}</p>
      {shipped.length > 0 ? (
        <p className="notice" role="status">
          {t('merchant.orders.shippedNotice', { ids: shipped.map((id) => `#${id}`).join('、') })}
        </p>
      ) : null}
      <LoadState loaded={toShip}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('merchant.orders.empty')}</Empty>
          ) : (
            <table>
              <caption className="visually-hidden">{t('merchant.orders.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('merchant.orders.col.order')}</th>
                  <th scope="col">{t('merchant.orders.col.total')}</th>
                  <th scope="col">{t('merchant.orders.col.paidAt')}</th>
                  <th scope="col">{t('merchant.orders.col.shipBy')}</th>
                  <th scope="col">{t('merchant.orders.col.ship')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((o) => (
                  <OrderRow
                    key={o.orderId}
                    order={o}
                    onShipped={() => {
                      setShipped((ids) => [...ids, o.orderId]);
                      toShip.set({ ...page, items: page.items.filter((x) => x.orderId !== o.orderId) });
                    }}
                  />
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
      <RecentOrders />
    </section>
  );
}

function OrderRow({ order, onShipped }: { order: ToShip; onShipped(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [open, setOpen] = useState(false);
  const [carrier, setCarrier] = useState<Carrier | ''>('');
  const [tracking, setTracking] = useState('');
  const detail = useLoad(
    () =>
      open
        ? unwrap(
            api.GET('/api/v1/shops/{id}/orders/{orderId}', {
              params: { path: { id: shop.id, orderId: order.orderId } },
            }),
          )
        : Promise.resolve(undefined),
    [api, shop.id, order.orderId, open],
  );
  const ship = useAction(async () => {
    const result = await unwrap(
      api.POST('/api/v1/shops/{id}/orders/{orderId}/shipment', {
        params: { path: { id: shop.id, orderId: order.orderId } },
        body: { carrier: carrier as Carrier, trackingNumber: tracking.trim() },
      }),
    );
    onShipped();
    return result;
  });
  return (
    <tr data-order-id={order.orderId}>
      <td>
        <strong>{t('merchant.orders.orderNo', { id: order.orderId })}</strong>
        <div className="hint">{t('merchant.orders.buyer', { id: order.buyerId })}</div>
        <button type="button" className="btn btn-link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('merchant.orders.hideLines') : t('merchant.orders.showLines')}
        </button>
        {open && detail.data ? (
          <ul>
            {detail.data.lines.map((l) => (
              <li key={l.id}>
                {l.title} {l.spec ? `（${l.spec}）` : ''} × {l.quantity}
              </li>
            ))}
          </ul>
        ) : null}
      </td>
      <td>
        <Money fen={order.totalFen} />
      </td>
      <td>
        <DateTime value={order.paidAt} />
      </td>
      <td>
        {order.overdue ? <Badge tone="bad">{t('merchant.orders.late')}</Badge> : null}{' '}
        <Countdown deadline={order.shipByAt} />
        <div className="hint">
          <DateTime value={order.shipByAt} />
        </div>
      </td>
      <td>
        <Form
          className="m-inline-form"
          label={t('merchant.orders.shipFormFor', { id: order.orderId })}
          onSubmit={() => ship.run()}
        >
          <SelectField
            label={t('merchant.orders.carrier')}
            name="carrier"
            value={carrier}
            required
            onChange={(e) => setCarrier(e.target.value as Carrier)}
            error={ship.error}
          >
            <option value="">{t('merchant.orders.chooseCarrier')}</option>
            {CARRIERS.map((c) => (
              <option key={c} value={c}>
                {t(`merchant.carrier.${c}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('merchant.orders.tracking')}
            name="trackingNumber"
            value={tracking}
            required
            pattern="[A-Za-z0-9]{8,30}"
            title={t('merchant.orders.trackingHint')}
            onChange={(e) => setTracking(e.target.value)}
            error={ship.error}
          />
          <Button type="submit" busy={ship.busy}>
            {t('merchant.orders.ship')}
          </Button>
        </Form>
        <ErrorMessage error={ship.error} />
      </td>
    </tr>
  );
}

/** The shop's latest orders in any state (what was shipped, delivered, completed). */
function RecentOrders() {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const orders = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/orders', { params: { path: { id: shop.id }, query: { limit: 20 } } }),
      ),
    [api, shop.id],
  );
  return (
    <section aria-labelledby="recent-orders">
      <h3 id="recent-orders">{t('merchant.orders.recent')}</h3>
      <LoadState loaded={orders}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty />
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('merchant.orders.col.order')}</th>
                  <th scope="col">{t('common.state')}</th>
                  <th scope="col">{t('merchant.orders.col.total')}</th>
                  <th scope="col">{t('common.createdAt')}</th>
                  <th scope="col">{t('merchant.orders.col.shippedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((o) => (
                  <tr key={o.id}>
                    <td>{t('merchant.orders.orderNo', { id: o.id })}</td>
                    <td>{tEnum('merchant.orderState.', o.state)}</td>
                    <td>
                      <Money fen={o.totalFen} />
                    </td>
                    <td>
                      <DateTime value={o.createdAt} />
                    </td>
                    <td>
                      <DateTime value={o.shippedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
    </section>
  );
}
