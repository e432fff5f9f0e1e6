import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { EmptyState, SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, ErrorMessage, Form, Money, SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useShop } from '../shop.tsx';

/** The selling tools of a pinned product's row while the session is live. */
export interface PinSelling {
  featuredProductId: number | null;
  /** 讲解 this product, or stop (null) */
  feature(productId: number | null): void;
  featuring: boolean;
  /** opens 上架秒杀 for this product */
  flashSale(productId: number): void;
}

/**
 * The session's pinned products: pin, unpin; on air also 讲解 (feature) and 上架秒杀 per row.
 * `version` moves when the pins changed elsewhere (the room's event stream).
 */
export function Pins({
  sessionId,
  onChange,
  selling,
  version = 0,
}: {
  sessionId: number;
  onChange(): void;
  selling?: PinSelling;
  version?: number;
}) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { shop } = useShop();
  const detail = useLoad(
    () => unwrap(api.GET('/api/v1/live/sessions/{id}', { params: { path: { id: sessionId } } })),
    [api, sessionId, version],
  );
  const listed = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/products', {
          params: { path: { id: shop.id }, query: { state: 'listed', limit: 100 } },
        }),
      ),
    [api, shop.id],
  );
  const [productId, setProductId] = useState('');
  const pin = useAction(async () => {
    const pinned = await unwrap(
      api.POST('/api/v1/live/sessions/{id}/pins', {
        params: { path: { id: sessionId } },
        body: { productId: Number(productId) },
      }),
    );
    setProductId('');
    detail.reload();
    onChange();
    toast.success(t('merchant.live.toast.pinned'));
    return pinned;
  });
  const unpin = useAction(async (pid: number) => {
    const done = await unwrap(
      api.DELETE('/api/v1/live/sessions/{id}/pins/{productId}', {
        params: { path: { id: sessionId, productId: pid } },
      }),
    );
    detail.reload();
    onChange();
    toast.success(t('merchant.live.toast.unpinned'));
    return done;
  });
  return (
    <div className="stack">
      <SkeletonLoadState loaded={detail} rows={2}>
        {(d) =>
          d.pins.length === 0 ? (
            <EmptyState title={t('merchant.live.noPins')} hint={t('merchant.live.noPinsHint')} />
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('merchant.liveConsole.number')}</th>
                  <th scope="col">{t('merchant.products.col.title')}</th>
                  <th scope="col">{t('merchant.products.col.price')}</th>
                  <th scope="col">{t('merchant.products.col.stock')}</th>
                  <th scope="col">{t('merchant.liveConsole.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {d.pins.map((p, i) => {
                  const featured = selling?.featuredProductId === p.productId;
                  return (
                    <tr key={p.productId} className={featured ? 'm-live-featured' : undefined}>
                      <td>{i + 1}</td>
                      <td>
                        {p.title}{' '}
                        {featured ? <Badge tone="brand">{t('merchant.liveConsole.featuring')}</Badge> : null}
                      </td>
                      <td>
                        <Money fen={p.minPriceFen} />
                      </td>
                      <td>{p.totalStock}</td>
                      <td>
                        <div className="row">
                          {selling ? (
                            featured ? (
                              <Button
                                kind="secondary"
                                busy={selling.featuring}
                                onClick={() => selling.feature(null)}
                              >
                                {t('merchant.liveConsole.stopFeature')}
                              </Button>
                            ) : (
                              <Button
                                busy={selling.featuring}
                                disabled={p.productState !== 'listed'}
                                onClick={() => selling.feature(p.productId)}
                                aria-label={t('merchant.liveConsole.featureNamed', { title: p.title })}
                              >
                                {t('merchant.liveConsole.feature')}
                              </Button>
                            )
                          ) : null}
                          {selling ? (
                            <Button
                              kind="secondary"
                              disabled={p.productState !== 'listed'}
                              onClick={() => selling.flashSale(p.productId)}
                              aria-label={t('merchant.liveConsole.flashSaleNamed', { title: p.title })}
                            >
                              {t('merchant.liveConsole.flashSale')}
                            </Button>
                          ) : null}
                          <Button
                            kind="secondary"
                            onClick={() => void unpin.run(p.productId)}
                            busy={unpin.busy}
                            aria-label={t('merchant.live.unpinNamed', { title: p.title })}
                          >
                            {t('merchant.live.unpin')}
                          </Button>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
      <Form className="m-inline-form" label={t('merchant.live.pin')} onSubmit={() => pin.run()}>
        <SelectField
          label={t('merchant.live.pinProduct')}
          name="productId"
          value={productId}
          required
          onChange={(e) => setProductId(e.target.value)}
          error={pin.error}
        >
          <option value="">{t('merchant.live.chooseProduct')}</option>
          {(listed.data?.items ?? [])
            .filter((p) => !detail.data?.pins.some((x) => x.productId === p.id))
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
        </SelectField>
        <Button type="submit" busy={pin.busy}>
          {t('merchant.live.pin')}
        </Button>
      </Form>
      <ErrorMessage error={pin.error ?? unpin.error} />
    </div>
  );
}
