import { useId, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { EmptyState, SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, Form, Money, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import type { CreatorSession, Offer } from './types.ts';

/** /merchant/offers: products a creator may pin, with the commission each shop offers; pin to a session. */
export function OffersPage() {
  const { t } = useI18n();
  const api = useApi();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const offers = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/products/commission-offers', {
          params: { query: { limit: 100, ...(q ? { q } : {}) } },
        }),
      ),
    [api, q],
  );
  const sessions = useLoad(
    () => unwrap(api.GET('/api/v1/me/live/sessions', { params: { query: { limit: 100 } } })),
    [api],
  );
  const open = (sessions.data?.items ?? []).filter((s) => s.state === 'scheduled' || s.state === 'live');
  return (
    <section>
      <PageHead title={t('merchant.creator.offers.title')} />
      <p className="hint">{t('merchant.creator.offers.intro')}</p>
      <Form
        className="m-inline-form"
        label={t('merchant.creator.offers.search')}
        onSubmit={() => setQ(typed.trim())}
      >
        <TextField
          label={t('merchant.creator.offers.search')}
          name="q"
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <Button type="submit" kind="secondary">
          {t('common.search')}
        </Button>
      </Form>
      {sessions.data && open.length === 0 ? (
        <p className="notice">{t('merchant.creator.offers.noOpenSession')}</p>
      ) : null}
      <SkeletonLoadState loaded={offers}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState
              title={t('merchant.creator.offers.empty')}
              hint={t('merchant.creator.offers.emptyHint')}
              action={
                q
                  ? {
                      label: t('merchant.creator.offers.clear'),
                      onClick: () => {
                        setTyped('');
                        setQ('');
                      },
                    }
                  : undefined
              }
            />
          ) : (
            <table>
              <caption className="visually-hidden">{t('merchant.creator.offers.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('merchant.creator.col.product')}</th>
                  <th scope="col">{t('merchant.creator.col.shop')}</th>
                  <th scope="col">{t('merchant.creator.col.price')}</th>
                  <th scope="col">{t('merchant.creator.col.commission')}</th>
                  <th scope="col">{t('merchant.creator.col.perUnit')}</th>
                  <th scope="col">{t('merchant.creator.col.stock')}</th>
                  <th scope="col">{t('merchant.creator.col.pin')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((o) => (
                  <OfferRow key={o.id} offer={o} sessions={open} onPinned={sessions.reload} />
                ))}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function OfferRow({
  offer: o,
  sessions,
  onPinned,
}: {
  offer: Offer;
  sessions: CreatorSession[];
  onPinned(): void;
}) {
  const { t, percent, number } = useI18n();
  const api = useApi();
  const toast = useToast();
  const pickId = useId();
  const [sessionId, setSessionId] = useState<number | undefined>();
  const chosen = sessions.find((s) => s.id === sessionId) ?? sessions[0];
  const pin = useAction(async () => {
    if (!chosen) return;
    await unwrap(
      api.POST('/api/v1/live/sessions/{id}/pins', {
        params: { path: { id: chosen.id } },
        body: { productId: o.id },
      }),
    );
    toast.success(t('merchant.creator.offers.pinned', { title: o.title, session: chosen.title }));
    onPinned();
  });
  // What one unit at the lowest price earns: the rate applied as settlement does (rounded to the fen).
  const perUnit = Math.round((o.minPriceFen * o.creatorCommissionBp) / 10_000);
  return (
    <tr>
      <td data-user-text>{o.title}</td>
      <td data-user-text>{o.shopName}</td>
      <td>
        <Money fen={o.minPriceFen} />
      </td>
      <td>{percent(o.creatorCommissionBp / 10_000, 1)}</td>
      <td>
        <Money fen={perUnit} />
      </td>
      <td>{number(o.totalStock)}</td>
      <td>
        {chosen ? (
          <div className="row">
            <label htmlFor={pickId} className="visually-hidden">
              {t('merchant.creator.offers.session', { title: o.title })}
            </label>
            <select id={pickId} value={chosen.id} onChange={(e) => setSessionId(Number(e.target.value))}>
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            <Button kind="secondary" busy={pin.busy} onClick={() => void pin.run()}>
              {t('merchant.creator.offers.pin')}
            </Button>
          </div>
        ) : (
          <span className="hint">{t('merchant.creator.offers.needSession')}</span>
        )}
        <ErrorMessage error={pin.error} />
      </td>
    </tr>
  );
}
