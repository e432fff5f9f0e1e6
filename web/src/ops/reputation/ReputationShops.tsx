import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { Badge, Button, DateTime, SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { bandTone, metricValueText, scoreText } from '../../merchant/reputation/reputation-format.ts';
import { mayUse } from '../access.ts';

const BANDS = ['excellent', 'good', 'fair', 'poor', 'not_enough_orders'] as const;
const SORTS = ['score_desc', 'score_asc', 'orders_desc'] as const;
type Band = (typeof BANDS)[number];
type Sort = (typeof SORTS)[number];

/** /ops/reputation: shops by experience score, filtered by band; rule admins recompute one shop. */
export function ReputationShops() {
  const { t } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const toast = useToast();
  const [band, setBand] = useState<Band | ''>('');
  const [sort, setSort] = useState<Sort>('score_desc');
  const [offset, setOffset] = useState(0);
  const limit = 20;
  const page = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/ops/reputation/shops', {
          params: { query: { ...(band ? { band } : {}), sort, limit, offset } },
        }),
      ),
    [api, band, sort, offset],
  );
  const mayRecompute = mayUse(account, ['rule_admin']);
  const recompute = async (shopId: number, shopName: string) => {
    try {
      await unwrap(
        api.POST('/api/v1/ops/reputation/shops/{id}/recompute', {
          params: { path: { id: shopId } },
          body: {},
        }),
      );
      toast.success(t('ops.reputation.recomputed', { shop: shopName }));
      page.reload();
    } catch (error) {
      toast.error(error);
    }
  };
  return (
    <section className="stack">
      <h2>{t('ops.reputation.title')}</h2>
      <div className="row">
        <SelectField
          label={t('ops.reputation.filterBand')}
          name="band"
          value={band}
          onChange={(e) => {
            setBand(e.target.value as Band | '');
            setOffset(0);
          }}
        >
          <option value="">{t('ops.reputation.allBands')}</option>
          {BANDS.map((b) => (
            <option key={b} value={b}>
              {t(`reputation.band.${b}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('ops.reputation.sort')}
          name="sort"
          value={sort}
          onChange={(e) => setSort(e.target.value as Sort)}
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`ops.reputation.sort.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <SkeletonLoadState loaded={page} rows={8}>
        {(p) =>
          p.items.length === 0 ? (
            <p className="empty">{t('ops.reputation.empty')}</p>
          ) : (
            <>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('ops.reputation.col.shop')}</th>
                    <th scope="col">{t('reputation.col.score')}</th>
                    <th scope="col">{t('reputation.col.band')}</th>
                    <th scope="col">{t('reputation.col.orders')}</th>
                    <th scope="col">{t('ops.reputation.col.qualityRefund')}</th>
                    <th scope="col">{t('ops.reputation.col.topDrag')}</th>
                    <th scope="col">{t('reputation.col.computedAt')}</th>
                    {mayRecompute ? <th scope="col" /> : null}
                  </tr>
                </thead>
                <tbody>
                  {p.items.map((s) => {
                    const drag = s.drags[0];
                    return (
                      <tr key={s.shopId}>
                        <th scope="row">{s.shopName}</th>
                        <td>{scoreText(s.score)}</td>
                        <td>
                          <Badge tone={bandTone(s.band)}>{t(`reputation.band.${s.band}`)}</Badge>
                        </td>
                        <td>{s.completedOrders}</td>
                        <td>{metricValueText(t, 'quality_refund_rate', s.qualityRefundRateBp)}</td>
                        <td>
                          {drag
                            ? `${t(`reputation.metric.${drag.metric}`)} −${drag.lostPoints.toFixed(2)}`
                            : '—'}
                        </td>
                        <td>
                          <DateTime value={s.computedAt} />
                        </td>
                        {mayRecompute ? (
                          <td>
                            <Button kind="link" onClick={() => void recompute(s.shopId, s.shopName)}>
                              {t('ops.reputation.recompute')}
                            </Button>
                          </td>
                        ) : null}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div className="row">
                <Button
                  kind="secondary"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - limit))}
                >
                  {t('ops.reputation.prev')}
                </Button>
                <span className="hint">
                  {offset + 1}–{Math.min(offset + limit, p.total)} / {p.total}
                </span>
                <Button
                  kind="secondary"
                  disabled={offset + limit >= p.total}
                  onClick={() => setOffset(offset + limit)}
                >
                  {t('ops.reputation.next')}
                </Button>
              </div>
            </>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}
