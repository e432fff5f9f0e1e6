import { Link } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { LoadState } from '../common/ui.tsx';
import type { MessageKey } from '../i18n/index.tsx';
import { useI18n } from '../i18n/index.tsx';
import { mayUse } from './access.ts';
import { CONTENT_CHECKPOINTS, countOpenCases } from './cases.ts';
import { PageHead } from './parts.tsx';

interface Tile {
  key: MessageKey;
  to: string;
  count: number;
}

/** Counts of every queue the signed-in roles may work on. */
export function Overview() {
  const { t } = useI18n();
  const { api, account } = useSession();
  const reviewer = mayUse(account, ['reviewer']);
  const arbiter = mayUse(account, ['arbiter']);
  const staff = mayUse(account, ['reviewer', 'arbiter']);
  const policyReaders = mayUse(account, ['rule_admin', 'reviewer']);
  const loaded = useLoad(async () => {
    const tiles: Promise<Tile>[] = [];
    const total = (p: Promise<{ total: number }>) => p.then((r) => r.total);
    if (reviewer) {
      tiles.push(
        total(
          unwrap(api.GET('/api/v1/ops/products', { params: { query: { state: 'in_review', limit: 1 } } })),
        ).then((count) => ({ key: 'ops.nav.listings', to: '/ops/reviews/listings', count })),
        countOpenCases(api, ['merchant_onboarding']).then((count) => ({
          key: 'ops.nav.merchants',
          to: '/ops/reviews/merchants',
          count,
        })),
        countOpenCases(api, CONTENT_CHECKPOINTS).then((count) => ({
          key: 'ops.nav.content',
          to: '/ops/reviews/content',
          count,
        })),
        total(
          unwrap(api.GET('/api/v1/review-reports', { params: { query: { state: 'open', limit: 1 } } })),
        ).then((count) => ({ key: 'ops.nav.reviews', to: '/ops/reviews/reviews', count })),
      );
    }
    if (arbiter) {
      tiles.push(
        total(unwrap(api.GET('/api/v1/ops/arbitrations', { params: { query: { limit: 1 } } }))).then(
          (count) => ({
            key: 'ops.nav.arbitrations',
            to: '/ops/arbitrations',
            count,
          }),
        ),
        total(
          unwrap(api.GET('/api/v1/ops/appeals', { params: { query: { state: 'pending', limit: 1 } } })),
        ).then((count) => ({ key: 'ops.nav.appeals', to: '/ops/appeals', count })),
      );
    }
    if (staff) {
      tiles.push(
        total(
          unwrap(api.GET('/api/v1/live/sessions', { params: { query: { state: 'live', limit: 1 } } })),
        ).then((count) => ({ key: 'ops.overview.liveNow', to: '/ops/live', count })),
        // Injured buyers waiting for outreach (product rules §8.6).
        total(unwrap(api.GET('/api/v1/ops/care/cases', { params: { query: { limit: 1 } } }))).then(
          (count) => ({
            key: 'ops.nav.care',
            to: '/ops/care',
            count,
          }),
        ),
      );
    }
    if (policyReaders) {
      tiles.push(
        unwrap(api.GET('/api/v1/ops/trust/policies', { params: { query: { status: 'shadow' } } })).then(
          (r) => ({
            key: 'ops.overview.shadowPolicies',
            to: '/ops/policies',
            count: r.items.length,
          }),
        ),
      );
    }
    return Promise.all(tiles);
  }, [api, reviewer, arbiter, staff, policyReaders]);
  return (
    <section className="stack">
      <PageHead title={t('ops.overview.title')} />
      <LoadState loaded={loaded}>
        {(tiles) =>
          tiles.length ? (
            <ul className="o-tiles plain" aria-label={t('ops.overview.queues')}>
              {tiles.map((tile) => (
                <li key={tile.key}>
                  <Link to={tile.to} className="card o-tile">
                    <span>{t(tile.key)}</span>
                    <span className="o-tile-value">{tile.count}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t('ops.overview.noQueues')}</p>
          )
        }
      </LoadState>
    </section>
  );
}
