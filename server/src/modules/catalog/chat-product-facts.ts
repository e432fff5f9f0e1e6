import type { Executor } from '../../platform/db.ts';
import { effectiveGuarantees, type Guarantee } from './guarantees.ts';

/** What the customer-service bot tells a buyer about a product: its promise to ship and its guarantees. */
export interface ChatProductFacts {
  id: number;
  shopId: number;
  title: string;
  /** Pre-sale: ships within this many days of payment; null → in stock (the platform's ship-by). */
  presaleShipDays: number | null;
  guarantees: Guarantee[];
}

export async function productChatFacts(
  db: Executor,
  productId: number,
): Promise<ChatProductFacts | undefined> {
  const row = await db
    .selectFrom('products as p')
    .innerJoin('categories as c', 'c.id', 'p.categoryId')
    .select(['p.id', 'p.shopId', 'p.title', 'p.presaleShipDays', 'p.guarantees', 'c.defaultGuarantees'])
    .where('p.id', '=', productId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { guarantees, defaultGuarantees, ...rest } = row;
  return { ...rest, guarantees: effectiveGuarantees(defaultGuarantees, guarantees) };
}
