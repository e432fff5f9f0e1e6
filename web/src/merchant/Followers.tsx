import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import { EmptyState, SkeletonLoadState } from '../common/feedback.tsx';
import { useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Button, DateTime } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PageHead } from './parts.tsx';
import { useShop } from './shop.tsx';

const SIZE = 20;

/** /merchant/followers (粉丝): who follows the shop, newest first, with the count and the follow time. */
export function FollowersPage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [page, setPage] = useState(1);
  const followers = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/followers', {
          params: { path: { id: shop.id }, query: { limit: SIZE, offset: (page - 1) * SIZE } },
        }),
      ),
    [api, shop.id, page],
  );
  return (
    <section className="stack">
      <PageHead title={t('merchant.followers.title')} />
      <p className="hint">{t('merchant.followers.intro')}</p>
      <SkeletonLoadState loaded={followers}>
        {(d) => {
          const pages = Math.max(1, Math.ceil(d.total / SIZE));
          return d.total === 0 ? (
            <EmptyState title={t('merchant.followers.empty')} hint={t('merchant.followers.emptyHint')} />
          ) : (
            <>
              <p>
                <strong role="status">{t('merchant.followers.count', { n: d.total })}</strong>
              </p>
              <table>
                <caption className="visually-hidden">{t('merchant.followers.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('merchant.followers.col.name')}</th>
                    <th scope="col">{t('merchant.followers.col.followedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((f) => (
                    <tr key={f.userId}>
                      <td>
                        <span data-user-text>{f.displayName}</span>
                      </td>
                      <td>
                        <DateTime value={f.followedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {pages > 1 ? (
                <nav className="row" aria-label={t('merchant.followers.page', { page, pages })}>
                  <Button kind="secondary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                    {t('merchant.followers.prev')}
                  </Button>
                  <span>{t('merchant.followers.page', { page, pages })}</span>
                  <Button kind="secondary" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
                    {t('merchant.followers.next')}
                  </Button>
                </nav>
              ) : null}
            </>
          );
        }}
      </SkeletonLoadState>
    </section>
  );
}
