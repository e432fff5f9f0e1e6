import { useId, useState } from 'react';
import { type Api, type paths, unwrap } from '../../api/client.ts';
import { EmptyState, SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, DateTime, ErrorMessage, Form, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import { API_SCOPES, scopeHint, scopeLabel } from './labels.ts';
import { CopyButton } from './scope.tsx';
import './integrations.css';

type Created = paths['/api/v1/shops/{id}/api-keys']['post']['responses'][201]['content']['application/json'];
export type ApiKey = Created['key'];

/** The typed calls of the shop's API keys (the token itself comes back once, from create). */
function keysApi(api: Api, shopId: number) {
  const shop = { params: { path: { id: shopId } } };
  return {
    list: () => unwrap(api.GET('/api/v1/shops/{id}/api-keys', shop)).then((r) => r.items),
    create: (body: { name: string; scopes: ApiKey['scopes'] }) =>
      unwrap(api.POST('/api/v1/shops/{id}/api-keys', { ...shop, body })),
    revoke: (keyId: number) =>
      unwrap(
        api.POST('/api/v1/shops/{id}/api-keys/{keyId}/revoke', { params: { path: { id: shopId, keyId } } }),
      ),
  };
}

/**
 * /merchant/api-keys: the shop's keys (name, scopes in words, prefix, created, last used, state);
 * the owner creates one (its token shown once) and revokes one (confirmed: its systems lose access).
 */
export function ApiKeysPage() {
  const { t } = useI18n();
  const { shop } = useShop();
  const isOwner = shop.role === 'owner';
  return (
    <section className="stack">
      <PageHead title={t('integrations.keys.title')} />
      <KeysIntro />
      {isOwner ? <OwnerKeys key={shop.id} /> : <p className="notice">{t('integrations.keys.ownerOnly')}</p>}
    </section>
  );
}

function KeysIntro() {
  const { t } = useI18n();
  const [before, after = ''] = t('integrations.keys.intro').split('{header}');
  return (
    <p className="hint">
      {before}
      <code>Authorization: Bearer xr_…</code>
      {after}
    </p>
  );
}

function OwnerKeys() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const confirm = useConfirm();
  const toast = useToast();
  const calls = keysApi(api, shop.id);
  const keys = useLoad(() => calls.list(), [api, shop.id]);
  const [creating, setCreating] = useState(false);
  const [token, setToken] = useState<{ name: string; token: string }>();
  const revoke = useAction(async (key: ApiKey) => {
    const ok = await confirm({
      title: t('integrations.keys.revokeTitle', { name: key.name }),
      body: t('integrations.keys.revokeBody'),
      confirmLabel: t('integrations.keys.revoke'),
      danger: true,
    });
    if (!ok) return;
    await calls.revoke(key.id);
    toast.success(t('integrations.keys.revoked', { name: key.name }));
    keys.reload();
  });
  return (
    <>
      {token ? (
        <TokenOnce name={token.name} token={token.token} onDone={() => setToken(undefined)} />
      ) : creating ? (
        <KeyForm
          create={calls.create}
          onCreated={(created) => {
            setCreating(false);
            setToken({ name: created.key.name, token: created.token });
            keys.reload();
          }}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <div className="row">
          <Button onClick={() => setCreating(true)}>{t('integrations.keys.new')}</Button>
        </div>
      )}
      <SkeletonLoadState loaded={keys}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('integrations.keys.empty')} hint={t('integrations.keys.emptyHint')} />
          ) : (
            <KeyTable items={items} busy={revoke.busy} onRevoke={(key) => void revoke.run(key)} />
          )
        }
      </SkeletonLoadState>
      <ErrorMessage error={revoke.error} />
    </>
  );
}

function KeyTable({
  items,
  busy,
  onRevoke,
}: {
  items: ApiKey[];
  busy: boolean;
  onRevoke(key: ApiKey): void;
}) {
  const { t, lang, dateTime } = useI18n();
  return (
    <table className="xi-table">
      <caption className="visually-hidden">{t('integrations.keys.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('integrations.keys.col.name')}</th>
          <th scope="col">{t('integrations.keys.col.scopes')}</th>
          <th scope="col">{t('integrations.keys.col.prefix')}</th>
          <th scope="col">{t('integrations.keys.col.createdAt')}</th>
          <th scope="col">{t('integrations.keys.col.lastUsed')}</th>
          <th scope="col">{t('integrations.keys.col.state')}</th>
          <th scope="col">{t('integrations.keys.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((k) => (
          <tr key={k.id}>
            <td>
              <span data-user-text>{k.name}</span>
            </td>
            <td>{k.scopes.map((s) => scopeLabel(t, s)).join(lang === 'zh' ? '、' : ', ')}</td>
            <td>
              <code>{k.prefix}…</code>
            </td>
            <td>
              <DateTime value={k.createdAt} />
            </td>
            <td>{k.lastUsedAt ? <DateTime value={k.lastUsedAt} /> : t('integrations.keys.neverUsed')}</td>
            <td>
              {k.state === 'active' ? (
                <Badge tone="ok">{t('integrations.keys.state.active')}</Badge>
              ) : (
                <>
                  <Badge>{t('integrations.keys.state.revoked')}</Badge>
                  {k.revokedAt ? (
                    <>
                      <br />
                      <small className="hint">
                        {t('integrations.keys.revokedAt', { time: dateTime(k.revokedAt) })}
                      </small>
                    </>
                  ) : null}
                </>
              )}
            </td>
            <td>
              {k.state === 'active' ? (
                <Button
                  kind="danger"
                  busy={busy}
                  aria-label={t('integrations.keys.revokeNamed', { name: k.name })}
                  onClick={() => onRevoke(k)}
                >
                  {t('integrations.keys.revoke')}
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function KeyForm({
  create,
  onCreated,
  onCancel,
}: {
  create(body: { name: string; scopes: ApiKey['scopes'] }): Promise<Created>;
  onCreated(created: Created): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKey['scopes']>([]);
  const [noScopes, setNoScopes] = useState(false);
  const submit = useAction(async () => {
    if (scopes.length === 0) {
      setNoScopes(true);
      return;
    }
    onCreated(await create({ name: name.trim(), scopes }));
  });
  return (
    <Form
      className="card form m-wide-form"
      label={t('integrations.keys.form.title')}
      onSubmit={() => submit.run()}
    >
      <h3>{t('integrations.keys.form.title')}</h3>
      <TextField
        label={t('integrations.keys.form.name')}
        name="name"
        required
        maxLength={50}
        autoComplete="off"
        hint={t('integrations.keys.form.nameHint')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={submit.error}
      />
      <fieldset className="xi-events" aria-describedby={`${id}-hint${noScopes ? ` ${id}-error` : ''}`}>
        <legend>{t('integrations.keys.form.scopes')}</legend>
        <small id={`${id}-hint`} className="hint">
          {t('integrations.keys.form.scopesHint')}
        </small>
        {noScopes ? (
          <small id={`${id}-error`} className="field-error" role="alert">
            {t('integrations.keys.form.noScopes')}
          </small>
        ) : null}
        <div className="xi-scopes">
          {API_SCOPES.map((scope) => (
            <label key={scope} className="xi-check">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => {
                  setScopes((list) =>
                    e.target.checked ? [...list, scope] : list.filter((x) => x !== scope),
                  );
                  if (e.target.checked) setNoScopes(false);
                }}
              />
              <span>
                {scopeLabel(t, scope)}
                <small className="hint"> {scopeHint(t, scope)}</small>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorMessage error={submit.error} />
      <div className="row">
        <Button type="submit" busy={submit.busy}>
          {t('integrations.keys.form.create')}
        </Button>
        <Button kind="secondary" onClick={onCancel}>
          {t('integrations.keys.form.cancel')}
        </Button>
      </div>
    </Form>
  );
}

/** The whole token, this once: copy it, then 我已保存 closes it for good. */
function TokenOnce({ name, token, onDone }: { name: string; token: string; onDone(): void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="card stack xi-token" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('integrations.keys.token.title')}：<span data-user-text>{name}</span>
      </h3>
      <p className="xi-warning" role="alert">
        {t('integrations.keys.token.warning')}
      </p>
      <p className="xi-secret">
        <span className="visually-hidden">{t('integrations.keys.token.label')}</span>
        <code data-testid="api-key-token">{token}</code>
      </p>
      <div className="row">
        <CopyButton
          text={token}
          label={t('integrations.keys.token.copy')}
          done={t('integrations.keys.token.copied')}
        />
        <Button onClick={onDone}>{t('integrations.keys.token.done')}</Button>
      </div>
    </section>
  );
}
