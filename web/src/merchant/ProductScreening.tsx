import { unwrap } from '../api/client.ts';
import { useLoad } from '../common/hooks.ts';
import { useApi, useSession } from '../common/session.tsx';
import { DateTime, LoadState } from '../common/ui.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { localReason, ProductStateBadge } from './parts.tsx';
import { TextCheck } from './products/TextCheck.tsx';
import type { Category, Product } from './types.ts';

const KNOWN_REASONS: Record<string, MessageKey> = {
  created: 'merchant.screening.event.created',
  'submitted for review': 'merchant.screening.event.submitted',
  'automatic review passed': 'merchant.screening.event.autoPassed',
  'delisted by the merchant': 'merchant.screening.event.delisted',
  approved: 'merchant.screening.event.approved',
};

/**
 * Why the product is where it is: the state in plain words, what the listing check found (the
 * server's stateReason), what the merchant can do next, and every state change with its reason.
 */
export function ProductScreening({
  product,
  category,
  shopId,
}: {
  product: Product;
  category: Category | undefined;
  shopId: number;
}) {
  const { t, tEnum, lang } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const events = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/products/{productId}/events', {
          params: { path: { id: shopId, productId: product.id } },
        }),
      ),
    [api, shopId, product.id, product.state, product.updatedAt],
  );
  // The server's own words for its routine steps are English; the console says them in the reader's language.
  const eventReason = (reason: string) => {
    const known = KNOWN_REASONS[reason];
    if (known) return t(known);
    if (reason.startsWith('content edited: '))
      return t('merchant.screening.event.edited', { fields: reason.slice('content edited: '.length) });
    return localReason(reason, lang);
  };
  const needsNumber = (category?.requiredQualifications.length ?? 0) > 0;
  const tone =
    product.state === 'listed'
      ? ' m-explain-ok'
      : product.state === 'rejected' || product.state === 'blocked'
        ? ' m-explain-bad'
        : '';
  return (
    <section className="card stack m-sticky" aria-labelledby="screening-title">
      <h3 id="screening-title">{t('merchant.screening.title')}</h3>
      <div className="row">
        <ProductStateBadge state={product.state} />
      </div>
      <div className={`m-explain${tone}`} data-testid="screening-explanation">
        <p>{tEnum('merchant.screening.state.', product.state)}</p>
        {product.stateReason ? (
          <p>
            <strong>{t('merchant.screening.reason')}</strong> {localReason(product.stateReason, lang)}
          </p>
        ) : null}
        {needsNumber && !product.qualificationNo && product.state !== 'listed' ? (
          <p>
            {t('merchant.screening.numberMissing', {
              kinds: category!.requiredQualifications
                .map((q) => tEnum('merchant.qualification.', q))
                .join(' / '),
            })}
          </p>
        ) : null}
        {product.state === 'rejected' ? <p>{t('merchant.screening.nextRejected')}</p> : null}
      </div>
      {product.state !== 'listed' ? <TextCheck product={product} shopId={shopId} /> : null}
      <h4>{t('merchant.screening.history')}</h4>
      <LoadState loaded={events}>
        {(list) => (
          <ol className="m-timeline">
            {[...list].reverse().map((e) => (
              <li key={e.id}>
                <div>
                  <strong>
                    {e.fromState ? `${tEnum('merchant.productState.', e.fromState)} → ` : ''}
                    {tEnum('merchant.productState.', e.toState)}
                  </strong>{' '}
                  <small className="hint">
                    <DateTime value={e.at} /> ·{' '}
                    {e.actorId === null
                      ? t('merchant.screening.actor.system')
                      : e.actorId === account?.id
                        ? t('merchant.screening.actor.you')
                        : t('merchant.screening.actor.other')}
                  </small>
                </div>
                {e.reason ? <div>{eventReason(e.reason)}</div> : null}
              </li>
            ))}
          </ol>
        )}
      </LoadState>
    </section>
  );
}
