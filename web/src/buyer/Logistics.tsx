import { useEffect, useRef } from 'react';
import { unwrap } from '../api/client.ts';
import { useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Countdown, DateTime, LoadState } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { OrderState } from './types.ts';

/** The order's parcel: carrier, waybill and the tracking timeline (newest first), and broken promises. */
export function Logistics({ orderId, orderState }: { orderId: number; orderState: OrderState }) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const shipment = useLoad(
    () => unwrap(api.GET('/api/v1/orders/{id}/shipment', { params: { path: { id: orderId } } })),
    [api, orderId, orderState],
  );
  // "查看物流" on an order card opens the order at its parcel.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (window.location.hash === '#logistics') section.current?.scrollIntoView();
  }, []);
  return (
    <section id="logistics" ref={section} className="card stack" aria-labelledby="logistics-title">
      <h2 id="logistics-title">{t('buyer.logistics.title')}</h2>
      <LoadState loaded={shipment}>
        {(s) => (
          <>
            {s.shipment ? (
              <>
                <p>
                  {tEnum('buyer.carrier.', s.shipment.carrier)} · {s.shipment.trackingNumber} ·{' '}
                  <strong>{tEnum('buyer.parcel.', s.shipment.status)}</strong>
                </p>
                <ol className="timeline">
                  {[...s.shipment.events].reverse().map((e) => (
                    <li key={`${e.at}-${e.event}`}>
                      <strong>{tEnum('buyer.parcel.', e.event)}</strong>
                      {e.location ? ` · ${e.location}` : ''}
                      <small className="hint">
                        {' '}
                        <DateTime value={e.at} />
                      </small>
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <p className="hint">
                {orderState === 'paid' ? t('buyer.logistics.notShipped') : t('buyer.logistics.none')}
              </p>
            )}
            {s.autoConfirmAt ? (
              <p className="hint">
                {t('buyer.logistics.autoConfirm')} <Countdown deadline={s.autoConfirmAt} />
              </p>
            ) : null}
            {s.incidents.length ? (
              <div className="stack">
                <h3>{t('buyer.logistics.incidents')}</h3>
                <ul className="plain">
                  {s.incidents.map((i) => (
                    <li key={`${i.kind}-${i.at}`}>
                      <strong>{tEnum('buyer.incident.', i.kind)}</strong>{' '}
                      <small className="hint">
                        <DateTime value={i.at} />
                      </small>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </>
        )}
      </LoadState>
    </section>
  );
}
