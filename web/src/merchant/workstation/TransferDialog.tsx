import { useId, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, LoadState } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** 转接: an online colleague who serves customers, and a note they will see. */
export function TransferDialog({
  shopId,
  sessionId,
  currentAgentId,
  onDone,
  onCancel,
}: {
  shopId: number;
  sessionId: number;
  currentAgentId: number | null;
  onDone(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const id = useId();
  const [to, setTo] = useState<number>();
  const [note, setNote] = useState('');
  const agents = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/chat/agents', { params: { path: { id: shopId } } })),
    [api, shopId],
  );
  const transfer = useAction(async () => {
    if (to === undefined) return;
    await unwrap(
      api.POST('/api/v1/chat/sessions/{id}/transfer', {
        params: { path: { id: sessionId } },
        body: { toAgentId: to, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    );
    const name = agents.data?.items.find((a) => a.userId === to)?.displayName ?? '';
    toast.success(t('ws.transfer.done', { name }));
    onDone();
  });
  return (
    <div className="ws-sheet stack" role="dialog" aria-label={t('ws.transfer.title')}>
      <h3>{t('ws.transfer.title')}</h3>
      <LoadState loaded={agents}>
        {({ items }) => {
          const online = items.filter(
            (a) => a.isAgent && a.status === 'online' && a.userId !== currentAgentId,
          );
          return online.length === 0 ? (
            <p className="hint">{t('ws.transfer.none')}</p>
          ) : (
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void transfer.run();
              }}
            >
              <fieldset className="stack">
                <legend>{t('ws.transfer.colleague')}</legend>
                {online.map((a) => (
                  <label key={a.userId} className="row">
                    <input
                      type="radio"
                      name={`${id}-to`}
                      value={a.userId}
                      checked={to === a.userId}
                      onChange={() => setTo(a.userId)}
                    />
                    <span data-user-text>
                      {t('ws.transfer.option', {
                        name: a.displayName,
                        open: a.openSessions,
                        max: a.maxSessions,
                      })}
                    </span>
                  </label>
                ))}
              </fieldset>
              <label htmlFor={`${id}-note`}>{t('ws.transfer.note')}</label>
              <textarea
                id={`${id}-note`}
                rows={2}
                maxLength={200}
                value={note}
                placeholder={t('ws.transfer.notePlaceholder')}
                onChange={(e) => setNote(e.target.value)}
              />
              <ErrorMessage error={transfer.error} />
              <span className="row">
                <Button type="submit" busy={transfer.busy} disabled={to === undefined}>
                  {t('ws.transfer.submit')}
                </Button>
                <Button kind="secondary" onClick={onCancel}>
                  {t('ws.transfer.cancel')}
                </Button>
              </span>
            </form>
          );
        }}
      </LoadState>
    </div>
  );
}
