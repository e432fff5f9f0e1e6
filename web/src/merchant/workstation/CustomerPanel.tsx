import { Link } from 'react-router';
import { Badge } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { CustomerPanelData } from './types.ts';

/** The customer panel: the buyer's orders with the shop, their after-sales requests, past sessions. */
export function CustomerPanel({ data }: { data: CustomerPanelData | undefined }) {
  const { t, tEnum, money, dateTime } = useI18n();
  if (!data) {
    return (
      <section className="ws-pane ws-customer" aria-label={t('ws.customer.label')}>
        <p className="hint">{t('ws.customer.pick')}</p>
      </section>
    );
  }
  return (
    <section className="ws-pane ws-customer stack" aria-label={t('ws.customer.label')}>
      <h3 data-user-text>{data.buyer.displayName}</h3>
      <p className="hint">{t('ws.customer.since', { time: dateTime(data.buyer.firstContactAt) })}</p>
      <h4>{t('ws.customer.orders', { n: data.orderCount })}</h4>
      {data.orders.length === 0 ? (
        <p className="hint">{t('ws.customer.noOrders')}</p>
      ) : (
        <ul className="plain stack ws-facts">
          {data.orders.map((o) => (
            <li key={o.id}>
              <Link to={`/merchant/orders/${o.id}`}>{t('ws.customer.orderNo', { id: o.id })}</Link>{' '}
              <Badge>{tEnum('buyer.orderState.', o.state)}</Badge>
              <br />
              <span data-user-text>{o.title}</span> · {money(o.totalFen)}
              <br />
              <small className="hint">{dateTime(o.createdAt)}</small>
            </li>
          ))}
        </ul>
      )}
      <h4>{t('ws.customer.aftersales')}</h4>
      {data.aftersales.length === 0 ? (
        <p className="hint">{t('ws.customer.noAftersales')}</p>
      ) : (
        <ul className="plain stack ws-facts">
          {data.aftersales.map((r) => (
            <li key={r.id}>
              <Link to={`/merchant/aftersales/${r.id}`}>{t('ws.customer.request', { id: r.id })}</Link>{' '}
              <Badge tone="warn">{tEnum('merchant.asState.', r.state)}</Badge>
              <br />
              {tEnum('merchant.asType.', r.type)} · {tEnum('buyer.asReason.', r.reason)} ·{' '}
              {money(r.requestedFen)}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('ws.customer.sessions')}</h4>
      {data.sessions.length === 0 ? (
        <p className="hint">{t('ws.customer.noSessions')}</p>
      ) : (
        <ul className="plain stack ws-facts">
          {data.sessions.map((s) => (
            <li key={s.id}>
              <small className="hint">{dateTime(s.startedAt)}</small>
              <br />
              {s.agentName ? (
                <>
                  {t('ws.customer.servedBy', { name: '' })}
                  <span data-user-text>{s.agentName}</span>
                </>
              ) : (
                t('ws.customer.bot')
              )}{' '}
              · {t(`ws.session.${s.state}`)}
              {s.closeReason
                ? ` · ${t(`ws.customer.closeReason.${s.closeReason as 'agent' | 'buyer' | 'idle'}`)}`
                : ''}
              {s.rating ? (
                <>
                  {' '}
                  <Badge tone={s.rating === 'good' ? 'ok' : s.rating === 'bad' ? 'bad' : 'neutral'}>
                    {t(`ws.customer.rating.${s.rating as 'good' | 'neutral' | 'bad'}`)}
                  </Badge>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
