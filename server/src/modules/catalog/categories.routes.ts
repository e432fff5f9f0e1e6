import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
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
  const { db } = ctx;
  const tags = ['catalog'];

  app.get(
    '/guarantees',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Every trust guarantee (信任购) with its labels',
        response: { 200: Type.Array(GuaranteeSchema) },
      },
    },
    async () => [...GUARANTEES],
  );

  app.get(
    '/categories',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The category tree with the rules of each category',
        response: { 200: Type.Array(CategoryNodeSchema) },
      },
    },
    async () => categoryTree(db),
  );

  app.get(
    '/categories/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One category with its path from the root and its default guarantees',
        params: IdParams,
        response: { 200: CategoryDetailSchema, 404: errorBodySchema },
      },
    },
    async (request) => categoryDetail(db, request.params.id),
  );

  app.post(
    '/ops/categories',
    {
      config: { access: ruleAdmin },
      schema: {
        tags,
        summary: 'Create a category (rule admin)',
        body: CreateCategoryBody,
        response: { 201: CategorySchema, ...failures },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createCategory(db, request.body);
    },
  );

  app.patch(
    '/ops/categories/:id',
    {
      config: { access: ruleAdmin },
      schema: {
        tags,
        summary: 'Edit a category (rule admin)',
        params: IdParams,
        body: UpdateCategoryBody,
        response: { 200: CategorySchema, ...failures },
      },
    },
    async (request) => updateCategory(db, request.params.id, request.body),
  );

  app.get(
    '/brands',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Every brand, by name', response: { 200: Type.Array(BrandSchema) } },
    },
    async () => listBrands(db),
  );

  app.post(
    '/ops/brands',
    {
      config: { access: ruleAdmin },
      schema: {
        tags,
        summary: 'Create a brand (rule admin)',
        body: CreateBrandBody,
        response: { 201: BrandSchema, ...failures },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createBrand(db, request.body);
    },
  );
}
