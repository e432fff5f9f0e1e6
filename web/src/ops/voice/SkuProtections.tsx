import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, SelectField, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { SkuProtection } from '../../merchant/voice/voice-types.ts';
import { mayUse } from '../access.ts';
import { PageHead } from '../parts.tsx';

type State = SkuProtection['state'];

/**
 * /ops/sku-protections (平台主动保障, product rules §8.5): SKUs protected after a quality-refund spike,
 * active first, with the figures behind each; an arbiter clears one after checking (with a reason,
 * confirmed, naming what stops).
 */
export function SkuProtections() {
  const { t } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const toast = useToast();
  const [state, setState] = useState<State | ''>('active');
  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/ops/aftersales/sku-protections', {
          params: { query: { ...(state ? { state } : {}), limit: 100 } },
        }),
      ),
    [api, state],
  );
  const detect = useAction(async () => {
    const { opened } = await unwrap(api.POST('/api/v1/ops/aftersales/sku-protections/detect'));
    toast.success(t('skuProtection.detected', { n: opened }));
    list.reload();
  });
  return (
    <section className="stack">
      <PageHead title={t('skuProtection.title')}>
        {mayUse(account, ['arbiter']) ? (
          <Button kind="secondary" busy={detect.busy} onClick={() => void detect.run()}>
            {t('skuProtection.detect')}
          </Button>
        ) : null}
        <SelectField
          label={t('skuProtection.filterState')}
          name="state"
          value={state}
          onChange={(e) => setState(e.target.value as State | '')}
        >
          <option value="active">{t('skuProtection.state.active')}</option>
          <option value="cleared">{t('skuProtection.state.cleared')}</option>
          <option value="">{t('skuProtection.allStates')}</option>
        </SelectField>
      </PageHead>
      <p className="hint">{t('skuProtection.intro')}</p>
      <ErrorMessage error={detect.error} />
      <SkeletonLoadState loaded={list} rows={3}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="empty">{t('skuProtection.empty')}</p>
          ) : (
            <table className="table" data-testid="sku-protections">
              <thead>
                <tr>
                  <th>{t('skuProtection.col.item')}</th>
                  <th>{t('skuProtection.col.shop')}</th>
                  <th>{t('skuProtection.col.rate')}</th>
                  <th>{t('skuProtection.col.baseline')}</th>
                  <th>{t('skuProtection.col.approved')}</th>
                  <th>{t('skuProtection.col.detected')}</th>
                  <th>{t('skuProtection.col.state')}</th>
                  <th>{t('skuProtection.col.why')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((p) => (
                  <Row key={p.id} protection={p} reload={list.reload} />
                ))}
              </tbody>
            </table>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function Row({ protection: p, reload }: { protection: SkuProtection; reload: () => void }) {
  const { t, lang, percent } = useI18n();
  const { account } = useSession();
  const item = [p.title, p.spec].filter(Boolean).join(' ');
  return (
    <tr data-testid="sku-protection-row">
      <td>
        <span data-user-text>{item}</span>
      </td>
      <td>
        <span data-user-text>{p.shopName}</span>
      </td>
      <td>
        {t('skuProtection.rate', {
          rate: percent(p.rateBp / 10_000),
          q: p.qualityRefunds,
          n: p.eligibleOrders,
        })}
      </td>
      <td>{percent(p.baselineBp / 10_000)}</td>
      <td>{t('skuProtection.approved', { n: p.autoApproved })}</td>
      <td>
        <DateTime value={p.detectedAt} />
      </td>
      <td>
        <Badge tone={p.state === 'active' ? 'warn' : 'neutral'}>{t(`skuProtection.state.${p.state}`)}</Badge>
        {p.clearedAt ? (
          <small className="hint">
            {' '}
            {t('skuProtection.clearedAt', { at: '' })}
            <DateTime value={p.clearedAt} />
            {p.clearNote ? (
              <>
                {'：'}
                <span data-user-text>{p.clearNote}</span>
              </>
            ) : null}
          </small>
        ) : null}
      </td>
      <td>
        <small>{lang === 'zh' ? p.explanationZh : p.explanationEn}</small>
        {p.state === 'active' && mayUse(account, ['arbiter']) ? (
          <ClearForm id={p.id} item={item} reload={reload} />
        ) : null}
      </td>
    </tr>
  );
}

function ClearForm({ id, item, reload }: { id: number; item: string; reload: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const clear = useAction(async () => {
    if (!note.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const ok = await confirm({
      title: t('skuProtection.clearTitle'),
      body: t('skuProtection.clearBody', { item }),
      confirmLabel: t('skuProtection.clear'),
      danger: true,
    });
    if (!ok) return;
    await unwrap(
      api.POST('/api/v1/ops/aftersales/sku-protections/{id}/clear', {
        params: { path: { id } },
        body: { note },
      }),
    );
    toast.success(t('skuProtection.cleared'));
    reload();
  });
  return (
    <div className="stack">
      <TextField
        label={t('skuProtection.clearNote')}
        name="note"
        error={clear.error}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
      />
      {missing ? <p className="error">{t('skuProtection.noteNeeded')}</p> : null}
      <ErrorMessage error={clear.error} />
      <Button kind="danger" busy={clear.busy} onClick={() => void clear.run()}>
        {t('skuProtection.clear')}
      </Button>
    </div>
  );
}
