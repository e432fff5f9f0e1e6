import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Empty, LoadState } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RankedProductGrid, type RankedProductPage } from './RankedProductCard.tsx';

/** The home feed: ranked products without a query, varied shops, pages appended on "加载更多". */
export function HomeFeed() {
  const { t } = useI18n();
  const api = useApi();
  const [pages, setPages] = useState(1);
  const feed = useLoad(async () => {
    const loaded: RankedProductPage[] = [];
    for (let i = 0; i < pages; i++) {
      loaded.push(
        await unwrap(
          api.GET('/api/v1/discovery/products', { params: { query: { limit: 20, offset: i * 20 } } }),
        ),
      );
    }
    return loaded;
  }, [api, pages]);
  return (
    <LoadState loaded={feed}>
      {(loaded) =>
        loaded[0]?.items.length ? (
          <>
            {loaded.map((page) => (
              <RankedProductGrid key={page.requestId} page={page} />
            ))}
            {loaded[loaded.length - 1]?.hasMore ? (
              <button type="button" className="btn btn-secondary" onClick={() => setPages(pages + 1)}>
                {t('discovery.more')}
              </button>
            ) : null}
          </>
        ) : (
          <Empty>{t('buyer.search.none')}</Empty>
        )
      }
    </LoadState>
  );
}
