import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { shopMainCategoryOf } from '../shops/index.ts';

export interface CategoryDepositTerms {
  depositFen: number;
  zeroDepositEligible: boolean;
}

/**
 * product rules §3: the deposit terms of the categories a shop sells in: its main category and the
 * categories of its products on sale, under review or taken down (drafts and rejected ones sell
 * nothing). One query; settlement derives the requirement from them.
 */
export async function depositTermsOfShop(db: Executor, shopId: number): Promise<CategoryDepositTerms[]> {
  const rows = await sql<CategoryDepositTerms>`
    select c.deposit_fen, c.zero_deposit_eligible from categories c
    where c.id = ${shopMainCategoryOf(sql.val(shopId))}
       or c.id in (select category_id from products
                   where shop_id = ${shopId} and state in ('in_review', 'listed', 'delisted', 'blocked'))`.execute(
    db,
  );
  return rows.rows;
}
