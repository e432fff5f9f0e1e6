import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
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
  const { db, clock } = ctx;
  const tags = ['shops'];

  app.post(
    '/shops',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Open a shop (the caller becomes its owner) after the onboarding risk check',
        description:
          'Refused with 403 onboarding_blocked when the identifiers link to a blacklisted merchant. ' +
          'A shop sent to review opens in probation with risk tier high and a case for ops.',
        headers: DeviceHeaders,
        body: CreateShopBody,
        response: { 201: OpenedShopSchema },
      },
    },
    async (request, reply) => {
      const deviceId = request.headers['x-device-id'];
      const shop = await createShop(db, request.principal!, request.body, {
        clock,
        ...(deviceId !== undefined ? { deviceId } : {}),
      });
      reply.status(201);
      return shop;
    },
  );

  app.get(
    '/shops/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'A shop', params: IdParams, response: { 200: ShopSchema } },
    },
    async (request) => getShop(db, request.params.id),
  );

  app.patch(
    '/shops/:id',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Edit a shop (owner)',
        params: IdParams,
        body: UpdateShopBody,
        response: { 200: ShopSchema },
      },
    },
    async (request) => updateShop(db, request.principal!, request.params.id, request.body, clock),
  );

  app.get(
    '/me/shops',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Shops the caller owns or staffs',
        response: { 200: Type.Array(MyShopSchema) },
      },
    },
    async (request) => listShopsOf(db, request.principal!.userId),
  );

  app.get(
    '/shops/:id/staff',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Owner and staff of a shop',
        params: IdParams,
        response: { 200: Type.Array(StaffSchema) },
      },
    },
    async (request) => listStaff(db, request.principal!, request.params.id),
  );

  app.post(
    '/shops/:id/staff',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Create a staff account for the shop (owner)',
        params: IdParams,
        body: AddStaffBody,
        response: { 201: StaffSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return addStaff(db, request.principal!, request.params.id, request.body);
    },
  );

  app.delete(
    '/shops/:id/staff/:userId',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Remove a staff member (owner)',
        params: Type.Object({ id: Id, userId: Id }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      await removeStaff(db, request.principal!, request.params.id, request.params.userId);
      return { ok: true as const };
    },
  );

  app.post(
    '/ops/shops/:id/state',
    {
      config: { access: { ops: ['super_admin'] } },
      schema: {
        tags,
        summary: 'Move a shop to another state (super admin)',
        params: IdParams,
        body: ShopStateBody,
        response: { 200: ShopSchema },
      },
    },
    async (request) =>
      changeShopState(
        db,
        request.params.id,
        { to: request.body.state, reason: request.body.reason, actorId: request.principal!.userId },
        clock,
      ),
  );
}
