import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import { SkeletonLoadState, useConfirm, useToast } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi, useSession } from '../common/session.tsx';
import { Badge, Button, ErrorMessage, Form, TextField } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PageHead } from './parts.tsx';
import { useShop } from './shop.tsx';

/** /merchant/staff: the shop's owner and staff; the owner adds staff accounts and removes them. */
export function StaffPage() {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const { account } = useSession();
  const { shop } = useShop();
  const confirm = useConfirm();
  const toast = useToast();
  const members = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/staff', { params: { path: { id: shop.id } } })),
    [api, shop.id],
  );
  const isOwner = shop.role === 'owner';
  // Customer-service seats (客服): only the owner hands the role out, so only the owner reads them here.
  const agents = useLoad(
    () =>
      isOwner
        ? unwrap(api.GET('/api/v1/shops/{id}/chat/agents', { params: { path: { id: shop.id } } }))
        : Promise.resolve(undefined),
    [api, shop.id, isOwner],
  );
  const seatOf = (userId: number) => agents.data?.items.find((a) => a.userId === userId);
  const toggleAgent = useAction(async (userId: number, name: string, isAgent: boolean) => {
    if (!isAgent) {
      const ok = await confirm({
        title: t('ws.staff.revokeTitle', { name }),
        body: t('ws.staff.revokeBody', { name }),
        confirmLabel: t('ws.staff.revoke'),
        danger: true,
      });
      if (!ok) return;
    }
    await unwrap(
      api.PUT('/api/v1/shops/{id}/chat/agents/{userId}', {
        params: { path: { id: shop.id, userId } },
        body: { isAgent },
      }),
    );
    toast.success(t(isAgent ? 'ws.staff.granted' : 'ws.staff.revoked', { name }));
    agents.reload();
  });
  const remove = useAction(async (userId: number, name: string) => {
    const ok = await confirm({
      title: t('merchant.staff.removeTitle', { name }),
      body: t('merchant.staff.removeBody', { name, shop: shop.name }),
      confirmLabel: t('merchant.staff.removeConfirm'),
      danger: true,
    });
    if (!ok) return;
    await unwrap(
      api.DELETE('/api/v1/shops/{id}/staff/{userId}', { params: { path: { id: shop.id, userId } } }),
    );
    toast.success(t('merchant.staff.removed', { name }));
    members.reload();
  });
  return (
    <section className="stack">
      <PageHead title={t('merchant.staff.title')} />
      <p className="hint">{t('merchant.staff.intro')}</p>
      <SkeletonLoadState loaded={members}>
        {(list) => (
          <table>
            <caption className="visually-hidden">{t('merchant.staff.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('merchant.staff.col.name')}</th>
                <th scope="col">{t('merchant.staff.col.login')}</th>
                <th scope="col">{t('merchant.staff.col.role')}</th>
                {isOwner ? <th scope="col">{t('ws.staff.cs')}</th> : null}
                {isOwner ? <th scope="col">{t('merchant.staff.col.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.userId}>
                  <td>
                    <span data-user-text>{m.displayName}</span>
                    {m.userId === account?.id ? ` ${t('merchant.staff.you')}` : ''}
                  </td>
                  <td>
                    <code>{m.login}</code>
                  </td>
                  <td>
                    <Badge tone={m.role === 'owner' ? 'brand' : 'neutral'}>
                      {tEnum('merchant.shop.role.', m.role)}
                    </Badge>
                  </td>
                  {isOwner ? (
                    <td>
                      {m.role === 'owner' ? (
                        <span className="hint">{t('ws.staff.ownerAlways')}</span>
                      ) : seatOf(m.userId)?.isAgent ? (
                        <span className="row">
                          <Badge tone="ok">
                            {t('ws.staff.csOn', { status: t(`ws.status.${seatOf(m.userId)!.status}`) })}
                          </Badge>
                          <Button
                            kind="link"
                            busy={toggleAgent.busy}
                            aria-label={t('ws.staff.revokeNamed', { name: m.displayName })}
                            onClick={() => void toggleAgent.run(m.userId, m.displayName, false)}
                          >
                            {t('ws.staff.revoke')}
                          </Button>
                        </span>
                      ) : (
                        <span className="row">
                          <Badge>{t('ws.staff.csOff')}</Badge>
                          <Button
                            kind="secondary"
                            busy={toggleAgent.busy}
                            aria-label={t('ws.staff.grantNamed', { name: m.displayName })}
                            onClick={() => void toggleAgent.run(m.userId, m.displayName, true)}
                          >
                            {t('ws.staff.grant')}
                          </Button>
                        </span>
                      )}
                    </td>
                  ) : null}
                  {isOwner ? (
                    <td>
                      {m.role === 'staff' ? (
                        <Button
                          kind="danger"
                          busy={remove.busy}
                          aria-label={t('merchant.staff.removeNamed', { name: m.displayName })}
                          onClick={() => void remove.run(m.userId, m.displayName)}
                        >
                          {t('merchant.staff.remove')}
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </SkeletonLoadState>
      {members.data?.every((m) => m.role === 'owner') ? (
        <p className="hint">{t('merchant.staff.noStaff')}</p>
      ) : null}
      <ErrorMessage error={remove.error ?? toggleAgent.error} />
      {isOwner ? (
        <AddStaffForm onAdded={members.reload} />
      ) : (
        <p className="notice">{t('merchant.staff.ownerOnly')}</p>
      )}
    </section>
  );
}

function AddStaffForm({ onAdded }: { onAdded(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const toast = useToast();
  const [form, setForm] = useState({ displayName: '', login: '', password: '' });
  const add = useAction(async () => {
    const added = await unwrap(
      api.POST('/api/v1/shops/{id}/staff', {
        params: { path: { id: shop.id } },
        body: { displayName: form.displayName.trim(), login: form.login.trim(), password: form.password },
      }),
    );
    setForm({ displayName: '', login: '', password: '' });
    toast.success(t('merchant.staff.added', { name: added.displayName }));
    onAdded();
    return added;
  });
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));
  return (
    <Form className="card form" label={t('merchant.staff.add')} onSubmit={() => add.run()}>
      <h3>{t('merchant.staff.add')}</h3>
      <TextField
        label={t('merchant.staff.displayName')}
        name="displayName"
        required
        maxLength={50}
        value={form.displayName}
        onChange={set('displayName')}
        error={add.error}
      />
      <TextField
        label={t('merchant.staff.login')}
        name="login"
        required
        autoComplete="off"
        hint={t('merchant.staff.loginHint')}
        value={form.login}
        onChange={set('login')}
        error={add.error}
      />
      <TextField
        label={t('merchant.staff.password')}
        name="password"
        type="password"
        required
        autoComplete="new-password"
        hint={t('merchant.staff.passwordHint')}
        value={form.password}
        onChange={set('password')}
        error={add.error}
      />
      <ErrorMessage error={add.error} />
      <Button type="submit" busy={add.busy}>
        {t('merchant.staff.addSubmit')}
      </Button>
    </Form>
  );
}
