import { zonedInputToIso } from '../../i18n/time-zone.ts';

export const VIEWS = ['all', 'to_pay', 'to_ship', 'shipped', 'completed', 'cancelled', 'aftersales'] as const;
export type View = (typeof VIEWS)[number];
export const PAGE_SIZES = [20, 50, 100] as const;

/** The desk's state as the address keeps it (so a filtered list can be linked, reloaded, shared). */
export interface DeskState {
  view: View;
  q: string;
  from: string;
  to: string;
  live: string;
  buyer: string;
  product: string;
  page: number;
  size: number;
}

export function readDesk(params: URLSearchParams): DeskState {
  const view = params.get('view') ?? (params.get('state') === 'paid' ? 'to_ship' : 'all');
  const size = Number(params.get('size'));
  return {
    view: (VIEWS as readonly string[]).includes(view) ? (view as View) : 'all',
    q: params.get('q') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    live: params.get('live') ?? '',
    buyer: params.get('buyer') ?? '',
    product: params.get('product') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : 20,
  };
}

export function writeDesk(state: DeskState): URLSearchParams {
  const out = new URLSearchParams();
  if (state.view !== 'all') out.set('view', state.view);
  for (const key of ['q', 'from', 'to', 'live', 'buyer', 'product'] as const) {
    if (state[key].trim()) out.set(key, state[key].trim());
  }
  if (state.page > 1) out.set('page', String(state.page));
  if (state.size !== 20) out.set('size', String(state.size));
  return out;
}

/** The day after a `YYYY-MM-DD` date (the "until" date is inclusive: placed before the next midnight). */
function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The API's filters for the desk's state; dates are days of the platform's time zone. */
export function apiFilters(state: DeskState, zone: string) {
  const filters: {
    view?: View;
    q?: string;
    from?: string;
    to?: string;
    liveSessionId?: number;
    buyer?: string;
    productId?: number;
  } = {};
  if (state.view !== 'all') filters.view = state.view;
  if (state.q.trim()) filters.q = state.q.trim();
  if (state.from) filters.from = zonedInputToIso(`${state.from}T00:00`, zone);
  if (state.to) filters.to = zonedInputToIso(`${nextDay(state.to)}T00:00`, zone);
  if (state.live) filters.liveSessionId = Number(state.live);
  if (state.buyer.trim()) filters.buyer = state.buyer.trim();
  if (state.product) filters.productId = Number(state.product);
  return filters;
}
