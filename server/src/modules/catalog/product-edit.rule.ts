import type { ProductState } from './catalog.tables.ts';

/** What a buyer reads about a product: changing any of it on a listed product needs a new review. */
export interface ProductContent {
  title: string;
  description: string;
  imageUrl: string | null;
  categoryId: number;
  brandId: number | null;
  guarantees: readonly string[];
  qualificationNo: string | null;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The content fields an edit really changes (a field sent with its current value changes nothing). */
export function changedContent(
  current: ProductContent,
  edit: Partial<ProductContent>,
): (keyof ProductContent)[] {
  return (Object.keys(edit) as (keyof ProductContent)[]).filter((field) => {
    const next = edit[field];
    if (next === undefined) return false;
    if (field === 'guarantees') return !sameSet(current.guarantees, next as readonly string[]);
    return current[field] !== next;
  });
}

/**
 * The state a product is in after an edit: a listed product whose content changed goes back to
 * review; price, stock and commission edits keep it listed. Blocked products take no edits (null).
 */
export function stateAfterEdit(state: ProductState, contentChanged: boolean): ProductState | null {
  if (state === 'blocked') return null;
  if (state === 'listed' && contentChanged) return 'in_review';
  return state;
}
