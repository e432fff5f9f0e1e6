import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { idempotencyKey, unwrap } from '../api/client.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import {
  Badge,
  Button,
  Countdown,
  DateTime,
  Empty,
  ErrorMessage,
  LoadState,
  Money,
  useWording,
} from '../common/ui.tsx';
import { systemReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { ContactShopButton } from './chat/index.ts';
import { LinePrice } from './checkout/Breakdown.tsx';
import { OrderAddress, OrderAmounts } from './checkout/OrderAmounts.tsx';
import { Logistics } from './Logistics.tsx';
import { PageTitle, RequireBuyer, Thumb } from './parts.tsx';
import { ReviewSheet } from './Reviews.tsx';
import { NpsPrompt } from './surveys/index.ts';
import type { Order, OrderState, OrderSummary } from './types.ts';

export const ORDER_TONE: Record<OrderState, string> = {
  pending_payment: 'warn',
  paid: 'ok',
  shipped: 'ok',
  delivered: 'ok',
  completed: 'neutral',
  cancelled: 'bad',
};

/** Order states in which a line may get an after-sales request (product rules §5). */
const AFTERSALES_STATES: OrderState[] = ['paid', 'shipped', 'delivered', 'completed'];

/** The order's state as buyers name it (待发货, not 已付款). */
export function OrderStateBadge({ state }: { state: OrderState }) {
  const { tEnum } = useI18n();
  return <Badge tone={ORDER_TONE[state]}>{tEnum('buyer.stage.', state)}</Badge>;
}

export function OrdersPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('buyer.orders.title')}>
      <OrdersList />
    </RequireBuyer>
  );
}

type Stage = 'to_pay' | 'to_ship' | 'to_receive' | 'to_review';
const STAGES: Stage[] = ['to_pay', 'to_ship', 'to_receive', 'to_review'];

/** The tabs of the shopping apps: 全部 / 待付款 / 待发货 / 待收货 / 待评价, and 售后 (its own list). */
function OrderTabs({ stage }: { stage: Stage | undefined }) {
  const { t } = useI18n();
  const tab = (to: string, on: boolean, label: string) => (
    <Link key={to} to={to} aria-current={on ? 'page' : undefined} replace>
      {label}
    </Link>
  );
  return (
    <nav className="order-tabs" aria-label={t('buyer.tabs.label')}>
      {tab('/orders', stage === undefined, t('buyer.tab.all'))}
      {STAGES.map((s) => tab(`/orders?tab=${s}`, stage === s, t(`buyer.tab.${s}`)))}
      <Link to="/aftersales">{t('buyer.tab.aftersales')}</Link>
    </nav>
  );
}

function OrdersList() {
  const { t } = useI18n();
  const api = useApi();
  const [params] = useSearchParams();
  const tab = params.get('tab');
  const stage = STAGES.find((s) => s === tab);
  const orders = useLoad(
    () =>
      unwrap(api.GET('/api/v1/orders', { params: { query: { limit: 50, ...(stage ? { stage } : {}) } } })),
    [api, stage],
  );
  return (
    <div className="stack">
      <PageTitle>{t('buyer.orders.title')}</PageTitle>
      <OrderTabs stage={stage} />
      <LoadState loaded={orders}>
        {(d) =>
          d.items.length ? (
            <ul className="plain stack">
              {d.items.map((o) => (
                <li key={o.id}>
                  <OrderCard order={o} stage={stage} />
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('buyer.orders.none')}</Empty>
          )
        }
      </LoadState>
    </div>
  );
}

const SHOWN_LINES = 3;

/**
 * One order as the shopping apps show it: shop and state, items, amount, the next thing to do. In
 * 待评价 the card holds only the items still to review, so it counts no items beside the order's amount.
 */
function OrderCard({ order: o, stage }: { order: OrderSummary; stage: Stage | undefined }) {
  const { t, money } = useI18n();
  const units = o.lines.reduce((n, l) => n + l.quantity, 0);
  const detail = `/orders/${o.id}`;
  const first = o.lines[0];
  const actions: { to: string; label: string; primary?: boolean }[] = [];
  if (o.state === 'pending_payment') actions.push({ to: detail, label: t('buyer.card.pay'), primary: true });
  if (o.state === 'shipped' || o.state === 'delivered') {
    actions.push({ to: `${detail}#logistics`, label: t('buyer.card.track') });
    actions.push({ to: detail, label: t('buyer.card.confirm'), primary: true });
  }
  if (o.state === 'completed') actions.push({ to: detail, label: t('buyer.card.review'), primary: true });
  if ((o.state === 'completed' || o.state === 'cancelled') && first)
    actions.push({ to: `/products/${first.productId}`, label: t('buyer.card.again') });
  return (
    <article className="card order-card" aria-label={t('buyer.orders.number', { id: o.id })}>
      <Link to={detail} className="order-card-body" aria-label={t('buyer.card.detail', { id: o.id })}>
        <span className="order-card-head">
          <strong>{o.shopName}</strong>
          <span className="order-stage">
            <OrderStateText state={o.state} />
          </span>
        </span>
        {o.lines.slice(0, SHOWN_LINES).map((l) => (
          <span key={l.id} className="line">
            <Thumb title={l.title} imageUrl={l.imageUrl} />
            <span className="grow line-text">
              <span className="line-title">{l.title}</span>
              <small className="hint">{l.spec}</small>
            </span>
            <span className="line-price">
              <Money fen={l.unitPriceFen} />
              <small className="hint">× {l.quantity}</small>
            </span>
          </span>
        ))}
        {o.lines.length > SHOWN_LINES ? (
          <small className="hint">{t('buyer.card.more', { n: o.lines.length - SHOWN_LINES })}</small>
        ) : null}
        <span className="order-total">
          {stage === 'to_review' ? null : (
            <small className="hint">{t('buyer.card.items', { n: units })}</small>
          )}{' '}
          {t('buyer.card.total')} <Money fen={o.totalFen} />
          {o.shippingFen > 0 ? (
            <small className="hint">{t('buyer.quote.withShipping', { amount: money(o.shippingFen) })}</small>
          ) : null}
        </span>
      </Link>
      {actions.length ? (
        <div className="order-actions">
          {actions.map((a) => (
            <Link key={a.label} to={a.to} className={`btn ${a.primary ? 'btn-primary' : 'btn-secondary'}`}>
              {a.label}
            </Link>
          ))}
        </div>
      ) : null}
    </article>
  );
}

function OrderStateText({ state }: { state: OrderState }) {
  const { tEnum } = useI18n();
  return <>{tEnum('buyer.stage.', state)}</>;
}

/**
 * The lines of this order the buyer reviewed: their reviews, newest first, read back to the first one
 * older than the order (none of its reviews can be older).
 */
async function reviewedLines(api: ReturnType<typeof useApi>, order: Order): Promise<Set<number>> {
  const lines = new Set<number>();
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const page = await unwrap(api.GET('/api/v1/me/reviews', { params: { query: { limit, offset } } }));
    for (const r of page.items) if (r.orderId === order.id) lines.add(r.orderLineId);
    const last = page.items.at(-1);
    if (!last || offset + limit >= page.total || last.createdAt < order.createdAt) return lines;
  }
}

export function OrderDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  return (
    <RequireBuyer title={t('buyer.orders.number', { id })}>
      <OrderDetail id={id} />
    </RequireBuyer>
  );
}

function OrderDetail({ id }: { id: number }) {
  const { t } = useI18n();
  const api = useApi();
  const order = useLoad(
    () => unwrap(api.GET('/api/v1/orders/{id}', { params: { path: { id } } })),
    [api, id],
  );
  return (
    <div className="stack">
      <PageTitle back>{t('buyer.orders.number', { id })}</PageTitle>
      <LoadState loaded={order}>{(o) => <OrderBody order={o} reload={order.reload} />}</LoadState>
    </div>
  );
}

function OrderBody({ order: o, reload }: { order: Order; reload(): void }) {
  const { t, tEnum } = useI18n();
  const w = useWording();
  const api = useApi();
  const [reviewing, setReviewing] = useState<number>();
  // the lines already reviewed (a completed order's): they show 已评价, not the review button
  const reviewed = useLoad(
    () => (o.state === 'completed' ? reviewedLines(api, o) : Promise.resolve(new Set<number>())),
    [api, o.id, o.state, reviewing],
  );
  const requests = useLoad(
    () => unwrap(api.GET('/api/v1/aftersales/requests', { params: { query: { orderId: o.id, limit: 50 } } })),
    [api, o.id, o.state],
  );
  const refunds = useLoad(
    () => unwrap(api.GET('/api/v1/orders/{id}/refunds', { params: { path: { id: o.id } } })),
    [api, o.id, o.state],
  );
  const shop = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}', { params: { path: { id: o.shopId } } })),
    [api, o.shopId],
  );
  const [payKey] = useState(idempotencyKey);
  const pay = useAction(async () => {
    await unwrap(
      api.POST('/api/v1/order-groups/{id}/pay', {
        params: { path: { id: o.groupId }, header: { 'idempotency-key': payKey } },
        body: { method: 'sandbox' },
      }),
    );
    reload();
  });
  const cancel = useAction(async () => {
    await unwrap(api.POST('/api/v1/orders/{id}/cancel', { params: { path: { id: o.id } } }));
    reload();
  });
  const confirm = useAction(async () => {
    await unwrap(api.POST('/api/v1/orders/{id}/confirm-receipt', { params: { path: { id: o.id } } }));
    reload();
  });
  const openByLine = new Map((requests.data?.items ?? []).map((r) => [r.orderLineId, r]));
  return (
    <>
      <section className="card stack" aria-label={t('buyer.orders.summary')}>
        <div className="row between">
          <OrderStateBadge state={o.state} />
          <Money fen={o.totalFen} />
        </div>
        <dl className="facts">
          {shop.data ? (
            <>
              <dt>{t('buyer.orders.shop')}</dt>
              <dd>
                {shop.data.name}{' '}
                <ContactShopButton
                  shopId={o.shopId}
                  shopName={shop.data.name}
                  context={{ type: 'order', id: o.id }}
                  kind="link"
                />
              </dd>
            </>
          ) : null}
          {o.liveSessionId ? (
            <>
              <dt>{t('buyer.orders.source')}</dt>
              <dd>
                <Link to={`/live/${o.liveSessionId}`}>{t('buyer.orders.fromLive')}</Link>
              </dd>
            </>
          ) : null}
          <dt>{t('common.createdAt')}</dt>
          <dd>
            <DateTime value={o.createdAt} />
          </dd>
          {o.paidAt ? (
            <>
              <dt>{t('buyer.orders.paidAt')}</dt>
              <dd>
                <DateTime value={o.paidAt} />
              </dd>
            </>
          ) : null}
          {o.state === 'paid' && o.shipByAt ? (
            <>
              <dt>{t('buyer.orders.shipBy')}</dt>
              <dd>
                <DateTime value={o.shipByAt} /> <Countdown deadline={o.shipByAt} />
              </dd>
            </>
          ) : null}
          {o.state === 'pending_payment' ? (
            <>
              <dt>{t('buyer.orders.payBy')}</dt>
              <dd>
                <Countdown deadline={o.paymentDueAt} />
              </dd>
            </>
          ) : null}
          {o.cancelReason ? (
            <>
              <dt>{t('common.reason')}</dt>
              <dd>{systemReason(w, o.cancelReason)}</dd>
            </>
          ) : null}
        </dl>
        {o.state === 'pending_payment' ? (
          <div className="row">
            <Button busy={pay.busy} onClick={() => pay.run()}>
              {t('buyer.orders.pay')}
            </Button>
            <Button kind="secondary" busy={cancel.busy} onClick={() => cancel.run()}>
              {t('buyer.orders.cancel')}
            </Button>
          </div>
        ) : null}
        <ErrorMessage error={pay.error ?? cancel.error} />
        {o.state === 'shipped' || o.state === 'delivered' ? (
          <div className="stack">
            <Button busy={confirm.busy} onClick={() => confirm.run()}>
              {t('buyer.orders.confirmReceipt')}
            </Button>
            <ErrorMessage error={confirm.error} />
          </div>
        ) : null}
      </section>
      {o.state === 'completed' ? <NpsPrompt orderId={o.id} /> : null}
      <OrderAddress address={o.address} />
      <section className="stack" aria-labelledby="lines-title">
        <h2 id="lines-title">{t('buyer.orders.lines')}</h2>
        <ul className="plain stack">
          {o.lines.map((l) => {
            const request = openByLine.get(l.id);
            return (
              <li key={l.id} className="card stack">
                <div className="line">
                  <Thumb title={l.title} />
                  <div className="grow">
                    <Link to={`/products/${l.productId}`}>{l.title}</Link>
                    <div className="hint">{l.spec}</div>
                    <div className="row">
                      <LinePrice
                        line={{
                          unitPriceFen: l.unitPriceFen,
                          listPriceFen: l.listUnitPriceFen ?? l.unitPriceFen,
                          flashSaleId: l.flashSaleId,
                        }}
                      />{' '}
                      <span>× {l.quantity}</span>
                    </div>
                  </div>
                </div>
                <div className="row">
                  {request ? (
                    <Link className="btn btn-secondary" to={`/aftersales/${request.id}`}>
                      {t('buyer.aftersales.viewRequest', {
                        state: tEnum('buyer.asState.', request.state),
                      })}
                    </Link>
                  ) : null}
                  {AFTERSALES_STATES.includes(o.state) ? (
                    <Link className="btn btn-secondary" to={`/orders/${o.id}/aftersales/new?item=${l.id}`}>
                      {t('buyer.aftersales.open')}
                    </Link>
                  ) : null}
                  {o.state === 'completed' && reviewed.data?.has(l.id) ? (
                    <Link className="btn btn-secondary" to="/reviews">
                      {t('buyer.review.reviewed')}
                    </Link>
                  ) : o.state === 'completed' && reviewed.data ? (
                    <Button
                      kind="secondary"
                      onClick={() => setReviewing(reviewing === l.id ? undefined : l.id)}
                    >
                      {t('buyer.review.write')}
                    </Button>
                  ) : null}
                </div>
                {reviewing === l.id ? (
                  <ReviewSheet orderId={o.id} line={l} onClose={() => setReviewing(undefined)} />
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
      <OrderAmounts order={o} />
      {refunds.data?.length ? (
        <section className="card stack" aria-labelledby="refunds-title">
          <h2 id="refunds-title">{t('buyer.orders.refunds')}</h2>
          <ul className="plain">
            {refunds.data.map((r) => (
              <li key={r.id} className="row between">
                <span>
                  <Money fen={r.amountFen} /> · {tEnum('buyer.refundState.', r.state)}
                </span>
                <small className="hint">
                  <DateTime value={r.completedAt ?? r.createdAt} />
                </small>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Logistics orderId={o.id} orderState={o.state} />
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('buyer.orders.history')}</h2>
        <ol className="timeline">
          {o.timeline.map((e) => (
            <li key={`${e.at}-${e.toState}`}>
              <strong>{tEnum('buyer.orderState.', e.toState)}</strong>
              <small className="hint">
                {' '}
                <DateTime value={e.at} />
              </small>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
