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

export const ShopSchema = Type.Object({
  id: Id,
  name: Type.String(),
  type: ShopTypeSchema,
  state: ShopStateSchema,
  ownerUserId: Id,
  mainCategoryId: Id,
  description: Type.String(),
  createdAt: Timestamp,
});

export const MyShopSchema = Type.Intersect([ShopSchema, Type.Object({ role: ShopRoleSchema })]);

export const CreateShopBody = Type.Object(
  {
    name: NonEmpty(40),
    type: ShopTypeSchema,
    mainCategoryId: Id,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
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
