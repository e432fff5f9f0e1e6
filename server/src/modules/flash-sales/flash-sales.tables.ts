import type { ColumnType, Generated } from 'kysely';

export type FlashSaleState = 'scheduled' | 'running' | 'ended' | 'cancelled';

export interface FlashSalesTable {
  id: Generated<number>;
  shopId: number;
  productId: number;
  skuId: number;
  liveSessionId: number | null;
  priceFen: number;
  stockCap: number;
  sold: ColumnType<number, number | undefined>;
  perBuyerLimit: number;
  startsAt: Date;
  endsAt: Date;
  state: ColumnType<FlashSaleState, FlashSaleState | undefined>;
  createdBy: number;
  createdAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
}

export interface FlashSaleBuyersTable {
  flashSaleId: number;
  buyerId: number;
  quantity: number;
}

export interface FlashSalesTables {
  flashSales: FlashSalesTable;
  flashSaleBuyers: FlashSaleBuyersTable;
}
