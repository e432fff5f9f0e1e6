import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useAction } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, Form, SelectField, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useShop } from '../shop.tsx';
import { CARRIERS, type Carrier } from '../types.ts';

/** Ship one paid order: carrier and waybill. */
export function ShipForm({ orderId, onShipped }: { orderId: number; onShipped(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [carrier, setCarrier] = useState<Carrier | ''>('');
  const [tracking, setTracking] = useState('');
  const ship = useAction(async () => {
    const result = await unwrap(
      api.POST('/api/v1/shops/{id}/orders/{orderId}/shipment', {
        params: { path: { id: shop.id, orderId } },
        body: { carrier: carrier as Carrier, trackingNumber: tracking.trim() },
      }),
    );
    onShipped();
    return result;
  });
  return (
    <>
      <Form
        className="m-inline-form"
        label={t('merchant.orders.shipFormFor', { id: orderId })}
        onSubmit={() => ship.run()}
      >
        <SelectField
          label={t('merchant.orders.carrier')}
          name="carrier"
          value={carrier}
          required
          onChange={(e) => setCarrier(e.target.value as Carrier)}
          error={ship.error}
        >
          <option value="">{t('merchant.orders.chooseCarrier')}</option>
          {CARRIERS.map((c) => (
            <option key={c} value={c}>
              {t(`merchant.carrier.${c}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('merchant.orders.tracking')}
          name="trackingNumber"
          value={tracking}
          required
          pattern="[A-Za-z0-9]{8,30}"
          title={t('merchant.orders.trackingHint')}
          onChange={(e) => setTracking(e.target.value)}
          error={ship.error}
        />
        <Button type="submit" busy={ship.busy}>
          {t('merchant.orders.ship')}
        </Button>
      </Form>
      <ErrorMessage error={ship.error} />
    </>
  );
}
