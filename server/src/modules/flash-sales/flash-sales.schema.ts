import { Type } from '@sinclair/typebox';
import { Fen, Id, Page, Pagination, Timestamp } from '../../platform/schemas.ts';

export const FlashSaleStateSchema = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('running'),
  Type.Literal('ended'),
  Type.Literal('cancelled'),
]);

const PriceFen = Type.Integer({
  minimum: 1,
  maximum: 100_000_000_00,
  description: "the flash price in fen; above 0 and below the SKU's price",
});
const StockCap = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description: "units sold at the flash price; at most the SKU's stock when created",
});
const PerBuyerLimit = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description: 'units each buyer may take',
});
const At = (description: string) => Type.String({ format: 'date-time', description });

export const FlashSaleSchema = Type.Object({
  id: Id,
  shopId: Id,
  productId: Id,
  skuId: Id,
  spec: Type.String({ description: "the SKU's spec, e.g. 红色 / M" }),
  liveSessionId: Type.Union([Id, Type.Null()], { description: 'the live room that offered it' }),
  title: Type.String({ description: "the product's title" }),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  priceFen: Fen,
  originalPriceFen: Fen,
  stockCap: Type.Integer({ minimum: 1 }),
  sold: Type.Integer({ minimum: 0 }),
  remaining: Type.Integer({ minimum: 0 }),
  perBuyerLimit: Type.Integer({ minimum: 1 }),
  startsAt: Timestamp,
  endsAt: Timestamp,
  state: FlashSaleStateSchema,
  createdAt: Timestamp,
});

export const FlashSalePage = Page(FlashSaleSchema);

export const FlashSalesNow = Type.Object({
  serverNow: Timestamp,
  flashSales: Type.Array(FlashSaleSchema, { description: 'running and upcoming, soonest first' }),
});

export const ShopSaleParams = Type.Object({ id: Id, saleId: Id });

export const ShopListQuery = Type.Object({
  state: Type.Optional(FlashSaleStateSchema),
  ...Pagination.properties,
});

export const CreateBody = Type.Object(
  {
    skuId: Id,
    priceFen: PriceFen,
    stockCap: StockCap,
    perBuyerLimit: PerBuyerLimit,
    startsAt: At('ISO 8601 with time zone; now or later'),
    endsAt: At('ISO 8601 with time zone; 1 minute to 24 hours after the start'),
  },
  { additionalProperties: false },
);

export const LiveCreateBody = Type.Object(
  {
    skuId: Id,
    priceFen: PriceFen,
    stockCap: StockCap,
    perBuyerLimit: PerBuyerLimit,
    durationSeconds: Type.Integer({
      minimum: 60,
      maximum: 86_400,
      description: 'how long it runs: 60 s to 24 h',
    }),
    startsAt: Type.Optional(At('ISO 8601 with time zone; omitted: now')),
  },
  { additionalProperties: false },
);

export const EmptyBody = Type.Object({}, { additionalProperties: false });
