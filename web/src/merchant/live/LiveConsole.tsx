import { useEffect, useState } from 'react';
import { type paths, unwrap } from '../../api/client.ts';
import { CountdownClock } from '../../common/countdown.tsx';
import { CampaignForm, couponRule } from '../../common/coupons/index.ts';
import { EmptyState, useToast } from '../../common/feedback.tsx';
import { type Loaded, useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, Money } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FlashSaleForm } from '../flash-sales/index.ts';
import { Tile } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import type { LiveSession } from '../types.ts';

type LiveStats =
  paths['/api/v1/live/sessions/{id}/stats']['get']['responses'][200]['content']['application/json'];

import { Pins } from './Pins.tsx';
import './live-console.css';

const STATS_EVERY_MS = 5_000;

/**
 * The live console of a session on air (快手小店 直播中控台): the room's figures as they happen
 * (read every few seconds), the pinned products with their stock, 讲解 and 上架秒杀, the session's
 * flash sales, and live coupons to issue.
 */
export function LiveConsole({ session, onChange }: { session: LiveSession; onChange(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { shop } = useShop();
  // The console reads the room's figures every few seconds rather than opening the viewers' stream:
  // a stream is a viewer, and the host's own console must not count as one.
  const tick = useEvery(STATS_EVERY_MS);
  const stats = useLoad(
    () => unwrap(api.GET('/api/v1/live/sessions/{id}/stats', { params: { path: { id: session.id } } })),
    [api, session.id, tick],
  );
  const [featuredNow, setFeatured] = useState<{ productId: number | null; at: number }>();
  // what the console just did wins over a figure read before it
  const featured =
    featuredNow && featuredNow.at >= tick ? featuredNow.productId : (stats.data?.featuredProductId ?? null);
  const [offersVersion, setOffersVersion] = useState(0);
  const [flashFor, setFlashFor] = useState<number>();
  const feature = useAction(async (productId: number | null) => {
    const r = await unwrap(
      api.PUT('/api/v1/live/sessions/{id}/featured', {
        params: { path: { id: session.id } },
        body: { productId },
      }),
    );
    setFeatured({ productId: r.featured?.productId ?? null, at: tick + 1 });
    toast.success(
      r.featured
        ? t('merchant.liveConsole.featured', { title: r.featured.title })
        : t('merchant.liveConsole.unfeatured'),
    );
    return r;
  });
  return (
    <section className="stack m-live-console" aria-label={t('merchant.liveConsole.title')}>
      <Stats sessionId={session.id} stats={stats} />
      <h3>{t('merchant.liveConsole.pinned')}</h3>
      <Pins
        sessionId={session.id}
        onChange={onChange}
        version={tick}
        selling={{
          featuredProductId: featured,
          feature: (id) => void feature.run(id),
          featuring: feature.busy,
          flashSale: setFlashFor,
        }}
      />
      <ErrorMessage error={feature.error} />
      {flashFor !== undefined ? (
        <div className="card">
          <FlashSaleForm
            key={flashFor}
            shopId={shop.id}
            liveSessionId={session.id}
            productIds={[flashFor]}
            onCreated={() => {
              setFlashFor(undefined);
              setOffersVersion((n) => n + 1);
            }}
          />
          <Button kind="link" onClick={() => setFlashFor(undefined)}>
            {t('common.cancel')}
          </Button>
        </div>
      ) : null}
      <FlashSales sessionId={session.id} version={offersVersion} />
      <Coupons
        sessionId={session.id}
        version={offersVersion}
        onIssued={() => setOffersVersion((n) => n + 1)}
      />
    </section>
  );
}

/** A number that goes up every `ms` while mounted (to read figures again). */
function useEvery(ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return tick;
}

function Stats({ sessionId, stats }: { sessionId: number; stats: Loaded<LiveStats> }) {
  const { t } = useI18n();
  const s = stats.data;
  const avgSeconds = s && s.uniqueViewers > 0 ? Math.round(s.watchSeconds / s.uniqueViewers) : 0;
  const number = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString());
  return (
    <section aria-labelledby={`stats-${sessionId}`}>
      <h3 id={`stats-${sessionId}`}>
        {t('merchant.liveConsole.stats')}{' '}
        <small className="hint">{t('merchant.liveConsole.statsUpdated')}</small>
      </h3>
      <div className="m-tiles" aria-live="polite">
        <Tile label={t('merchant.liveConsole.viewersNow')}>{number(s?.viewers)}</Tile>
        <Tile label={t('merchant.liveConsole.viewersPeak')}>{number(s?.peakViewers)}</Tile>
        <Tile label={t('merchant.liveConsole.viewersUnique')}>{number(s?.uniqueViewers)}</Tile>
        <Tile label={t('merchant.liveConsole.watchTime')}>
          {s
            ? t('merchant.liveConsole.minutes', { m: Math.floor(avgSeconds / 60), s: avgSeconds % 60 })
            : '—'}
        </Tile>
        <Tile label={t('merchant.liveConsole.likes')}>{number(s?.likes)}</Tile>
        <Tile label={t('merchant.liveConsole.orders')}>{number(s?.orders)}</Tile>
        <Tile label={t('merchant.liveConsole.gmv')}>
          {s?.gmvFen === null || s?.gmvFen === undefined ? '—' : <Money fen={s.gmvFen} />}
        </Tile>
      </div>
      <ErrorMessage error={stats.data ? undefined : stats.error} />
    </section>
  );
}

/** The session's running and upcoming flash sales, with what is left and the time to their end. */
function FlashSales({ sessionId, version }: { sessionId: number; version: number }) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const tick = useEvery(STATS_EVERY_MS);
  const sales = useLoad(
    () => unwrap(api.GET('/api/v1/live/sessions/{id}/flash-sales', { params: { path: { id: sessionId } } })),
    [api, sessionId, version, tick],
  );
  const list = sales.data?.flashSales ?? [];
  return (
    <section aria-labelledby={`flash-${sessionId}`}>
      <h3 id={`flash-${sessionId}`}>{t('merchant.liveConsole.flashSales')}</h3>
      {list.length === 0 ? (
        <p className="hint">{t('merchant.liveConsole.noFlashSales')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('merchant.products.col.title')}</th>
              <th scope="col">{t('flash.form.price')}</th>
              <th scope="col">{t('merchant.liveConsole.flashStock')}</th>
              <th scope="col">{t('merchant.liveConsole.flashState')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((f) => (
              <tr key={f.id}>
                <td>
                  {f.title} <span className="hint">{f.spec}</span>
                </td>
                <td>
                  <Money fen={f.priceFen} />{' '}
                  <s className="hint">
                    <Money fen={f.originalPriceFen} />
                  </s>
                </td>
                <td>{t('merchant.liveConsole.flashLeft', { n: f.remaining, cap: f.stockCap })}</td>
                <td>
                  {tEnum('flash.state.', f.state)}{' '}
                  {f.state === 'running' || f.state === 'scheduled' ? (
                    <CountdownClock
                      until={f.state === 'running' ? f.endsAt : f.startsAt}
                      serverNow={sales.data?.serverNow}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Live coupons: issue one (the room's shop pays the discount) and see what is left of each. */
function Coupons({ sessionId, version, onIssued }: { sessionId: number; version: number; onIssued(): void }) {
  const { t, money } = useI18n();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const coupons = useLoad(
    () => unwrap(api.GET('/api/v1/live/sessions/{id}/coupons', { params: { path: { id: sessionId } } })),
    [api, sessionId, version],
  );
  const list = coupons.data?.items ?? [];
  return (
    <section aria-labelledby={`coupons-${sessionId}`} className="stack">
      <div className="m-page-head">
        <h3 id={`coupons-${sessionId}`}>{t('merchant.liveConsole.coupons')}</h3>
        <Button kind={open ? 'secondary' : 'primary'} aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('common.cancel') : t('merchant.liveConsole.issueCoupon')}
        </Button>
      </div>
      {open ? (
        <div className="card">
          <CampaignForm
            scope={{ kind: 'live', sessionId }}
            onCreated={() => {
              setOpen(false);
              onIssued();
            }}
          />
        </div>
      ) : null}
      {list.length === 0 ? (
        <EmptyState title={t('merchant.liveConsole.noCoupons')} />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('merchant.liveConsole.couponTitle')}</th>
              <th scope="col">{t('merchant.liveConsole.couponRule')}</th>
              <th scope="col">{t('merchant.liveConsole.couponLeft')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.campaignId}>
                <td data-user-text>{c.title}</td>
                <td>{couponRule(t, money, c)}</td>
                <td>{c.remaining}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
