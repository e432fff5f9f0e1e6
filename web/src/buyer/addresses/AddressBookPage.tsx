import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { AddressForm, type BuyerAddress } from '../../common/AddressForm.tsx';
import { EmptyState, SkeletonLoadState, useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageTitle, RequireBuyer } from '../parts.tsx';
import { AddressList } from './AddressList.tsx';
import './addresses.css';

// The server's limit (addresses.MAX_BUYER_ADDRESSES): the add button says so before the server must.
const MAX_ADDRESSES = 20;

/** /addresses: the buyer's address book — add, edit, delete (confirmed), set the default. */
export function AddressBookPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('buyer.addresses.title')}>
      <AddressBook />
    </RequireBuyer>
  );
}

function AddressBook() {
  const { t } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const addresses = useLoad(() => unwrap(api.GET('/api/v1/me/addresses')), [api]);
  // 'new', an address being edited, or undefined for the list.
  const [editing, setEditing] = useState<'new' | BuyerAddress>();

  const remove = useAction(async (a: BuyerAddress) => {
    const ok = await confirm({
      title: t('address.deleteTitle'),
      body: t('address.deleteBody', { recipient: a.recipient, region: a.regionName, detail: a.detail }),
      confirmLabel: t('address.deleteConfirm'),
      danger: true,
    });
    if (!ok) return;
    await unwrap(api.DELETE('/api/v1/me/addresses/{id}', { params: { path: { id: a.id } } }));
    toast.success(t('address.deleted'));
    addresses.reload();
  });
  const makeDefault = useAction(async (a: BuyerAddress) => {
    await unwrap(api.POST('/api/v1/me/addresses/{id}/default', { params: { path: { id: a.id } } }));
    toast.success(t('address.defaultSet'));
    addresses.reload();
  });

  if (editing) {
    return (
      <section className="stack">
        <PageTitle>
          {editing === 'new' ? t('buyer.addresses.newTitle') : t('buyer.addresses.editTitle')}
        </PageTitle>
        <div className="card">
          <AddressForm
            address={editing === 'new' ? undefined : editing}
            onSaved={() => {
              toast.success(t('address.saved'));
              setEditing(undefined);
              addresses.reload();
            }}
            onCancel={() => setEditing(undefined)}
          />
        </div>
      </section>
    );
  }

  return (
    <section className="stack">
      <PageTitle back>{t('buyer.addresses.title')}</PageTitle>
      <ErrorMessage error={remove.error ?? makeDefault.error} />
      <SkeletonLoadState loaded={addresses}>
        {(list) => (
          <>
            {list.length === 0 ? (
              <EmptyState
                title={t('address.empty')}
                action={{ label: t('address.add'), onClick: () => setEditing('new') }}
              />
            ) : (
              <AddressList
                addresses={list}
                busy={remove.busy || makeDefault.busy}
                onEdit={setEditing}
                onDelete={(a) => void remove.run(a)}
                onSetDefault={(a) => void makeDefault.run(a)}
              />
            )}
            {list.length > 0 ? (
              <div className="stack">
                <Button onClick={() => setEditing('new')} disabled={list.length >= MAX_ADDRESSES}>
                  {t('address.add')}
                </Button>
                <small className="hint">{t('address.limit', { max: MAX_ADDRESSES })}</small>
              </div>
            ) : null}
          </>
        )}
      </SkeletonLoadState>
    </section>
  );
}
