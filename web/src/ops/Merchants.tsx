import { useState } from 'react';
import { unwrap } from '../api/client.ts';
import { useAction, useLoad } from '../common/hooks.ts';
import { useSession } from '../common/session.tsx';
import {
  Badge,
  Button,
  ErrorMessage,
  Form,
  LoadState,
  SelectField,
  TextArea,
  TextField,
} from '../common/ui.tsx';
import { useI18n } from '../i18n/index.tsx';
import { mayUse } from './access.ts';
import { CaseTable } from './CaseTable.tsx';
import { unresolvedCases } from './cases.ts';
import { PageHead } from './parts.tsx';

const SHOP_STATES = ['probation', 'active', 'restricted', 'suspended', 'closed'] as const;
type ShopState = (typeof SHOP_STATES)[number];

/** Merchant onboarding cases held for review, and (super admin) a shop's state change. */
export function MerchantsQueue() {
  const { t } = useI18n();
  const { api, account } = useSession();
  const cases = useLoad(() => unresolvedCases(api, ['merchant_onboarding']), [api]);
  return (
    <section className="stack">
      <PageHead title={t('ops.merchants.title')}>
        <Button kind="secondary" onClick={cases.reload}>
          {t('common.refresh')}
        </Button>
      </PageHead>
      <h3>{t('ops.merchants.cases')}</h3>
      <LoadState loaded={cases}>{(items) => <CaseTable cases={items} />}</LoadState>
      {mayUse(account, ['super_admin']) ? <ShopStateForm /> : null}
    </section>
  );
}

function ShopStateForm() {
  const { t, tEnum } = useI18n();
  const { api } = useSession();
  const [shopId, setShopId] = useState('');
  const [state, setState] = useState<ShopState>('active');
  const [reason, setReason] = useState('');
  const lookup = useAction(async () =>
    unwrap(api.GET('/api/v1/shops/{id}', { params: { path: { id: Number(shopId) } } })),
  );
  const [shop, setShop] = useState<Awaited<ReturnType<typeof lookup.run>>>();
  const change = useAction(async () => {
    const next = await unwrap(
      api.POST('/api/v1/ops/shops/{id}/state', {
        params: { path: { id: Number(shopId) } },
        body: { state, reason },
      }),
    );
    setShop(next);
    setReason('');
  });
  return (
    <div className="card stack">
      <h3>{t('ops.merchants.shopState')}</h3>
      <Form
        label={t('ops.merchants.lookup')}
        className="row"
        onSubmit={async () => setShop(await lookup.run())}
      >
        <TextField
          label={t('ops.merchants.shopId')}
          name="id"
          inputMode="numeric"
          value={shopId}
          onChange={(e) => setShopId(e.target.value)}
          required
        />
        <Button type="submit" kind="secondary" busy={lookup.busy}>
          {t('ops.merchants.lookup')}
        </Button>
      </Form>
      <ErrorMessage error={lookup.error} />
      {shop ? (
        <Form label={t('ops.merchants.shopState')} onSubmit={() => change.run()}>
          <p>
            <strong>{shop.name}</strong> · {tEnum('ops.shopType.', shop.type)} ·{' '}
            <Badge>{tEnum('ops.shopState.', shop.state)}</Badge> · {t('ops.merchants.riskTier')}{' '}
            {tEnum('ops.riskTier.', shop.riskTier)}
          </p>
          <SelectField
            label={t('ops.merchants.newState')}
            name="state"
            value={state}
            onChange={(e) => setState(e.target.value as ShopState)}
            error={change.error}
          >
            {SHOP_STATES.map((s) => (
              <option key={s} value={s}>
                {tEnum('ops.shopState.', s)}
              </option>
            ))}
          </SelectField>
          <TextArea
            label={t('common.reason')}
            name="reason"
            value={reason}
            required
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            error={change.error}
          />
          <ErrorMessage error={change.error} />
          <Button type="submit" kind="danger" busy={change.busy} disabled={!reason.trim()}>
            {t('ops.merchants.changeState')}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
