import type { Executor } from '../../platform/db.ts';
import type { FreightMode } from './freight.tables.ts';

/** What a product page says about shipping before the buyer's address is known. */
export interface ShippingTerms {
  mode: FreightMode;
  firstUnits: number;
  firstFen: number;
  extraUnits: number;
  extraFen: number;
  freeOverFen: number | null;
  /** Regions with a remote rule: they pay their own fee, above the free-over amount too. */
  remoteCodes: string[];
  excludedCodes: string[];
}

/**
 * The terms a product ships on: its own template when it is the shop's, else the shop's default;
 * null when there is none (it ships free).
 */
export async function shippingTerms(
  db: Executor,
  shopId: number,
  templateId: number | null,
): Promise<ShippingTerms | null> {
  const rows = await db
    .selectFrom('freightTemplates')
    .select([
      'id',
      'mode',
      'firstUnits',
      'firstFen',
      'extraUnits',
      'extraFen',
      'freeOverFen',
      'isDefault',
      'regions',
      'excludedCodes',
    ])
    .where('shopId', '=', shopId)
    .where((eb) =>
      templateId === null
        ? eb('isDefault', '=', true)
        : eb.or([eb('isDefault', '=', true), eb('id', '=', templateId)]),
    )
    .execute();
  const row = rows.find((r) => r.id === templateId) ?? rows.find((r) => r.isDefault);
  if (!row) return null;
  const { id, isDefault, regions, ...terms } = row;
  return { ...terms, remoteCodes: regions.filter((r) => r.remote).flatMap((r) => r.codes) };
}
