import { Type } from '@sinclair/typebox';
import { BasisPoints, Id, NonEmpty, Page, Pagination, Timestamp } from '../../../platform/schemas.ts';
import type { MetricsWindowDays } from './refund-metrics.service.ts';

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const Inputs = Type.Record(Type.String(), Type.Unknown());

const WindowDays = Type.Unsafe<MetricsWindowDays>({
  type: 'integer',
  enum: [7, 30, 90],
  default: 30,
  description: 'orders paid in the last 7, 30 or 90 days',
});

export const ShopMetricsQuery = Type.Object(
  {
    windowDays: Type.Optional(WindowDays),
    productId: Type.Optional({ ...Id, description: 'only this product in the per-product list' }),
  },
  { additionalProperties: false },
);

export const OpsMetricsQuery = Type.Object(
  {
    shopId: Id,
    windowDays: Type.Optional(WindowDays),
    productId: Type.Optional({ ...Id, description: 'only this product in the per-product list' }),
  },
  { additionalProperties: false },
);

const figures = {
  paidOrders: Count('orders paid in the window'),
  refundRequests: Count('refund requests on those orders (a line asked again counts once)'),
  excludedFreightAbuseReturns: Count(
    'no-quality returns of freight-abuse products, left out of the refund rate',
  ),
  excludedHighRefundRequests: Count(
    'requests of buyers labelled high-refund (product rules §7.6), left out of the refund and quality-refund rates',
  ),
  refundRateBp: Type.Integer({
    minimum: 0,
    description:
      '(refundRequests − excludedFreightAbuseReturns − excludedHighRefundRequests) / paidOrders, basis points (may pass 10,000)',
  }),
  eligibleOrders: Count(
    '品退率 denominator: delivered within `aftersales.qualityRefundWindowMs` of payment, not handled under a guarantee',
  ),
  qualityRefunds: Count(
    'of those, orders whose first refund within `aftersales.qualityRefundWindowMs` of payment cites quality',
  ),
  qualityRefundRateBp: BasisPoints,
};

export const RefundMetricsSchema = Type.Object({
  shopId: Id,
  windowDays: Type.Integer(),
  from: Timestamp,
  to: Timestamp,
  configVersion: Type.Integer({ description: 'the after-sales policy version whose windows were used' }),
  shop: Type.Object(figures),
  products: Type.Array(
    Type.Object({
      productId: Id,
      title: Type.String(),
      freightAbuse: Type.Boolean({ description: 'flagged for freight abuse (薅运费)' }),
      ...figures,
    }),
    { description: 'the products with the most paid orders in the window, at most 50' },
  ),
});

export const BuyerLabelsSchema = Type.Object({
  buyerId: Id,
  highRefund: Type.Boolean({ description: 'labelled high-refund: no instant refund, no lightning return' }),
  labels: Type.Array(
    Type.Object({
      label: Type.Literal('high_refund'),
      setBy: Type.Union([Type.Literal('system'), Type.Literal('ops')]),
      setAt: Timestamp,
      configVersion: Type.Union([Type.Integer(), Type.Null()]),
      inputs: { ...Inputs, description: "the rule's figures and explanation (system), or the reason (ops)" },
    }),
  ),
});

export const LabelBody = Type.Object(
  { reason: NonEmpty(500, { description: 'why ops label this buyer (kept with the label)' }) },
  { additionalProperties: false },
);

export const FreightAbuseQuery = Type.Object(
  { ...Pagination.properties, shopId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const FreightAbusePage = Page(
  Type.Object({
    productId: Id,
    shopId: Id,
    title: Type.String(),
    inputs: { ...Inputs, description: "the rule's figures, explanation and configuration version" },
    detectedAt: Timestamp,
  }),
);
