import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { DateTimeField, useZonedTime } from '../../shared/date-time-field.tsx';
import { useConfirm, useToast } from '../../shared/feedback.tsx';
import { useAction } from '../../shared/hooks.ts';
import { useApi } from '../../shared/session.tsx';
import { Button, ErrorMessage, Form, TextField } from '../../shared/ui.tsx';
import type { CreatorSession } from './types.ts';

/** A creator schedules a session in their own room (the title is screened by the platform). */
export function CreatorScheduleForm({ onScheduled }: { onScheduled(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const zoned = useZonedTime();
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState('');
  const schedule = useAction(async () => {
    const created = await unwrap(
      api.POST('/api/v1/live/sessions', {
        body: { title: title.trim(), scheduledAt: zoned.toIso(when) },
      }),
    );
    setTitle('');
    setWhen('');
    toast.success(t('merchant.live.toast.scheduled'));
    onScheduled();
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
      <Button type="submit" busy={schedule.busy}>
        {t('merchant.live.schedule')}
      </Button>
      <ErrorMessage error={schedule.error} />
    </Form>
  );
}

/** Go live with a scheduled session; end a live one after confirming (it cannot be resumed). */
export function SessionActions({ session: s, onChange }: { session: CreatorSession; onChange(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const start = useAction(async () => {
    const next = await unwrap(
      api.POST('/api/v1/live/sessions/{id}/start', { params: { path: { id: s.id } }, body: {} }),
    );
    toast.success(t('merchant.live.toast.started'));
    onChange();
    return next;
  });
  const end = useAction(async () => {
    const ok = await confirm({
      title: t('merchant.live.confirm.endTitle'),
      body: t('merchant.live.confirm.endBody'),
      confirmLabel: t('merchant.live.confirm.endOk'),
      danger: true,
    });
    if (!ok) return undefined;
    const next = await unwrap(
      api.POST('/api/v1/live/sessions/{id}/end', { params: { path: { id: s.id } }, body: {} }),
    );
    toast.success(t('merchant.live.toast.ended'));
    onChange();
    return next;
  });
  if (s.state !== 'scheduled' && s.state !== 'live') return null;
  return (
    <div className="row">
      {s.state === 'scheduled' ? (
        <Button busy={start.busy} onClick={() => void start.run()}>
          {t('merchant.live.goLive')}
        </Button>
      ) : (
        <Button kind="danger" busy={end.busy} onClick={() => void end.run()}>
          {t('merchant.live.end')}
        </Button>
      )}
      <ErrorMessage error={start.error ?? end.error} />
    </div>
  );
}
