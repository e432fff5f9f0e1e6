import { Type } from '@sinclair/typebox';
import { Fen, Id, Pagination } from '../../platform/schemas.ts';
import { OrderSchema, OrderStateSchema } from './orders.schema.ts';

export const BuyerStages = ['to_pay', 'to_ship', 'to_receive', 'to_review'] as const;

export const BuyerOrderListQuery = Type.Intersect([
  Pagination,
  Type.Object({
    state: Type.Optional(OrderStateSchema),
    stage: Type.Optional(
      Type.Union(
        BuyerStages.map((s) => Type.Literal(s)),
        {
          description:
            'the tabs buyers know: to_pay (pending_payment), to_ship (paid), to_receive (shipped or delivered), to_review (completed)',
        },
      ),
    ),
  }),
]);

export const BuyerOrderCard = Type.Intersect([
  OrderSchema,
  Type.Object({
    shopName: Type.String(),
    lines: Type.Array(
      Type.Object({
        id: Id,
        productId: Id,
        title: Type.String(),
        spec: Type.String(),
        quantity: Type.Integer(),
        unitPriceFen: Fen,
        imageUrl: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  }),
]);

export const BuyerOrderPage = Type.Object({
  items: Type.Array(BuyerOrderCard),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
