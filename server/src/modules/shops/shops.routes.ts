import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { Id, IdParams, Ok } from '../../platform/schemas.ts';
import {
  AddStaffBody,
  CreateShopBody,
  DeviceHeaders,
  MyShopSchema,
  OpenedShopSchema,
  ShopSchema,
  ShopStateBody,
  StaffSchema,
  UpdateShopBody,
} from './shops.schema.ts';
import {
  addStaff,
  changeShopState,
  createShop,
  getShop,
  listShopsOf,
  listStaff,
  removeStaff,
  updateShop,
} from './shops.service.ts';

const merchant = { kinds: ['merchant'] } as const;

export async function shopsRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['shops'], shopsRouteTable(ctx));
}

/** The shops API as a table: one row per route (access, schemas, the use case it calls). */
function shopsRouteTable({ db, clock }: AppContext): AnyRouteSpec[] {
  return [
    route({
      method: 'POST',
      url: '/shops',
      access: merchant,
      summary: 'Open a shop (the caller becomes its owner) after the onboarding risk check',
      description:
        'Refused with 403 onboarding_blocked when the identifiers link to a blacklisted merchant. ' +
        'A shop sent to review opens in probation with risk tier high and a case for ops.',
      headers: DeviceHeaders,
      body: CreateShopBody,
      response: { 201: OpenedShopSchema },
      status: 201,
      handler: async ({ principal, headers, body }) => {
        const deviceId = headers['x-device-id'];
        return createShop(db, principal, body, { clock, ...(deviceId !== undefined ? { deviceId } : {}) });
      },
    }),
    route({
      method: 'GET',
      url: '/shops/:id',
      access: 'public',
      summary: 'A shop',
      params: IdParams,
      response: { 200: ShopSchema },
      handler: async ({ params }) => getShop(db, params.id),
    }),
    route({
      method: 'PATCH',
      url: '/shops/:id',
      access: merchant,
      summary: 'Edit a shop (owner)',
      params: IdParams,
      body: UpdateShopBody,
      response: { 200: ShopSchema },
      handler: async ({ principal, params, body }) => updateShop(db, principal, params.id, body, clock),
    }),
    route({
      method: 'GET',
      url: '/me/shops',
      access: merchant,
      summary: 'Shops the caller owns or staffs',
      response: { 200: Type.Array(MyShopSchema) },
      handler: async ({ principal }) => listShopsOf(db, principal.userId),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/staff',
      access: merchant,
      summary: 'Owner and staff of a shop',
      params: IdParams,
      response: { 200: Type.Array(StaffSchema) },
      handler: async ({ principal, params }) => listStaff(db, principal, params.id),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/staff',
      access: merchant,
      summary: 'Create a staff account for the shop (owner)',
      params: IdParams,
      body: AddStaffBody,
      response: { 201: StaffSchema },
      status: 201,
      handler: async ({ principal, params, body }) => addStaff(db, principal, params.id, body),
    }),
    route({
      method: 'DELETE',
      url: '/shops/:id/staff/:userId',
      access: merchant,
      summary: 'Remove a staff member (owner)',
      params: Type.Object({ id: Id, userId: Id }),
      response: { 200: Ok },
      handler: async ({ principal, params }) => {
        await removeStaff(db, principal, params.id, params.userId);
        return { ok: true as const };
      },
    }),
    route({
      method: 'POST',
      url: '/ops/shops/:id/state',
      access: { ops: ['super_admin'] },
      summary: 'Move a shop to another state (super admin)',
      params: IdParams,
      body: ShopStateBody,
      response: { 200: ShopSchema },
      handler: async ({ principal, params, body }) =>
        changeShopState(
          db,
          params.id,
          { to: body.state, reason: body.reason, actorId: principal.userId },
          clock,
        ),
    }),
  ];
}
