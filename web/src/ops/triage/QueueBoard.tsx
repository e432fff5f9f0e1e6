import { useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useSession } from '../../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, Form, TextField } from '../../common/ui.tsx';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { mayUse } from '../access.ts';
import { PageHead } from '../parts.tsx';
import { type Queue, useSlaText } from './parts.tsx';

/** Every queue: what waits, how much is overdue, since when, and its time limit (rule admins set it). */
export function QueueBoard() {
  const { t } = useI18n();
  const { api, account } = useSession();
  const loaded = useLoad(() => unwrap(api.GET('/api/v1/ops/queues')), [api]);
  const slaText = useSlaText();
  const reviewer = mayUse(account, ['reviewer']);
  const admin = mayUse(account, ['rule_admin']);
  return (
    <section className="stack">
      <PageHead title={t('ops.queues.title')}>
        <Button kind="secondary" onClick={loaded.reload}>
          {t('ops.triage.refresh')}
        </Button>
      </PageHead>
      <p className="hint">{t('ops.queues.hint')}</p>
      <SkeletonLoadState loaded={loaded}>
        {(d) => (
          <table aria-label={t('ops.queues.title')}>
            <thead>
              <tr>
                <th>{t('ops.queues.queue')}</th>
                <th>{t('ops.queues.waiting')}</th>
                <th>{t('ops.queues.overdue')}</th>
                <th>{t('ops.queues.oldest')}</th>
                <th>{t('ops.queues.sla')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((q) => {
                const name = t(`ops.queue.${q.queue}` as MessageKey);
                // IP complaints and buyer reports are decided on their own pages
                const path =
                  q.queue === 'ip_complaints'
                    ? '/ops/ip'
                    : q.queue === 'reports'
                      ? '/ops/reports'
                      : `/ops/queues/${q.queue}`;
                return (
                  <tr key={q.queue}>
                    <td>{reviewer ? <Link to={path}>{name}</Link> : name}</td>
                    <td>{q.waiting}</td>
                    <td>{q.overdue ? <Badge tone="bad">{q.overdue}</Badge> : 0}</td>
                    <td>{q.oldestAt ? <DateTime value={q.oldestAt} /> : t('ops.queues.none')}</td>
                    <td>
                      {admin ? (
                        <SlaForm queue={q.queue} name={name} minutes={q.slaMinutes} onSaved={loaded.reload} />
                      ) : (
                        slaText(q.slaMinutes)
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </SkeletonLoadState>
    </section>
  );
}

function SlaForm({
  queue,
  name,
  minutes,
  onSaved,
}: {
  queue: Queue;
  name: string;
  minutes: number;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const toast = useToast();
  const slaText = useSlaText();
  const [value, setValue] = useState(String(minutes));
  const save = useAction(async () => {
    const saved = await unwrap(
      api.PUT('/api/v1/ops/queues/{queue}/sla', {
        params: { path: { queue } },
        body: { slaMinutes: Number(value) },
      }),
    );
    toast.success(t('ops.queues.slaSaved', { queue: name, sla: slaText(saved.slaMinutes) }));
    onSaved();
  });
  return (
    <Form label={t('ops.queues.slaMinutes', { queue: name })} className="row" onSubmit={() => save.run()}>
      <TextField
        label={t('ops.queues.slaMinutes', { queue: name })}
        name="slaMinutes"
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={save.error}
        hint={slaText(Number(value) || minutes)}
      />
      <Button type="submit" kind="secondary" busy={save.busy}>
        {t('ops.queues.saveSla')}
      </Button>
      <ErrorMessage error={save.error} />
    </Form>
  );
}
