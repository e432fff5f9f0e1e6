import { Type } from '@sinclair/typebox';
import { Id, NonEmpty, Timestamp } from '../../platform/schemas.ts';

export const OpsRoleSchema = Type.Union([
  Type.Literal('reviewer'),
  Type.Literal('arbiter'),
  Type.Literal('rule_admin'),
  Type.Literal('super_admin'),
]);

const Login = Type.String({
  minLength: 3,
  maxLength: 64,
  pattern: '^[A-Za-z0-9._@+-]+$',
  description: 'phone number, e-mail or user name',
});
const Password = Type.String({ minLength: 8, maxLength: 128 });
const Phone = Type.String({ pattern: '^\\+?[0-9]{6,15}$' });

export const AccountSchema = Type.Object({
  id: Id,
  kind: Type.Union([
    Type.Literal('buyer'),
    Type.Literal('merchant'),
    Type.Literal('creator'),
    Type.Literal('ops'),
  ]),
  login: Type.String(),
  displayName: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  opsRoles: Type.Array(OpsRoleSchema),
  createdAt: Timestamp,
});

export const SessionSchema = Type.Object({
  token: Type.String(),
  expiresAt: Timestamp,
  account: AccountSchema,
});

export const RegisterBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('buyer'), Type.Literal('merchant'), Type.Literal('creator')], {
      description: 'ops accounts are created by a super admin',
    }),
    login: Login,
    password: Password,
    displayName: NonEmpty(50),
    phone: Type.Optional(Phone),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const CreateOpsBody = Type.Object(
  {
    login: Login,
    password: Password,
    displayName: NonEmpty(50),
    roles: Type.Array(OpsRoleSchema, { minItems: 1, maxItems: 4, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const AccountStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

/** An account as a super admin manages it: with its status. */
export const ManagedAccountSchema = Type.Object({
  ...AccountSchema.properties,
  status: AccountStatusSchema,
});

export const SetRolesBody = Type.Object(
  { roles: Type.Array(OpsRoleSchema, { maxItems: 4, uniqueItems: true }) },
  { additionalProperties: false },
);

export const SetStatusBody = Type.Object(
  {
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')], {
      description: 'disabled: the account cannot sign in, and its tokens stop working at once',
    }),
  },
  { additionalProperties: false },
);
