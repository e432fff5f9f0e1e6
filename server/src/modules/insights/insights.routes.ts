import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { readsFrom } from '../../platform/read-replica.ts';
import { IdParams } from '../../platform/schemas.ts';
import type { FulfilmentHooks } from '../fulfilment/index.ts';
import { DashboardQuery, DashboardSchema } from './dashboard.schema.ts';
import { shopDashboard } from './dashboard.service.ts';
import { feedbackCardRoutes } from './feedback-card.routes.ts';

export async function insightsRoutes(
  app: App,
  ctx: AppContext,
  hooks: Pick<FulfilmentHooks, 'refundedLines'>,
) {
  const { db, clock } = ctx;
  feedbackCardRoutes(app, ctx);

  app.get(
    '/shops/:id/dashboard',
    {
      config: { access: { kinds: ['merchant'] }, reads: 'replica' },
      schema: {
        tags: ['insights'],
        summary:
          'The merchant dashboard: what waits for the shop, GMV, orders, refunds and refund rates per day, totals against the period before, balances',
        description:
          'For members of the shop (another shop answers 404). `days` (7–90, default 30) local days of the platform calendar (Asia/Shanghai), ending today, every day present with zeros. GMV and paid orders count by day of payment; refunds (count and fen) by the day the money went back; the refund and quality-refund rates (basis points) are those of GET /shops/{id}/aftersales/metrics over the orders paid that day, as they stand now. Balances as GET /shops/{id}/balances. A day’s rates are null below `minOrdersForDailyRate` orders. `previous` is the same number of days before `from`. `todo` counts what waits for the shop with its soonest deadline: orders to ship, after-sales requests waiting for the merchant, warnings to fix, deposit to top up.',
        params: IdParams,
        querystring: DashboardQuery,
        response: { 200: DashboardSchema },
      },
    },
    async (request) =>
      shopDashboard(
        readsFrom(request, db),
        request.principal!,
        {
          shopId: request.params.id,
          days: request.query.days ?? 30,
          now: clock.now(),
        },
        hooks,
      ),
  );
}
