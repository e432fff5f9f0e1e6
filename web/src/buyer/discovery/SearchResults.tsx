import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { unwrap } from '../../api/client.ts';
import { useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Empty, LoadState } from '../../common/ui.tsx';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { RankedProductGrid } from './RankedProductCard.tsx';

type Sort = 'ranked' | 'sales' | 'price_asc' | 'price_desc';
const GUARANTEES = ['no_reason_7d', 'freight_insurance', 'fake_pays_n', 'authenticity'] as const;

const yuanToFen = (yuan: string) => {
  const n = Number(yuan);
  return yuan.trim() !== '' && Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : undefined;
};

/** 综合 / 销量 / 价格 (a second tap on 价格 turns the order round). */
function SortTabs({ sort, onSort }: { sort: Sort; onSort(sort: Sort): void }) {
  const { t } = useI18n();
  const price = sort === 'price_asc' || sort === 'price_desc';
  return (
    <fieldset className="sort-tabs" aria-label={t('discovery.sort')}>
      <button
        type="button"
        className="btn btn-link"
        aria-pressed={sort === 'ranked'}
        onClick={() => onSort('ranked')}
      >
        {t('discovery.sort.ranked')}
      </button>
      <button
        type="button"
        className="btn btn-link"
        aria-pressed={sort === 'sales'}
        onClick={() => onSort('sales')}
      >
        {t('discovery.sort.sales')}
      </button>
      <button
        type="button"
        className="btn btn-link"
        aria-pressed={price}
        aria-label={t(sort === 'price_asc' ? 'discovery.sort.priceDesc' : 'discovery.sort.priceAsc')}
        onClick={() => onSort(sort === 'price_asc' ? 'price_desc' : 'price_asc')}
      >
        {t('discovery.sort.price')}
        {sort === 'price_asc' ? ' ↑' : sort === 'price_desc' ? ' ↓' : ''}
      </button>
    </fieldset>
  );
}

interface Filters {
  minPrice: string;
  maxPrice: string;
  trustedOnly: boolean;
  guarantees: string[];
}

function FilterSheet({
  initial,
  onApply,
  onClose,
}: {
  initial: Filters;
  onApply(filters: Filters): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [f, setF] = useState(initial);
  return (
    <div className="sheet-backdrop">
      <div
        className="sheet filter-sheet"
        role="dialog"
        aria-modal="true"
        aria-label={t('discovery.filter.title')}
      >
        <button
          type="button"
          className="close-btn sheet-close"
          onClick={onClose}
          aria-label={t('common.close')}
        >
          ×
        </button>
        <h2>{t('discovery.filter.title')}</h2>
        <fieldset>
          <label>
            {t('discovery.filter.minPrice')}
            <input
              inputMode="decimal"
              value={f.minPrice}
              onChange={(e) => setF({ ...f, minPrice: e.target.value })}
            />
          </label>
          <label>
            {t('discovery.filter.maxPrice')}
            <input
              inputMode="decimal"
              value={f.maxPrice}
              onChange={(e) => setF({ ...f, maxPrice: e.target.value })}
            />
          </label>
        </fieldset>
        <label>
          <input
            type="checkbox"
            checked={f.trustedOnly}
            onChange={(e) => setF({ ...f, trustedOnly: e.target.checked })}
          />
          {t('discovery.filter.trusted')}
        </label>
        <fieldset>
          <legend>{t('discovery.filter.guarantees')}</legend>
          {GUARANTEES.map((g) => (
            <label key={g}>
              <input
                type="checkbox"
                checked={f.guarantees.includes(g)}
                onChange={(e) =>
                  setF({
                    ...f,
                    guarantees: e.target.checked ? [...f.guarantees, g] : f.guarantees.filter((x) => x !== g),
                  })
                }
              />
              {t(`discovery.g.${g}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => setF({ minPrice: '', maxPrice: '', trustedOnly: false, guarantees: [] })}
          >
            {t('discovery.filter.reset')}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => onApply(f)}>
            {t('discovery.filter.apply')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Search results with sort tabs and a filter sheet; the choices live in the address (back works). */
export function SearchResults({ q }: { q: string }) {
  const { t } = useI18n();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const [sheet, setSheet] = useState(false);
  const sort = (params.get('sort') as Sort | null) ?? 'ranked';
  const filters: Filters = {
    minPrice: params.get('min') ?? '',
    maxPrice: params.get('max') ?? '',
    trustedOnly: params.get('trusted') === '1',
    guarantees: params.get('g')?.split(',').filter(Boolean) ?? [],
  };
  const active =
    (filters.minPrice ? 1 : 0) +
    (filters.maxPrice ? 1 : 0) +
    (filters.trustedOnly ? 1 : 0) +
    filters.guarantees.length;
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const minPriceFen = yuanToFen(filters.minPrice);
  const maxPriceFen = yuanToFen(filters.maxPrice);
  const found = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/discovery/products', {
          params: {
            query: {
              q: q || undefined,
              sort,
              limit: 40,
              minPriceFen,
              maxPriceFen,
              trustedOnly: filters.trustedOnly || undefined,
              guarantees: filters.guarantees.length ? filters.guarantees.join(',') : undefined,
            },
          },
        }),
      ),
    [api, q, sort, minPriceFen, maxPriceFen, filters.trustedOnly, filters.guarantees.join(',')],
  );
  return (
    <>
      <div className="row">
        <SortTabs sort={sort} onSort={(s) => set({ sort: s === 'ranked' ? null : s })} />
        <button type="button" className="btn btn-link" onClick={() => setSheet(true)}>
          {active ? t('discovery.filter.active', { n: active }) : t('discovery.filter')}
        </button>
      </div>
      {sheet ? (
        <FilterSheet
          initial={filters}
          onClose={() => setSheet(false)}
          onApply={(f) => {
            setSheet(false);
            set({
              min: f.minPrice,
              max: f.maxPrice,
              trusted: f.trustedOnly ? '1' : null,
              g: f.guarantees.join(','),
            });
          }}
        />
      ) : null}
      <LoadState loaded={found}>
        {(d) => (
          <>
            <p className="hint" role="status">
              {t('buyer.search.count', { n: d.total ?? d.items.length })}
            </p>
            {d.items.length ? <RankedProductGrid page={d} /> : <Empty>{t('buyer.search.none')}</Empty>}
          </>
        )}
      </LoadState>
    </>
  );
}
