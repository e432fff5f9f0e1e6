import { useEffect, useMemo, useState } from 'react';
import { ApiError, unwrap } from '../../api/client.ts';
import { DateTimeField, useZonedTime } from '../../common/date-time-field.tsx';
import { useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, Form, SelectField, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { yuanToFen } from '../parts.tsx';
import type { FlashSale } from './flash-sale-types.ts';

export interface FlashSaleFormProps {
  /** The shop whose listed products and SKUs are offered. */
  shopId: number;
  /**
   * Set in a live console: the sale is offered in this live room ("上架秒杀", POST
   * /live/sessions/:id/flash-sales), starts now and lasts a number of minutes. Absent: the merchant
   * console's form with start and end times (POST /shops/:shopId/flash-sales).
   */
  liveSessionId?: number | undefined;
  /** Only these products are offered (a live room: the pinned ones). Absent: every listed product. */
  productIds?: readonly number[] | undefined;
  /** Called with the sale the server created. */
  onCreated?(sale: FlashSale): void;
}

interface Fields {
  productId: string;
  skuId: string;
  price: string;
  stockCap: string;
  perBuyerLimit: string;
  startsAt: string;
  endsAt: string;
  minutes: string;
}

const EMPTY: Fields = {
  productId: '',
  skuId: '',
  price: '',
  stockCap: '',
  perBuyerLimit: '1',
  startsAt: '',
  endsAt: '',
  minutes: '10',
};

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

/** A 400 shown next to the fields, made here before asking the server (the same reasons it gives). */
function localProblems(fields: { field: string; reason: string }[]): ApiError {
  return new ApiError(400, 'validation_failed', 'invalid input', { fields });
}

/**
 * The flash-sale form (秒杀): product and SKU, the flash price in ¥ (checked below the SKU's price),
 * the flash stock (at most the SKU's stock), the per-buyer limit, and either a start and end time (shop)
 * or a duration starting now (live room). Refused fields are shown beside them.
 */
export function FlashSaleForm({ shopId, liveSessionId, productIds, onCreated }: FlashSaleFormProps) {
  const { t, money } = useI18n();
  const api = useApi();
  const toast = useToast();
  const confirm = useConfirm();
  const zoned = useZonedTime();
  const live = liveSessionId !== undefined;
  const [form, setForm] = useState<Fields>(EMPTY);
  const [local, setLocal] = useState<ApiError>();
  const listed = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/products', {
          params: { path: { id: shopId }, query: { state: 'listed', limit: 100 } },
        }),
      ),
    [api, shopId],
  );
  const products = useMemo(
    () => (listed.data?.items ?? []).filter((p) => !productIds || productIds.includes(p.id)),
    [listed.data, productIds],
  );
  // One product to choose from (a live console's 上架秒杀 on one pinned product): chosen already.
  const only = products.length === 1 ? products[0] : undefined;
  useEffect(() => {
    if (!only) return;
    setForm((f) =>
      f.productId
        ? f
        : { ...f, productId: String(only.id), skuId: only.skus.length === 1 ? String(only.skus[0]!.id) : '' },
    );
  }, [only]);
  const product = products.find((p) => String(p.id) === form.productId);
  const sku = product?.skus.find((s) => String(s.id) === form.skuId);

  const create = useAction(async () => {
    setLocal(undefined);
    const problems: { field: string; reason: string }[] = [];
    if (!sku) problems.push({ field: 'skuId', reason: 'is required' });
    const priceFen = yuanToFen(form.price);
    if (priceFen === undefined)
      problems.push({ field: 'priceFen', reason: 'must be a positive whole number of fen' });
    else if (priceFen <= 0) problems.push({ field: 'priceFen', reason: 'must be above 0' });
    else if (sku && priceFen >= sku.priceFen) {
      problems.push({ field: 'priceFen', reason: `must be below the SKU's price of ${sku.priceFen} fen` });
    }
    const stockCap = wholeNumber(form.stockCap);
    if (!stockCap) problems.push({ field: 'stockCap', reason: 'must be at least 1' });
    else if (sku && stockCap > sku.stock) {
      problems.push({ field: 'stockCap', reason: `must not exceed the SKU's stock of ${sku.stock}` });
    }
    const perBuyerLimit = wholeNumber(form.perBuyerLimit);
    if (!perBuyerLimit) problems.push({ field: 'perBuyerLimit', reason: 'must be at least 1' });
    const minutes = wholeNumber(form.minutes);
    if (live && (!minutes || minutes > 1440))
      problems.push({ field: 'durationSeconds', reason: 'must be <= 1440' });
    if (!live && !form.endsAt) problems.push({ field: 'endsAt', reason: 'is required' });
    if (problems.length > 0) {
      setLocal(localProblems(problems));
      return undefined;
    }
    // Offered in a live room, the sale is in front of every viewer at once: say so before it starts.
    if (live) {
      const ok = await confirm({
        title: t('flash.form.liveConfirmTitle'),
        body: t('flash.form.liveConfirmBody', {
          price: money(priceFen!),
          cap: stockCap!,
          minutes: minutes!,
        }),
        confirmLabel: t('flash.form.liveSubmit'),
      });
      if (!ok) return undefined;
    }
    const common = {
      skuId: sku!.id,
      priceFen: priceFen!,
      stockCap: stockCap!,
      perBuyerLimit: perBuyerLimit!,
    };
    const startsAt = form.startsAt ? zoned.toIso(form.startsAt) : undefined;
    const sale = live
      ? await unwrap(
          api.POST('/api/v1/live/sessions/{id}/flash-sales', {
            params: { path: { id: liveSessionId } },
            body: { ...common, durationSeconds: minutes! * 60, ...(startsAt ? { startsAt } : {}) },
          }),
        )
      : await unwrap(
          api.POST('/api/v1/shops/{id}/flash-sales', {
            params: { path: { id: shopId } },
            body: {
              ...common,
              startsAt: startsAt ?? new Date().toISOString(),
              endsAt: zoned.toIso(form.endsAt),
            },
          }),
        );
    setForm(
      only
        ? {
            ...EMPTY,
            productId: String(only.id),
            skuId: only.skus.length === 1 ? String(only.skus[0]!.id) : '',
          }
        : EMPTY,
    );
    toast.success(t(live ? 'flash.form.liveCreated' : 'flash.form.created'));
    onCreated?.(sale);
    return sale;
  });
  const error = local ?? create.error;
  const set = (field: keyof Fields) => (e: { target: { value: string } }) => {
    setLocal(undefined);
    setForm((f) => ({ ...f, [field]: e.target.value }));
  };

  return (
    <Form
      className="card form"
      label={t(live ? 'flash.form.liveTitle' : 'flash.form.title')}
      onSubmit={() => create.run()}
    >
      <h3>{t(live ? 'flash.form.liveTitle' : 'flash.form.title')}</h3>
      {listed.data && products.length === 0 ? <p className="hint">{t('flash.form.noProducts')}</p> : null}
      <SelectField
        label={t('flash.form.product')}
        name="productId"
        value={form.productId}
        onChange={(e) => {
          const chosen = products.find((p) => String(p.id) === e.target.value);
          setLocal(undefined);
          setForm((f) => ({
            ...f,
            productId: e.target.value,
            skuId: chosen?.skus.length === 1 ? String(chosen.skus[0]!.id) : '',
          }));
        }}
        required
      >
        <option value="">{t('flash.form.chooseProduct')}</option>
        {products.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('flash.form.sku')}
        name="skuId"
        value={form.skuId}
        onChange={set('skuId')}
        error={error}
        disabled={!product}
        required
      >
        <option value="">{t('flash.form.chooseSku')}</option>
        {product?.skus.map((s) => (
          <option key={s.id} value={s.id}>
            {t('flash.form.skuOption', { spec: s.spec, price: money(s.priceFen), stock: s.stock })}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('flash.form.price')}
        name="priceFen"
        inputMode="decimal"
        required
        value={form.price}
        onChange={set('price')}
        hint={sku ? t('flash.form.priceHint', { price: money(sku.priceFen) }) : undefined}
        error={error}
      />
      <TextField
        label={t('flash.form.stockCap')}
        name="stockCap"
        type="number"
        min={1}
        required
        value={form.stockCap}
        onChange={set('stockCap')}
        hint={sku ? t('flash.form.stockCapHint', { stock: sku.stock }) : undefined}
        error={error}
      />
      <TextField
        label={t('flash.form.perBuyerLimit')}
        name="perBuyerLimit"
        type="number"
        min={1}
        required
        value={form.perBuyerLimit}
        onChange={set('perBuyerLimit')}
        error={error}
      />
      {live ? (
        <TextField
          label={t('flash.form.duration')}
          name="durationSeconds"
          type="number"
          min={1}
          max={1440}
          required
          value={form.minutes}
          onChange={set('minutes')}
          hint={t('flash.form.durationHint')}
          error={error}
        />
      ) : (
        <>
          <DateTimeField
            label={t('flash.form.startsAt')}
            name="startsAt"
            value={form.startsAt}
            onChange={(v) => setForm((f) => ({ ...f, startsAt: v }))}
            hint={t('flash.form.startsAtHint')}
            error={error}
          />
          <DateTimeField
            label={t('flash.form.endsAt')}
            name="endsAt"
            value={form.endsAt}
            onChange={(v) => setForm((f) => ({ ...f, endsAt: v }))}
            hint={t('flash.form.windowHint')}
            error={error}
            required
          />
        </>
      )}
      <ErrorMessage error={error} />
      <Button type="submit" busy={create.busy}>
        {t(live ? 'flash.form.liveSubmit' : 'flash.form.submit')}
      </Button>
    </Form>
  );
}
