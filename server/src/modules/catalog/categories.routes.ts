import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import { createBrand, listBrands } from './brands.service.ts';
import { categoryDetail, categoryTree, createCategory, updateCategory } from './categories.service.ts';
import {
  BrandSchema,
  CategoryDetailSchema,
  CategoryNodeSchema,
  CategorySchema,
  CreateBrandBody,
  CreateCategoryBody,
  GuaranteeSchema,
  UpdateCategoryBody,
} from './category.schema.ts';
import { GUARANTEES } from './guarantees.ts';

const ruleAdmin = { ops: ['rule_admin'] } as const;
const failures = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

export async function categoryRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['catalog'], categoryRouteTable(ctx));
}

/** Categories, brands and guarantees as a table: one row per route (access, schemas, the use case). */
function categoryRouteTable({ db }: AppContext): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/guarantees',
      access: 'public',
      summary: 'Every trust guarantee (信任购) with its labels',
      response: { 200: Type.Array(GuaranteeSchema) },
      handler: async () => [...GUARANTEES],
    }),
    route({
      method: 'GET',
      url: '/categories',
      access: 'public',
      summary: 'The category tree with the rules of each category',
      response: { 200: Type.Array(CategoryNodeSchema) },
      handler: async () => categoryTree(db),
    }),
    route({
      method: 'GET',
      url: '/categories/:id',
      access: 'public',
      summary: 'One category with its path from the root and its default guarantees',
      params: IdParams,
      response: { 200: CategoryDetailSchema, 404: errorBodySchema },
      handler: async ({ params }) => categoryDetail(db, params.id),
    }),
    route({
      method: 'POST',
      url: '/ops/categories',
      access: ruleAdmin,
      summary: 'Create a category (rule admin)',
      body: CreateCategoryBody,
      response: { 201: CategorySchema, ...failures },
      status: 201,
      handler: async ({ body }) => createCategory(db, body),
    }),
    route({
      method: 'PATCH',
      url: '/ops/categories/:id',
      access: ruleAdmin,
      summary: 'Edit a category (rule admin)',
      params: IdParams,
      body: UpdateCategoryBody,
      response: { 200: CategorySchema, ...failures },
      handler: async ({ params, body }) => updateCategory(db, params.id, body),
    }),
    route({
      method: 'GET',
      url: '/brands',
      access: 'public',
      summary: 'Every brand, by name',
      response: { 200: Type.Array(BrandSchema) },
      handler: async () => listBrands(db),
    }),
    route({
      method: 'POST',
      url: '/ops/brands',
      access: ruleAdmin,
      summary: 'Create a brand (rule admin)',
      body: CreateBrandBody,
      response: { 201: BrandSchema, ...failures },
      status: 201,
      handler: async ({ body }) => createBrand(db, body),
    }),
  ];
}
