import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { AddressSnapshot } from './addresses.service.ts';
import { regionName } from './regions.ts';

/**
 * Where returns go for many shops in one statement: each shop's return address, else its warehouse
 * (shops with neither are missing from the map).
 */
export async function returnAddressesOf(
  db: Executor,
  shopIds: readonly number[],
): Promise<Map<number, AddressSnapshot>> {
  if (shopIds.length === 0) return new Map();
  const rows = await sql<{
    shopId: number;
    recipient: string;
    phone: string;
    regionCode: string;
    detail: string;
  }>`
    select distinct on (shop_id) shop_id, recipient, phone, region_code, detail
    from shop_addresses
    where shop_id = any(${[...shopIds]}::bigint[]) and kind in ('return', 'warehouse')
    order by shop_id, kind = 'return' desc`.execute(db);
  return new Map(
    rows.rows.map((r) => [
      r.shopId,
      {
        recipient: r.recipient,
        phone: r.phone,
        regionCode: r.regionCode,
        regionName: regionName(r.regionCode) ?? r.regionCode,
        detail: r.detail,
      },
    ]),
  );
}
