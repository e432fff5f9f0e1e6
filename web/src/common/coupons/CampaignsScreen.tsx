import { type ReactNode, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { SkeletonLoadState, useConfirm, useToast } from '../feedback.tsx';
import { useAction, useLoad } from '../hooks.ts';
import { useApi } from '../session.tsx';
import { Badge, Button, ErrorMessage } from '../ui.tsx';
import { CampaignForm } from './CampaignForm.tsx';
import { couponRule } from './coupon-rule.ts';
import type { Campaign, CampaignState } from './coupon-types.ts';

const STATES: CampaignState[] = ['scheduled', 'active', 'stopped'];
const TONE: Record<CampaignState, string> = { scheduled: 'warn', active: 'ok', stopped: 'neutral' };

export type CampaignOwner = { kind: 'shop'; shopId: number } | { kind: 'platform' };

/**
 * A console's coupons (merchant: the shop's, live-room ones included; ops: the platform's): issued of
 * the total and used counts, stop with a confirmation naming what happens, and the create form.
 */
export function CampaignsScreen({
  owner,
  head,
}: {
  owner: CampaignOwner;
  head: (filter: ReactNode) => ReactNode;
}) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const [state, setState] = useState<CampaignState | ''>('');
  const query = { limit: 100, ...(state ? { state } : {}) };
  const campaigns = useLoad(
    () =>
      owner.kind === 'shop'
        ? unwrap(api.GET('/api/v1/shops/{id}/coupons', { params: { path: { id: owner.shopId }, query } }))
        : unwrap(api.GET('/api/v1/ops/coupons', { params: { query } })),
    [api, owner.kind, owner.kind === 'shop' ? owner.shopId : 0, state],
  );
  const stop = useAction(async (c: Campaign) => {
    const ok = await confirm({
      title: t('coupon.stopTitle', { title: c.title }),
      body: t('coupon.stopBody', { issued: c.issued }),
      confirmLabel: t('coupon.stopConfirm'),
      danger: true,
    });
    if (!ok) return undefined;
    const done =
      owner.kind === 'shop'
        ? await unwrap(
            api.POST('/api/v1/shops/{id}/coupons/{couponId}/stop', {
              params: { path: { id: owner.shopId, couponId: c.id } },
              body: {},
            }),
          )
        : await unwrap(
            api.POST('/api/v1/ops/coupons/{id}/stop', { params: { path: { id: c.id } }, body: {} }),
          );
    toast.success(t('coupon.stopped'));
    campaigns.reload();
    return done;
  });

  const filter = (
    <label className="row">
      {t('coupon.filter.state')}
      <select value={state} onChange={(e) => setState(e.target.value as CampaignState | '')}>
        <option value="">{t('coupon.filter.all')}</option>
        {STATES.map((s) => (
          <option key={s} value={s}>
            {tEnum('coupon.state.', s)}
          </option>
        ))}
      </select>
    </label>
  );
  const title = t(owner.kind === 'shop' ? 'coupon.title.shop' : 'coupon.title.platform');
  return (
    <section className="stack">
      {head(filter)}
      <p className="hint">{t(owner.kind === 'shop' ? 'coupon.intro.shop' : 'coupon.intro.platform')}</p>
      <SkeletonLoadState loaded={campaigns}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="empty">{t('coupon.empty')}</p>
          ) : (
            <table>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('coupon.col.coupon')}</th>
                  <th scope="col">{t('coupon.col.rule')}</th>
                  <th scope="col">{t('coupon.col.claimWindow')}</th>
                  <th scope="col">{t('coupon.col.validity')}</th>
                  <th scope="col">{t('coupon.col.issued')}</th>
                  <th scope="col">{t('coupon.col.used')}</th>
                  <th scope="col">{t('coupon.col.state')}</th>
                  <th scope="col">{t('coupon.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((c) => (
                  <CampaignRow key={c.id} campaign={c} busy={stop.busy} onStop={() => void stop.run(c)} />
                ))}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
      <ErrorMessage error={stop.error} />
      <CampaignForm scope={owner} onCreated={() => campaigns.reload()} />
    </section>
  );
}

function CampaignRow({ campaign: c, busy, onStop }: { campaign: Campaign; busy: boolean; onStop(): void }) {
  const { t, tEnum, money, dateTime } = useI18n();
  return (
    <tr>
      <td>
        <span data-user-text>{c.title}</span>
        {c.liveSessionId ? (
          <>
            {' '}
            <Badge tone="brand">{t('coupon.liveRoom')}</Badge>
          </>
        ) : null}
        <br />
        <small className="hint">{t('coupon.perBuyer', { n: c.perBuyerLimit })}</small>
      </td>
      <td>{couponRule(t, money, c)}</td>
      <td>{t('coupon.window', { start: dateTime(c.claimStartsAt), end: dateTime(c.claimEndsAt) })}</td>
      <td>
        {c.useEndsAt
          ? t('coupon.validDaysUntil', { days: c.validDays, date: dateTime(c.useEndsAt) })
          : t('coupon.validDays', { days: c.validDays })}
      </td>
      <td>
        {c.issued} / {c.issueCap}
      </td>
      <td>{c.used}</td>
      <td>
        <Badge tone={TONE[c.state]}>{tEnum('coupon.state.', c.state)}</Badge>
      </td>
      <td>
        {c.state !== 'stopped' ? (
          <Button
            kind="danger"
            busy={busy}
            aria-label={t('coupon.stopNamed', { title: c.title })}
            onClick={onStop}
          >
            {t('coupon.stop')}
          </Button>
        ) : null}
      </td>
    </tr>
  );
}
