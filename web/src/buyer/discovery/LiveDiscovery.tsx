import { Link } from 'react-router';
import type { paths } from '../../api/client.ts';
import { unwrap } from '../../api/client.ts';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Empty, LoadState } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Thumb } from '../parts.tsx';
import { ReputationLine, type ScoreBandView } from '../reputation/index.ts';
import { reportClick } from './clicks.ts';
import { WhyButton } from './RankedProductCard.tsx';
import type { RankPart } from './why.ts';

type RoomPage = paths['/api/v1/discovery/live']['get']['responses'][200]['content']['application/json'];

/** Rooms on air, ranked by engagement × the shop's trust (product rules §7.4), each with its "why". */
export function LiveDiscovery() {
  const { t } = useI18n();
  const api = useApi();
  const live = useLoad(
    () => unwrap(api.GET('/api/v1/discovery/live', { params: { query: { limit: 20 } } })),
    [api],
  );
  return (
    <LoadState loaded={live}>
      {(page: RoomPage) =>
        page.items.length ? (
          <ul className="sessions">
            {page.items.map((s) => (
              <li key={s.id} className="ranked-card" data-testid="ranked-room">
                <Link
                  to={`/live/${s.id}`}
                  className="session-card"
                  onClick={() => reportClick(api, page.requestId, s.position)}
                >
                  <span className="session-cover" aria-hidden="true">
                    <Thumb title={s.host.displayName} size="lg" />
                  </span>
                  <span className="session-body">
                    <Badge tone="brand">{`● ${t('buyer.live.onAir')}`}</Badge>
                    <strong className="session-title" data-user-text>
                      {s.title}
                    </strong>
                    <span className="hint">
                      {s.host.displayName}
                      {s.shop ? ` · ${s.shop.name}` : ''}
                    </span>
                    <span className="live-rank-viewers">{t('discovery.liveViewers', { n: s.viewers })}</span>
                    {s.shop ? (
                      <ReputationLine compact trustBadge={s.trustBadge} band={s.scoreBand as ScoreBandView} />
                    ) : null}
                  </span>
                </Link>
                <WhyButton parts={s.rank.parts as RankPart[]} title={t('discovery.why.roomTitle')} />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('buyer.home.noLive')}</Empty>
        )
      }
    </LoadState>
  );
}
