import { Type } from '@sinclair/typebox';
import { Id, NonEmpty, Page, Pagination, Timestamp } from '../../../platform/schemas.ts';

const State = Type.Union([Type.Literal('active'), Type.Literal('cleared')], {
  description: 'active: quality refunds of the SKU are approved at once; cleared by ops',
});

export const ShopSkuProtectionsQuery = Type.Object(
  { ...Pagination.properties, state: Type.Optional(State) },
  { additionalProperties: false },
);

export const OpsSkuProtectionsQuery = Type.Object(
  { ...Pagination.properties, state: Type.Optional(State), shopId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const SkuProtectionPage = Page(
  Type.Object({
    id: Id,
    skuId: Id,
    productId: Id,
    shopId: Id,
    shopName: Type.String(),
    title: Type.String(),
    spec: Type.String(),
    state: State,
    rateBp: Type.Integer({
      minimum: 0,
      description: 'the SKU’s quality-refund rate at detection (basis points)',
    }),
    baselineBp: Type.Integer({
      minimum: 0,
      description: 'its category’s baseline rate at detection (basis points)',
    }),
    eligibleOrders: Type.Integer({ minimum: 0 }),
    qualityRefunds: Type.Integer({ minimum: 0 }),
    explanationZh: Type.String(),
    explanationEn: Type.String(),
    detectedAt: Timestamp,
    autoApproved: Type.Integer({ minimum: 0, description: 'quality requests approved at once while active' }),
    clearedAt: Type.Union([Timestamp, Type.Null()]),
    clearNote: Type.Union([Type.String(), Type.Null()]),
  }),
);

export const ClearBody = Type.Object(
  { note: NonEmpty(500, { description: 'why ops clear it (kept with the protection)' }) },
  { additionalProperties: false },
);

export const DetectResult = Type.Object({
  opened: Type.Integer({ minimum: 0, description: 'protections opened by this check' }),
});
