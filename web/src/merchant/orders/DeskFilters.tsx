import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, Form, SelectField, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useShop } from '../shop.tsx';
import type { DeskState } from './desk-query.ts';

/** The filters bar above the order table: order number, days placed, live room, buyer, product. */
export function DeskFilters({
  state,
  onApply,
}: {
  state: DeskState;
  onApply(next: Partial<DeskState>): void;
}) {
  const { t, zoneLabel } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [draft, setDraft] = useState(state);
  const sessions = useLoad(
    () => unwrap(api.GET('/api/v1/me/live/sessions', { params: { query: { limit: 100 } } })),
    [api],
  );
  const products = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/products', {
          params: { path: { id: shop.id }, query: { limit: 100, sort: 'title', order: 'asc' } },
        }),
      ),
    [api, shop.id],
  );
  const rooms = (sessions.data?.items ?? []).filter((s) => s.shop?.id === shop.id);
  const set = (key: keyof DeskState) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  const zone = zoneLabel();
  return (
    <Form className="m-filters" label={t('merchant.desk.filters')} onSubmit={() => onApply(draft)}>
      <TextField
        label={t('merchant.desk.search')}
        name="q"
        type="search"
        inputMode="numeric"
        placeholder={t('merchant.desk.searchHint')}
        value={draft.q}
        onChange={set('q')}
      />
      <TextField
        label={t('merchant.desk.from', { zone })}
        name="from"
        type="date"
        value={draft.from}
        onChange={set('from')}
      />
      <TextField
        label={t('merchant.desk.to', { zone })}
        name="to"
        type="date"
        value={draft.to}
        onChange={set('to')}
      />
      <SelectField label={t('merchant.desk.live')} name="live" value={draft.live} onChange={set('live')}>
        <option value="">{t('merchant.desk.anyLive')}</option>
        {rooms.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('merchant.desk.buyer')}
        name="buyer"
        placeholder={t('merchant.desk.buyerHint')}
        value={draft.buyer}
        onChange={set('buyer')}
      />
      <SelectField
        label={t('merchant.desk.product')}
        name="product"
        value={draft.product}
        onChange={set('product')}
      >
        <option value="">{t('merchant.desk.anyProduct')}</option>
        {(products.data?.items ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </SelectField>
      <div className="row m-filter-actions">
        <Button type="submit">{t('merchant.desk.apply')}</Button>
        <Button
          kind="secondary"
          onClick={() => onApply({ q: '', from: '', to: '', live: '', buyer: '', product: '' })}
        >
          {t('merchant.desk.reset')}
        </Button>
      </div>
    </Form>
  );
}
