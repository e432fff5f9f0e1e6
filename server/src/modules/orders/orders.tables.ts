import type { ColumnType, Generated } from 'kysely';

export type OrderState = 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';
export type ActorKind = 'buyer' | 'merchant' | 'ops' | 'system' | 'carrier' | 'provider';

/** The delivery address snapshot an order keeps (addresses' AddressSnapshot). */
export interface OrderAddress {
  recipient: string;
  phone: string;
  regionCode: string;
  regionName: string;
  detail: string;
}

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface OrderGroupsTable {
  id: Generated<number>;
  buyerId: number;
  totalFen: number;
  createdAt: CreatedAt;
}

export interface OrdersTable {
  id: Generated<number>;
  groupId: number;
  buyerId: number;
  shopId: number;
  state: ColumnType<OrderState, OrderState | undefined>;
  itemsFen: number;
  shippingFen: ColumnType<number, number | undefined>;
  shopDiscountFen: ColumnType<number, number | undefined>;
  platformDiscountFen: ColumnType<number, number | undefined>;
  /** What the buyer pays: items + shipping − discounts. */
  totalFen: number;
  shopCouponId: ColumnType<number | null, number | null | undefined>;
  platformCouponId: ColumnType<number | null, number | null | undefined>;
  /** The delivery address as chosen at checkout; null on orders placed before addresses. */
  address: ColumnType<OrderAddress | null, string | null | undefined, string | null>;
  presaleShipDays: ColumnType<number | null, number | null | undefined>;
  liveSessionId: number | null;
  hostUserId: number | null;
  paymentDueAt: Date;
  paidAt: Date | null;
  shipByAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined>;
}

export interface OrderLinesTable {
  id: Generated<number>;
  orderId: number;
  skuId: number;
  productId: number;
  title: string;
  spec: string;
  unitPriceFen: number;
  quantity: number;
  lineFen: number;
  flashSaleId: ColumnType<number | null, number | null | undefined>;
  /** The SKU's own unit price when a flash price applied. */
  listUnitPriceFen: ColumnType<number | null, number | null | undefined>;
  shopDiscountFen: ColumnType<number, number | undefined>;
  platformDiscountFen: ColumnType<number, number | undefined>;
  /** What the buyer paid for the line: line − its share of both discounts. */
  paidFen: number;
  platformCommissionBp: number;
  creatorCommissionBp: number;
  guarantees: string[];
}

export interface OrderEventsTable {
  id: Generated<number>;
  orderId: number;
  fromState: OrderState | null;
  toState: OrderState;
  actorKind: ActorKind;
  actorId: number | null;
  note: string | null;
  at: ColumnType<Date, Date | undefined, never>;
}

export interface BuyerSkuPurchasesTable {
  buyerId: number;
  skuId: number;
  quantity: number;
}

export interface OrdersTables {
  orderGroups: OrderGroupsTable;
  orders: OrdersTable;
  orderLines: OrderLinesTable;
  orderEvents: OrderEventsTable;
  buyerSkuPurchases: BuyerSkuPurchasesTable;
}
