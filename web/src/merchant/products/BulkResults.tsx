import { ApiError } from '../../api/client.ts';
import { Button, errorText } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { ProductState } from '../types.ts';

export interface BulkResult {
  productId: number;
  title: string;
  ok: boolean;
  state: ProductState | null;
  error: { code: string; message: string; details?: unknown } | null;
}

/** What a bulk list/delist did to each product: done (and its state now) or why not, in words. */
export function BulkResults({ results, onClose }: { results: BulkResult[]; onClose(): void }) {
  const { t, tEnum } = useI18n();
  return (
    <section className="card stack m-bulk-results" aria-labelledby="bulk-results-title">
      <div className="row">
        <h3 id="bulk-results-title">{t('merchant.productTable.results')}</h3>
        <Button kind="link" onClick={onClose}>
          {t('merchant.productTable.closeResults')}
        </Button>
      </div>
      <ul>
        {results.map((r) => (
          <li key={r.productId} className={r.ok ? 'm-result-ok' : 'm-result-bad'}>
            <strong>{r.title}</strong>{' '}
            {r.ok && r.state
              ? t('merchant.productTable.resultOk', { state: tEnum('merchant.productState.', r.state) })
              : t('merchant.productTable.resultFailed', {
                  reason: errorText(
                    t,
                    new ApiError(
                      r.error?.code === 'not_found' ? 404 : 409,
                      r.error?.code ?? 'internal',
                      r.error?.message ?? '',
                      (r.error?.details as Record<string, unknown> | undefined) ?? {},
                    ),
                  ),
                })}
          </li>
        ))}
      </ul>
    </section>
  );
}
