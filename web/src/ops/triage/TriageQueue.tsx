import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { EmptyState, SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad, useNow } from '../../common/hooks.ts';
import { useSession } from '../../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, SelectField, TextArea } from '../../common/ui.tsx';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { type TriageKey, triageKey } from './keys.ts';
import { isQueue, KeyboardHelp, presetReasons, type Queue, useDuration } from './parts.tsx';
import { Subject } from './Subject.tsx';

type QueuePage =
  paths['/api/v1/ops/queues/{queue}/items']['get']['responses']['200']['content']['application/json'];
type Item = QueuePage['items'][number];
type Results =
  paths['/api/v1/ops/queues/{queue}/decisions']['post']['responses']['200']['content']['application/json']['results'];

const keyOf = (s: { type: string; id: number }) => `${s.type}:${s.id}`;

/** The route's queue, or a not-found note. */
export function TriagePage() {
  const { t } = useI18n();
  const queue = useParams().queue;
  if (!isQueue(queue)) return <p className="empty">{t('error.not_found')}</p>;
  return <TriageQueue key={queue} queue={queue} />;
}

/**
 * One queue, worked at speed: items overdue first with their wait and time limit, the selected one
 * shown inline with its decision panel, j/k/a/r/? on the keyboard, claims, and bulk decisions.
 */
function TriageQueue({ queue }: { queue: Queue }) {
  const { t, tEnum } = useI18n();
  const { api, account } = useSession();
  const toast = useToast();
  const now = useNow(30_000);
  const duration = useDuration();
  const loaded = useLoad(
    () => unwrap(api.GET('/api/v1/ops/queues/{queue}/items', { params: { path: { queue } } })),
    [api, queue],
  );
  const items = loaded.data?.items ?? [];
  const [selected, setSelected] = useState<string>();
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [help, setHelp] = useState(false);
  const [preset, setPreset] = useState<MessageKey>(presetReasons(queue)[0]!);
  const [note, setNote] = useState('');
  const [results, setResults] = useState<{ results: Results; titles: Map<string, string> }>();
  const [bulkReason, setBulkReason] = useState('');
  const listRef = useRef<HTMLTableSectionElement>(null);

  // The first item opens by itself; a decided item's place goes to the one after it.
  const index = items.findIndex((i) => keyOf(i.subject) === selected);
  const current = index >= 0 ? items[index] : undefined;
  useEffect(() => {
    if (!selected && items.length) setSelected(keyOf(items[0]!.subject));
  }, [items, selected]);

  const label = useCallback(
    (i: Item) =>
      i.title ?? `${tEnum('ops.checkpoint.', i.checkpoint, tEnum('ops.subject.', i.subject.type))}`,
    [tEnum],
  );
  const rejectReason = note.trim() || (preset.endsWith('.ok') ? '' : t(preset));

  const move = useCallback(
    (step: number) => {
      if (!items.length) return;
      const at = index < 0 ? 0 : Math.min(items.length - 1, Math.max(0, index + step));
      const next = items[at]!;
      setSelected(keyOf(next.subject));
      listRef.current?.querySelector<HTMLElement>(`[data-key="${keyOf(next.subject)}"]`)?.scrollIntoView({
        block: 'nearest',
      });
    },
    [items, index],
  );

  const decide = useAction(async (decision: 'approve' | 'reject', item: Item) => {
    const why =
      decision === 'approve' ? note.trim() || (preset.endsWith('.ok') ? t(preset) : '') : rejectReason;
    const answer = await unwrap(
      api.POST('/api/v1/ops/queues/{queue}/decisions', {
        params: { path: { queue } },
        body: { subjects: [item.subject], decision, reason: why || undefined },
      }),
    );
    const result = answer.results[0]!;
    if (!result.ok && result.error)
      throw new ApiError(409, result.error.code, result.error.message, result.error.details);
    toast.success(
      t(decision === 'approve' ? 'ops.triage.approved' : 'ops.triage.rejected', { title: label(item) }),
    );
    // Approve and next: the next item opens.
    const next = items[index + 1] ?? items[index - 1];
    setSelected(next && keyOf(next.subject) !== keyOf(item.subject) ? keyOf(next.subject) : undefined);
    setNote('');
    loaded.reload();
  });

  const claim = useAction(async (item: Item, takeOver: boolean) => {
    await unwrap(
      api.POST('/api/v1/ops/queues/{queue}/claims', {
        params: { path: { queue } },
        body: { subject: item.subject, takeOver },
      }),
    );
    loaded.reload();
  });
  const release = useAction(async (item: Item) => {
    await unwrap(
      api.POST('/api/v1/ops/queues/{queue}/claims/release', {
        params: { path: { queue } },
        body: { subject: item.subject },
      }),
    );
    loaded.reload();
  });

  const heldByOther = !!current?.claim && current.claim.holderId !== account?.id;
  // IP complaints and buyer reports are decided on their own pages (/ops/ip, /ops/reports)
  const mayDecide =
    queue !== 'ip_complaints' && queue !== 'reports' && !!current && !heldByOther && !decide.busy;

  const onKey = useCallback(
    (action: TriageKey) => {
      if (action === 'help') return setHelp((h) => !h);
      if (action === 'close') return setHelp(false);
      if (help) return;
      if (action === 'next') return move(1);
      if (action === 'previous') return move(-1);
      if (!current || !mayDecide) return;
      if (action === 'approve') void decide.run('approve', current);
      if (action === 'reject') {
        if (!rejectReason) toast.error(t('ops.triage.needReason'));
        else void decide.run('reject', current);
      }
    },
    [help, move, current, mayDecide, decide, rejectReason, toast, t],
  );
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      const action = triageKey({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        target: e.target as HTMLElement | null,
      });
      if (!action) return;
      // Escape belongs to an open dialog of the page (the confirmation) when there is one.
      if (action === 'close' && !help) return;
      e.preventDefault();
      onKey(action);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [onKey, help]);

  const bulk = useAction(async (decision: 'approve' | 'reject') => {
    const chosen = items.filter((i) => checked.has(keyOf(i.subject)));
    const answer = await unwrap(
      api.POST('/api/v1/ops/queues/{queue}/decisions', {
        params: { path: { queue } },
        body: { subjects: chosen.map((i) => i.subject), decision, reason: bulkReason },
      }),
    );
    const ok = answer.results.filter((r) => r.ok).length;
    setResults({ results: answer.results, titles: new Map(chosen.map((i) => [keyOf(i.subject), label(i)])) });
    toast.success(t('ops.triage.bulkDone', { ok, failed: answer.results.length - ok }));
    setChecked(new Set());
    setBulkReason('');
    loaded.reload();
  });

  const allChecked = items.length > 0 && items.every((i) => checked.has(keyOf(i.subject)));
  const toggle = (key: string) =>
    setChecked((set) => {
      const next = new Set(set);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const presets = useMemo(() => presetReasons(queue), [queue]);

  return (
    <section className="stack">
      <PageHead title={`${t('ops.nav.queues')} · ${t(`ops.queue.${queue}` as MessageKey)}`}>
        <Button kind="secondary" onClick={loaded.reload}>
          {t('ops.triage.refresh')}
        </Button>
      </PageHead>
      <p className="hint">
        {queue === 'ip_complaints' ? (
          t('ops.triage.ipHint')
        ) : queue === 'reports' ? (
          <Link to="/ops/reports">{t('ops.reports.hint')}</Link>
        ) : (
          t('ops.triage.keysHint')
        )}
      </p>
      {checked.size > 0 ? (
        <fieldset className="card stack o-bulk">
          <legend>{t('ops.triage.bulk', { n: checked.size })}</legend>
          <TextArea
            label={t('ops.triage.bulkReason')}
            name="reason"
            value={bulkReason}
            maxLength={500}
            required
            onChange={(e) => setBulkReason(e.target.value)}
            error={bulk.error}
          />
          <div className="o-actions">
            <Button busy={bulk.busy} disabled={!bulkReason.trim()} onClick={() => void bulk.run('approve')}>
              {t('ops.triage.bulkApprove')}
            </Button>
            <Button
              kind="danger"
              busy={bulk.busy}
              disabled={!bulkReason.trim()}
              onClick={() => void bulk.run('reject')}
            >
              {t('ops.triage.bulkReject')}
            </Button>
          </div>
          <ErrorMessage error={bulk.error} />
        </fieldset>
      ) : null}
      {results ? (
        <div className="card stack">
          <h3>{t('ops.triage.bulkResults')}</h3>
          <ul aria-label={t('ops.triage.bulkResults')}>
            {results.results.map((r) => (
              <li key={keyOf(r.subject)}>
                <span data-raw>{results.titles.get(keyOf(r.subject))}</span> ·{' '}
                {r.ok ? (
                  <Badge tone="ok">{t('ops.triage.resultOk')}</Badge>
                ) : (
                  <>
                    <Badge tone="bad">{t('ops.triage.resultFailed')}</Badge>{' '}
                    {r.error ? (
                      <ErrorMessage
                        error={new ApiError(409, r.error.code, r.error.message, r.error.details)}
                      />
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="o-split">
        <SkeletonLoadState loaded={loaded}>
          {() =>
            items.length ? (
              <table aria-label={t('ops.triage.items')} className="o-triage-list">
                <thead>
                  <tr>
                    <th>
                      <input
                        type="checkbox"
                        aria-label={t('ops.triage.select')}
                        checked={allChecked}
                        onChange={() =>
                          setChecked(allChecked ? new Set() : new Set(items.map((i) => keyOf(i.subject))))
                        }
                      />
                    </th>
                    <th>{t('ops.triage.item')}</th>
                    <th>{t('ops.triage.waited')}</th>
                    <th>{t('ops.triage.due')}</th>
                    <th>{t('ops.triage.holder')}</th>
                  </tr>
                </thead>
                <tbody ref={listRef}>
                  {items.map((i) => {
                    const key = keyOf(i.subject);
                    const isCurrent = key === selected;
                    return (
                      <tr
                        key={key}
                        data-key={key}
                        className={isCurrent ? 'o-selected' : undefined}
                        aria-selected={isCurrent}
                      >
                        <td>
                          <input
                            type="checkbox"
                            aria-label={t('ops.triage.selectItem', { title: label(i) })}
                            checked={checked.has(key)}
                            onChange={() => toggle(key)}
                          />
                        </td>
                        <td data-raw>
                          <Link
                            to={`?item=${key}`}
                            aria-current={isCurrent ? 'true' : undefined}
                            onClick={(e) => {
                              e.preventDefault();
                              setSelected(key);
                            }}
                          >
                            {label(i)}
                          </Link>
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
                        <td>
                          {i.claim
                            ? i.claim.holderId === account?.id
                              ? t('ops.triage.me')
                              : i.claim.holderName
                            : t('ops.triage.nobody')}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ) : (
              <EmptyState title={t('ops.triage.empty')} hint={t('ops.triage.emptyHint')} />
            )
          }
        </SkeletonLoadState>
        {current ? (
          <aside className="card stack o-triage-detail" aria-label={t('ops.triage.detail')}>
            <div className="o-claim">
              {current.claim ? (
                heldByOther ? (
                  <p className="notice" role="status">
                    {t('ops.triage.heldBy', { name: current.claim.holderName })}{' '}
                    <Button kind="secondary" busy={claim.busy} onClick={() => void claim.run(current, true)}>
                      {t('ops.triage.takeOver')}
                    </Button>
                  </p>
                ) : (
                  <p>
                    <Badge tone="ok">{t('ops.triage.heldByMe')}</Badge>{' '}
                    <Button kind="link" busy={release.busy} onClick={() => void release.run(current)}>
                      {t('ops.triage.release')}
                    </Button>
                  </p>
                )
              ) : (
                <Button kind="secondary" busy={claim.busy} onClick={() => void claim.run(current, false)}>
                  {t('ops.triage.claim')}
                </Button>
              )}
              <ErrorMessage error={claim.error ?? release.error} />
            </div>
            <Subject subject={current.subject} caseId={current.caseId} />
            {queue !== 'ip_complaints' && queue !== 'reports' ? (
              <div className="stack o-decide">
                <SelectField
                  label={t('ops.triage.presetReason')}
                  name="preset"
                  value={preset}
                  onChange={(e) => setPreset(e.target.value as MessageKey)}
                >
                  {presets.map((key) => (
                    <option key={key} value={key}>
                      {t(key)}
                    </option>
                  ))}
                </SelectField>
                <TextArea
                  label={t('ops.triage.reason')}
                  name="reason"
                  value={note}
                  maxLength={500}
                  placeholder={t(preset)}
                  onChange={(e) => setNote(e.target.value)}
                  hint={t('ops.triage.reasonHint')}
                  error={decide.error}
                />
                <div className="o-actions">
                  <Button
                    busy={decide.busy}
                    disabled={!mayDecide}
                    onClick={() => void decide.run('approve', current)}
                  >
                    {t('ops.triage.approveNext')} <kbd>a</kbd>
                  </Button>
                  <Button
                    kind="danger"
                    busy={decide.busy}
                    disabled={!mayDecide || !rejectReason}
                    onClick={() => void decide.run('reject', current)}
                  >
                    {t('ops.triage.reject')} <kbd>r</kbd>
                  </Button>
                </div>
                <ErrorMessage error={decide.error} />
              </div>
            ) : null}
          </aside>
        ) : null}
      </div>
      {help ? <KeyboardHelp onClose={() => setHelp(false)} /> : null}
    </section>
  );
}
