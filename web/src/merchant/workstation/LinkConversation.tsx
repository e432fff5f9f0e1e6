import { useId, useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, LoadState } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';

/**
 * 关联会话 in the after-sales request (product rules §5, §8.2): the buyer's conversation with the shop
 * recorded as the communication a rejection needs — when both the buyer and a person of the shop wrote.
 */
export function LinkConversation({ requestId, onLinked }: { requestId: number; onLinked(id: number): void }) {
  const { t, dateTime } = useI18n();
  const api = useApi();
  const toast = useToast();
  const id = useId();
  const [summary, setSummary] = useState('');
  const conversations = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/aftersales/requests/{id}/conversations', { params: { path: { id: requestId } } }),
      ),
    [api, requestId],
  );
  const link = useAction(async (conversationId: number) => {
    const recorded = await unwrap(
      api.POST('/api/v1/aftersales/requests/{id}/communications', {
        params: { path: { id: requestId } },
        body: { channel: 'chat', summary: summary.trim(), conversationId },
      }),
    );
    toast.success(t('ws.link.done'));
    onLinked(recorded.id);
  });
  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('ws.link.title')}</h4>
      <p className="hint">{t('ws.link.intro')}</p>
      <LoadState loaded={conversations}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="hint">{t('ws.link.none')}</p>
          ) : (
            <ul className="plain stack">
              {items.map((c) => (
                <li key={c.conversationId} className="stack">
                  <span>
                    {t('ws.link.summary', {
                      buyer: c.buyerMessages,
                      agent: c.agentMessages,
                      time: dateTime(c.lastMessageAt),
                    })}
                  </span>
                  {c.citable ? (
                    <>
                      <label htmlFor={`${id}-summary`}>{t('ws.link.summaryField')}</label>
                      <textarea
                        id={`${id}-summary`}
                        rows={2}
                        minLength={5}
                        maxLength={2000}
                        value={summary}
                        placeholder={t('ws.link.summaryPlaceholder')}
                        onChange={(e) => setSummary(e.target.value)}
                      />
                      <div>
                        <Button
                          kind="secondary"
                          busy={link.busy}
                          disabled={summary.trim().length < 5}
                          onClick={() => void link.run(c.conversationId)}
                        >
                          {t('ws.link.submit')}
                        </Button>
                      </div>
                    </>
                  ) : (
                    <p className="notice">{t('ws.link.notCitable')}</p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
      <ErrorMessage error={link.error} />
    </section>
  );
}
