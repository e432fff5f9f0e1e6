import { type Static, Type } from '@sinclair/typebox';
import { BasisPoints, Id, NonEmpty, Pagination, Timestamp } from '../../platform/schemas.ts';
import { ShippingTermsSchema } from '../freight/index.ts';
import { GuaranteeCodes, GuaranteeSchema } from './category.schema.ts';
import { nullable } from './nullable.ts';
import { PRODUCT_STATES } from './product.machine.ts';

/** ¥1,000,000: the highest price one SKU may ask. */
export const MAX_PRICE_FEN = 100_000_000;
export const MAX_STOCK = 10_000_000;
export const MAX_SKUS = 100;

export const ProductStateSchema = Type.Union(PRODUCT_STATES.map((s) => Type.Literal(s)));

const PriceFen = Type.Integer({
  minimum: 1,
  maximum: MAX_PRICE_FEN,
  description: 'integer fen, more than 0 and at most ¥1,000,000',
});
const Stock = Type.Integer({ minimum: 0, maximum: MAX_STOCK });
const PurchaseLimit = nullable(Type.Integer({ minimum: 1, maximum: 10_000 }), {
  description: 'most units one buyer may buy; null: no limit',
});
const SkuCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' });
const Spec = Type.String({ maxLength: 200, description: 'what tells this SKU apart, e.g. 红色 / XL' });
const ImageUrl = nullable(Type.String({ maxLength: 500, pattern: '^https?://\\S+$' }));
const QualificationNo = nullable(NonEmpty(64), {
  description: 'licence or registration number; required in regulated categories before review',
});
const CreatorCommissionBp = nullable(BasisPoints, {
  description: 'commission offered to creators who pin the product (分销); null: not offered',
});
/** 1,000 kg: the heaviest SKU. */
export const MAX_WEIGHT_GRAMS = 1_000_000;
const WeightGrams = Type.Integer({
  minimum: 0,
  maximum: MAX_WEIGHT_GRAMS,
  description: 'grams, for freight templates by weight (default 0)',
});
const FreightTemplateId = nullable(Id, {
  description: "one of the shop's freight templates; null: the shop's default template",
});
const PresaleShipDays = nullable(Type.Integer({ minimum: 4, maximum: 45 }), {
  description: 'pre-sale: ships within this many days of payment (DOMAIN §2: 4–45); null: not a pre-sale',
});

const OriginalPriceFen = nullable(
  Type.Integer({
    minimum: 1,
    maximum: MAX_PRICE_FEN,
    description:
      'the original price shown struck through (划线价), integer fen above the price; it must not be above the lowest price charged in the 7 days before the price took effect (product rules §6.3); null: none',
  }),
);

export const SkuSchema = Type.Object({
  id: Id,
  code: Type.String(),
  spec: Type.String(),
  priceFen: PriceFen,
  originalPriceFen: Type.Union([Type.Integer(), Type.Null()], {
    description: 'the original price shown struck through (划线价); null: none',
  }),
  stock: Stock,
  purchaseLimit: Type.Union([Type.Integer(), Type.Null()]),
  weightGrams: Type.Integer(),
});

export const SkuBody = Type.Object(
  {
    code: SkuCode,
    spec: Type.Optional(Spec),
    priceFen: PriceFen,
    originalPriceFen: Type.Optional(OriginalPriceFen),
    stock: Stock,
    purchaseLimit: Type.Optional(PurchaseLimit),
    weightGrams: Type.Optional(WeightGrams),
  },
  { additionalProperties: false },
);
export type SkuInput = Static<typeof SkuBody>;

export const UpdateSkuBody = Type.Object(
  {
    spec: Type.Optional(Spec),
    priceFen: Type.Optional(PriceFen),
    originalPriceFen: Type.Optional(OriginalPriceFen),
    purchaseLimit: Type.Optional(PurchaseLimit),
    weightGrams: Type.Optional(WeightGrams),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSkuInput = Static<typeof UpdateSkuBody>;

export const StockAdjustBody = Type.Object(
  {
    delta: Type.Integer({
      minimum: -MAX_STOCK,
      maximum: MAX_STOCK,
      not: { const: 0 },
      description: 'units to add (positive) or remove (negative); stock stays within 0..10,000,000',
    }),
  },
  { additionalProperties: false },
);

const contentFields = {
  title: NonEmpty(60),
  description: Type.String({ maxLength: 5000 }),
  imageUrl: ImageUrl,
  categoryId: Id,
  brandId: nullable(Id),
  guarantees: GuaranteeCodes,
  qualificationNo: QualificationNo,
  creatorCommissionBp: CreatorCommissionBp,
  freightTemplateId: FreightTemplateId,
  presaleShipDays: PresaleShipDays,
};

export const CreateProductBody = Type.Object(
  {
    title: contentFields.title,
    description: Type.Optional(contentFields.description),
    imageUrl: Type.Optional(contentFields.imageUrl),
    categoryId: contentFields.categoryId,
    brandId: Type.Optional(contentFields.brandId),
    guarantees: Type.Optional(contentFields.guarantees),
    qualificationNo: Type.Optional(contentFields.qualificationNo),
    creatorCommissionBp: Type.Optional(contentFields.creatorCommissionBp),
    freightTemplateId: Type.Optional(contentFields.freightTemplateId),
    presaleShipDays: Type.Optional(contentFields.presaleShipDays),
    skus: Type.Array(SkuBody, { minItems: 1, maxItems: MAX_SKUS }),
  },
  { additionalProperties: false },
);
export type CreateProductInput = Static<typeof CreateProductBody>;

export const UpdateProductBody = Type.Partial(Type.Object(contentFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateProductInput = Static<typeof UpdateProductBody>;

export const ReasonBody = Type.Object({ reason: NonEmpty(500) }, { additionalProperties: false });
export const OptionalReasonBody = Type.Object(
  { reason: Type.Optional(NonEmpty(500)) },
  { additionalProperties: false },
);

export const ShopProductParams = Type.Object({ id: Id, productId: Id });
export const ShopSkuParams = Type.Object({ id: Id, productId: Id, skuId: Id });

export const ProductImageSchema = Type.Object({
  id: Id,
  url: Type.String({ description: 'the image as uploaded (cached for good: an image never changes)' }),
  thumbnailUrl: Type.String({ description: 'a WEBP thumbnail at most 320×320' }),
  width: Type.Integer(),
  height: Type.Integer(),
});

/** What a buyer sees. */
export const ProductDetailSchema = Type.Object({
  id: Id,
  shopId: Id,
  shopName: Type.String(),
  categoryId: Id,
  categoryName: Type.String(),
  brand: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  title: Type.String(),
  description: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  creatorCommissionBp: Type.Union([Type.Integer(), Type.Null()]),
  guarantees: Type.Array(GuaranteeSchema, { description: 'category defaults plus the merchant opt-in' }),
  skus: Type.Array(SkuSchema),
  images: Type.Array(ProductImageSchema, { description: 'uploaded images, the main one first' }),
  freightTemplateId: Type.Union([Id, Type.Null()]),
  presaleShipDays: Type.Union([Type.Integer(), Type.Null()], {
    description: 'pre-sale: ships within this many days of payment; null: ships within 48 h',
  }),
  shipping: Type.Union([ShippingTermsSchema, Type.Null()], {
    description: "the terms of the product's template (or the shop's default); null: ships free",
  }),
  shipsFrom: Type.Union([Type.String(), Type.Null()], {
    description: "the city of the shop's warehouse ('浙江省 杭州市'); null: the shop has not set one",
  }),
});

/** What the shop and ops see besides. */
export const ManagedProductSchema = Type.Intersect([
  ProductDetailSchema,
  Type.Object({
    state: ProductStateSchema,
    stateReason: Type.Union([Type.String(), Type.Null()]),
    optInGuarantees: GuaranteeCodes,
    qualificationNo: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
]);

export const ProductListItemSchema = Type.Object({
  id: Id,
  shopId: Id,
  shopName: Type.String(),
  categoryId: Id,
  title: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()], {
    description: "the main uploaded image's thumbnail, else the image address the merchant gave",
  }),
  state: ProductStateSchema,
  minPriceFen: Type.Integer(),
  originalPriceFen: Type.Union([Type.Integer(), Type.Null()], {
    description: 'the original price (划线价) of the cheapest SKU, shown struck through; null: none',
  }),
  totalStock: Type.Integer(),
  guarantees: GuaranteeCodes,
  updatedAt: Timestamp,
});

export const ProductEventSchema = Type.Object({
  id: Id,
  fromState: Type.Union([ProductStateSchema, Type.Null()]),
  toState: ProductStateSchema,
  actorId: Type.Union([Id, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  at: Timestamp,
});

export const SearchQuery = Type.Object({
  ...Pagination.properties,
  q: Type.Optional(Type.String({ maxLength: 50, description: 'keyword matched anywhere in the title' })),
  categoryId: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'includes descendant categories',
    }),
  ),
  shopId: Type.Optional(Id),
});

export const CommissionOfferSchema = Type.Object({
  id: Id,
  shopId: Id,
  shopName: Type.String(),
  title: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  creatorCommissionBp: Type.Integer({ description: 'basis points of the paid amount the creator earns' }),
  minPriceFen: Type.Integer(),
  totalStock: Type.Integer(),
});

export const CommissionOfferQuery = Type.Object({
  ...Pagination.properties,
  q: Type.Optional(Type.String({ maxLength: 50, description: 'keyword matched anywhere in the title' })),
});

/** Product lists of a shop (any state) and the ops review queue (default: in_review). */
export const StateListQuery = Type.Object({
  ...Pagination.properties,
  state: Type.Optional(ProductStateSchema),
});

export const SHOP_PRODUCT_SORTS = ['updated', 'created', 'title', 'price', 'stock'] as const;
export type ShopProductSort = (typeof SHOP_PRODUCT_SORTS)[number];

/** The shop's product table: filter, search, sort. */
export const ShopProductsQuery = Type.Object({
  ...Pagination.properties,
  state: Type.Optional(ProductStateSchema),
  q: Type.Optional(Type.String({ maxLength: 50, description: 'keyword matched anywhere in the title' })),
  sort: Type.Optional(
    Type.Union(
      SHOP_PRODUCT_SORTS.map((s) => Type.Literal(s)),
      { description: 'column to sort by (default: updated); ties by id' },
    ),
  ),
  order: Type.Optional(
    Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'default: desc' }),
  ),
});

export const ShopProductListItemSchema = Type.Composite([
  ProductListItemSchema,
  Type.Object({
    unitsSold: Type.Integer({ description: 'units in paid orders that were not cancelled' }),
    skus: Type.Array(Type.Pick(SkuSchema, ['id', 'code', 'spec', 'priceFen', 'originalPriceFen', 'stock'])),
  }),
]);

export const MAX_BULK_PRODUCTS = 100;

export const BulkStateBody = Type.Object(
  {
    action: Type.Union([Type.Literal('list'), Type.Literal('delist')], {
      description: 'list: send to review (the listing checkpoint decides); delist: take off sale',
    }),
    productIds: Type.Array(Id, { minItems: 1, maxItems: MAX_BULK_PRODUCTS, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const BulkStateResultSchema = Type.Object({
  results: Type.Array(
    Type.Object({
      productId: Id,
      ok: Type.Boolean(),
      state: Type.Union([ProductStateSchema, Type.Null()], {
        description: 'the state after; null: not found',
      }),
      error: Type.Union([
        Type.Object({
          code: Type.String(),
          message: Type.String(),
          details: Type.Optional(Type.Unknown()),
        }),
        Type.Null(),
      ]),
    }),
  ),
});

export const MAX_BULK_PRICES = 200;

export const BulkPricesBody = Type.Object(
  {
    skus: Type.Array(
      Type.Object(
        {
          productId: Id,
          skuId: Id,
          priceFen: Type.Optional(PriceFen),
          originalPriceFen: Type.Optional(OriginalPriceFen),
        },
        { additionalProperties: false, minProperties: 3 },
      ),
      { minItems: 1, maxItems: MAX_BULK_PRICES },
    ),
  },
  { additionalProperties: false },
);
export type BulkPricesInput = Static<typeof BulkPricesBody>;

export const ImageOrderBody = Type.Object(
  {
    imageIds: Type.Array(Id, {
      minItems: 1,
      maxItems: 9,
      description: "each of the product's images once, the main image first",
    }),
  },
  { additionalProperties: false },
);
export const ShopProductImageParams = Type.Object({ id: Id, productId: Id, imageId: Id });
