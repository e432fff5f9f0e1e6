import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { EvidencePicker, type Upload } from '../buyer/evidence.tsx';
import { EmptyState, SkeletonLoadState, useConfirm, useToast } from '../common/feedback.tsx';
import { useAction, useLoad, useNow } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Badge, Button, Countdown, DateTime, ErrorMessage, Form, TextArea } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PageHead } from './parts.tsx';
import { useShop } from './shop.tsx';

type Complaint =
  paths['/api/v1/shops/{id}/ip-complaints']['get']['responses']['200']['content']['application/json']['items'][number];
type ComplaintState = Complaint['state'];

export const COMPLAINT_TONE: Record<ComplaintState, string> = {
  ops_review: 'warn',
  upheld: 'bad',
  counter_noticed: 'warn',
  rejected: 'ok',
  restored: 'ok',
  confirmed: 'bad',
};

/** /merchant/ip: IP complaints against the shop's products; counter-notify an upheld one in time. */
export function IpComplaintsPage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const complaints = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/ip-complaints', {
          params: { path: { id: shop.id }, query: { limit: 100 } },
        }),
      ),
    [api, shop.id],
  );
  return (
    <section className="stack">
      <PageHead title={t('merchant.ip.title')} />
      <p className="hint">{t('merchant.ip.intro')}</p>
      <SkeletonLoadState loaded={complaints}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title={t('merchant.ip.empty')} hint={t('merchant.ip.emptyHint')} />
          ) : (
            <div className="stack">
              {page.items.map((c) => (
                <ComplaintCard key={c.id} complaint={c} onChange={complaints.reload} />
              ))}
            </div>
          )
        }
      </SkeletonLoadState>
    </section>
  );
}

function ComplaintCard({ complaint: c, onChange }: { complaint: Complaint; onChange(): void }) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const now = useNow(30_000);
  const detail = useLoad(
    () => unwrap(api.GET('/api/v1/ip/complaints/{id}', { params: { path: { id: c.id } } })),
    [api, c.id, c.state],
  );
  const title = c.productTitle;
  const canCounter =
    c.state === 'upheld' && c.counterNoticeDueAt !== null && new Date(c.counterNoticeDueAt).getTime() > now;
  return (
    <article className="card stack" aria-label={t('merchant.ip.cardLabel', { product: title })}>
      <div className="row">
        <strong data-user-text>{title}</strong>
        <Badge tone={COMPLAINT_TONE[c.state]}>{tEnum('merchant.ip.state.', c.state)}</Badge>
        <small className="hint">
          {tEnum('merchant.ip.reason.', c.reason)} · <span data-user-text>{c.holder.name}</span> ·{' '}
          <DateTime value={c.createdAt} />
        </small>
      </div>
      <p
        className={c.state === 'upheld' || c.state === 'confirmed' ? 'm-explain m-explain-bad' : 'm-explain'}
      >
        {tEnum('merchant.ip.explain.', c.state)}
        {c.state === 'upheld' && c.counterNoticeDueAt ? (
          <>
            {' '}
            {t('merchant.ip.counterBy')} <DateTime value={c.counterNoticeDueAt} />{' '}
            <Countdown deadline={c.counterNoticeDueAt} />
          </>
        ) : null}
      </p>
      <blockquote data-user-text>{c.text}</blockquote>
      {c.counterText ? (
        <p>
          {t('merchant.ip.yourCounter')} <span data-user-text>{c.counterText}</span>
        </p>
      ) : null}
      {detail.data ? (
        <ol className="m-timeline" aria-label={t('merchant.ip.timeline')}>
          {detail.data.events.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: events are append-only, in order
            <li key={i}>
              <DateTime value={e.at} /> · {tEnum('merchant.ip.state.', e.toState)}
            </li>
          ))}
        </ol>
      ) : null}
      {canCounter ? <CounterNoticeForm complaint={c} onSent={onChange} /> : null}
    </article>
  );
}

function CounterNoticeForm({ complaint: c, onSent }: { complaint: Complaint; onSent(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const send = useAction(async () => {
    const ok = await confirm({
      title: t('merchant.ip.counterConfirmTitle'),
      body: t('merchant.ip.counterConfirmBody', { n: uploads.length }),
      confirmLabel: t('merchant.ip.counterSubmit'),
    });
    if (!ok) return undefined;
    const sent = await unwrap(
      api.POST('/api/v1/ip/complaints/{id}/counter-notice', {
        params: { path: { id: c.id } },
        body: { text: text.trim(), evidenceFileIds: uploads.map((u) => u.id) },
      }),
    );
    toast.success(t('merchant.ip.counterSent'));
    onSent();
    return sent;
  });
  return (
    <Form className="form" label={t('merchant.ip.counter')} onSubmit={() => send.run()}>
      <h3>{t('merchant.ip.counter')}</h3>
      <TextArea
        label={t('merchant.ip.counterText')}
        name="text"
        rows={3}
        required
        maxLength={2000}
        hint={t('merchant.ip.counterHint')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={send.error}
      />
      <EvidencePicker uploads={uploads} onChange={setUploads} />
      <ErrorMessage error={send.error} />
      <Button type="submit" busy={send.busy} disabled={uploads.length === 0}>
        {t('merchant.ip.counterSubmit')}
      </Button>
      {uploads.length === 0 ? <small className="hint">{t('merchant.ip.needEvidence')}</small> : null}
    </Form>
  );
}
