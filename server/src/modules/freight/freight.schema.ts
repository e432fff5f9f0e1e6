import { type Static, Type } from '@sinclair/typebox';
import { Id, NonEmpty, Timestamp } from '../../platform/schemas.ts';

/** ¥100,000: the most one first or extra unit may cost. */
export const MAX_UNIT_FEN = 10_000_000;
export const MAX_REGION_RULES = 40;
export const MAX_CODES = 500;
export const MAX_TEMPLATES_PER_SHOP = 50;

const UnitFen = Type.Integer({ minimum: 0, maximum: MAX_UNIT_FEN, description: 'integer fen, 0 or more' });
const Units = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description: 'pieces (mode piece) or grams (mode weight); at least 1',
});
const RegionCode = Type.String({
  pattern: '^\\d{6}$',
  description: "national division code: province 'PP0000', city 'PPCC00' or county 'PPCCXX'",
});
const Mode = Type.Union([Type.Literal('piece'), Type.Literal('weight')], {
  description: 'piece: by quantity; weight: by weight in grams',
});

export const RegionRuleSchema = Type.Object(
  {
    codes: Type.Array(RegionCode, { minItems: 1, maxItems: MAX_CODES }),
    firstFen: UnitFen,
    extraFen: UnitFen,
    remote: Type.Boolean({ description: 'remote region: pays its fee even above the free-over amount' }),
  },
  { additionalProperties: false },
);

export const TemplateBody = Type.Object(
  {
    name: NonEmpty(30),
    mode: Mode,
    firstUnits: Units,
    firstFen: UnitFen,
    extraUnits: Units,
    extraFen: UnitFen,
    // One type list, not anyOf [integer, null]: ajv coerces inside anyOf and would take a bad 0 for null.
    freeOverFen: Type.Unsafe<number | null>({
      type: ['integer', 'null'],
      minimum: 1,
      maximum: 100_000_000,
      description: 'items amount (before coupons) from which shipping is free, except to remote regions',
    }),
    isDefault: Type.Boolean({ description: 'used by the products of the shop that have no template' }),
    regions: Type.Array(RegionRuleSchema, { maxItems: MAX_REGION_RULES }),
    excludedCodes: Type.Array(RegionCode, {
      maxItems: MAX_CODES,
      description: 'regions not delivered to (province, city or county)',
    }),
  },
  { additionalProperties: false },
);
export type TemplateInput = Static<typeof TemplateBody>;

export const TemplateSchema = Type.Object({
  id: Id,
  shopId: Id,
  name: Type.String(),
  mode: Mode,
  firstUnits: Type.Integer(),
  firstFen: Type.Integer(),
  extraUnits: Type.Integer(),
  extraFen: Type.Integer(),
  freeOverFen: Type.Union([Type.Integer(), Type.Null()]),
  isDefault: Type.Boolean(),
  regions: Type.Array(RegionRuleSchema),
  excludedCodes: Type.Array(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const TemplateParams = Type.Object({ id: Id, templateId: Id });

/** What a product page says about shipping: the effective template's base terms. */
export const ShippingTermsSchema = Type.Object({
  mode: Mode,
  firstUnits: Type.Integer(),
  firstFen: Type.Integer(),
  extraUnits: Type.Integer(),
  extraFen: Type.Integer(),
  freeOverFen: Type.Union([Type.Integer(), Type.Null()]),
  remoteCodes: Type.Array(Type.String(), { description: 'regions that pay their own fee, free-over or not' }),
  excludedCodes: Type.Array(Type.String(), { description: 'regions not delivered to' }),
});
