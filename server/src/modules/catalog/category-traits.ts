import type { Executor } from '../../platform/db.ts';
import type { RegulatedType } from './catalog.tables.ts';

export interface CategoryTraits {
  customMade: boolean;
  isVirtual: boolean;
  perishable: boolean;
  regulatedType: RegulatedType | null;
}

/** The traits of a product's category that after-sales rules read (what may be returned, and why). */
export async function categoryTraitsOfProduct(db: Executor, productId: number): Promise<CategoryTraits> {
  return db
    .selectFrom('products as p')
    .innerJoin('categories as c', 'c.id', 'p.categoryId')
    .select(['c.customMade', 'c.isVirtual', 'c.perishable', 'c.regulatedType'])
    .where('p.id', '=', productId)
    .executeTakeFirstOrThrow();
}
