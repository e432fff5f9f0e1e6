import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import {
  AccountParams,
  AccountStatementSchema,
  LedgerReportSchema,
  StatementQuery,
} from './ledger.schema.ts';
import { checkLedger } from './ledger-check.service.ts';
import { accountStatement } from './ledger-read.service.ts';

// Money views: ops who settle disputes (arbiters) and super admins.
const access = { ops: ['arbiter', 'super_admin'] } as const;

export async function ledgerRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;

  app.get(
    '/ops/ledger/check',
    {
      config: { access },
      schema: {
        tags: ['ledger'],
        summary: 'Verify the ledger: entries balance, cached balances match postings, nothing is negative',
        response: { 200: LedgerReportSchema },
      },
    },
    async () => checkLedger(db),
  );

  app.get(
    '/ops/ledger/accounts/:code',
    {
      config: { access },
      schema: {
        tags: ['ledger'],
        summary: "An account's balance and its latest postings, newest first",
        params: AccountParams,
        querystring: StatementQuery,
        response: { 200: AccountStatementSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => accountStatement(db, request.params.code, request.query.limit ?? 20),
  );
}
