import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { paths } from '../../api/client.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Money } from '../../common/ui.tsx';
import { isMessageKey, type MessageKey, useI18n } from '../../i18n/index.tsx';
import { Thumb } from '../parts.tsx';
import { ReputationLine, type ScoreBandView } from '../reputation/index.ts';
import { reportClick } from './clicks.ts';
import { type RankPart, whyLines } from './why.ts';
import './discovery.css';

export type RankedProductPage =
  paths['/api/v1/discovery/products']['get']['responses'][200]['content']['application/json'];
export type RankedProduct = RankedProductPage['items'][number];

/** "为什么推荐": the rank's notable signals in words, in a small popover the card opens. */
export function WhyButton({ parts, title }: { parts: RankPart[]; title: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  const lines = whyLines(parts, t);
  return (
    <span className="why">
      <button
        type="button"
        className="why-btn"
        aria-expanded={open}
        aria-controls={id}
        onClick={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOpen(!open);
        }}
      >
        {t('discovery.why')}
      </button>
      {open ? (
        <span id={id} role="dialog" aria-label={title} className="why-pop">
          <strong>{title}</strong>
          <ul>
            {(lines.length ? lines : [t('discovery.why.plain')]).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </span>
      ) : null}
    </span>
  );
}

const SHORT_GUARANTEES = ['no_reason_7d', 'freight_insurance', 'fake_pays_n', 'authenticity'];

/** A product card of a ranked list: image, title, price, 30-day sales, rating and 信任购, why. */
export function RankedProductCard({ item, requestId }: { item: RankedProduct; requestId: string }) {
  const { t } = useI18n();
  const api = useApi();
  return (
    <li className="ranked-card" data-testid="ranked-product">
      <Link
        to={`/products/${item.id}`}
        className="product-card"
        onClick={() => reportClick(api, requestId, item.position)}
      >
        <Thumb title={item.title} imageUrl={item.imageUrl} size="lg" />
        <span className="product-title" data-user-text>
          {item.title}
        </span>
        <span className="row">
          <strong className="price">
            <Money fen={item.minPriceFen} />
          </strong>
          <small className="hint">{t('discovery.sold30', { n: item.recentUnits })}</small>
        </span>
        <ReputationLine
          compact
          trustBadge={item.trustBadge}
          rating={
            item.rating !== null && item.ratingCount > 0
              ? { reviews: item.ratingCount, average: item.rating, goodRateBp: null }
              : null
          }
          band={item.scoreBand as ScoreBandView}
        />
        <span className="ranked-guarantees">
          {item.guarantees
            .filter((g) => SHORT_GUARANTEES.includes(g))
            .map((g) => {
              const key = `discovery.g.${g}`;
              return isMessageKey(key) ? <Badge key={g}>{t(key as MessageKey)}</Badge> : null;
            })}
        </span>
      </Link>
      <WhyButton parts={item.rank.parts as RankPart[]} title={t('discovery.why.title')} />
    </li>
  );
}

/** A ranked grid of products (search, the home feed). */
export function RankedProductGrid({ page }: { page: Pick<RankedProductPage, 'items' | 'requestId'> }) {
  return (
    <ul className="product-grid ranked-grid">
      {page.items.map((item) => (
        <RankedProductCard key={item.id} item={item} requestId={page.requestId} />
      ))}
    </ul>
  );
}
