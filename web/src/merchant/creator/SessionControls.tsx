import { unwrap } from '../../api/client.ts';
import { useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { CreatorSession } from './types.ts';

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
