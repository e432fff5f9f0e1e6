import type { ColumnType, Generated } from 'kysely';

export type ShopAddressKind = 'warehouse' | 'return';

export interface BuyerAddressesTable {
  id: Generated<number>;
  buyerId: number;
  recipient: string;
  phone: string;
  /** 6-digit national administrative-division county code (@vant/area-data). */
  regionCode: string;
  detail: string;
  isDefault: ColumnType<boolean, boolean | undefined>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined>;
}

export interface ShopAddressesTable {
  shopId: number;
  kind: ShopAddressKind;
  recipient: string;
  phone: string;
  regionCode: string;
  detail: string;
  updatedAt: ColumnType<Date, Date | undefined>;
}

export interface AddressesTables {
  buyerAddresses: BuyerAddressesTable;
  shopAddresses: ShopAddressesTable;
}
