import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import { Button, DateTime, Empty, ErrorMessage, Form, LoadState, TextArea } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { mayUse } from './access.ts';
import { PageHead } from './parts.tsx';

type Session =
  paths['/api/v1/live/sessions']['get']['responses']['200']['content']['application/json']['items'][number];

/** Sessions on air now, each with an emergency stop (reason required) and, for super admins, terminate. */
export function LiveMonitor() {
  const { t } = useI18n();
  const { api } = useSession();
  const list = useLoad(
    () => unwrap(api.GET('/api/v1/live/sessions', { params: { query: { state: 'live', limit: 100 } } })),
    [api],
  );
  const [acting, setActing] = useState<number>();
  return (
    <section className="stack">
      <PageHead title={t('ops.live.title')}>
        <Button kind="secondary" onClick={list.reload}>
          {t('common.refresh')}
        </Button>
      </PageHead>
      <LoadState loaded={list}>
        {(d) =>
          d.items.length ? (
            <table>
              <thead>
                <tr>
                  <th>{t('ops.live.session')}</th>
                  <th>{t('ops.live.host')}</th>
                  <th>{t('ops.live.shop')}</th>
                  <th>{t('ops.live.startedAt')}</th>
                  <th>{t('ops.live.pinned')}</th>
                  <th>{t('ops.live.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <a href={`/live/${s.id}`} target="_blank" rel="noreferrer">
                        {s.title}
                      </a>
                    </td>
                    <td>{s.host.displayName}</td>
                    <td>{s.shop?.name ?? '—'}</td>
                    <td>
                      <DateTime value={s.startedAt} />
                    </td>
                    <td>{s.pinnedCount}</td>
                    <td>
                      {acting === s.id ? (
                        <StopForm
                          session={s}
                          onDone={() => {
                            setActing(undefined);
                            list.reload();
                          }}
                          onCancel={() => setActing(undefined)}
                        />
                      ) : (
                        <Button kind="danger" onClick={() => setActing(s.id)}>
                          {t('ops.live.stop')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{t('ops.live.empty')}</Empty>
          )
        }
      </LoadState>
    </section>
  );
}

function StopForm({ session, onDone, onCancel }: { session: Session; onDone(): void; onCancel(): void }) {
  const { t } = useI18n();
  const { api, account } = useSession();
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const stop = useAction(async (kind: 'emergency' | 'terminate') => {
    const path = { id: session.id };
    if (kind === 'emergency')
      await unwrap(
        api.POST('/api/v1/ops/live/sessions/{id}/emergency-stop', {
          params: { path },
          body: { reason, evidence: evidence.trim() || reason },
        }),
      );
    else
      await unwrap(
        api.POST('/api/v1/ops/live/sessions/{id}/terminate', { params: { path }, body: { reason } }),
      );
    onDone();
  });
  return (
    <Form label={t('ops.live.stopTitle', { title: session.title })} onSubmit={() => stop.run('emergency')}>
      <TextArea
        label={t('common.reason')}
        name="reason"
        value={reason}
        required
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
        error={stop.error}
      />
      <TextArea
        label={t('ops.live.evidence')}
        name="evidence"
        value={evidence}
        maxLength={4000}
        onChange={(e) => setEvidence(e.target.value)}
        error={stop.error}
        hint={t('ops.live.evidenceHint')}
      />
      <ErrorMessage error={stop.error} />
      <div className="o-actions">
        <Button type="submit" kind="danger" busy={stop.busy} disabled={!reason.trim()}>
          {t('ops.live.emergencyStop')}
        </Button>
        {mayUse(account, ['super_admin']) ? (
          <Button
            kind="secondary"
            busy={stop.busy}
            disabled={!reason.trim()}
            onClick={() => void stop.run('terminate')}
          >
            {t('ops.live.terminate')}
          </Button>
        ) : null}
        <Button kind="link" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
