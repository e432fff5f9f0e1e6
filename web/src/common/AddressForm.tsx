import { useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { type paths, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAction } from './hooks.ts';
import { RegionPicker } from './RegionPicker.tsx';
import { useApi } from './session.tsx';
import { Button, ErrorMessage, Form, TextField } from './ui.tsx';

export type BuyerAddress =
  paths['/api/v1/me/addresses']['get']['responses'][200]['content']['application/json'][number];

/** The fields every address has (a buyer's and a shop's). */
export interface AddressValue {
  recipient: string;
  phone: string;
  regionCode: string;
  detail: string;
}

export const emptyAddress: AddressValue = { recipient: '', phone: '', regionCode: '', detail: '' };

/** What the buyer typed as a phone, as the server takes it: spaces and dashes dropped (138 1234-1234). */
export const phoneDigits = (phone: string) => phone.replace(/[\s-]/g, '');

/**
 * Recipient, mobile number, region (province → city → county) and street address, with each
 * field's server error under it. Controlled: the parent keeps the value.
 */
export function AddressFields({
  value,
  onChange,
  error,
}: {
  value: AddressValue;
  onChange(value: AddressValue): void;
  error?: ApiError | undefined;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<AddressValue>) => onChange({ ...value, ...patch });
  return (
    <>
      <TextField
        label={t('address.recipient')}
        name="recipient"
        value={value.recipient}
        onChange={(e) => set({ recipient: e.target.value })}
        autoComplete="name"
        maxLength={25}
        required
        error={error}
      />
      <TextField
        label={t('address.phone')}
        name="phone"
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        value={value.phone}
        onChange={(e) => set({ phone: e.target.value })}
        maxLength={13}
        hint={t('address.phoneHint')}
        required
        error={error}
      />
      <RegionPicker value={value.regionCode} onChange={(regionCode) => set({ regionCode })} error={error} />
      <TextField
        label={t('address.detail')}
        name="detail"
        value={value.detail}
        onChange={(e) => set({ detail: e.target.value })}
        autoComplete="street-address"
        maxLength={120}
        hint={t('address.detailHint')}
        required
        error={error}
      />
    </>
  );
}

/**
 * Adds an address to the buyer's book, or edits `address` when given; `onSaved` gets the saved
 * address (the first one the buyer adds becomes the default on the server).
 */
export function AddressForm({
  address,
  onSaved,
  onCancel,
}: {
  address?: BuyerAddress | undefined;
  onSaved(address: BuyerAddress): void;
  onCancel?: (() => void) | undefined;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [value, setValue] = useState<AddressValue>(
    address
      ? {
          recipient: address.recipient,
          phone: address.phone,
          regionCode: address.regionCode,
          detail: address.detail,
        }
      : emptyAddress,
  );
  const [makeDefault, setMakeDefault] = useState(false);
  const save = useAction(async () => {
    const body = { ...value, phone: phoneDigits(value.phone) };
    const saved = address
      ? await unwrap(
          api.PATCH('/api/v1/me/addresses/{id}', {
            params: { path: { id: address.id } },
            body: { ...body, ...(makeDefault ? { isDefault: true as const } : {}) },
          }),
        )
      : await unwrap(api.POST('/api/v1/me/addresses', { body: { ...body, isDefault: makeDefault } }));
    onSaved(saved);
    return saved;
  });
  return (
    <Form
      onSubmit={() => save.run()}
      label={address ? t('buyer.addresses.editTitle') : t('buyer.addresses.newTitle')}
      className="form address-form"
    >
      <AddressFields value={value} onChange={setValue} error={save.error} />
      {address?.isDefault ? null : (
        <label className="row address-default-check">
          <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
          {t('address.makeDefault')}
        </label>
      )}
      <ErrorMessage error={save.error} />
      <div className="row">
        {onCancel ? (
          <Button kind="secondary" onClick={onCancel}>
            {t('address.cancel')}
          </Button>
        ) : null}
        <Button type="submit" busy={save.busy}>
          {t('address.save')}
        </Button>
      </div>
    </Form>
  );
}
