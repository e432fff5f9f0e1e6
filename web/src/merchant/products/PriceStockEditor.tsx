import { useState } from 'react';
import { ApiError, unwrap } from '../../api/client.ts';
import { useToast } from '../../common/feedback.tsx';
import { useAction } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, Form, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { fenToYuan, yuanToFen } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import type { ProductSummary } from '../types.ts';

type SkuRow = ProductSummary['skus'][number];

/**
 * Price and stock of each SKU of a product, edited in the product table. Through the SKU routes the
 * product editor uses (the same rules: a price above 0, stock within 0..10,000,000; the product keeps
 * its state). Stock is typed as the new amount and sent as the change from what the table showed.
 */
export function PriceStockEditor({ product, onSaved }: { product: ProductSummary; onSaved(): void }) {
  const { t } = useI18n();
  return (
    <fieldset className="stack m-price-stock m-plain-fieldset">
      <legend>{t('merchant.productTable.editTitle', { title: product.title })}</legend>
      <small className="hint">{t('merchant.productTable.editHint')}</small>
      {product.skus.map((sku) => (
        <SkuEditor key={sku.id} productId={product.id} sku={sku} onSaved={onSaved} />
      ))}
    </fieldset>
  );
}

function SkuEditor({ productId, sku, onSaved }: { productId: number; sku: SkuRow; onSaved(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { shop } = useShop();
  const name = sku.spec || sku.code || t('merchant.productTable.defaultSku');
  const [price, setPrice] = useState(fenToYuan(sku.priceFen));
  const [original, setOriginal] = useState(sku.originalPriceFen ? fenToYuan(sku.originalPriceFen) : '');
  const [stock, setStock] = useState(String(sku.stock));
  const save = useAction(async () => {
    const priceFen = yuanToFen(price);
    const count = Number(stock);
    // 划线价 (product rules §6.3): empty clears it; the server checks it against the SKU's own prices.
    const originalPriceFen = original.trim() === '' ? null : yuanToFen(original);
    const problems: { field: string; reason: string }[] = [];
    if (priceFen === undefined || priceFen < 1)
      problems.push({ field: 'priceFen', reason: t('merchant.sku.priceInvalid') });
    if (originalPriceFen === undefined || (originalPriceFen !== null && originalPriceFen < 1))
      problems.push({ field: 'originalPriceFen', reason: t('merchant.originalPrice.invalid') });
    if (stock.trim() === '' || !Number.isSafeInteger(count) || count < 0)
      problems.push({ field: 'stock', reason: t('merchant.productTable.stockInvalid') });
    if (problems.length > 0) throw new ApiError(400, 'validation_failed', '', { fields: problems });
    const path = { id: shop.id, productId, skuId: sku.id };
    // The price and its 划线价 in one change: judged together.
    if (priceFen !== sku.priceFen || originalPriceFen !== sku.originalPriceFen)
      await unwrap(
        api.PATCH('/api/v1/shops/{id}/products/{productId}/skus/{skuId}', {
          params: { path },
          body: {
            ...(priceFen !== sku.priceFen ? { priceFen: priceFen! } : {}),
            ...(originalPriceFen !== sku.originalPriceFen ? { originalPriceFen } : {}),
          },
        }),
      );
    if (count !== sku.stock)
      await unwrap(
        api.POST('/api/v1/shops/{id}/products/{productId}/skus/{skuId}/stock', {
          params: { path },
          body: { delta: count - sku.stock },
        }),
      );
    toast.success(t('merchant.productTable.savedSku', { sku: name }));
    onSaved();
    return true;
  });
  return (
    <Form className="m-inline-form" label={name} onSubmit={() => save.run()}>
      <span className="m-sku-name">{name}</span>
      <TextField
        label={t('merchant.productTable.priceFor', { sku: name })}
        name="priceFen"
        inputMode="decimal"
        value={price}
        onChange={(e) => setPrice(e.target.value)}
        error={save.error}
      />
      <TextField
        label={t('merchant.originalPrice.label', { sku: name })}
        name="originalPriceFen"
        inputMode="decimal"
        value={original}
        hint={t('merchant.originalPrice.hint')}
        onChange={(e) => setOriginal(e.target.value)}
        error={save.error}
      />
      <TextField
        label={t('merchant.productTable.stockFor', { sku: name })}
        name="stock"
        inputMode="numeric"
        value={stock}
        onChange={(e) => setStock(e.target.value)}
        error={save.error}
      />
      <Button type="submit" kind="secondary" busy={save.busy}>
        {t('merchant.productTable.saveSku')}
      </Button>
      <ErrorMessage error={save.error} />
    </Form>
  );
}
