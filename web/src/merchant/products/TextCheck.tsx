import { Fragment } from 'react';
import { unwrap } from '../../api/client.ts';
import { useLoad } from '../../common/hooks.ts';
import { markSpans } from '../../common/mark-spans.ts';
import { useApi } from '../../common/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Product } from '../types.ts';
import './products.css';

/**
 * What the listing text check matches in the product's title and description, as the merchant wrote
 * them (screened as a listing), with each matched word that counts marked and named with its category:
 * the words to change (defect 5); and a category the model reads in a field as a whole.
 */
export function TextCheck({ product, shopId }: { product: Product; shopId: number }) {
  const { t, tEnum } = useI18n();
  const api = useApi();
  const screened = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/products/{productId}/screening', {
          params: { path: { id: shopId, productId: product.id } },
        }),
      ),
    [api, shopId, product.id, product.title, product.description, product.updatedAt],
  );
  // a negated or disclaimed word does not count: only what counts is the merchant's to change
  const fields = (screened.data?.fields ?? [])
    .map((f) => ({ ...f, hits: f.hits.filter((h) => h.counted), flagged: f.model.filter((m) => m.flagged) }))
    .filter((f) => f.hits.length > 0 || f.flagged.length > 0);
  if (fields.length === 0) return null;
  return (
    <div className="stack m-text-check" data-testid="text-check">
      <h4>{t('merchant.textCheck.title')}</h4>
      <p className="hint">{t('merchant.textCheck.hint')}</p>
      {fields.map((f) => (
        <div key={f.field} className="stack">
          <strong>{tEnum('merchant.textCheck.field.', f.field)}</strong>
          <p className="m-marked" data-field={f.field}>
            {markSpans(
              f.text,
              f.hits.map((h) => [h.span[0] ?? 0, h.span[1] ?? 0] as const),
            ).map((piece, i) =>
              // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one text, in order
              piece.marked ? <mark key={i}>{piece.text}</mark> : <Fragment key={i}>{piece.text}</Fragment>,
            )}
          </p>
          <ul>
            {f.hits.map((h) => (
              <li key={`${h.span[0]}-${h.term}`}>
                {t('merchant.textCheck.word', {
                  word: f.text.slice(h.span[0] ?? 0, h.span[1] ?? 0),
                  category: tEnum('merchant.textCheck.category.', h.category),
                })}
                {h.severity === 'high' ? t('merchant.textCheck.high') : t('merchant.textCheck.low')}
              </li>
            ))}
            {f.flagged.map((m) => (
              <li key={`model-${m.category}`}>
                {t('merchant.textCheck.model', {
                  category: tEnum('merchant.textCheck.category.', m.category),
                })}
                {m.high ? t('merchant.textCheck.high') : t('merchant.textCheck.low')}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
