import { Link, Route, Routes, useNavigate } from 'react-router';
import { EmptyState, SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useLoad } from '../../common/hooks.ts';
import { Badge } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { EndpointForm, useSubscribable } from './EndpointForm.tsx';
import { EndpointPage } from './EndpointPage.tsx';
import { subscribedSummary } from './labels.ts';
import { useWebhooksScope } from './scope.tsx';
import type { Endpoint } from './webhooks-api.ts';
import './integrations.css';

/** The webhook pages under the scope's base: the list, a new endpoint, one endpoint with its log. */
export function WebhooksSection() {
  return (
    <Routes>
      <Route index element={<EndpointList />} />
      <Route path="new" element={<NewEndpoint />} />
      <Route path=":endpointId" element={<EndpointPage />} />
    </Routes>
  );
}

function useTitle() {
  const { t } = useI18n();
  const { platform } = useWebhooksScope();
  return platform ? t('integrations.webhooks.opsTitle') : t('integrations.webhooks.title');
}

/** 消息推送: the endpoints, what each subscribes to, its state and the last 24 hours. */
function EndpointList() {
  const { t } = useI18n();
  const { api, base, canWrite, platform } = useWebhooksScope();
  const title = useTitle();
  const endpoints = useLoad(() => api.list(), [api]);
  return (
    <section className="stack">
      <PageHead title={title}>
        {canWrite ? (
          <Link className="btn btn-primary" to={`${base}/new`}>
            {t('integrations.webhooks.new')}
          </Link>
        ) : null}
      </PageHead>
      <p className="hint">
        {platform ? t('integrations.webhooks.opsIntro') : t('integrations.webhooks.intro')}
      </p>
      {canWrite ? null : <p className="notice">{t('integrations.webhooks.ownerOnly')}</p>}
      <SkeletonLoadState loaded={endpoints}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState
              title={t('integrations.webhooks.empty')}
              hint={t('integrations.webhooks.emptyHint')}
              action={canWrite ? { label: t('integrations.webhooks.new'), to: `${base}/new` } : undefined}
            />
          ) : (
            <EndpointTable items={items} />
          )
        }
      </SkeletonLoadState>
      <VerifyNote />
    </section>
  );
}

function EndpointTable({ items }: { items: Endpoint[] }) {
  const { t, lang } = useI18n();
  const { base } = useWebhooksScope();
  const title = useTitle();
  const catalog = useSubscribable();
  return (
    <table className="xi-table">
      <caption className="visually-hidden">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('integrations.webhooks.col.url')}</th>
          <th scope="col">{t('integrations.webhooks.col.events')}</th>
          <th scope="col">{t('integrations.webhooks.col.state')}</th>
          <th scope="col">{t('integrations.webhooks.col.last24h')}</th>
          <th scope="col">{t('integrations.webhooks.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id}>
            <td className="xi-url">
              <code>{e.url}</code>
              {e.description ? (
                <>
                  <br />
                  <small className="hint" data-user-text>
                    {e.description}
                  </small>
                </>
              ) : null}
            </td>
            <td>
              <ul className="plain xi-subscribed">
                {subscribedSummary(t, lang, e.eventTypes, catalog.data ?? []).map((g) => (
                  <li key={g.group}>
                    <strong>{t(`integrations.group.${g.group}`)}</strong>：{g.text}
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <EndpointState endpoint={e} />
            </td>
            <td>
              <Stats24h endpoint={e} />
            </td>
            <td>
              <Link
                to={`${base}/${e.id}`}
                aria-label={t('integrations.webhooks.manageNamed', { url: e.url })}
              >
                {t('integrations.webhooks.manage')}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 启用, or 已停用 with why (连续失败 / 手动停用). */
export function EndpointState({ endpoint }: { endpoint: Endpoint }) {
  const { t, tEnum } = useI18n();
  if (endpoint.state === 'enabled') return <Badge tone="ok">{t('integrations.endpointState.enabled')}</Badge>;
  return (
    <Badge tone={endpoint.disabledReason === 'failing' ? 'bad' : 'neutral'}>
      {t('integrations.endpointState.disabled')}
      {endpoint.disabledReason
        ? `（${tEnum('integrations.disabledReason.', endpoint.disabledReason, t('integrations.endpointState.disabled'))}）`
        : ''}
    </Badge>
  );
}

export function Stats24h({ endpoint }: { endpoint: Endpoint }) {
  const { t } = useI18n();
  const { succeeded, failed, pending } = endpoint.stats24h;
  return (
    <span>
      {t('integrations.webhooks.stats', { ok: succeeded, failed })}
      {pending > 0 ? (
        <>
          <br />
          <small className="hint">{t('integrations.webhooks.statsPending', { n: pending })}</small>
        </>
      ) : null}
    </span>
  );
}

/** How a receiver checks a delivery: the SDK's verifier and the event id for duplicates. */
export function VerifyNote() {
  const { t } = useI18n();
  const [before, rest = ''] = t('integrations.webhooks.verify.body').split('{sdk}');
  const [middle, after = ''] = rest.split('{fn}');
  const [middle2, end = ''] = after.split('{id}');
  return (
    <aside className="card xi-verify" aria-label={t('integrations.webhooks.verify.title')}>
      <h3>{t('integrations.webhooks.verify.title')}</h3>
      <p>
        {before}
        <code>@xinren/sdk</code>
        {middle}
        <code>verifyWebhook</code>
        {middle2}
        <code>webhook-id</code>
        {end}
      </p>
    </aside>
  );
}

function NewEndpoint() {
  const { t } = useI18n();
  const { base, canWrite } = useWebhooksScope();
  const navigate = useNavigate();
  const toast = useToast();
  const title = useTitle();
  if (!canWrite) return <p className="notice">{t('integrations.webhooks.ownerOnly')}</p>;
  return (
    <section className="stack">
      <PageHead title={title}>
        <Link to={base}>{t('integrations.endpoint.back')}</Link>
      </PageHead>
      <EndpointForm
        onSaved={(saved) => {
          toast.success(t('integrations.form.created'));
          // the secret rides along once, so the endpoint's page can show it without asking again
          navigate(`${base}/${saved.id}`, { state: { secret: saved.secret } });
        }}
        onCancel={() => navigate(base)}
      />
    </section>
  );
}
