import { Link, useSearchParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { EmptyState, SkeletonLoadState } from '../common/feedback.tsx';
import { useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Badge, Countdown, DateTime, Money } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { AftersalesView } from './AftersalesView.tsx';
import { PageHead } from './parts.tsx';
import { useShop } from './shop.tsx';
import type { AftersalesRequest } from './types.ts';
import { SkuProtectionNotice } from './voice/SkuProtectionNotice.tsx';

export const AS_TONE: Record<AftersalesRequest['state'], string> = {
  pending_merchant: 'warn',
  awaiting_return: 'neutral',
  return_shipped: 'warn',
  awaiting_reship: 'warn',
  rejected: 'bad',
  in_arbitration: 'bad',
  refunded: 'ok',
  resolved: 'ok',
  closed: 'neutral',
};

/**
 * /merchant/aftersales: the inbox, most urgent deadline first. `?waiting=merchant` keeps what waits for
 * the merchant (the home's to-do links here); `?closed=1` adds the finished ones after the open ones.
 */
export function AftersalesInbox() {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [params, setParams] = useSearchParams();
  const awaitingMerchant = params.get('waiting') === 'merchant';
  const includeClosed = !awaitingMerchant && params.get('closed') === '1';
  const setFilter = (name: 'waiting' | 'closed', value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  const inbox = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/aftersales', {
          params: {
            path: { id: shop.id },
            query: {
              limit: 100,
              ...(awaitingMerchant ? { awaitingMerchant } : includeClosed ? { includeClosed } : {}),
            },
          },
        }),
      ),
    [api, shop.id, awaitingMerchant, includeClosed],
  );
  return (
    <section>
      <PageHead title={t('merchant.as.inbox')}>
        <label className="row">
          <input
            type="checkbox"
            checked={awaitingMerchant}
            onChange={(e) => setFilter('waiting', e.target.checked ? 'merchant' : null)}
          />
          {t('merchant.as.awaitingOnly')}
        </label>
        <label className="row">
          <input
            type="checkbox"
            checked={includeClosed}
            disabled={awaitingMerchant}
            onChange={(e) => setFilter('closed', e.target.checked ? '1' : null)}
          />
          {t('merchant.as.showClosed')}
        </label>
        <button type="button" className="btn btn-secondary" onClick={inbox.reload}>
          {t('common.refresh')}
        </button>
      </PageHead>
      <SkuProtectionNotice />
      <p className="hint">{t('merchant.as.inboxIntro')}</p>
      <SkeletonLoadState loaded={inbox} rows={5}>
        {(page) =>
          page.items.length === 0 ? (
            awaitingMerchant ? (
              <EmptyState
                title={t('merchant.as.emptyAwaiting')}
                hint={t('merchant.as.emptyAwaitingHint')}
                action={{ label: t('merchant.as.showAll'), onClick: () => setFilter('waiting', null) }}
              />
            ) : (
              <EmptyState title={t('merchant.as.empty')} hint={t('merchant.as.emptyHint')} />
            )
          ) : (
            <table>
              <caption className="visually-hidden">{t('merchant.as.inbox')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('merchant.as.col.request')}</th>
                  <th scope="col">{t('merchant.as.col.type')}</th>
                  <th scope="col">{t('common.amount')}</th>
                  <th scope="col">{t('common.state')}</th>
                  <th scope="col">{t('merchant.as.col.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={r.id} data-request-id={r.id}>
                    <td>
                      <Link to={`/merchant/aftersales/${r.id}`}>
                        {t('merchant.as.requestNo', { id: r.id })}
                      </Link>
                      <div className="hint">{t('merchant.orders.orderNo', { id: r.orderId })}</div>
                    </td>
                    <td>
                      {tEnum('merchant.asType.', r.type)}
                      <div className="hint">{tEnum('merchant.asReason.', r.reason)}</div>
                    </td>
                    <td>
                      <Money fen={r.approvedFen ?? r.requestedFen} />
                    </td>
                    <td>
                      <Badge tone={AS_TONE[r.state]}>{tEnum('merchant.asState.', r.state)}</Badge>
                      {r.autoRule ? (
                        <div className="hint">
                          {tEnum('merchant.autoRule.', r.autoRule, t('merchant.autoRule.other'))}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {r.deadlineAt ? (
                        <>
                          <Countdown deadline={r.deadlineAt} />
                          <div className="hint">
                            {tEnum('merchant.deadlineAction.', r.deadlineAction)} ·{' '}
                            <DateTime value={r.deadlineAt} />
                          </div>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

/** /merchant/aftersales/:requestId */
export function AftersalesDetail() {
  return <AftersalesView />;
}

export function BackToInbox() {
  const { t } = useI18n();
  return <Link to="/merchant/aftersales">{t('merchant.as.backToInbox')}</Link>;
}

export { PageHead };
