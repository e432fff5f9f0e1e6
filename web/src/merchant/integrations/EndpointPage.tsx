import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { Button, DateTime, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';
import { EndpointForm, useSubscribable } from './EndpointForm.tsx';
import { subscribedSummary } from './labels.ts';
import { SecretPanel } from './SecretPanel.tsx';
import { useWebhooksScope } from './scope.tsx';
import { EndpointState, Stats24h, VerifyNote } from './WebhooksPage.tsx';
import type { Endpoint } from './webhooks-api.ts';

/** One endpoint: what it receives, its actions (edit, test, disable, delete), its secret and its log. */
export function EndpointPage() {
  const { api } = useWebhooksScope();
  const endpointId = Number(useParams().endpointId);
  const endpoint = useLoad(() => api.get(endpointId), [api, endpointId]);
  return (
    <SkeletonLoadState loaded={endpoint}>
      {(e) => <EndpointView endpoint={e} onChange={endpoint.set} />}
    </SkeletonLoadState>
  );
}

function EndpointView({ endpoint, onChange }: { endpoint: Endpoint; onChange(e: Endpoint): void }) {
  const { t, lang } = useI18n();
  const { api, base, canWrite, platform } = useWebhooksScope();
  const confirm = useConfirm();
  const toast = useToast();
  const navigate = useNavigate();
  const created = (useLocation().state as { secret?: string } | null)?.secret;
  const catalog = useSubscribable();
  const [editing, setEditing] = useState(false);
  // a new test or replayed delivery makes the log load its first page again
  const [logTick, setLogTick] = useState(0);
  const sendTest = useAction(async () => {
    await api.sendTest(endpoint.id);
    toast.success(t('integrations.endpoint.testSent'));
    setLogTick((n) => n + 1);
  });
  const toggle = useAction(async () => {
    const enable = endpoint.state === 'disabled';
    if (!enable) {
      const ok = await confirm({
        title: t('integrations.endpoint.disableTitle'),
        body: t('integrations.endpoint.disableBody'),
        confirmLabel: t('integrations.endpoint.disable'),
      });
      if (!ok) return;
    }
    onChange(await api.update(endpoint.id, { enabled: enable }));
    toast.success(t(enable ? 'integrations.endpoint.enabled' : 'integrations.endpoint.disabled'));
  });
  const remove = useAction(async () => {
    const ok = await confirm({
      title: t('integrations.endpoint.deleteTitle'),
      body: t('integrations.endpoint.deleteBody', { url: endpoint.url }),
      confirmLabel: t('integrations.endpoint.delete'),
      danger: true,
    });
    if (!ok) return;
    await api.remove(endpoint.id);
    toast.success(t('integrations.endpoint.deleted'));
    navigate(base);
  });
  const title = platform ? t('integrations.webhooks.opsTitle') : t('integrations.webhooks.title');
  return (
    <section className="stack">
      <PageHead title={title}>
        <Link to={base}>{t('integrations.endpoint.back')}</Link>
      </PageHead>
      {endpoint.disabledReason === 'failing' ? (
        <p className="notice" role="status">
          {t('integrations.disabledFailing')}
        </p>
      ) : null}
      {editing ? (
        <EndpointForm
          endpoint={endpoint}
          onSaved={(saved) => {
            onChange(saved);
            setEditing(false);
            toast.success(t('integrations.form.saved'));
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="card stack">
          <h3>{t('integrations.endpoint.facts')}</h3>
          <dl className="m-facts">
            <dt>{t('integrations.endpoint.url')}</dt>
            <dd className="xi-url">
              <code>{endpoint.url}</code>
            </dd>
            {endpoint.description ? (
              <>
                <dt>{t('integrations.endpoint.description')}</dt>
                <dd data-user-text>{endpoint.description}</dd>
              </>
            ) : null}
            <dt>{t('integrations.endpoint.state')}</dt>
            <dd>
              <EndpointState endpoint={endpoint} />
            </dd>
            <dt>{t('integrations.endpoint.events')}</dt>
            <dd>
              <ul className="plain xi-subscribed">
                {subscribedSummary(t, lang, endpoint.eventTypes, catalog.data ?? []).map((g) => (
                  <li key={g.group}>
                    <strong>{t(`integrations.group.${g.group}`)}</strong>：{g.text}
                  </li>
                ))}
              </ul>
            </dd>
            <dt>{t('integrations.webhooks.col.last24h')}</dt>
            <dd>
              <Stats24h endpoint={endpoint} />
            </dd>
            <dt>{t('integrations.endpoint.lastDelivery')}</dt>
            <dd>
              {endpoint.lastDeliveryAt ? (
                <DateTime value={endpoint.lastDeliveryAt} />
              ) : (
                t('integrations.endpoint.never')
              )}
            </dd>
            <dt>{t('integrations.endpoint.createdAt')}</dt>
            <dd>
              <DateTime value={endpoint.createdAt} />
            </dd>
          </dl>
          {canWrite ? (
            <div className="row">
              <Button busy={sendTest.busy} onClick={() => void sendTest.run()}>
                {t('integrations.endpoint.test')}
              </Button>
              <Button kind="secondary" onClick={() => setEditing(true)}>
                {t('integrations.endpoint.edit')}
              </Button>
              <Button kind="secondary" busy={toggle.busy} onClick={() => void toggle.run()}>
                {endpoint.state === 'enabled'
                  ? t('integrations.endpoint.disable')
                  : t('integrations.endpoint.enable')}
              </Button>
              <Button kind="danger" busy={remove.busy} onClick={() => void remove.run()}>
                {t('integrations.endpoint.delete')}
              </Button>
            </div>
          ) : (
            <p className="notice">{t('integrations.webhooks.ownerOnly')}</p>
          )}
          <ErrorMessage error={sendTest.error ?? toggle.error ?? remove.error} />
        </div>
      )}
      {canWrite ? <SecretPanel endpointId={endpoint.id} created={created} /> : null}
      <DeliveryLog endpoint={endpoint} tick={logTick} onReplayed={() => setLogTick((n) => n + 1)} />
      <VerifyNote />
    </section>
  );
}
