import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { NonEmpty, Pagination, Timestamp } from '../../platform/schemas.ts';
import { currentPolicy, listPolicyVersions, updatePolicy } from './configuration.service.ts';
import { AftersalesPolicySchema } from './policy.ts';

const PolicyVersionSchema = Type.Object({ version: Type.Integer(), policy: AftersalesPolicySchema });
const StoredVersion = Type.Object({
  version: Type.Integer(),
  policy: AftersalesPolicySchema,
  note: Type.String(),
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Timestamp,
});
const PolicyChange = Type.Object(
  {
    changes: Type.Record(Type.String(), Type.Unknown(), {
      description: 'Keys of the policy to change; nested objects are merged. Validated as a whole.',
    }),
    note: NonEmpty(500, { description: 'Why the change is made (kept with the version)' }),
  },
  { additionalProperties: false },
);

const configurators = { ops: ['rule_admin'] } as const;

export async function configurationRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['configuration'];

  app.get(
    '/configuration/aftersales',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The after-sales and guarantee policy in force (product rules §4–5) and its version',
        response: { 200: PolicyVersionSchema },
      },
    },
    async () => currentPolicy(db),
  );

  app.get(
    '/ops/configuration/aftersales/versions',
    {
      config: { access: { ops: ['rule_admin', 'arbiter', 'reviewer'] } },
      schema: {
        tags,
        summary: 'Every version of the after-sales policy, newest first, with who changed it and why',
        querystring: Pagination,
        response: {
          200: Type.Object({
            items: Type.Array(StoredVersion),
            total: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
        },
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
        summary: 'Change the after-sales policy: stored as a new version, in force at once for new decisions',
        body: PolicyChange,
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
