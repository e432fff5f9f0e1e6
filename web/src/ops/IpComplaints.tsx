import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { unwrap } from '../api/client.ts';
import { EmptyState, SkeletonLoadState, useConfirm, useToast } from '../common/feedback.tsx';
import { useAction, useLoad, useNow } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, Form, LoadState, TextArea } from '../common/ui.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { PageHead } from './parts.tsx';
import { useDuration } from './triage/parts.tsx';

/**
 * IP complaints waiting for ops (product rules §6): new complaints of the ops channel and merchants'
 * counter-notices, overdue first with their wait; the selected one with the product, the holder's
 * text and evidence, the history, and the decision.
 */
export function IpComplaints() {
  const { t } = useI18n();
  const { api } = useSession();
  const now = useNow(30_000);
  const duration = useDuration();
  const [params, setParams] = useSearchParams();
  const selected = Number(params.get('id')) || undefined;
  const queue = useLoad(
    () =>
      unwrap(api.GET('/api/v1/ops/queues/{queue}/items', { params: { path: { queue: 'ip_complaints' } } })),
    [api],
  );
  return (
    <section className="stack">
      <PageHead title={t('ops.ip.title')}>
        <Button kind="secondary" onClick={queue.reload}>
          {t('ops.triage.refresh')}
        </Button>
      </PageHead>
      <div className="o-split">
        <SkeletonLoadState loaded={queue}>
          {(d) =>
            d.items.length ? (
              <table aria-label={t('ops.ip.title')}>
                <thead>
                  <tr>
                    <th>{t('ops.ip.text')}</th>
                    <th>{t('ops.triage.waited')}</th>
                    <th>{t('ops.triage.due')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((i) => (
                    <tr key={i.subject.id} className={i.subject.id === selected ? 'o-selected' : undefined}>
                      <td>
                        <Link
                          to={`?id=${i.subject.id}`}
                          aria-current={i.subject.id === selected ? 'true' : undefined}
                          onClick={(e) => {
                            e.preventDefault();
                            setParams({ id: String(i.subject.id) });
                          }}
                        >
                          {t('ops.ip.complaint', { id: i.subject.id })}
                        </Link>
                        <div className="hint o-clamp" data-raw>
                          {i.title}
                        </div>
                      </td>
                      <td>{duration(i.openedAt, now)}</td>
                      <td>
                        {i.overdue ? (
                          <Badge tone="bad">{t('ops.triage.overdue')}</Badge>
                        ) : (
                          <Badge tone="ok">{t('ops.triage.dueSoon')}</Badge>
                        )}{' '}
                        <small>
                          <DateTime value={i.dueAt} />
                        </small>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <EmptyState title={t('ops.ip.empty')} hint={t('ops.triage.emptyHint')} />
            )
          }
        </SkeletonLoadState>
        {selected ? (
          <ComplaintDetail key={selected} id={selected} onDecided={queue.reload} />
        ) : (
          <p className="hint">{t('ops.ip.select')}</p>
        )}
      </div>
    </section>
  );
}

function ComplaintDetail({ id, onDecided }: { id: number; onDecided(): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const confirm = useConfirm();
  const toast = useToast();
  const loaded = useLoad(async () => {
    const complaint = await unwrap(api.GET('/api/v1/ip/complaints/{id}', { params: { path: { id } } }));
    const product = await unwrap(
      api.GET('/api/v1/ops/products/{id}', { params: { path: { id: complaint.productId } } }),
    ).catch(() => undefined);
    return { complaint, product };
  }, [api, id]);
  const [note, setNote] = useState('');
  const decide = useAction(
    async (choice: 'uphold' | 'reject' | 'restore' | 'confirm', productTitle: string) => {
      if (choice === 'uphold') {
        const ok = await confirm({
          title: t('ops.ip.upholdTitle', { product: productTitle }),
          body: t('ops.ip.upholdBody'),
          confirmLabel: t('ops.ip.uphold'),
          danger: true,
        });
        if (!ok) return;
      }
      const path = { id };
      const next =
        choice === 'uphold' || choice === 'reject'
          ? await unwrap(
              api.POST('/api/v1/ip/complaints/{id}/decision', {
                params: { path },
                body: { uphold: choice === 'uphold', note },
              }),
            )
          : await unwrap(
              api.POST('/api/v1/ip/complaints/{id}/counter-notice/decision', {
                params: { path },
                body: { restore: choice === 'restore', note },
              }),
            );
      toast.success(t('ops.ip.decided', { id, state: t(`ops.ip.state.${next.state}` as MessageKey) }));
      setNote('');
      loaded.reload();
      onDecided();
    },
  );
  return (
    <aside className="card stack" aria-label={t('ops.ip.complaint', { id })}>
      <LoadState loaded={loaded}>
        {({ complaint: c, product }) => {
          const productTitle = product?.title ?? t('ops.ip.product');
          return (
            <>
              <h3>{t('ops.ip.complaint', { id })}</h3>
              <p>
                <Badge tone={c.state === 'ops_review' || c.state === 'counter_noticed' ? 'warn' : 'neutral'}>
                  {t(`ops.ip.state.${c.state}` as MessageKey)}
                </Badge>{' '}
                {t(`ops.ip.reason.${c.reason}` as MessageKey)} ·{' '}
                {t(`ops.ip.channel.${c.channel}` as MessageKey)}
              </p>
              <dl className="o-dl">
                <dt>{t('ops.ip.holder')}</dt>
                <dd data-raw>{c.holder.name}</dd>
                <dt>{t('ops.ip.product')}</dt>
                <dd data-raw>
                  <Link to={`/ops/reviews/listings?state=${product?.state ?? 'listed'}&id=${c.productId}`}>
                    {productTitle}
                  </Link>
                  {product ? ` · ${product.shopName}` : ''}
                </dd>
                <dt>{t('ops.ip.filedAt')}</dt>
                <dd>
                  <DateTime value={c.createdAt} />
                </dd>
                <dt>{t('ops.ip.evidence')}</dt>
                <dd>{t('ops.ip.evidenceCount', { n: c.evidenceFileIds.length })}</dd>
              </dl>
              <h4>{t('ops.ip.text')}</h4>
              <blockquote className="o-quote" data-raw>
                {c.text}
              </blockquote>
              {c.counterText ? (
                <>
                  <h4>{t('ops.ip.counter')}</h4>
                  <blockquote className="o-quote" data-raw>
                    {c.counterText}
                  </blockquote>
                </>
              ) : null}
              {c.state === 'ops_review' || c.state === 'counter_noticed' ? (
                <Form label={t('ops.ip.note')} onSubmit={() => undefined}>
                  <TextArea
                    label={t('ops.ip.note')}
                    name="note"
                    value={note}
                    required
                    maxLength={500}
                    hint={t('ops.ip.noteHint')}
                    onChange={(e) => setNote(e.target.value)}
                    error={decide.error}
                  />
                  <div className="o-actions">
                    {c.state === 'ops_review' ? (
                      <>
                        <Button
                          kind="danger"
                          busy={decide.busy}
                          disabled={!note.trim()}
                          onClick={() => void decide.run('uphold', productTitle)}
                        >
                          {t('ops.ip.uphold')}
                        </Button>
                        <Button
                          kind="secondary"
                          busy={decide.busy}
                          disabled={!note.trim()}
                          onClick={() => void decide.run('reject', productTitle)}
                        >
                          {t('ops.ip.reject')}
                        </Button>
                      </>
                    ) : (
                      <>
                        <Button
                          busy={decide.busy}
                          disabled={!note.trim()}
                          onClick={() => void decide.run('restore', productTitle)}
                        >
                          {t('ops.ip.restore')}
                        </Button>
                        <Button
                          kind="danger"
                          busy={decide.busy}
                          disabled={!note.trim()}
                          onClick={() => void decide.run('confirm', productTitle)}
                        >
                          {t('ops.ip.confirm')}
                        </Button>
                      </>
                    )}
                  </div>
                  <ErrorMessage error={decide.error} />
                </Form>
              ) : null}
              <h4>{t('ops.ip.timeline')}</h4>
              <ol className="o-timeline">
                {c.events.map((e) => (
                  <li key={`${e.toState}-${e.at}`}>
                    <DateTime value={e.at} /> · {t(`ops.ip.state.${e.toState}` as MessageKey)}
                    {e.note ? (
                      <div className="hint" data-raw>
                        {e.note}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ol>
            </>
          );
        }}
      </LoadState>
    </aside>
  );
}
