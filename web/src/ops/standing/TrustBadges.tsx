import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, DateTime, SelectField } from '../../common/ui.tsx';
import { type Translate, useI18n } from '../../i18n/index.tsx';

type BadgeState = 'granted' | 'revoked';
const LIMIT = 20;

const reasonsText = (t: Translate, failed: readonly string[]) =>
  failed.length === 0
    ? t('standing.history.allMet')
    : failed.map((c) => t(`standing.reason.${c as 'score'}`)).join('；');

/** /ops/trust-badges: shops holding the trust badge (信任购) or having lost it, and every grant and revocation. */
export function TrustBadgesPage() {
  const { t } = useI18n();
  const api = useApi();
  const [state, setState] = useState<BadgeState | ''>('granted');
  const [offset, setOffset] = useState(0);
  const [eventsOffset, setEventsOffset] = useState(0);
  const badges = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/ops/trust-badges', {
          params: { query: { ...(state ? { state } : {}), limit: LIMIT, offset } },
        }),
      ),
    [api, state, offset],
  );
  const events = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/ops/trust-badges/events', {
          params: { query: { limit: LIMIT, offset: eventsOffset } },
        }),
      ),
    [api, eventsOffset],
  );
  return (
    <section className="stack">
      <h2>{t('ops.badges.title')}</h2>
      <p className="hint">{t('ops.badges.intro')}</p>
      <div className="row">
        <SelectField
          label={t('ops.badges.filter')}
          name="state"
          value={state}
          onChange={(e) => {
            setState(e.target.value as BadgeState | '');
            setOffset(0);
          }}
        >
          <option value="">{t('ops.badges.all')}</option>
          <option value="granted">{t('ops.badges.state.granted')}</option>
          <option value="revoked">{t('ops.badges.state.revoked')}</option>
        </SelectField>
      </div>
      <SkeletonLoadState loaded={badges} rows={6}>
        {(p) =>
          p.items.length === 0 ? (
            <p className="empty">{t('ops.badges.empty')}</p>
          ) : (
            <>
              <table className="table" aria-label={t('ops.badges.title')}>
                <thead>
                  <tr>
                    <th scope="col">{t('ops.badges.col.shop')}</th>
                    <th scope="col">{t('ops.badges.col.state')}</th>
                    <th scope="col">{t('ops.badges.col.changedAt')}</th>
                    <th scope="col">{t('standing.col.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.items.map((b) => (
                    <tr key={b.shopId}>
                      <th scope="row">{b.shopName}</th>
                      <td>
                        <Badge tone={b.state === 'granted' ? 'ok' : 'bad'}>
                          {t(`ops.badges.state.${b.state}`)}
                        </Badge>
                      </td>
                      <td>
                        <DateTime value={b.changedAt} />
                      </td>
                      <td>{b.state === 'granted' ? '—' : reasonsText(t, b.failedConditions)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager offset={offset} total={p.total} onMove={setOffset} />
            </>
          )
        }
      </SkeletonLoadState>
      <h3>{t('standing.history.title')}</h3>
      <SkeletonLoadState loaded={events} rows={6}>
        {(p) =>
          p.items.length === 0 ? (
            <p className="empty">{t('standing.history.empty')}</p>
          ) : (
            <>
              <table className="table" aria-label={t('standing.history.title')}>
                <thead>
                  <tr>
                    <th scope="col">{t('standing.col.time')}</th>
                    <th scope="col">{t('ops.badges.col.shop')}</th>
                    <th scope="col">{t('standing.col.change')}</th>
                    <th scope="col">{t('standing.score')}</th>
                    <th scope="col">{t('standing.cond.guarantees')}</th>
                    <th scope="col">{t('standing.cond.violations')}</th>
                    <th scope="col">{t('standing.col.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <DateTime value={e.at} />
                      </td>
                      <th scope="row">{e.shopName}</th>
                      <td>
                        <Badge tone={e.kind === 'granted' ? 'ok' : 'bad'}>
                          {t(`standing.history.${e.kind}`)}
                        </Badge>
                      </td>
                      <td>{e.score === null ? t('standing.score.none') : e.score.toFixed(2)}</td>
                      <td>
                        {t('standing.cur.guarantees', {
                          covered: e.coveredProducts,
                          listed: e.listedProducts,
                        })}
                      </td>
                      <td>{t('standing.cur.violations', { n: e.seriousViolations })}</td>
                      <td>{reasonsText(t, e.failedConditions)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager offset={eventsOffset} total={p.total} onMove={setEventsOffset} />
            </>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function Pager({
  offset,
  total,
  onMove,
}: {
  offset: number;
  total: number;
  onMove: (offset: number) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="row">
      <Button kind="secondary" disabled={offset === 0} onClick={() => onMove(Math.max(0, offset - LIMIT))}>
        {t('ops.badges.prev')}
      </Button>
      <span className="hint">
        {offset + 1}–{Math.min(offset + LIMIT, total)} / {total}
      </span>
      <Button kind="secondary" disabled={offset + LIMIT >= total} onClick={() => onMove(offset + LIMIT)}>
        {t('ops.badges.next')}
      </Button>
    </div>
  );
}
