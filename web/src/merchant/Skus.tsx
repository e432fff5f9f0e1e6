import { useState } from 'react';
import { ApiError, unwrap } from '../api/client.ts';
import { useAction } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Button, ErrorMessage, Form, Money, TextField } from '../common/ui.tsx';
import { type Translate, useI18n } from '../i18n/index.tsx';
import { fenToYuan, yuanToFen } from './parts.tsx';
import { useShop } from './shop.tsx';
import type { NewSku, Product } from './types.ts';

export interface SkuDraft {
  code: string;
  spec: string;
  price: string;
  stock: string;
  limit: string;
  /** Grams; '' → 0 (only templates by weight use it). */
  weight: string;
}

const EMPTY: SkuDraft = { code: '', spec: '', price: '', stock: '', limit: '', weight: '' };

/** Grams typed by a person, or undefined when not 0 or a whole number. */
export function gramsOf(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return 0;
  const n = Number(t);
  return /^\d+$/.test(t) && Number.isSafeInteger(n) ? n : undefined;
}

/** The typed rows as the API's SKUs; a price or number that is not one is named like a server error. */
export function skuDraftsToBody(rows: SkuDraft[], t: Translate): NewSku[] {
  const problems: { field: string; reason: string }[] = [];
  const skus = rows.map((row, i) => {
    const priceFen = yuanToFen(row.price);
    if (priceFen === undefined || priceFen < 1)
      problems.push({ field: `skus.${i}.priceFen`, reason: t('merchant.sku.priceInvalid') });
    const stock = Number(row.stock);
    if (row.stock.trim() === '' || !Number.isSafeInteger(stock) || stock < 0)
      problems.push({ field: `skus.${i}.stock`, reason: t('merchant.sku.stockInvalid') });
    const limit = row.limit.trim() === '' ? null : Number(row.limit);
    if (limit !== null && (!Number.isSafeInteger(limit) || limit < 1))
      problems.push({ field: `skus.${i}.purchaseLimit`, reason: t('merchant.sku.limitInvalid') });
    const weightGrams = gramsOf(row.weight);
    if (weightGrams === undefined)
      problems.push({ field: `skus.${i}.weightGrams`, reason: t('merchant.sku.weightInvalid') });
    return {
      code: row.code.trim(),
      spec: row.spec.trim(),
      priceFen: priceFen ?? 0,
      stock,
      purchaseLimit: limit,
      weightGrams: weightGrams ?? 0,
    };
  });
  if (problems.length > 0) throw new ApiError(400, 'validation_failed', '', { fields: problems });
  return skus;
}

/** Field errors of SKU row `i` (the server names them skus.<i>.<field>). */
function rowError(error: ApiError | undefined, i: number): ApiError | undefined {
  if (!error) return undefined;
  const prefix = `skus.${i}.`;
  const own = error.fields.filter((f) => f.field.startsWith(prefix));
  return own.length ? new ApiError(error.status, error.code, error.message, { fields: own }) : undefined;
}

export function NewSkuRows({
  skus,
  onChange,
  error,
}: {
  skus: SkuDraft[];
  onChange(rows: SkuDraft[]): void;
  error: ApiError | undefined;
}) {
  const { t } = useI18n();
  const update = (i: number, patch: Partial<SkuDraft>) =>
    onChange(skus.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <fieldset className="stack">
      <legend>{t('merchant.sku.title')}</legend>
      {skus.map((row, i) => {
        const err = rowError(error, i);
        const n = i + 1;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
          <div key={i} className="m-sku-row">
            <TextField
              label={t('merchant.sku.code', { n })}
              name="code"
              value={row.code}
              required
              onChange={(e) => update(i, { code: e.target.value })}
              error={err}
            />
            <TextField
              label={t('merchant.sku.spec', { n })}
              name="spec"
              value={row.spec}
              onChange={(e) => update(i, { spec: e.target.value })}
              error={err}
            />
            <TextField
              label={t('merchant.sku.price', { n })}
              name="priceFen"
              inputMode="decimal"
              value={row.price}
              required
              onChange={(e) => update(i, { price: e.target.value })}
              error={err}
            />
            <TextField
              label={t('merchant.sku.stock', { n })}
              name="stock"
              inputMode="numeric"
              value={row.stock}
              required
              onChange={(e) => update(i, { stock: e.target.value })}
              error={err}
            />
            <TextField
              label={t('merchant.sku.limit', { n })}
              name="purchaseLimit"
              inputMode="numeric"
              value={row.limit}
              onChange={(e) => update(i, { limit: e.target.value })}
              error={err}
            />
            <TextField
              label={t('merchant.sku.weight', { n })}
              name="weightGrams"
              inputMode="numeric"
              value={row.weight}
              onChange={(e) => update(i, { weight: e.target.value })}
              error={err}
            />
            {skus.length > 1 ? (
              <Button kind="secondary" onClick={() => onChange(skus.filter((_, j) => j !== i))}>
                {t('merchant.sku.remove', { n })}
              </Button>
            ) : (
              <span />
            )}
          </div>
        );
      })}
      <div>
        <Button kind="secondary" onClick={() => onChange([...skus, { ...EMPTY }])}>
          {t('merchant.sku.add')}
        </Button>
      </div>
    </fieldset>
  );
}

/** A saved product's SKUs: price and stock changes keep it listed; a new SKU is added here too. */
export function SkuTable({ product, onChange }: { product: Product; onChange(p: Product): void }) {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [adding, setAdding] = useState<SkuDraft>({ ...EMPTY });
  const replaceSku = (sku: Product['skus'][number]) =>
    onChange({ ...product, skus: product.skus.map((s) => (s.id === sku.id ? sku : s)) });
  const add = useAction(async () => {
    const [body] = skuDraftsToBody([adding], t);
    const sku = await unwrap(
      api.POST('/api/v1/shops/{id}/products/{productId}/skus', {
        params: { path: { id: shop.id, productId: product.id } },
        body: body!,
      }),
    );
    onChange({ ...product, skus: [...product.skus, sku] });
    setAdding({ ...EMPTY });
    return sku;
  });
  return (
    <section className="card stack" aria-labelledby="skus-title">
      <h3 id="skus-title">{t('merchant.sku.title')}</h3>
      <table className="m-sku-table">
        <thead>
          <tr>
            <th scope="col">{t('merchant.sku.codeCol')}</th>
            <th scope="col">{t('merchant.sku.specCol')}</th>
            <th scope="col">{t('merchant.sku.priceCol')}</th>
            <th scope="col">{t('merchant.sku.stockCol')}</th>
            <th scope="col">{t('merchant.sku.limitCol')}</th>
            <th scope="col">{t('merchant.sku.weightCol')}</th>
            <th scope="col">{t('merchant.sku.changeCol')}</th>
          </tr>
        </thead>
        <tbody>
          {product.skus.map((sku) => (
            <SkuRow key={sku.id} productId={product.id} sku={sku} onSaved={replaceSku} />
          ))}
        </tbody>
      </table>
      <Form className="m-inline-form" label={t('merchant.sku.add')} onSubmit={() => add.run()}>
        <TextField
          label={t('merchant.sku.codeCol')}
          name="code"
          value={adding.code}
          required
          onChange={(e) => setAdding({ ...adding, code: e.target.value })}
          error={rowError(add.error, 0) ?? add.error}
        />
        <TextField
          label={t('merchant.sku.specCol')}
          name="spec"
          value={adding.spec}
          onChange={(e) => setAdding({ ...adding, spec: e.target.value })}
          error={rowError(add.error, 0) ?? add.error}
        />
        <TextField
          label={t('merchant.sku.priceCol')}
          name="priceFen"
          inputMode="decimal"
          value={adding.price}
          required
          onChange={(e) => setAdding({ ...adding, price: e.target.value })}
          error={rowError(add.error, 0) ?? add.error}
        />
        <TextField
          label={t('merchant.sku.stockCol')}
          name="stock"
          inputMode="numeric"
          value={adding.stock}
          required
          onChange={(e) => setAdding({ ...adding, stock: e.target.value })}
          error={rowError(add.error, 0) ?? add.error}
        />
        <TextField
          label={t('merchant.sku.weightCol')}
          name="weightGrams"
          inputMode="numeric"
          value={adding.weight}
          onChange={(e) => setAdding({ ...adding, weight: e.target.value })}
          error={rowError(add.error, 0) ?? add.error}
        />
        <Button type="submit" kind="secondary" busy={add.busy}>
          {t('merchant.sku.add')}
        </Button>
      </Form>
      <ErrorMessage error={add.error} />
    </section>
  );
}

function SkuRow({
  productId,
  sku,
  onSaved,
}: {
  productId: number;
  sku: Product['skus'][number];
  onSaved(sku: Product['skus'][number]): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const [price, setPrice] = useState(fenToYuan(sku.priceFen));
  const [original, setOriginal] = useState(sku.originalPriceFen ? fenToYuan(sku.originalPriceFen) : '');
  const [delta, setDelta] = useState('');
  const [weight, setWeight] = useState(String(sku.weightGrams));
  const saveWeight = useAction(async () => {
    const weightGrams = gramsOf(weight);
    if (weightGrams === undefined)
      throw new ApiError(400, 'validation_failed', '', {
        fields: [{ field: 'weightGrams', reason: t('merchant.sku.weightInvalid') }],
      });
    const next = await unwrap(
      api.PATCH('/api/v1/shops/{id}/products/{productId}/skus/{skuId}', {
        params: { path },
        body: { weightGrams },
      }),
    );
    onSaved(next);
    return next;
  });
  const path = { id: shop.id, productId, skuId: sku.id };
  const savePrice = useAction(async () => {
    const priceFen = yuanToFen(price);
    // 划线价 (product rules §6.3): empty clears it; the server checks it against the SKU's own prices.
    const originalPriceFen = original.trim() === '' ? null : yuanToFen(original);
    const problems: { field: string; reason: string }[] = [];
    if (priceFen === undefined || priceFen < 1)
      problems.push({ field: 'priceFen', reason: t('merchant.sku.priceInvalid') });
    if (originalPriceFen === undefined || (originalPriceFen !== null && originalPriceFen < 1))
      problems.push({ field: 'originalPriceFen', reason: t('merchant.originalPrice.invalid') });
    if (problems.length > 0) throw new ApiError(400, 'validation_failed', '', { fields: problems });
    const next = await unwrap(
      api.PATCH('/api/v1/shops/{id}/products/{productId}/skus/{skuId}', {
        params: { path },
        // Only what changed: the 划线价 is judged when it or its price changes (a bare save resends the price).
        body:
          originalPriceFen !== sku.originalPriceFen
            ? { ...(priceFen !== sku.priceFen ? { priceFen: priceFen! } : {}), originalPriceFen }
            : { priceFen: priceFen! },
      }),
    );
    onSaved(next);
    return next;
  });
  const adjust = useAction(async () => {
    const n = Number(delta);
    if (delta.trim() === '' || !Number.isSafeInteger(n) || n === 0)
      throw new ApiError(400, 'validation_failed', '', {
        fields: [{ field: 'delta', reason: t('merchant.sku.deltaInvalid') }],
      });
    const next = await unwrap(
      api.POST('/api/v1/shops/{id}/products/{productId}/skus/{skuId}/stock', {
        params: { path },
        body: { delta: n },
      }),
    );
    onSaved(next);
    setDelta('');
    return next;
  });
  return (
    <tr>
      <td>{sku.code}</td>
      <td>{sku.spec || '—'}</td>
      <td>
        <Form
          className="m-inline-form"
          label={t('merchant.sku.priceFor', { code: sku.code })}
          onSubmit={() => savePrice.run()}
        >
          <TextField
            label={t('merchant.sku.priceFor', { code: sku.code })}
            name="priceFen"
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            error={savePrice.error}
          />
          <TextField
            label={t('merchant.originalPrice.label', { sku: sku.code })}
            name="originalPriceFen"
            inputMode="decimal"
            value={original}
            hint={t('merchant.originalPrice.hint')}
            onChange={(e) => setOriginal(e.target.value)}
            error={savePrice.error}
          />
          <Button type="submit" kind="secondary" busy={savePrice.busy}>
            {t('common.save')}
          </Button>
        </Form>
        <ErrorMessage error={savePrice.error} />
      </td>
      <td>
        <strong>{sku.stock}</strong>
      </td>
      <td>{sku.purchaseLimit ?? t('merchant.sku.noLimit')}</td>
      <td>
        <Form
          className="m-inline-form"
          label={t('merchant.sku.weightFor', { code: sku.code })}
          onSubmit={() => saveWeight.run()}
        >
          <TextField
            label={t('merchant.sku.weightFor', { code: sku.code })}
            name="weightGrams"
            inputMode="numeric"
            value={weight}
            onChange={(e) => setWeight(e.target.value)}
            error={saveWeight.error}
          />
          <Button type="submit" kind="secondary" busy={saveWeight.busy}>
            {t('common.save')}
          </Button>
        </Form>
        <ErrorMessage error={saveWeight.error} />
      </td>
      <td>
        <Form
          className="m-inline-form"
          label={t('merchant.sku.stockFor', { code: sku.code })}
          onSubmit={() => adjust.run()}
        >
          <TextField
            label={t('merchant.sku.stockFor', { code: sku.code })}
            name="delta"
            inputMode="numeric"
            value={delta}
            hint={t('merchant.sku.deltaHint')}
            onChange={(e) => setDelta(e.target.value)}
            error={adjust.error}
          />
          <Button type="submit" kind="secondary" busy={adjust.busy}>
            {t('merchant.sku.apply')}
          </Button>
        </Form>
        <ErrorMessage error={adjust.error} />
        <span className="visually-hidden">
          <Money fen={sku.priceFen} />
        </span>
      </td>
    </tr>
  );
}
