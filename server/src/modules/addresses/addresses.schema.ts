import { Type } from '@sinclair/typebox';
import { Id, Timestamp } from '../../platform/schemas.ts';

// The shape only: lengths, phone pattern and the region table are checked by address.rule.ts, which
// answers 400 naming each bad field with a reason a person can act on.
const fields = {
  recipient: Type.String({ maxLength: 100, description: 'who receives the parcel, 1–25 characters' }),
  phone: Type.String({ maxLength: 40, description: 'mainland mobile number, 11 digits: ^1[3-9]\\d{9}$' }),
  regionCode: Type.String({
    maxLength: 12,
    description: '6-digit county-level administrative-division code (@vant/area-data), e.g. 330106',
  }),
  detail: Type.String({ maxLength: 400, description: 'street, building, room: 2–120 characters' }),
};

export const AddressBody = Type.Object(
  { ...fields, isDefault: Type.Optional(Type.Boolean({ description: 'make it the default address' })) },
  { additionalProperties: false },
);

export const AddressPatchBody = Type.Object(
  {
    recipient: Type.Optional(fields.recipient),
    phone: Type.Optional(fields.phone),
    regionCode: Type.Optional(fields.regionCode),
    detail: Type.Optional(fields.detail),
    isDefault: Type.Optional(Type.Literal(true, { description: 'make it the default address' })),
  },
  { additionalProperties: false },
);

export const ShopAddressBody = Type.Object(fields, { additionalProperties: false });

const snapshot = {
  recipient: Type.String(),
  phone: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String({ description: "province, city and county, e.g. '浙江省 杭州市 西湖区'" }),
  detail: Type.String(),
};

export const BuyerAddressSchema = Type.Object({
  id: Id,
  ...snapshot,
  isDefault: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ShopAddressKindSchema = Type.Union([Type.Literal('warehouse'), Type.Literal('return')]);

export const ShopAddressSchema = Type.Object({
  kind: ShopAddressKindSchema,
  ...snapshot,
  updatedAt: Timestamp,
});

export const ShopAddressParams = Type.Object({ id: Id, kind: ShopAddressKindSchema });
