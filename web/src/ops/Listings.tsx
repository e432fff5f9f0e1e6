import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import {
  Badge,
  Button,
  DateTime,
  Empty,
  ErrorMessage,
  Form,
  LoadState,
  Money,
  SelectField,
  TextArea,
  useWording,
} from '../common/ui.tsx';
import { systemReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { mayUse } from './access.ts';
import { PageHead, useLocalized } from './parts.tsx';

const STATES = ['in_review', 'listed', 'rejected', 'blocked', 'delisted', 'draft'] as const;
type ProductState = (typeof STATES)[number];
const TONE: Record<ProductState, string> = {
  in_review: 'warn',
  listed: 'ok',
  rejected: 'bad',
  blocked: 'bad',
  delisted: 'neutral',
  draft: 'neutral',
};

/** Listings waiting for review (or in another state), with the selected one's detail and decisions. */
export function ListingsQueue() {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') as ProductState | null) ?? 'in_review';
  const selected = Number(params.get('id')) || undefined;
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/ops/products', { params: { query: { state, limit: 50 } } })),
    [api, state],
  );
  const select = (id: number) => setParams({ state, id: String(id) });
  return (
    <section className="stack">
      <PageHead title={t('ops.listings.title')}>
        <SelectField
          label={t('common.state')}
          name="state"
          value={state}
          onChange={(e) => setParams({ state: e.target.value })}
        >
          {STATES.map((s) => (
            <option key={s} value={s}>
              {tEnum('ops.productState.', s)}
            </option>
          ))}
        </SelectField>
      </PageHead>
      <div className="o-split">
        <LoadState loaded={list}>
          {(d) =>
            d.items.length ? (
              <div className="stack">
                <p className="hint">{t('ops.listings.total', { total: d.total })}</p>
                <table>
                  <thead>
                    <tr>
                      <th>{t('ops.listings.product')}</th>
                      <th>{t('ops.listings.shop')}</th>
                      <th>{t('ops.listings.price')}</th>
                      <th>{t('ops.listings.updatedAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.items.map((p) => (
                      <tr key={p.id} className={p.id === selected ? 'o-selected' : undefined}>
                        <td>
                          <Link
                            to={`?state=${state}&id=${p.id}`}
                            aria-current={p.id === selected ? 'true' : undefined}
                            onClick={(e) => {
                              e.preventDefault();
                              select(p.id);
                            }}
                          >
                            {p.title}
                          </Link>
                        </td>
                        <td>{p.shopName}</td>
                        <td>
                          <Money fen={p.minPriceFen} />
                        </td>
                        <td>
                          <DateTime value={p.updatedAt} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <Empty>{t('ops.listings.empty')}</Empty>
            )
          }
        </LoadState>
        {selected ? <ProductReview key={selected} id={selected} onDecided={list.reload} /> : null}
      </div>
    </section>
  );
}

function ProductReview({ id, onDecided }: { id: number; onDecided(): void }) {
  const { t, tEnum } = useI18n();
  const w = useWording();
  const { api, account } = useSession();
  const localized = useLocalized();
  const product = useLoad(
    () => unwrap(api.GET('/api/v1/ops/products/{id}', { params: { path: { id } } })),
    [api, id],
  );
  const events = useLoad(
    () => unwrap(api.GET('/api/v1/ops/products/{id}/events', { params: { path: { id } } })),
    [api, id],
  );
  const [reason, setReason] = useState('');
  const decide = useAction(async (action: 'approve' | 'reject' | 'block') => {
    const path = { id };
    const body = { reason };
    const next =
      action === 'approve'
        ? await unwrap(
            api.POST('/api/v1/ops/products/{id}/approve', {
              params: { path },
              body: reason.trim() ? body : {},
            }),
          )
        : action === 'reject'
          ? await unwrap(api.POST('/api/v1/ops/products/{id}/reject', { params: { path }, body }))
          : await unwrap(api.POST('/api/v1/ops/products/{id}/block', { params: { path }, body }));
    product.set(next);
    setReason('');
    events.reload();
    onDecided();
  });
  return (
    <aside className="card stack" aria-label={t('ops.listings.detail')}>
      <LoadState loaded={product}>
        {(p) => (
          <>
            <h3>{p.title}</h3>
            <p>
              <Badge tone={TONE[p.state]}>{tEnum('ops.productState.', p.state)}</Badge> {p.shopName} ·{' '}
              {p.categoryName}
              {p.brand ? ` · ${p.brand.name}` : ''}
            </p>
            {p.stateReason ? <p className="o-quote">{p.stateReason}</p> : null}
            <dl className="o-dl">
              <dt>{t('ops.listings.qualification')}</dt>
              <dd>{p.qualificationNo ?? t('common.none')}</dd>
              <dt>{t('ops.listings.guarantees')}</dt>
              <dd>
                {p.guarantees.length ? p.guarantees.map((g) => localized(g)).join('、') : t('common.none')}
              </dd>
            </dl>
            <p className="o-quote">{p.description}</p>
            <table>
              <thead>
                <tr>
                  <th>{t('ops.listings.sku')}</th>
                  <th>{t('ops.listings.price')}</th>
                  <th>{t('ops.listings.stock')}</th>
                </tr>
              </thead>
              <tbody>
                {p.skus.map((s) => (
                  <tr key={s.id}>
                    <td>{s.spec}</td>
                    <td>
                      <Money fen={s.priceFen} />
                    </td>
                    <td>{s.stock}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {p.state === 'in_review' || (p.state === 'listed' && mayUse(account, ['super_admin'])) ? (
              <Form label={t('ops.listings.decide')} onSubmit={() => undefined}>
                <TextArea
                  label={t('common.reason')}
                  name="reason"
                  value={reason}
                  maxLength={500}
                  onChange={(e) => setReason(e.target.value)}
                  error={decide.error}
                  hint={t('ops.listings.reasonHint')}
                />
                <div className="o-actions">
                  {p.state === 'in_review' ? (
                    <>
                      <Button busy={decide.busy} onClick={() => void decide.run('approve')}>
                        {t('ops.listings.approve')}
                      </Button>
                      <Button
                        kind="danger"
                        busy={decide.busy}
                        disabled={!reason.trim()}
                        onClick={() => void decide.run('reject')}
                      >
                        {t('ops.listings.reject')}
                      </Button>
                    </>
                  ) : (
                    <Button
                      kind="danger"
                      busy={decide.busy}
                      disabled={!reason.trim()}
                      onClick={() => void decide.run('block')}
                    >
                      {t('ops.listings.block')}
                    </Button>
                  )}
                </div>
                <ErrorMessage error={decide.error} />
              </Form>
            ) : null}
          </>
        )}
      </LoadState>
      <h4>{t('ops.listings.history')}</h4>
      <LoadState loaded={events}>
        {(items) => (
          <ol className="o-timeline">
            {items.map((e) => (
              <li key={e.id}>
                <DateTime value={e.at} /> ·{' '}
                {e.fromState ? `${tEnum('ops.productState.', e.fromState)} → ` : ''}
                {tEnum('ops.productState.', e.toState)}
                {e.reason ? <div className="hint">{systemReason(w, e.reason)}</div> : null}
              </li>
            ))}
          </ol>
        )}
      </LoadState>
    </aside>
  );
}
