import { Type } from '@sinclair/typebox';
import type { Principal } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Ok } from '../../platform/schemas.ts';
import {
  AddressBody,
  AddressPatchBody,
  BuyerAddressSchema,
  ShopAddressBody,
  ShopAddressParams,
  ShopAddressSchema,
} from './addresses.schema.ts';
import {
  createBuyerAddress,
  deleteBuyerAddress,
  listBuyerAddresses,
  listShopAddresses,
  putShopAddress,
  setDefaultBuyerAddress,
  updateBuyerAddress,
} from './addresses.service.ts';

const buyer = { kinds: ['buyer'] } as const;
const merchant = { kinds: ['merchant'] } as const;

/**
 * Port filled by the composition root (shops sits above addresses): throws 404 unless the caller is
 * the shop's owner or staff.
 */
export type RequireShopMember = (db: Executor, principal: Principal, shopId: number) => Promise<unknown>;

export async function addressesRoutes(app: App, ctx: AppContext, requireShopMember: RequireShopMember) {
  registerRoutes(app, ['addresses'], addressesRouteTable(ctx, requireShopMember));
}

function addressesRouteTable(
  { db, clock }: AppContext,
  requireShopMember: RequireShopMember,
): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/me/addresses',
      access: buyer,
      summary: "The buyer's address book (the default first, then the newest)",
      response: { 200: Type.Array(BuyerAddressSchema) },
      handler: async ({ principal }) => listBuyerAddresses(db, principal.userId),
    }),
    route({
      method: 'POST',
      url: '/me/addresses',
      access: buyer,
      summary: 'Add an address (the first one becomes the default)',
      description:
        '400 validation_failed naming recipient, phone, regionCode or detail; 409 address_limit_reached ' +
        'when the book already holds 20 addresses.',
      body: AddressBody,
      response: { 201: BuyerAddressSchema },
      status: 201,
      handler: async ({ principal, body }) => createBuyerAddress(db, principal.userId, body, clock),
    }),
    route({
      method: 'PATCH',
      url: '/me/addresses/:id',
      access: buyer,
      summary: 'Change an address of the caller (404 for anyone else’s)',
      params: IdParams,
      body: AddressPatchBody,
      response: { 200: BuyerAddressSchema },
      handler: async ({ principal, params, body }) =>
        updateBuyerAddress(db, principal.userId, params.id, body, clock),
    }),
    route({
      method: 'DELETE',
      url: '/me/addresses/:id',
      access: buyer,
      summary: 'Delete an address; when it was the default, the newest other one becomes the default',
      params: IdParams,
      response: { 200: Ok },
      handler: async ({ principal, params }) => {
        await deleteBuyerAddress(db, principal.userId, params.id, clock);
        return { ok: true as const };
      },
    }),
    route({
      method: 'POST',
      url: '/me/addresses/:id/default',
      access: buyer,
      summary: 'Make an address the default (the previous default is cleared in the same transaction)',
      params: IdParams,
      response: { 200: BuyerAddressSchema },
      handler: async ({ principal, params }) =>
        setDefaultBuyerAddress(db, principal.userId, params.id, clock),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/addresses',
      access: merchant,
      summary: "The shop's warehouse and return addresses (owner or staff)",
      params: IdParams,
      response: { 200: Type.Array(ShopAddressSchema) },
      handler: async ({ principal, params }) => {
        await requireShopMember(db, principal, params.id);
        return listShopAddresses(db, params.id);
      },
    }),
    route({
      method: 'PUT',
      url: '/shops/:id/addresses/:kind',
      access: merchant,
      summary: "Set the shop's warehouse or return address (owner or staff)",
      description: 'Returns approved by the merchant are sent to the return address (else the warehouse).',
      params: ShopAddressParams,
      body: ShopAddressBody,
      response: { 200: ShopAddressSchema },
      handler: async ({ principal, params, body }) => {
        await requireShopMember(db, principal, params.id);
        return putShopAddress(db, params.id, params.kind, body, clock);
      },
    }),
  ];
}
