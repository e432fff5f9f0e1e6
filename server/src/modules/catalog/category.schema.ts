import { type Static, Type } from '@sinclair/typebox';
import { BasisPoints, Fen, Id, NonEmpty, Timestamp } from '../../platform/schemas.ts';
import type { RegulatedType } from './catalog.tables.ts';
import { GUARANTEE_CODES, GUARANTEES, type GuaranteeCode } from './guarantees.ts';
import { nullable } from './nullable.ts';
import { QUALIFICATION_CODES, type QualificationCode, REGULATED_TYPES } from './qualifications.ts';

export const GuaranteeCodeSchema = Type.Unsafe<GuaranteeCode>(
  Type.String({ enum: [...GUARANTEE_CODES], description: 'a guarantee code (product rules §4)' }),
);
export const GuaranteeSchema = Type.Object({
  code: GuaranteeCodeSchema,
  zh: Type.String(),
  en: Type.String(),
  explanation: Type.String(),
});
export const GuaranteeCodes = Type.Array(GuaranteeCodeSchema, {
  uniqueItems: true,
  maxItems: GUARANTEES.length,
});

const QualificationCodeSchema = Type.Unsafe<QualificationCode>(
  Type.String({ enum: [...QUALIFICATION_CODES], description: 'a qualification document kind' }),
);
export const RegulatedTypeSchema = Type.Unsafe<RegulatedType | null>({
  type: ['string', 'null'],
  enum: [...REGULATED_TYPES, null],
  description: '三品一械: food, drug, cosmetic, medical_device; null when not regulated',
});

export const CategorySchema = Type.Object({
  id: Id,
  parentId: Type.Union([Id, Type.Null()]),
  name: Type.String(),
  nameEn: Type.String(),
  regulatedType: RegulatedTypeSchema,
  requiredQualifications: Type.Array(QualificationCodeSchema),
  noReasonReturn: Type.Boolean({
    description: 'whether 7天无理由 no-reason returns apply (window: `aftersales.noReasonReturnMs`)',
  }),
  perishable: Type.Boolean(),
  customMade: Type.Boolean(),
  isVirtual: Type.Boolean(),
  defaultGuarantees: Type.Array(GuaranteeCodeSchema),
  depositFen: Fen,
  commissionBp: BasisPoints,
  zeroDepositEligible: Type.Boolean({
    description: '0元开店: a shop may open without paying the deposit first',
  }),
  createdAt: Timestamp,
});

export const CategoryNodeSchema = Type.Recursive(
  (Node) => Type.Object({ category: CategorySchema, children: Type.Array(Node) }),
  { $id: 'CategoryNode' },
);

export const CategoryDetailSchema = Type.Intersect([
  CategorySchema,
  Type.Object({
    path: Type.Array(Type.Object({ id: Id, name: Type.String() }), {
      description: 'ancestors from the root, then the category itself',
    }),
    guarantees: Type.Array(GuaranteeSchema, { description: 'default guarantees with labels' }),
  }),
]);

const categoryFields = {
  name: NonEmpty(40),
  nameEn: NonEmpty(80),
  parentId: nullable(Id),
  regulatedType: RegulatedTypeSchema,
  requiredQualifications: Type.Array(QualificationCodeSchema, {
    uniqueItems: true,
    maxItems: QUALIFICATION_CODES.length,
  }),
  noReasonReturn: Type.Boolean(),
  perishable: Type.Boolean(),
  customMade: Type.Boolean(),
  isVirtual: Type.Boolean(),
  defaultGuarantees: GuaranteeCodes,
  depositFen: Fen,
  commissionBp: BasisPoints,
  zeroDepositEligible: Type.Boolean(),
};

export const CreateCategoryBody = Type.Object(
  {
    name: categoryFields.name,
    nameEn: categoryFields.nameEn,
    parentId: Type.Optional(categoryFields.parentId),
    regulatedType: Type.Optional(categoryFields.regulatedType),
    requiredQualifications: Type.Optional(categoryFields.requiredQualifications),
    noReasonReturn: Type.Optional(categoryFields.noReasonReturn),
    perishable: Type.Optional(categoryFields.perishable),
    customMade: Type.Optional(categoryFields.customMade),
    isVirtual: Type.Optional(categoryFields.isVirtual),
    defaultGuarantees: Type.Optional(categoryFields.defaultGuarantees),
    depositFen: categoryFields.depositFen,
    commissionBp: categoryFields.commissionBp,
    zeroDepositEligible: Type.Optional(categoryFields.zeroDepositEligible),
  },
  { additionalProperties: false },
);
export type CreateCategoryInput = Static<typeof CreateCategoryBody>;

export const UpdateCategoryBody = Type.Partial(Type.Object(categoryFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateCategoryInput = Static<typeof UpdateCategoryBody>;

export const BrandSchema = Type.Object({
  id: Id,
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});

export const CreateBrandBody = Type.Object(
  { name: NonEmpty(60), nameEn: Type.Optional(NonEmpty(100)) },
  { additionalProperties: false },
);
