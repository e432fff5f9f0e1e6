import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useShop } from '../shop.tsx';
import { type Growth, pctOf } from './growth-types.ts';

type TargetType = 'product' | 'live';
const HOUR = 3_600_000;

/** 一键助推: pick a listed product or an upcoming/live room, hours; confirm naming cost and end; the list. */
export function BoostCard({ g, onChange }: { g: Growth; onChange(): void }) {
  const { t, tEnum, dateTime } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const { shop } = useShop();
  const [type, setType] = useState<TargetType>('product');
  const [targetId, setTargetId] = useState('');
  const [hours, setHours] = useState(1);
  const products = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/products', {
          params: {
            path: { id: shop.id },
            query: { state: 'listed', limit: 100, sort: 'title', order: 'asc' },
          },
        }),
      ),
    [api, shop.id],
  );
  const sessions = useLoad(
    () => unwrap(api.GET('/api/v1/me/live/sessions', { params: { query: { limit: 100 } } })),
    [api],
  );
  const targets =
    type === 'product'
      ? (products.data?.items ?? []).map((p) => ({ id: p.id, title: p.title }))
      : (sessions.data?.items ?? [])
          .filter((s) => s.shop?.id === shop.id && (s.state === 'scheduled' || s.state === 'live'))
          .map((s) => ({ id: s.id, title: s.title }));
  const terms = g.boostTerms;
  const cost = hours * terms.creditsPerHour;
  const boost = useAction(async () => {
    const target = targets.find((x) => String(x.id) === targetId);
    if (!target) return undefined;
    const end = dateTime(new Date(Date.now() + hours * HOUR));
    const ok = await confirm({
      title: t('growth.boost.confirmTitle', { credits: cost, title: target.title, hours }),
      body: t('growth.boost.confirmBody', { end }),
      confirmLabel: t('growth.boost.confirm'),
    });
    if (!ok) return undefined;
    const made = await unwrap(
      api.POST('/api/v1/shops/{id}/boosts', {
        params: { path: { id: shop.id } },
        body: { targetType: type, targetId: target.id, hours },
      }),
    );
    toast.success(t('growth.boost.done', { end: dateTime(made.endsAt) }));
    onChange();
    return made;
  });
  return (
    <section className="card stack" aria-labelledby="growth-boost">
      <h3 id="growth-boost">{t('growth.boost.title')}</h3>
      <p className="hint">
        {t('growth.boost.terms', {
          credits: terms.creditsPerHour,
          pct: pctOf(terms.weightBp),
          max: terms.maxHours,
        })}
      </p>
      <div className="row">
        <label className="row">
          {t('growth.boost.target')}
          <select
            value={type}
            onChange={(e) => {
              setType(e.target.value as TargetType);
              setTargetId('');
            }}
          >
            {(['product', 'live'] as const).map((x) => (
              <option key={x} value={x}>
                {tEnum('growth.boost.type.', x)}
              </option>
            ))}
          </select>
          <select
            aria-label={tEnum('growth.boost.type.', type)}
            value={targetId}
            onChange={(e) => setTargetId(e.target.value)}
          >
            <option value="">{t('growth.boost.pick')}</option>
            {targets.map((x) => (
              <option key={x.id} value={String(x.id)}>
                {x.title}
              </option>
            ))}
          </select>
        </label>
        <label className="row">
          {t('growth.boost.hours')}
          <input
            type="number"
            min={1}
            max={terms.maxHours}
            value={hours}
            onChange={(e) =>
              setHours(Math.max(1, Math.min(terms.maxHours, Math.floor(Number(e.target.value) || 1))))
            }
          />
        </label>
        <span className="hint">{t('growth.boost.cost', { credits: cost })}</span>
        <Button disabled={boost.busy || targetId === ''} onClick={() => void boost.run()}>
          {t('growth.boost.submit')}
        </Button>
      </div>
      {targets.length === 0 && !products.loading ? (
        <p className="hint">{t('growth.boost.noTargets')}</p>
      ) : null}
      <ErrorMessage error={boost.error} />
      <h4>{t('growth.boost.list')}</h4>
      {g.boosts.length === 0 ? (
        <p className="empty">{t('growth.boost.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('growth.boost.col.target')}</th>
              <th scope="col">{t('growth.boost.col.credits')}</th>
              <th scope="col">{t('growth.boost.col.window')}</th>
              <th scope="col">{t('growth.boost.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {g.boosts.map((b) => (
              <tr key={b.id}>
                <td>
                  {tEnum('growth.boost.type.', b.targetType)} · <span data-user-text>{b.targetTitle}</span>
                </td>
                <td>{b.credits}</td>
                <td>{t('growth.boost.endsAt', { time: dateTime(b.endsAt) })}</td>
                <td>
                  <Badge tone={b.active ? 'ok' : 'neutral'}>
                    {b.active ? t('growth.boost.active') : t('growth.boost.ended')}
                  </Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
