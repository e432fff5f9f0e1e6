import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { EmptyState, Skeleton, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { Badge, Button, DateTime, ErrorMessage, LoadState, SelectField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSubscribable } from './EndpointForm.tsx';
import { eventLabel, transportErrorLabel } from './labels.ts';
import { useWebhooksScope } from './scope.tsx';
import { DELIVERY_STATES, type Delivery, type DeliveryState, type Endpoint, isOpen } from './webhooks-api.ts';

const PAGE = 20;
const POLL_MS = 2000;

const TONE: Record<DeliveryState, string> = {
  succeeded: 'ok',
  retrying: 'warn',
  failed: 'bad',
  pending: 'neutral',
  delivering: 'neutral',
};

export function DeliveryStateBadge({ state }: { state: DeliveryState }) {
  const { t, tEnum } = useI18n();
  return (
    <Badge tone={TONE[state] ?? 'neutral'}>
      {tEnum('integrations.deliveryState.', state, t('integrations.deliveryState.pending'))}
    </Badge>
  );
}

/**
 * 投递记录: the endpoint's deliveries, newest first, filtered by state and event type, 加载更多 by
 * the `before` cursor. While a shown delivery is still open its first page is read again every 2 s.
 */
export function DeliveryLog({
  endpoint,
  tick,
  onReplayed,
}: {
  endpoint: Endpoint;
  /** Changes when a delivery was added from the page (a test event, a replay). */
  tick: number;
  onReplayed(): void;
}) {
  const { t } = useI18n();
  const { api } = useWebhooksScope();
  const catalog = useSubscribable();
  const [state, setState] = useState<DeliveryState | ''>('');
  const [eventType, setEventType] = useState('');
  const [items, setItems] = useState<Delivery[]>();
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<ApiError>();
  const [open, setOpen] = useState<number>();
  const generation = useRef(0);
  const query = useCallback(
    (before?: number) =>
      api.deliveries(endpoint.id, {
        state: state || undefined,
        eventType: eventType || undefined,
        before,
        limit: PAGE,
      }),
    [api, endpoint.id, state, eventType],
  );

  // the first page, again whenever the filters change or a delivery was added
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` asks for a fresh first page
  useEffect(() => {
    const mine = ++generation.current;
    query().then(
      (page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setNextBefore(page.nextBefore);
        setError(undefined);
      },
      (err: ApiError) => mine === generation.current && setError(err),
    );
  }, [query, tick]);

  // poll the first page while a delivery on it is still open; later pages keep what they were
  const hasOpen = items?.some((d) => isOpen(d.state)) ?? false;
  useEffect(() => {
    if (!hasOpen) return;
    const timer = setInterval(() => {
      const mine = generation.current;
      query().then(
        (page) => {
          if (mine !== generation.current) return;
          setItems((list) => {
            const fresh = new Map(page.items.map((d) => [d.id, d]));
            const known = new Set(list?.map((d) => d.id));
            const added = page.items.filter((d) => !known.has(d.id));
            return [...added, ...(list ?? []).map((d) => fresh.get(d.id) ?? d)];
          });
        },
        () => {},
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [hasOpen, query]);

  const more = useAction(async () => {
    if (nextBefore === null) return;
    const mine = generation.current;
    const page = await query(nextBefore);
    if (mine !== generation.current) return;
    setItems((list) => [...(list ?? []), ...page.items]);
    setNextBefore(page.nextBefore);
  });

  const filtered = state !== '' || eventType !== '';
  return (
    <section className="stack" aria-labelledby={`xi-log-${endpoint.id}`}>
      <div className="m-page-head">
        <h3 id={`xi-log-${endpoint.id}`}>{t('integrations.log.title')}</h3>
        <Button kind="secondary" onClick={() => setItemsAndReload()}>
          {t('integrations.log.refresh')}
        </Button>
      </div>
      <div className="m-filters">
        <SelectField
          label={t('integrations.log.state')}
          name="state"
          value={state}
          onChange={(e) => setState(e.target.value as DeliveryState | '')}
        >
          <option value="">{t('integrations.log.all')}</option>
          {DELIVERY_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`integrations.deliveryState.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('integrations.log.eventType')}
          name="eventType"
          value={eventType}
          onChange={(e) => setEventType(e.target.value)}
        >
          <option value="">{t('integrations.log.all')}</option>
          {['webhook.test', ...(catalog.data ?? endpoint.eventTypes)].map((type) => (
            <option key={type} value={type}>
              {eventLabel(t, type)}
            </option>
          ))}
        </SelectField>
      </div>
      {open !== undefined ? (
        <DeliveryDetailView
          key={open}
          endpoint={endpoint}
          deliveryId={open}
          onClose={() => setOpen(undefined)}
          onReplayed={onReplayed}
        />
      ) : null}
      {error && !items ? <ErrorMessage error={error} /> : null}
      {!items ? (
        error ? null : (
          <Skeleton rows={3} />
        )
      ) : items.length === 0 ? (
        filtered ? (
          <p className="empty">{t('integrations.log.emptyFiltered')}</p>
        ) : (
          <EmptyState title={t('integrations.log.empty')} hint={t('integrations.log.emptyHint')} />
        )
      ) : (
        <DeliveryTable items={items} open={open} onOpen={setOpen} />
      )}
      {items && nextBefore !== null ? (
        <div className="row m-pager">
          <Button kind="secondary" busy={more.busy} onClick={() => void more.run()}>
            {t('integrations.log.more')}
          </Button>
        </div>
      ) : null}
      <ErrorMessage error={more.error} />
    </section>
  );

  function setItemsAndReload() {
    setItems(undefined);
    const mine = ++generation.current;
    query().then(
      (page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setNextBefore(page.nextBefore);
        setError(undefined);
      },
      (err: ApiError) => mine === generation.current && setError(err),
    );
  }
}

function DeliveryTable({
  items,
  open,
  onOpen,
}: {
  items: Delivery[];
  open: number | undefined;
  onOpen(id: number): void;
}) {
  const { t, dateTime } = useI18n();
  return (
    <table className="xi-log xi-table">
      <caption className="visually-hidden">{t('integrations.log.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('integrations.log.col.time')}</th>
          <th scope="col">{t('integrations.log.col.event')}</th>
          <th scope="col">{t('integrations.log.col.state')}</th>
          <th scope="col">{t('integrations.log.col.attempts')}</th>
          <th scope="col">{t('integrations.log.col.status')}</th>
          <th scope="col">{t('integrations.log.col.latency')}</th>
          <th scope="col">{t('integrations.log.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id} className={d.id === open ? 'xi-row-open' : undefined}>
            <td>
              <DateTime value={d.createdAt} />
            </td>
            <td>
              {eventLabel(t, d.eventType)}
              {d.replayOf !== null ? (
                <>
                  {' '}
                  <Badge tone="brand">{t('integrations.log.replayOf')}</Badge>
                </>
              ) : null}
            </td>
            <td>
              <DeliveryStateBadge state={d.state} />
              {d.state === 'retrying' && d.nextAttemptAt ? (
                <>
                  <br />
                  <small className="hint">
                    {t('integrations.log.nextAttempt', { time: dateTime(d.nextAttemptAt) })}
                  </small>
                </>
              ) : null}
            </td>
            <td>{d.attempts}</td>
            <td>{d.lastStatusCode ?? (d.attempts > 0 ? t('integrations.log.noStatus') : '—')}</td>
            <td>{d.lastLatencyMs === null ? '—' : t('integrations.log.latency', { ms: d.lastLatencyMs })}</td>
            <td>
              <Button
                kind="link"
                aria-expanded={d.id === open}
                aria-label={t('integrations.log.detailsNamed', {
                  event: eventLabel(t, d.eventType),
                  time: dateTime(d.createdAt),
                })}
                onClick={() => onOpen(d.id)}
              >
                {t('integrations.log.details')}
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One delivery: its facts, the payload as sent, every attempt, and 重新发送. */
function DeliveryDetailView({
  endpoint,
  deliveryId,
  onClose,
  onReplayed,
}: {
  endpoint: Endpoint;
  deliveryId: number;
  onClose(): void;
  onReplayed(): void;
}) {
  const { t } = useI18n();
  const { api, canWrite } = useWebhooksScope();
  const confirm = useConfirm();
  const toast = useToast();
  const detail = useLoad(() => api.delivery(endpoint.id, deliveryId), [api, endpoint.id, deliveryId]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // an open delivery's attempts are still coming
  const stillOpen = detail.data ? isOpen(detail.data.state) : false;
  useEffect(() => {
    if (!stillOpen) return;
    const timer = setInterval(detail.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [stillOpen, detail.reload]);
  const replay = useAction(async () => {
    const ok = await confirm({
      title: t('integrations.delivery.replayTitle'),
      body: t('integrations.delivery.replayBody', { url: endpoint.url }),
      confirmLabel: t('integrations.delivery.replay'),
    });
    if (!ok) return;
    await api.replay(endpoint.id, deliveryId);
    toast.success(t('integrations.delivery.replayed'));
    onReplayed();
  });
  return (
    <section className="card stack xi-detail" aria-labelledby={`xi-delivery-${deliveryId}`}>
      <div className="m-page-head">
        <h3 id={`xi-delivery-${deliveryId}`} ref={heading} tabIndex={-1}>
          {t('integrations.delivery.title')}
        </h3>
        <div className="row">
          {canWrite ? (
            <Button busy={replay.busy} onClick={() => void replay.run()}>
              {t('integrations.delivery.replay')}
            </Button>
          ) : null}
          <Button kind="secondary" onClick={onClose}>
            {t('integrations.delivery.close')}
          </Button>
        </div>
      </div>
      <ErrorMessage error={replay.error} />
      <LoadState loaded={detail}>
        {(d) => (
          <>
            <dl className="m-facts">
              <dt>{t('integrations.delivery.event')}</dt>
              <dd>{eventLabel(t, d.eventType)}</dd>
              <dt>{t('integrations.delivery.eventId')}</dt>
              <dd>
                <code>{d.eventId}</code>
              </dd>
              <dt>{t('integrations.delivery.state')}</dt>
              <dd>
                <DeliveryStateBadge state={d.state} />
              </dd>
              <dt>{t('integrations.delivery.createdAt')}</dt>
              <dd>
                <DateTime value={d.createdAt} />
              </dd>
              {d.deliveredAt ? (
                <>
                  <dt>{t('integrations.delivery.deliveredAt')}</dt>
                  <dd>
                    <DateTime value={d.deliveredAt} />
                  </dd>
                </>
              ) : null}
            </dl>
            <h4>{t('integrations.delivery.attempts')}</h4>
            {d.attemptList.length === 0 ? (
              <p className="hint">{t('integrations.delivery.noAttempts')}</p>
            ) : (
              <table>
                <caption className="visually-hidden">{t('integrations.delivery.attempts')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('integrations.delivery.col.attempt')}</th>
                    <th scope="col">{t('integrations.delivery.col.time')}</th>
                    <th scope="col">{t('integrations.delivery.col.status')}</th>
                    <th scope="col">{t('integrations.delivery.col.latency')}</th>
                    <th scope="col">{t('integrations.delivery.col.response')}</th>
                    <th scope="col">{t('integrations.delivery.col.error')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.attemptList.map((a) => (
                    <tr key={a.attempt}>
                      <td>{t('integrations.delivery.attemptN', { n: a.attempt })}</td>
                      <td>
                        <DateTime value={a.startedAt} />
                      </td>
                      <td>{a.statusCode ?? t('integrations.log.noStatus')}</td>
                      <td>{t('integrations.log.latency', { ms: a.latencyMs })}</td>
                      <td>
                        {a.responseExcerpt ? (
                          <pre className="xi-excerpt">
                            <code>{a.responseExcerpt}</code>
                          </pre>
                        ) : (
                          t('integrations.delivery.noResponse')
                        )}
                      </td>
                      <td>
                        {a.error ? (
                          <>
                            {transportErrorLabel(t, a.error)}
                            <br />
                            <code className="hint">{a.error}</code>
                          </>
                        ) : (
                          t('integrations.delivery.noResponse')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h4>{t('integrations.delivery.payload')}</h4>
            {d.payload === null || d.payload === undefined ? (
              <p className="hint">{t('integrations.delivery.payloadGone')}</p>
            ) : (
              <pre className="xi-payload">
                <code>{JSON.stringify(d.payload, null, 2)}</code>
              </pre>
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}
