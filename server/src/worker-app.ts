import { countFailingDeliveries } from './modules/webhooks/index.ts';
import type { AppContext } from './platform/context.ts';
import { type App, createHttp } from './platform/http.ts';
import { observability } from './platform/observability.ts';

/**
 * The HTTP side of a `worker` process: its probes and /metrics on PORT, nothing else (every API
 * route answers 404), so a balancer's health check and Prometheus reach it while requests go to the
 * `api` processes. No bearer token is ever resolved here.
 */
export async function buildWorkerApp(ctx: AppContext): Promise<App> {
  const app = await createHttp({
    logger: ctx.log,
    authenticate: async () => null,
    trustProxy: ctx.config.trustProxy,
    slowRequestMs: ctx.config.slowRequestMs,
    // nothing to document: the API is served by the api processes
    openapi: false,
  });
  await observability(app, {
    db: ctx.db,
    clock: ctx.clock,
    metricsToken: ctx.config.metricsToken,
    webhookDeliveriesFailing: countFailingDeliveries,
  });
  return app;
}
