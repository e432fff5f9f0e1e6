import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Countdown, DateTime, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import { Receiver } from './Receiver.tsx';
import { ShipForm } from './ShipForm.tsx';

/**
 * /merchant/orders/:orderId: one order in full: lines with what was refunded of each, amounts, payment
 * and refunds, shipment and tracking, after-sales requests, the order's progress, the buyer (phone
 * masked) and the receiver (in full while the order waits to be shipped).
 */
export function OrderDetail() {
  const { t, tEnum, money } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { shop } = useShop();
  const orderId = Number(useParams().orderId);
  const order = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/order-desk/{orderId}', {
          params: { path: { id: shop.id, orderId } },
        }),
      ),
    [api, shop.id, orderId],
  );
  return (
    <section>
      <p>
        <Link to="/merchant/orders">{t('merchant.detail.back')}</Link>
      </p>
      <PageHead title={t('merchant.detail.title', { id: orderId })} />
      <SkeletonLoadState loaded={order} rows={8}>
        {(o) => (
          <div className="m-order-detail">
            <div className="row">
              <Badge tone={o.status === 'to_ship' ? 'warn' : o.status === 'cancelled' ? 'neutral' : 'ok'}>
                {tEnum('merchant.desk.view.', o.status)}
              </Badge>
              {o.openAftersales > 0 ? (
                <Badge tone="bad">{t('merchant.desk.openAftersales', { n: o.openAftersales })}</Badge>
              ) : null}
            </div>

            <section className="card" aria-labelledby="od-lines">
              <h3 id="od-lines">{t('merchant.detail.lines')}</h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('merchant.detail.col.item')}</th>
                    <th scope="col">{t('merchant.detail.col.unitPrice')}</th>
                    <th scope="col">{t('merchant.detail.col.quantity')}</th>
                    <th scope="col">{t('merchant.detail.col.lineTotal')}</th>
                    <th scope="col">{t('merchant.amounts.paid')}</th>
                    <th scope="col">{t('merchant.detail.col.refunded')}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.lines.map((l) => (
                    <tr key={l.id}>
                      <td>
                        {l.title}
                        {l.spec ? <div className="hint">{l.spec}</div> : null}
                      </td>
                      <td>
                        <Money fen={l.unitPriceFen} />
                      </td>
                      <td>{l.quantity}</td>
                      <td>
                        <Money fen={l.lineFen} />
                      </td>
                      <td>
                        <Money fen={l.paidFen} />
                      </td>
                      <td>
                        {l.refundedQuantity > 0 ? (
                          <>
                            {t('merchant.desk.refundedUnits', { n: l.refundedQuantity })} ·{' '}
                            <Money fen={l.refundedFen} />
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <section className="card" aria-labelledby="od-amounts">
              <h3 id="od-amounts">{t('merchant.detail.amounts')}</h3>
              <dl className="m-facts">
                <dt>{t('merchant.amounts.items')}</dt>
                <dd>{money(o.amounts.itemsFen)}</dd>
                <dt>{t('merchant.amounts.shipping')}</dt>
                <dd>{money(o.amounts.shippingFen)}</dd>
                {o.amounts.shopDiscountFen > 0 ? (
                  <>
                    <dt>{t('merchant.amounts.shopDiscount')}</dt>
                    <dd>−{money(o.amounts.shopDiscountFen)}</dd>
                  </>
                ) : null}
                {o.amounts.platformDiscountFen > 0 ? (
                  <>
                    <dt>{t('merchant.amounts.platformDiscount')}</dt>
                    <dd>−{money(o.amounts.platformDiscountFen)}</dd>
                  </>
                ) : null}
                <dt>{t('merchant.amounts.paid')}</dt>
                <dd>{money(o.totalFen)}</dd>
                <dt>{t('merchant.detail.refundedTotal')}</dt>
                <dd>{money(o.refundedFen)}</dd>
                <dt>{t('merchant.detail.payoutTotal')}</dt>
                <dd>{money(o.payoutFen)}</dd>
              </dl>
            </section>

            <section className="card" aria-labelledby="od-payment">
              <h3 id="od-payment">{t('merchant.detail.payment')}</h3>
              {o.payment ? (
                <dl className="m-facts">
                  <dt>{t('merchant.detail.paymentState')}</dt>
                  <dd>
                    {tEnum('merchant.paymentState.', o.payment.state)} · {money(o.payment.amountFen)}
                  </dd>
                  <dt>{t('merchant.detail.paidAt')}</dt>
                  <dd>
                    <DateTime value={o.paidAt} />
                  </dd>
                </dl>
              ) : (
                <p className="hint">{t('merchant.detail.noPayment')}</p>
              )}
              {o.refunds.length > 0 ? (
                <>
                  <h4>{t('merchant.detail.refunds')}</h4>
                  <ul>
                    {o.refunds.map((r) => (
                      <li key={r.id}>
                        {money(r.amountFen)} · {tEnum('merchant.refundState.', r.state)} ·{' '}
                        <DateTime value={r.completedAt ?? r.createdAt} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>

            <section className="card" aria-labelledby="od-receiver">
              <h3 id="od-receiver">{t('merchant.receiver.title')}</h3>
              <Receiver receiver={o.receiver} copy={o.status === 'to_ship'} />
            </section>

            <section className="card" aria-labelledby="od-shipping">
              <h3 id="od-shipping">{t('merchant.detail.shipping')}</h3>
              {o.shipment ? (
                <>
                  <p>
                    {t('merchant.detail.carrierWaybill', {
                      carrier: tEnum('merchant.carrier.', o.shipment.carrier),
                      waybill: o.shipment.trackingNumber,
                    })}{' '}
                    <Badge>{tEnum('merchant.parcel.', o.shipment.status)}</Badge>
                  </p>
                  <ol className="m-timeline">
                    {o.tracking.map((e, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the timeline only grows at its end
                      <li key={i}>
                        {tEnum('merchant.parcel.', e.event)}
                        {e.location ? ` · ${e.location}` : ''} · <DateTime value={e.at} />
                      </li>
                    ))}
                  </ol>
                  {o.autoConfirmAt ? (
                    <p className="hint">
                      {t('merchant.detail.autoConfirm')} <DateTime value={o.autoConfirmAt} />
                    </p>
                  ) : null}
                </>
              ) : o.status === 'to_ship' ? (
                <>
                  <p>
                    {t('merchant.detail.shipBy')} <DateTime value={o.shipByAt} />{' '}
                    <Countdown deadline={o.shipByAt} />
                  </p>
                  {o.lines.every((l) => l.refundedQuantity >= l.quantity) ? (
                    <p className="hint">{t('merchant.desk.nothingToShip')}</p>
                  ) : (
                    <ShipForm
                      orderId={o.id}
                      onShipped={() => {
                        toast.success(t('merchant.desk.shippedToast', { id: o.id }));
                        order.reload();
                      }}
                    />
                  )}
                </>
              ) : (
                <p className="hint">{t('merchant.detail.notShipped')}</p>
              )}
              {o.incidents.length > 0 ? (
                <>
                  <h4>{t('merchant.detail.incidents')}</h4>
                  <ul>
                    {o.incidents.map((i) => (
                      <li key={i.kind}>
                        {tEnum('merchant.incident.', i.kind)} · <DateTime value={i.at} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>

            <section className="card" aria-labelledby="od-aftersales">
              <h3 id="od-aftersales">{t('merchant.detail.aftersales')}</h3>
              {o.aftersales.length === 0 ? (
                <p className="hint">{t('merchant.detail.noAftersales')}</p>
              ) : (
                <ul>
                  {o.aftersales.map((r) => (
                    <li key={r.id}>
                      <Link to={`/merchant/aftersales/${r.id}`}>
                        {t('merchant.detail.request', {
                          id: r.id,
                          type: tEnum('merchant.asType.', r.type),
                          reason: tEnum('merchant.asReason.', r.reason),
                          n: r.quantity,
                        })}
                      </Link>{' '}
                      <Badge>{tEnum('merchant.asState.', r.state)}</Badge> ·{' '}
                      {money(r.approvedFen ?? r.requestedFen)}
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section className="card" aria-labelledby="od-timeline">
              <h3 id="od-timeline">{t('merchant.detail.timeline')}</h3>
              <ol className="m-timeline">
                <li>
                  {t('merchant.detail.placedAt')} · <DateTime value={o.createdAt} />
                </li>
                {o.timeline
                  .filter((e) => e.fromState !== null)
                  .map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the timeline only grows at its end
                    <li key={i}>
                      {t('merchant.timeline.entry', {
                        state: tEnum('merchant.orderState.', e.toState),
                        actor: tEnum('merchant.actor.', e.actorKind),
                      })}{' '}
                      · <DateTime value={e.at} />
                    </li>
                  ))}
              </ol>
            </section>

            <section className="card" aria-labelledby="od-buyer">
              <h3 id="od-buyer">{t('merchant.detail.buyer')}</h3>
              <p>{o.buyer.displayName}</p>
              <p className="hint">{t('merchant.detail.buyerNo', { id: o.buyer.id })}</p>
              {o.buyer.phone ? <p>{t('merchant.detail.phone', { phone: o.buyer.phone })}</p> : null}
              {o.liveSession ? <p>{t('merchant.desk.fromLive', { title: o.liveSession.title })}</p> : null}
            </section>
          </div>
        )}
      </SkeletonLoadState>
    </section>
  );
}
