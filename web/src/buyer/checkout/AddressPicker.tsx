import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { AddressForm } from '../../common/AddressForm.tsx';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, LoadState } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Quote } from './quote.ts';

/** The address row of the order: where it goes (the default until the buyer picks another). */
export function AddressSummary({ address, onOpen }: { address: Quote['address']; onOpen(): void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="quote-pick quote-address"
      onClick={onOpen}
      aria-label={address ? t('buyer.quote.changeAddress') : t('buyer.quote.addAddress')}
    >
      <span aria-hidden="true" className="quote-pin" />
      {address ? (
        <span className="grow quote-pick-value" data-user-text>
          <strong>
            {address.recipient} {address.phone}
          </strong>
          <small>
            {address.regionName} {address.detail}
          </small>
        </span>
      ) : (
        <span className="grow quote-pick-value quote-bad">{t('buyer.quote.addressNone')}</span>
      )}
      <span aria-hidden="true">›</span>
    </button>
  );
}

/**
 * Choosing the delivery address: the buyer's addresses (the default first), or a new one typed in
 * place (H1's form: region by the national division code, phone checked), which is then chosen.
 */
export function AddressPicker({
  chosen,
  onChoose,
  onBack,
}: {
  chosen: number | undefined;
  onChoose(id: number): void;
  onBack(): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const addresses = useLoad(() => unwrap(api.GET('/api/v1/me/addresses')), [api]);
  const [adding, setAdding] = useState(false);
  return (
    <section className="stack" aria-labelledby="address-pick-title">
      <h3 id="address-pick-title">{t('buyer.quote.chooseAddress')}</h3>
      <LoadState loaded={addresses}>
        {(list) => {
          const current = chosen ?? list.find((a) => a.isDefault)?.id;
          return adding || list.length === 0 ? (
            <AddressForm
              onSaved={(a) => {
                setAdding(false);
                addresses.reload();
                onChoose(a.id);
              }}
              onCancel={list.length === 0 ? onBack : () => setAdding(false)}
            />
          ) : (
            <>
              <fieldset className="address-list">
                <legend className="visually-hidden">{t('buyer.quote.chooseAddress')}</legend>
                {[...list]
                  .sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
                  .map((a) => (
                    <label key={a.id} className={`address-option${a.id === current ? ' sku-selected' : ''}`}>
                      <input
                        type="radio"
                        name="checkout-address"
                        checked={a.id === current}
                        onChange={() => onChoose(a.id)}
                      />
                      <span className="grow" data-user-text>
                        <strong>
                          {a.recipient} {a.phone}
                        </strong>{' '}
                        {a.isDefault ? <Badge tone="brand">{t('buyer.quote.default')}</Badge> : null}
                        <small className="block">
                          {a.regionName} {a.detail}
                        </small>
                      </span>
                    </label>
                  ))}
              </fieldset>
              <div className="row">
                <Button kind="secondary" onClick={() => setAdding(true)}>
                  {t('buyer.quote.addAddress')}
                </Button>
                <Button className="btn btn-primary grow" onClick={onBack}>
                  {t('buyer.quote.backToOrder')}
                </Button>
              </div>
            </>
          );
        }}
      </LoadState>
    </section>
  );
}
