import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Ok } from '../../platform/schemas.ts';
import { TemplateBody, TemplateParams, TemplateSchema } from './freight.schema.ts';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from './templates.service.ts';

const merchant = { kinds: ['merchant'] } as const;
const failures = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** A shop's freight templates (运费模板): its members (owner or staff) manage them; other tenants get 404. */
export async function freightRoutes(app: App, { db, clock }: AppContext) {
  registerRoutes(
    app,
    ['freight'],
    [
      route({
        method: 'GET',
        url: '/shops/:id/freight-templates',
        access: merchant,
        summary: "The shop's freight templates, the default first",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(TemplateSchema) }), 404: errorBodySchema },
        handler: async ({ principal, params }) => ({ items: await listTemplates(db, principal, params.id) }),
      }),
      route({
        method: 'POST',
        url: '/shops/:id/freight-templates',
        access: merchant,
        summary: 'Create a freight template (a default one takes over from the old default)',
        params: IdParams,
        body: TemplateBody,
        response: { 201: TemplateSchema, ...failures },
        status: 201,
        handler: async ({ principal, params, body }) => createTemplate(db, principal, params.id, body, clock),
      }),
      route({
        method: 'GET',
        url: '/shops/:id/freight-templates/:templateId',
        access: merchant,
        summary: 'One freight template of the shop',
        params: TemplateParams,
        response: { 200: TemplateSchema, 404: errorBodySchema },
        handler: async ({ principal, params }) => getTemplate(db, principal, params.id, params.templateId),
      }),
      route({
        method: 'PUT',
        url: '/shops/:id/freight-templates/:templateId',
        access: merchant,
        summary: "Replace a template's terms; the next checkouts of its products use them",
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: TemplateSchema, ...failures },
        handler: async ({ principal, params, body }) =>
          updateTemplate(db, principal, params.id, params.templateId, body, clock),
      }),
      route({
        method: 'DELETE',
        url: '/shops/:id/freight-templates/:templateId',
        access: merchant,
        summary: 'Delete a template no product uses (409 freight_template_in_use otherwise)',
        params: TemplateParams,
        response: { 200: Ok, 404: errorBodySchema, 409: errorBodySchema },
        handler: async ({ principal, params }) => deleteTemplate(db, principal, params.id, params.templateId),
      }),
    ],
  );
}
