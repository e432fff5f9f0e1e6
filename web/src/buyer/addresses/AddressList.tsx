import type { ReactNode } from 'react';
import type { BuyerAddress } from '../../common/AddressForm.tsx';
import { Badge, Button } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';

/**
 * The buyer's addresses as cards: recipient and full phone (the buyer's own), region and street, a
 * 默认 badge. Each action shows only when its handler is given: `onChoose` makes the cards a radio
 * group (for a buy sheet), `onEdit`, `onDelete` and `onSetDefault` add buttons (the address book).
 */
export function AddressList({
  addresses,
  chosenId,
  onChoose,
  onEdit,
  onDelete,
  onSetDefault,
  busy,
}: {
  addresses: readonly BuyerAddress[];
  chosenId?: number | undefined;
  onChoose?: ((address: BuyerAddress) => void) | undefined;
  onEdit?: ((address: BuyerAddress) => void) | undefined;
  onDelete?: ((address: BuyerAddress) => void) | undefined;
  onSetDefault?: ((address: BuyerAddress) => void) | undefined;
  busy?: boolean | undefined;
}) {
  const { t } = useI18n();
  const body = (a: BuyerAddress): ReactNode => (
    <span className="grow address-text" data-user-text>
      <strong>
        {a.recipient} <span className="address-phone">{a.phone}</span>
      </strong>{' '}
      {a.isDefault ? <Badge tone="brand">{t('address.default')}</Badge> : null}
      <small className="address-where">
        {a.regionName} {a.detail}
      </small>
    </span>
  );
  return (
    <ul className="address-list" aria-label={t('buyer.addresses.title')}>
      {addresses.map((a) => (
        <li key={a.id} className={`card address-card${a.id === chosenId ? ' address-chosen' : ''}`}>
          {onChoose ? (
            <label className="row address-choose">
              <input
                type="radio"
                name="address-choice"
                checked={a.id === chosenId}
                onChange={() => onChoose(a)}
              />
              {body(a)}
            </label>
          ) : (
            body(a)
          )}
          {onEdit || onDelete || onSetDefault ? (
            <div className="row address-actions">
              {onSetDefault && !a.isDefault ? (
                <Button kind="link" busy={busy} onClick={() => onSetDefault(a)}>
                  {t('address.setDefault')}
                </Button>
              ) : null}
              {onEdit ? (
                <Button
                  kind="link"
                  onClick={() => onEdit(a)}
                  aria-label={`${t('address.edit')} ${a.recipient} ${a.detail}`}
                >
                  {t('address.edit')}
                </Button>
              ) : null}
              {onDelete ? (
                <Button
                  kind="link"
                  busy={busy}
                  onClick={() => onDelete(a)}
                  aria-label={`${t('address.delete')} ${a.recipient} ${a.detail}`}
                >
                  {t('address.delete')}
                </Button>
              ) : null}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
