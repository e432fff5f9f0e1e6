import { useState } from 'react';
import { type ApiError, unwrap } from '../api/client.ts';
import { DateTimeField, useZonedTime } from '../common/date-time-field.tsx';
import { EmptyState, SkeletonLoadState, useConfirm, useToast } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, Form, TextField, useWording } from '../common/ui.tsx';
import { systemReason } from '../i18n/error-text.ts';
import { useI18n } from '../i18n/index.tsx';
import { LiveConsole } from './live/LiveConsole.tsx';
import { Pins } from './live/Pins.tsx';
import { PageHead } from './parts.tsx';
import { useShop } from './shop.tsx';
import type { LiveReminder, LiveSession } from './types.ts';

const SESSION_TONE: Record<LiveSession['state'], string> = {
  scheduled: 'neutral',
  live: 'brand',
  ended: 'neutral',
  terminated: 'bad',
};

/** /merchant/live: the shop's sessions — schedule, go live (after any pre-live reminder), pin products, end. */
export function LivePage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const reminders = useLoad(() => unwrap(api.GET('/api/v1/live/reminders')), [api]);
  const sessions = useLoad(
    () => unwrap(api.GET('/api/v1/me/live/sessions', { params: { query: { limit: 100 } } })),
    [api],
  );
  const pending = reminders.data?.items ?? [];
  return (
    <section>
      <PageHead title={t('merchant.live.title')} />
      {pending.length > 0 ? <Reminders items={pending} onDone={reminders.reload} /> : null}
      <ScheduleForm shopId={shop.id} onScheduled={sessions.reload} />
      <SkeletonLoadState loaded={sessions} rows={4}>
        {(page) => {
          const mine = page.items.filter((s) => s.shop?.id === shop.id);
          return mine.length === 0 ? (
            <EmptyState title={t('merchant.live.empty')} hint={t('merchant.live.emptyHint')} />
          ) : (
            <div className="stack">
              {mine.map((s) => (
                <SessionCard
                  key={s.id}
                  session={s}
                  remindersPending={pending.length > 0}
                  onChange={sessions.reload}
                />
              ))}
            </div>
          );
        }}
      </SkeletonLoadState>
    </section>
  );
}

/** product rules §8: after a minor live violation the host reads a reminder before the next session starts. */
function Reminders({ items, onDone }: { items: LiveReminder[]; onDone(): void }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const toast = useToast();
  const ack = useAction(async (id: number) => {
    const done = await unwrap(
      api.POST('/api/v1/live/reminders/{id}/acknowledge', { params: { path: { id } } }),
    );
    onDone();
    toast.success(t('merchant.live.toast.acknowledged'));
    return done;
  });
  return (
    <div className="m-explain m-explain-bad stack" role="alert" aria-labelledby="reminders-title">
      <h3 id="reminders-title">{t('merchant.live.remindersTitle')}</h3>
      <p>{t('merchant.live.remindersIntro')}</p>
      {items.map((r) => (
        <div key={r.id} className="card stack">
          <p>{lang === 'zh' ? r.messageZh : r.messageEn}</p>
          <small className="hint">
            <DateTime value={r.createdAt} />
          </small>
          <div>
            <Button onClick={() => void ack.run(r.id)} busy={ack.busy}>
              {t('merchant.live.acknowledge')}
            </Button>
          </div>
        </div>
      ))}
      <ErrorMessage error={ack.error} />
    </div>
  );
}

/**
 * Schedules a live session: a shop's (with its stream address) when `shopId` is given, else the
 * signed-in creator's own room. The title is screened by the platform.
 */
export function ScheduleForm({ shopId, onScheduled }: { shopId?: number; onScheduled(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState('');
  const [streamUrl, setStreamUrl] = useState('');
  const zoned = useZonedTime();
  const toast = useToast();
  const schedule = useAction(async () => {
    const created = await unwrap(
      api.POST('/api/v1/live/sessions', {
        body: {
          title: title.trim(),
          // typed in the platform's time zone, whatever the browser's is
          scheduledAt: zoned.toIso(when),
          ...(shopId === undefined ? {} : { shopId }),
          ...(shopId !== undefined && streamUrl.trim() ? { streamUrl: streamUrl.trim() } : {}),
        },
      }),
    );
    setTitle('');
    setWhen('');
    setStreamUrl('');
    onScheduled();
    toast.success(t('merchant.live.toast.scheduled'));
    return created;
  });
  return (
    <Form className="card m-inline-form" label={t('merchant.live.schedule')} onSubmit={() => schedule.run()}>
      <TextField
        label={t('merchant.live.sessionTitle')}
        name="title"
        value={title}
        maxLength={60}
        required
        onChange={(e) => setTitle(e.target.value)}
        error={schedule.error}
      />
      <DateTimeField
        label={t('merchant.live.scheduledAt')}
        name="scheduledAt"
        value={when}
        required
        onChange={setWhen}
        error={schedule.error}
      />
      {shopId === undefined ? null : (
        <StreamUrlField value={streamUrl} onChange={setStreamUrl} error={schedule.error} />
      )}
      <Button type="submit" busy={schedule.busy}>
        {t('merchant.live.schedule')}
      </Button>
      <ErrorMessage error={schedule.error} />
    </Form>
  );
}

function SessionCard({
  session: s,
  remindersPending,
  onChange,
}: {
  session: LiveSession;
  remindersPending: boolean;
  onChange(): void;
}) {
  const { t, tEnum } = useI18n();
  const w = useWording();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const [open, setOpen] = useState(s.state === 'live');
  const start = useAction(async () => {
    const next = await unwrap(
      api.POST('/api/v1/live/sessions/{id}/start', { params: { path: { id: s.id } }, body: {} }),
    );
    setOpen(true); // on air, the pinned products are what the host works with
    onChange();
    toast.success(t('merchant.live.toast.started'));
    return next;
  });
  const end = useAction(async () => {
    const ok = await confirm({
      title: t('merchant.live.confirm.endTitle'),
      body: t('merchant.live.confirm.endBody'),
      confirmLabel: t('merchant.live.confirm.endOk'),
      danger: true,
    });
    if (!ok) return;
    const next = await unwrap(
      api.POST('/api/v1/live/sessions/{id}/end', { params: { path: { id: s.id } }, body: {} }),
    );
    onChange();
    toast.success(t('merchant.live.toast.ended'));
    return next;
  });
  const active = s.state === 'scheduled' || s.state === 'live';
  return (
    <article className="card stack" aria-label={s.title}>
      <div className="m-page-head">
        <div>
          <strong>{s.title}</strong>{' '}
          <Badge tone={SESSION_TONE[s.state]}>{tEnum('merchant.liveState.', s.state)}</Badge>
          <div className="hint">
            {t('merchant.live.at')} <DateTime value={s.startedAt ?? s.scheduledAt} /> ·{' '}
            {t('merchant.live.pinned', { n: s.pinnedCount })}
            {s.endReason ? ` · ${systemReason(w, s.endReason)}` : ''}
          </div>
        </div>
        <div className="row">
          {s.state === 'scheduled' ? (
            <Button
              onClick={() => void start.run()}
              busy={start.busy}
              disabled={remindersPending}
              title={remindersPending ? t('merchant.live.readRemindersFirst') : undefined}
            >
              {t('merchant.live.goLive')}
            </Button>
          ) : null}
          {s.state === 'live' ? (
            <>
              <a className="btn btn-secondary" href={`/live/${s.id}`} target="_blank" rel="noreferrer">
                {t('merchant.live.openRoom')}
              </a>
              <Button kind="danger" onClick={() => void end.run()} busy={end.busy}>
                {t('merchant.live.end')}
              </Button>
            </>
          ) : null}
          {active ? (
            <Button kind="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? t('merchant.live.hidePins') : t('merchant.live.managePins')}
            </Button>
          ) : null}
        </div>
      </div>
      {remindersPending && s.state === 'scheduled' ? (
        <p className="hint">{t('merchant.live.readRemindersFirst')}</p>
      ) : null}
      <ErrorMessage error={start.error ?? end.error} />
      {open && active ? <StreamForm session={s} onChange={onChange} /> : null}
      {open && s.state === 'live' ? <LiveConsole session={s} onChange={onChange} /> : null}
      {open && s.state === 'scheduled' ? <Pins sessionId={s.id} onChange={onChange} /> : null}
    </article>
  );
}

function StreamUrlField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange(value: string): void;
  error: ApiError | undefined;
}) {
  const { t } = useI18n();
  return (
    <TextField
      label={t('merchant.live.streamUrl')}
      name="streamUrl"
      type="url"
      value={value}
      hint={t('merchant.live.streamUrlHint')}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}

/** The room's HLS address: set, changed or removed (empty) while the session is scheduled or live. */
function StreamForm({ session, onChange }: { session: LiveSession; onChange(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [streamUrl, setStreamUrl] = useState(session.streamUrl ?? '');
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    await unwrap(
      api.PATCH('/api/v1/live/sessions/{id}', {
        params: { path: { id: session.id } },
        body: { streamUrl: streamUrl.trim() || null },
      }),
    );
    setSaved(true);
    onChange();
  });
  return (
    <Form className="m-inline-form" label={t('merchant.live.saveStream')} onSubmit={() => save.run()}>
      <StreamUrlField
        value={streamUrl}
        onChange={(value) => {
          setStreamUrl(value);
          setSaved(false);
        }}
        error={save.error}
      />
      <Button type="submit" kind="secondary" busy={save.busy}>
        {t('merchant.live.saveStream')}
      </Button>
      {saved ? <p role="status">{t('merchant.live.streamSaved')}</p> : null}
      <ErrorMessage error={save.error} />
    </Form>
  );
}
