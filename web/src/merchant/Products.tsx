import { useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../api/client.ts';
import { EmptyState, SkeletonLoadState, useConfirm, useToast } from '../common/feedback.tsx';
import { useAction, useLoad } from '../common/hooks.ts';
import { useApi } from '../common/session.tsx';
import { Button, DateTime, ErrorMessage, Form, Money, SelectField, TextField } from '../common/ui.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { PageHead, ProductStateBadge } from './parts.tsx';
import { type BulkResult, BulkResults } from './products/BulkResults.tsx';
import { PriceStockEditor } from './products/PriceStockEditor.tsx';
import { ProductThumb } from './products/ProductThumb.tsx';
import { useShop } from './shop.tsx';
import type { ProductState, ProductSummary } from './types.ts';
import './products/products.css';

const STATES: ProductState[] = ['draft', 'in_review', 'rejected', 'listed', 'delisted', 'blocked'];
const PAGE = 50;

type SortColumn = 'title' | 'price' | 'stock' | 'updated';
interface Sort {
  by: SortColumn;
  order: 'asc' | 'desc';
}

/** A column heading that sorts the table by its column (the server sorts across all pages). */
function SortHeader({
  column,
  label,
  sort,
  onSort,
}: {
  column: SortColumn;
  label: MessageKey;
  sort: Sort;
  onSort(sort: Sort): void;
}) {
  const { t } = useI18n();
  const active = sort.by === column;
  const name = t(label);
  return (
    <th scope="col" aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="m-sort"
        aria-label={t(
          active
            ? sort.order === 'asc'
              ? 'merchant.productTable.sortAsc'
              : 'merchant.productTable.sortDesc'
            : 'merchant.productTable.sortNone',
          { column: name },
        )}
        onClick={() =>
          onSort({
            by: column,
            // a new column starts with what people look for first: A→Z titles, the rest largest/latest first
            order: active ? (sort.order === 'asc' ? 'desc' : 'asc') : column === 'title' ? 'asc' : 'desc',
          })
        }
      >
        {name}
        <span aria-hidden="true">{active ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
  );
}

/** /merchant/products: the shop's products, searched, sorted, selected for bulk list/delist, edited in place. */
export function ProductList() {
  const { t, tEnum, lang } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const { shop } = useShop();
  const [state, setState] = useState<ProductState | ''>('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<Sort>({ by: 'updated', order: 'desc' });
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<number>();
  const [results, setResults] = useState<BulkResult[]>();
  const products = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/shops/{id}/products', {
          params: {
            path: { id: shop.id },
            query: {
              limit: PAGE,
              offset,
              sort: sort.by,
              order: sort.order,
              ...(state ? { state } : {}),
              ...(q ? { q } : {}),
            },
          },
        }),
      ),
    [api, shop.id, state, offset, q, sort.by, sort.order],
  );
  const restart = () => {
    setOffset(0);
    setSelected(new Set());
  };

  const bulk = useAction(async (action: 'list' | 'delist', items: ProductSummary[]) => {
    if (
      action === 'delist' &&
      !(await confirm({
        title: t('merchant.productTable.confirmDelistTitle', { n: items.length }),
        body: t('merchant.productTable.confirmDelistBody'),
        confirmLabel: t('merchant.productTable.confirmDelistOk'),
        danger: true,
      }))
    )
      return;
    const answer = await unwrap(
      api.POST('/api/v1/shops/{id}/products/bulk-state', {
        params: { path: { id: shop.id } },
        body: { action, productIds: items.map((p) => p.id) },
      }),
    );
    const titles = new Map(items.map((p) => [p.id, p.title]));
    const list = answer.results.map((r) => ({ ...r, title: titles.get(r.productId) ?? '' }));
    setResults(list);
    setSelected(new Set());
    const ok = list.filter((r) => r.ok).length;
    const text = t('merchant.productTable.resultsDone', { ok, failed: list.length - ok });
    if (ok === list.length) toast.success(text);
    else toast.error(text);
    products.reload();
  });

  const sortHeader = (column: SortColumn, label: MessageKey) => (
    <SortHeader
      column={column}
      label={label}
      sort={sort}
      onSort={(next) => {
        setSort(next);
        restart();
      }}
    />
  );

  return (
    <section aria-labelledby="products-title">
      <PageHead title={t('merchant.products.title')}>
        <Link className="btn btn-primary" to="/merchant/products/new">
          {t('merchant.products.new')}
        </Link>
      </PageHead>
      <div className="m-inline-form m-filter-bar">
        <Form
          className="m-inline-form"
          onSubmit={() => {
            setQ(typed.trim());
            restart();
          }}
        >
          <TextField
            label={t('merchant.productTable.search')}
            name="q"
            type="search"
            maxLength={50}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <Button type="submit" kind="secondary">
            {t('merchant.productTable.searchButton')}
          </Button>
        </Form>
        <SelectField
          label={t('merchant.products.filter')}
          name="state"
          value={state}
          onChange={(e) => {
            setState(e.target.value as ProductState | '');
            restart();
          }}
        >
          <option value="">{t('merchant.products.allStates')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {tEnum('merchant.productState.', s)}
            </option>
          ))}
        </SelectField>
      </div>
      {results ? <BulkResults results={results} onClose={() => setResults(undefined)} /> : null}
      <SkeletonLoadState loaded={products} rows={6}>
        {(page) => {
          const chosen = page.items.filter((p) => selected.has(p.id));
          const allChosen = page.items.length > 0 && chosen.length === page.items.length;
          const toggle = (id: number, on: boolean) =>
            setSelected((s) => {
              const next = new Set(s);
              if (on) next.add(id);
              else next.delete(id);
              return next;
            });
          return page.items.length === 0 ? (
            <EmptyState
              title={t('merchant.products.empty')}
              hint={t('merchant.productTable.emptyHint')}
              action={{ label: t('merchant.products.new'), to: '/merchant/products/new' }}
            />
          ) : (
            <>
              <div
                className="m-bulk-bar"
                role="toolbar"
                aria-label={t('merchant.productTable.selected', { n: chosen.length })}
              >
                <span>{t('merchant.productTable.selected', { n: chosen.length })}</span>
                <Button
                  kind="secondary"
                  disabled={chosen.length === 0}
                  busy={bulk.busy}
                  onClick={() => void bulk.run('list', chosen)}
                >
                  {t('merchant.productTable.bulkList')}
                </Button>
                <Button
                  kind="danger"
                  disabled={chosen.length === 0}
                  busy={bulk.busy}
                  onClick={() => void bulk.run('delist', chosen)}
                >
                  {t('merchant.productTable.bulkDelist')}
                </Button>
                <small className="hint">{t('merchant.productTable.bulkHint')}</small>
              </div>
              <ErrorMessage error={bulk.error} />
              <div className="m-table-scroll">
                <table className="m-product-table">
                  <caption className="visually-hidden">{t('merchant.products.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">
                        <input
                          type="checkbox"
                          aria-label={t('merchant.productTable.selectAll')}
                          checked={allChosen}
                          onChange={(e) =>
                            setSelected(e.target.checked ? new Set(page.items.map((p) => p.id)) : new Set())
                          }
                        />
                      </th>
                      {sortHeader('title', 'merchant.products.col.title')}
                      <th scope="col">{t('common.state')}</th>
                      {sortHeader('price', 'merchant.products.col.price')}
                      {sortHeader('stock', 'merchant.products.col.stock')}
                      <th scope="col">{t('merchant.productTable.col.sales')}</th>
                      <th scope="col">{t('merchant.products.col.guarantees')}</th>
                      {sortHeader('updated', 'merchant.products.col.updated')}
                      <th scope="col">{t('merchant.productTable.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((p) => (
                      <ProductRow
                        key={p.id}
                        product={p}
                        selected={selected.has(p.id)}
                        onSelect={(on) => toggle(p.id, on)}
                        editing={editing === p.id}
                        onEdit={(on) => setEditing(on ? p.id : undefined)}
                        onSaved={() => products.reload()}
                        guarantees={p.guarantees
                          .map((g) => tEnum('merchant.guarantee.', g))
                          .join(lang === 'zh' ? '、' : ', ')}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="row">
                <span className="hint">
                  {t('merchant.pager', {
                    from: page.offset + 1,
                    to: page.offset + page.items.length,
                    total: page.total,
                  })}
                </span>
                {offset > 0 ? (
                  <button
                    type="button"
                    className="btn btn-secondary"
                    onClick={() => setOffset(offset - PAGE)}
                  >
                    {t('merchant.prev')}
                  </button>
                ) : null}
                {page.offset + page.items.length < page.total ? (
                  <button
                    type="button"
                    className="btn btn-secondary"
                    onClick={() => setOffset(offset + PAGE)}
                  >
                    {t('merchant.next')}
                  </button>
                ) : null}
              </div>
            </>
          );
        }}
      </SkeletonLoadState>
    </section>
  );
}

function ProductRow({
  product: p,
  selected,
  onSelect,
  editing,
  onEdit,
  onSaved,
  guarantees,
}: {
  product: ProductSummary;
  selected: boolean;
  onSelect(on: boolean): void;
  editing: boolean;
  onEdit(on: boolean): void;
  onSaved(): void;
  guarantees: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <tr className={selected ? 'm-row-selected' : undefined}>
        <td>
          <input
            type="checkbox"
            aria-label={t('merchant.productTable.selectOne', { title: p.title })}
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
          />
        </td>
        <td>
          <Link className="m-product-cell" to={`/merchant/products/${p.id}`}>
            <ProductThumb title={p.title} imageUrl={p.imageUrl} />
            <span>{p.title}</span>
          </Link>
        </td>
        <td>
          <ProductStateBadge state={p.state} />
        </td>
        <td>
          <Money fen={p.minPriceFen} />
        </td>
        <td>{p.totalStock}</td>
        <td>{p.unitsSold}</td>
        <td>{guarantees}</td>
        <td>
          <DateTime value={p.updatedAt} />
        </td>
        <td>
          <Button
            kind="secondary"
            aria-expanded={editing}
            aria-controls={`edit-${p.id}`}
            disabled={p.state === 'blocked'}
            onClick={() => onEdit(!editing)}
          >
            {editing ? t('merchant.productTable.editClose') : t('merchant.productTable.edit')}
          </Button>
        </td>
      </tr>
      {editing ? (
        <tr id={`edit-${p.id}`} className="m-edit-row">
          <td colSpan={9}>
            <PriceStockEditor product={p} onSaved={onSaved} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
