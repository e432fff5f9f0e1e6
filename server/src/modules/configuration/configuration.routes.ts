import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { NonEmpty, Pagination, Timestamp } from '../../platform/schemas.ts';
import {
  currentConfig,
  currentPolicy,
  listConfigVersions,
  listPolicyVersions,
  updateConfig,
  updatePolicy,
} from './configuration.service.ts';
import { applySettings, keepSettingsCurrent } from './live-settings.ts';
import { PlatformConfigSchema } from './platform-config.ts';
import { AftersalesPolicySchema } from './policy.ts';

const ConfigVersionSchema = Type.Object({ version: Type.Integer(), config: PlatformConfigSchema });
const PolicyVersionSchema = Type.Object({ version: Type.Integer(), policy: AftersalesPolicySchema });
const stored = {
  note: Type.String(),
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Timestamp,
};
const StoredConfig = Type.Object({ version: Type.Integer(), config: PlatformConfigSchema, ...stored });
const StoredPolicy = Type.Object({ version: Type.Integer(), policy: AftersalesPolicySchema, ...stored });
const Page = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });
const Change = (description: string) =>
  Type.Object(
    {
      changes: Type.Record(Type.String(), Type.Unknown(), { description }),
      note: NonEmpty(500, { description: 'Why the change is made (kept with the version)' }),
    },
    { additionalProperties: false },
  );

const configurators = { ops: ['rule_admin'] } as const;
const readers = { ops: ['rule_admin', 'arbiter', 'reviewer'] } as const;

export async function configurationRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['configuration'];
  await keepSettingsCurrent(ctx);

  app.get(
    '/configuration',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Every number of the product rules in force (docs/product-rules.md §2–§6) and its version',
        description:
          'Sections: `marketplace` (§2), `deposits` (§3), `aftersales` (§4–5), `governance` (§6). A configuration key is the section and the field, e.g. `aftersales.merchantResponseMs`. Durations are ms, amounts fen, shares basis points.',
        response: { 200: ConfigVersionSchema },
      },
    },
    async () => currentConfig(db),
  );

  app.get(
    '/ops/configuration/versions',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Every version of the configuration, newest first, with who changed it and why',
        querystring: Pagination,
        response: { 200: Page(StoredConfig) },
      },
    },
    async (request) => listConfigVersions(db, request.query.limit ?? 20, request.query.offset ?? 0),
  );

  app.post(
    '/ops/configuration',
    {
      config: { access: configurators },
      schema: {
        tags,
        summary: 'Change the configuration: stored as a new version, in force at once for new decisions',
        body: Change(
          'Sections and keys to change, e.g. `{ "governance": { "appealWindowMs": 432000000 } }`; nested objects are merged, arrays replaced. Validated as a whole; a refused change names the field (`changes.governance.appealWindowMs`).',
        ),
        response: { 201: ConfigVersionSchema },
      },
    },
    async (request, reply) => {
      const saved = await updateConfig(db, {
        changes: request.body.changes,
        note: request.body.note,
        userId: request.principal!.userId,
      });
      applySettings(ctx.settings, saved);
      return reply.code(201).send(saved);
    },
  );

  app.get(
    '/configuration/aftersales',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The `aftersales` section in force (product rules §4–5) and the configuration version',
        response: { 200: PolicyVersionSchema },
      },
    },
    async () => currentPolicy(db),
  );

  app.get(
    '/ops/configuration/aftersales/versions',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The `aftersales` section of every configuration version, newest first',
        querystring: Pagination,
        response: { 200: Page(StoredPolicy) },
      },
    },
    async (request) => listPolicyVersions(db, request.query.limit ?? 20, request.query.offset ?? 0),
  );

  app.post(
    '/ops/configuration/aftersales',
    {
      config: { access: configurators },
      schema: {
        tags,
        summary: 'Change the `aftersales` section: a new configuration version, in force at once',
        body: Change(
          'Keys of the `aftersales` section to change; nested objects are merged. Validated as a whole.',
        ),
        response: { 201: PolicyVersionSchema },
      },
    },
    async (request, reply) => {
      const saved = await updatePolicy(db, {
        changes: request.body.changes,
        note: request.body.note,
        userId: request.principal!.userId,
      });
      return reply.code(201).send(saved);
    },
  );
}
