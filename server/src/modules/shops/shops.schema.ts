import { Type } from '@sinclair/typebox';
import { Id, NonEmpty, Timestamp } from '../../platform/schemas.ts';

export const ShopTypeSchema = Type.Union([
  Type.Literal('individual'),
  Type.Literal('enterprise'),
  Type.Literal('flagship'),
]);
export const ShopStateSchema = Type.Union([
  Type.Literal('probation'),
  Type.Literal('active'),
  Type.Literal('restricted'),
  Type.Literal('suspended'),
  Type.Literal('closed'),
]);
const ShopRoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('staff')]);
export const RiskTierSchema = Type.Union(
  [Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')],
  {
    description:
      'set at onboarding; sets how many products a probation shop may have listed or in review (`deposits.probationListingLimits`)',
  },
);

export const ShopSchema = Type.Object({
  id: Id,
  name: Type.String(),
  type: ShopTypeSchema,
  state: ShopStateSchema,
  ownerUserId: Id,
  mainCategoryId: Id,
  description: Type.String(),
  riskTier: RiskTierSchema,
  createdAt: Timestamp,
});

const ReasonSchema = Type.Object({ zh: Type.String(), en: Type.String() });

export const OpenedShopSchema = Type.Intersect([
  ShopSchema,
  Type.Object({
    onboarding: Type.Object({
      outcome: Type.Union([Type.Literal('allow'), Type.Literal('review')]),
      reasons: Type.Array(ReasonSchema),
      caseId: Type.Union([Id, Type.Null()], { description: 'the review case opened for ops' }),
    }),
  }),
]);

/** Who opens the shop (product rules §3, §6: onboarding is screened). Stored only as hashes, by the trust engine. */
export const OnboardingIdentityBody = Type.Object(
  {
    idNumber: Type.Optional(
      Type.String({ minLength: 1, maxLength: 32, description: 'resident ID number (18 characters)' }),
    ),
    phone: Type.Optional(
      Type.String({ pattern: '^\\+?[0-9 -]{6,20}$', description: "defaults to the account's phone" }),
    ),
    payoutAccount: Type.Optional(Type.String({ minLength: 4, maxLength: 64 })),
    businessLicenceNo: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 32,
        description: 'unified social credit code (18 characters); enterprise and flagship shops',
      }),
    ),
  },
  { additionalProperties: false },
);

export const DeviceHeaders = Type.Object({
  'x-device-id': Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
});

export const MyShopSchema = Type.Intersect([ShopSchema, Type.Object({ role: ShopRoleSchema })]);

export const CreateShopBody = Type.Object(
  {
    name: NonEmpty(40),
    type: ShopTypeSchema,
    mainCategoryId: Id,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    onboarding: Type.Optional(OnboardingIdentityBody),
  },
  { additionalProperties: false },
);

export const UpdateShopBody = Type.Object(
  { name: Type.Optional(NonEmpty(40)), description: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false, minProperties: 1 },
);

export const StaffSchema = Type.Object({
  userId: Id,
  login: Type.String(),
  displayName: Type.String(),
  role: ShopRoleSchema,
});

export const AddStaffBody = Type.Object(
  {
    login: Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9._@+-]+$' }),
    password: Type.String({ minLength: 8, maxLength: 128 }),
    displayName: NonEmpty(50),
  },
  { additionalProperties: false },
);

export const ShopStateBody = Type.Object(
  { state: ShopStateSchema, reason: NonEmpty(500) },
  { additionalProperties: false },
);
