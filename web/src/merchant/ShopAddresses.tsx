import { useState } from 'react';
import { type paths, unwrap } from '../api/client.ts';
import { AddressFields, type AddressValue, emptyAddress, phoneDigits } from '../common/AddressForm.tsx';
import { SkeletonLoadState, useToast } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Button, DateTime, ErrorMessage, Form } from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PageHead } from './parts.tsx';
import { useShop } from './shop.tsx';
import './shop-addresses.css';

type ShopAddress =
  paths['/api/v1/shops/{id}/addresses']['get']['responses'][200]['content']['application/json'][number];
type Kind = ShopAddress['kind'];

const KINDS: readonly Kind[] = ['warehouse', 'return'];

/** /merchant/addresses: where the shop ships from and where buyers send approved returns. */
export function ShopAddressesPage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const addresses = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/addresses', { params: { path: { id: shop.id } } })),
    [api, shop.id],
  );
  return (
    <section className="stack">
      <PageHead title={t('merchant.addresses.title')} />
      <p className="hint">{t('merchant.addresses.intro')}</p>
      <SkeletonLoadState loaded={addresses}>
        {(list) => (
          <div className="shop-addresses">
            {KINDS.map((kind) => (
              <ShopAddressCard
                key={`${shop.id}-${kind}`}
                shopId={shop.id}
                kind={kind}
                address={list.find((a) => a.kind === kind)}
                onSaved={addresses.reload}
              />
            ))}
          </div>
        )}
      </SkeletonLoadState>
    </section>
  );
}

function ShopAddressCard({
  shopId,
  kind,
  address,
  onSaved,
}: {
  shopId: number;
  kind: Kind;
  address: ShopAddress | undefined;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<AddressValue>(address ?? emptyAddress);
  const title = kind === 'warehouse' ? t('merchant.addresses.warehouse') : t('merchant.addresses.return');
  const save = useAction(async () => {
    await unwrap(
      api.PUT('/api/v1/shops/{id}/addresses/{kind}', {
        params: { path: { id: shopId, kind } },
        body: {
          recipient: value.recipient,
          phone: phoneDigits(value.phone),
          regionCode: value.regionCode,
          detail: value.detail,
        },
      }),
    );
    toast.success(t('merchant.addresses.saved', { kind: title }));
    setEditing(false);
    onSaved();
  });
  const headingId = `shop-address-${kind}`;
  return (
    <section className="card stack shop-address" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {editing ? (
        <Form onSubmit={() => save.run()} label={title}>
          <AddressFields value={value} onChange={setValue} error={save.error} />
          <ErrorMessage error={save.error} />
          <div className="row">
            <Button kind="secondary" onClick={() => setEditing(false)}>
              {t('address.cancel')}
            </Button>
            <Button type="submit" busy={save.busy}>
              {t('address.save')}
            </Button>
          </div>
        </Form>
      ) : (
        <>
          {address ? (
            <div data-user-text>
              <strong>
                {address.recipient} {address.phone}
              </strong>
              <div>
                {address.regionName} {address.detail}
              </div>
              <small className="hint">
                {t('merchant.addresses.updated')} <DateTime value={address.updatedAt} />
              </small>
            </div>
          ) : (
            <p className="hint">
              {t('merchant.addresses.notSet')}
              {kind === 'return' ? ` · ${t('merchant.addresses.returnFallback')}` : ''}
            </p>
          )}
          <div className="row">
            <Button
              kind="secondary"
              aria-label={`${address ? t('merchant.addresses.edit') : t('merchant.addresses.set')} ${title}`}
              onClick={() => {
                setValue(address ?? emptyAddress);
                setEditing(true);
              }}
            >
              {address ? t('merchant.addresses.edit') : t('merchant.addresses.set')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
