import { type Expression, type RawBuilder, sql } from 'kysely';

/**
 * The name of the brand whose id `brandId` holds (a scalar subquery), for another module's list read
 * in one query (IP certifications): the SQL of the brands table stays here.
 */
export function brandNameOf(brandId: Expression<number>): RawBuilder<string> {
  return sql<string>`(select b.name from brands b where b.id = ${brandId})`;
}
