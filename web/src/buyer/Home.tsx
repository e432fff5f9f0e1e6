import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Badge, Empty, LoadState, Money } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { HomeFeed, LiveDiscovery, SearchResults } from './discovery/index.ts';
import { OriginalPrice } from './OriginalPrice.tsx';
import { PageTitle, Thumb } from './parts.tsx';
import type { LiveSessionSummary, ProductSummary } from './types.ts';

function SearchBox({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  return (
    <form
      aria-label={t('buyer.search.label')}
      className="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/search?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <label htmlFor="search-q" className="visually-hidden">
        {t('buyer.search.label')}
      </label>
      <input
        id="search-q"
        type="search"
        value={q}
        placeholder={t('buyer.search.placeholder')}
        onChange={(e) => setQ(e.target.value)}
      />
      <button type="submit" className="btn btn-primary">
        {t('common.search')}
      </button>
    </form>
  );
}

/** "12月7日 20:00": short enough for a half-width card; the zone is named beside it. */
function useShortTime(): (value: string) => string {
  const { lang, timeZone } = useI18n();
  const format = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  return (value) => format.format(new Date(value));
}

function SessionCard({ s }: { s: LiveSessionSummary }) {
  const { t, zoneLabel } = useI18n();
  const shortTime = useShortTime();
  return (
    <li>
      <Link to={`/live/${s.id}`} className="session-card">
        <span className="session-cover" aria-hidden="true">
          <Thumb title={s.host.displayName} size="lg" />
        </span>
        <span className="session-body">
          {s.state === 'live' ? (
            <Badge tone="brand">{`● ${t('buyer.live.onAir')}`}</Badge>
          ) : (
            <span className="session-when">
              <Badge>
                <time dateTime={s.scheduledAt}>{shortTime(s.scheduledAt)}</time>
              </Badge>
              <small className="hint">{zoneLabel(s.scheduledAt)}</small>
            </span>
          )}
          <strong className="session-title">{s.title}</strong>
          <span className="hint">
            {s.host.displayName}
            {s.shop ? ` · ${s.shop.name}` : ''}
          </span>
          <span className="hint">{t('buyer.home.pinnedCount', { n: s.pinnedCount })}</span>
        </span>
      </Link>
    </li>
  );
}

export function ProductGrid({ items }: { items: ProductSummary[] }) {
  const { t } = useI18n();
  if (!items.length) return <Empty>{t('buyer.search.none')}</Empty>;
  return (
    <ul className="product-grid">
      {items.map((p) => (
        <li key={p.id}>
          <Link to={`/products/${p.id}`} className="product-card">
            <Thumb title={p.title} imageUrl={p.imageUrl} size="lg" />
            <span className="product-title">{p.title}</span>
            <span className="row">
              <span>
                <Money fen={p.minPriceFen} />
                <OriginalPrice fen={p.originalPriceFen} priceFen={p.minPriceFen} />
              </span>
              <small className="hint">{p.shopName}</small>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const api = useApi();
  const upcoming = useLoad(
    () => unwrap(api.GET('/api/v1/live/sessions', { params: { query: { state: 'scheduled', limit: 10 } } })),
    [api],
  );
  return (
    <div className="stack">
      <h1 className="home-title">{t('buyer.title')}</h1>
      <SearchBox />
      <section aria-labelledby="live-now">
        <h2 id="live-now">{t('buyer.home.liveNow')}</h2>
        {/* ranked by viewers, likes and sales × the shop's trust (product rules §7.4) */}
        <LiveDiscovery />
      </section>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{t('buyer.home.upcoming')}</h2>
        <LoadState loaded={upcoming}>
          {(d) =>
            d.items.length ? (
              <ul className="sessions">
                {d.items.map((s) => (
                  <SessionCard key={s.id} s={s} />
                ))}
              </ul>
            ) : (
              <Empty>{t('buyer.home.noUpcoming')}</Empty>
            )
          }
        </LoadState>
      </section>
      <section aria-labelledby="products">
        <h2 id="products">{t('buyer.home.products')}</h2>
        <HomeFeed />
      </section>
    </div>
  );
}

export function SearchPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  return (
    <div className="stack">
      <PageTitle back>{t('buyer.search.title')}</PageTitle>
      <SearchBox key={q} initial={q} />
      <SearchResults q={q} />
    </div>
  );
}
